#pragma once

#include "core/feedback.h"
#include "core/model/geo.h"
#include "core/model/ids.h"
#include "core/result.h"

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

namespace tessera {
class UnitLayer;
}

namespace tessera::geometry {

/// The one snapping tolerance of unit topology, in degrees (1e-6° ≈ 0.1 m):
/// vertices closer than this on both axes are one vertex, and boundary edges
/// running along each other within it count as shared. Adjacency, territory
/// outlines and the map's simplified zoom bands all stand on topology built
/// with it; only adjacency lets a caller choose another (AdjacencyOptions).
inline constexpr double DefaultSnapToleranceDeg = 1e-6;

/// How unit boundaries are matched when the topology is built.
struct TopologyOptions {
    /// Snapping tolerance in degrees, from 1e-7 to 1 (see DefaultSnapToleranceDeg).
    /// Larger values close wider gaps between neighbours but may join units
    /// that only come close. Cost: none.
    double snapToleranceDeg = DefaultSnapToleranceDeg;
};

/// The shared boundaries of a unit layer, built once: every unit ring is cut
/// into arcs at junctions (vertices where three or more distinct boundary
/// edges meet), and each arc is stored once with the unit on each side. A
/// boundary two units share vertex by vertex (after snapping) is one arc seen
/// by both rings, so anything derived from arcs (adjacency, dissolved
/// territory outlines, simplified zoom bands) is gap-free by construction.
///
/// Rings are oriented so that their unit lies on the left: outer rings
/// counter-clockwise, holes clockwise (planar, in degrees). An arc runs in the
/// direction of the ring that created it, so its left unit is always valid;
/// its right unit is invalid on the layer's outer boundary.
///
/// Boundaries whose vertices do not line up (a T-junction, a sliver narrower
/// than the tolerance) are one-sided arcs on both units; the units are still
/// recorded as neighbours in looseContacts(), with the overlapping length.
///
/// Cost: linear in the number of vertices (hash-grid snapping, hash-table
/// edge matching) plus a sort for the loose contacts.
class UnitTopology {
public:
    /// One arc: a polyline of snapped vertex ids between two junctions, or a
    /// closed ring (first vertex = last) when its ring has no junction.
    struct Arc {
        UnitId left;  ///< the unit on the left walking first → last (always valid)
        UnitId right; ///< the unit on the right; invalid on the outer boundary
        std::uint32_t begin = 0; ///< range in the vertex-id list
        std::uint32_t end = 0;
    };
    /// An arc as one ring walks it.
    struct ArcRef {
        std::uint32_t arc = 0;
        bool reversed = false;
    };
    /// One unit ring as a sequence of arcs; the ring closes on itself.
    struct TopoRing {
        UnitId unit;
        std::uint32_t polygon = 0; ///< index in the unit's MultiPolygon
        bool hole = false;
        std::vector<ArcRef> arcs;
    };
    /// Two units whose boundaries run along each other without sharing vertices.
    struct LooseContact {
        UnitId a; ///< a < b
        UnitId b;
        double lengthKm = 0.0; ///< overlapping length, great-circle
    };

    UnitTopology() = default;

    /// Builds the topology of \a units. Fails for a tolerance out of range
    /// (InvalidArgument) or when cancelled (Cancelled).
    static Result<UnitTopology> build(const UnitLayer &units, const TopologyOptions &options = {},
                                      Feedback *feedback = nullptr);
    /// The same from bare shapes (index = unit id; null shapes have no rings).
    static Result<UnitTopology> build(std::span<const std::shared_ptr<const MultiPolygon>> shapes,
                                      const TopologyOptions &options = {}, Feedback *feedback = nullptr);

    double snapToleranceDeg() const { return mTolerance; }
    std::size_t unitCount() const { return mUnitRings.empty() ? 0 : mUnitRings.size() - 1; }

    std::size_t vertexCount() const { return mVertices.size(); }
    /// Position of a snapped vertex: the first input position seen in its cluster.
    const LonLat &vertex(std::uint32_t id) const { return mVertices[id]; }

    std::size_t arcCount() const { return mArcs.size(); }
    const Arc &arc(std::size_t index) const { return mArcs[index]; }
    const std::vector<Arc> &arcs() const { return mArcs; }
    /// Vertex ids of an arc, first to last (a closed arc repeats its first id).
    std::span<const std::uint32_t> arcVertices(std::size_t index) const
    {
        return {mArcVertexIds.data() + mArcs[index].begin, mArcs[index].end - mArcs[index].begin};
    }
    /// Whether an arc is a whole ring (no junction on it).
    bool isClosed(std::size_t index) const;
    /// Great-circle length of an arc in km.
    double arcLengthKm(std::size_t index) const;
    /// Positions of an arc, first to last.
    std::vector<LonLat> arcPoints(std::size_t index) const;

    /// Every ring, grouped by unit in unit order (outer ring before its holes).
    const std::vector<TopoRing> &rings() const { return mRings; }
    /// The rings of one unit.
    std::span<const TopoRing> ringsOf(UnitId unit) const;

    const std::vector<LooseContact> &looseContacts() const { return mLooseContacts; }

private:
    double mTolerance = DefaultSnapToleranceDeg;
    std::vector<LonLat> mVertices;
    std::vector<std::uint32_t> mArcVertexIds;
    std::vector<Arc> mArcs;
    std::vector<TopoRing> mRings;
    std::vector<std::uint32_t> mUnitRings; ///< CSR offsets into mRings, unitCount + 1 entries
    std::vector<LooseContact> mLooseContacts;
};

} // namespace tessera::geometry
