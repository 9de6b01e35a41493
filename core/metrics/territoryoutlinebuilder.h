#pragma once

#include "core/metrics/territoryoutline.h"
#include "core/model/geo.h"
#include "core/model/ids.h"

#include <cstdint>
#include <span>
#include <vector>

namespace tessera {

class Alignment;
class UnitLayer;

/// Builds dissolved territory outlines from the unit rings without polygon
/// unions: every ring edge of every unit is hashed by its two end vertices;
/// an edge that a unit of the same territory also has (in the opposite
/// direction) is interior and dropped, the rest (edges facing another
/// territory, an unassigned unit or nothing) are chained into rings.
///
/// Vertices are matched after rounding to snapDegrees, so neighbouring units
/// must share their boundary vertices (as topology-built layers and the
/// geometry module's repaired layers do); where they do not, the unmatched
/// stretches show up as thin slivers or open lines rather than vanishing.
/// Linear in the number of ring edges plus a sort.
class TerritoryOutlineBuilder {
public:
    /// Indexes the rings of \a units (copied: the layer need not outlive the builder).
    explicit TerritoryOutlineBuilder(const UnitLayer &units, double snapDegrees = 1e-7);

    std::size_t unitCount() const { return mUnitOffsets.empty() ? 0 : mUnitOffsets.size() - 1; }
    std::size_t vertexCount() const { return mVertices.size(); }
    std::size_t edgeCount() const { return mEdgeFrom.size(); }

    /// Outlines of every territory of \a alignment (index = territory id,
    /// territoryCount entries; a territory without units gets no rings).
    std::vector<TerritoryOutline> build(const Alignment &alignment, std::size_t territoryCount) const;

    /// Outlines of the listed territories only, in that order (for redrawing
    /// just what a ChangeSet names).
    std::vector<TerritoryOutline> build(const Alignment &alignment, std::span<const TerritoryId> territories) const;

private:
    struct Directed {
        std::int32_t territory;
        std::uint32_t low, high; ///< vertex ids, low < high
        bool forward;            ///< runs low → high
    };
    std::vector<TerritoryOutline> assemble(std::vector<Directed> &edges, std::span<const TerritoryId> order,
                                           std::size_t territoryCount) const;

    std::vector<LonLat> mVertices;          ///< first position seen for each rounded vertex
    std::vector<std::uint32_t> mUnitOffsets; ///< CSR: edges of each unit
    std::vector<std::uint32_t> mEdgeFrom;
    std::vector<std::uint32_t> mEdgeTo;
};

} // namespace tessera
