#include "core/geometry/unittopology.h"

#include "core/geometry/flatmap64.h"
#include "core/geometry/measure.h"
#include "core/geometry/planarmoments.h"
#include "core/geometry/vertexsnapper.h"
#include "core/model/unitlayer.h"

#include <algorithm>
#include <cmath>
#include <string>

// How the topology is built (linear in the number of vertices):
//  1. Snapping: every vertex is snapped onto a grid of cells one tolerance
//     wide (VertexSnapper), so neighbours that repeat each other's vertices
//     exactly or nearly (slivers, gaps, last-digit noise) share vertex ids.
//     Rings are oriented with their unit on the left.
//  2. Junctions: a vertex where other than two distinct boundary edges meet.
//     Between junctions every vertex has exactly two edges, so the rings
//     through it walk the same chain: each chain is one arc.
//  3. Arcs: each ring is cut at its junctions; a run the other side already
//     created (found by its end edge) is referenced reversed and gives the
//     arc its right unit. A ring without a junction is one closed arc, walked
//     from its lowest vertex id so that both of its sides find it.
//  4. Loose contacts: edges of one-sided arcs are bucketed on a coarse grid;
//     pairs from different units that are collinear within the tolerance and
//     overlap by more than it are recorded with the overlap's length.

namespace tessera::geometry {

namespace {

constexpr double MinTolerance = 1e-7; // keeps grid cell indices within 32 bits
constexpr double MaxTolerance = 1.0;

std::uint64_t edgeKey(std::uint32_t a, std::uint32_t b)
{
    return a < b ? (std::uint64_t(a) << 32) | b : (std::uint64_t(b) << 32) | a;
}

struct IdRing {
    std::uint32_t unit = 0;
    std::uint32_t polygon = 0;
    bool hole = false;
    std::vector<std::uint32_t> ids; ///< open: the closing vertex is not repeated
};

struct LooseEdge {
    std::uint32_t from;
    std::uint32_t to;
    std::uint32_t unit;
};

/// Step 4: one-sided edges of different units that overlap along a common line.
std::vector<UnitTopology::LooseContact> matchCollinearEdges(const std::vector<LooseEdge> &open,
                                                            const std::vector<LonLat> &vertices, double tolerance)
{
    std::vector<UnitTopology::LooseContact> contacts;
    if (open.size() < 2)
        return contacts;
    double totalLength = 0.0;
    for (const LooseEdge &e : open) {
        const LonLat &a = vertices[e.from];
        const LonLat &b = vertices[e.to];
        totalLength += std::hypot(b.lon - a.lon, b.lat - a.lat);
    }
    const double cellSize = std::max(4.0 * tolerance, totalLength / double(open.size()));

    // (cell, edge) entries; a long edge is cut into pieces no longer than a
    // cell so each piece's tolerance box touches at most 3×3 cells.
    std::vector<std::pair<std::uint64_t, std::uint32_t>> entries;
    entries.reserve(open.size() * 4);
    std::vector<std::uint64_t> cells;
    for (std::uint32_t k = 0; k < open.size(); ++k) {
        const LonLat &a = vertices[open[k].from];
        const LonLat &b = vertices[open[k].to];
        const double length = std::hypot(b.lon - a.lon, b.lat - a.lat);
        const int pieces = std::max(1, int(std::ceil(length / cellSize)));
        cells.clear();
        for (int piece = 0; piece < pieces; ++piece) {
            const double t0 = double(piece) / pieces, t1 = double(piece + 1) / pieces;
            const double x0 = a.lon + (b.lon - a.lon) * t0, x1 = a.lon + (b.lon - a.lon) * t1;
            const double y0 = a.lat + (b.lat - a.lat) * t0, y1 = a.lat + (b.lat - a.lat) * t1;
            const auto cx0 = std::int64_t(std::floor((std::min(x0, x1) - tolerance) / cellSize));
            const auto cx1 = std::int64_t(std::floor((std::max(x0, x1) + tolerance) / cellSize));
            const auto cy0 = std::int64_t(std::floor((std::min(y0, y1) - tolerance) / cellSize));
            const auto cy1 = std::int64_t(std::floor((std::max(y0, y1) + tolerance) / cellSize));
            for (auto cx = cx0; cx <= cx1; ++cx)
                for (auto cy = cy0; cy <= cy1; ++cy)
                    cells.push_back(cellKey(cx, cy));
        }
        std::sort(cells.begin(), cells.end());
        cells.erase(std::unique(cells.begin(), cells.end()), cells.end());
        for (std::uint64_t cell : cells)
            entries.emplace_back(cell, k);
    }
    std::sort(entries.begin(), entries.end());

    FlatMap64 tested(open.size());
    for (std::size_t begin = 0; begin < entries.size();) {
        std::size_t end = begin + 1;
        while (end < entries.size() && entries[end].first == entries[begin].first)
            ++end;
        for (std::size_t i = begin; i < end; ++i)
            for (std::size_t j = i + 1; j < end; ++j) {
                const LooseEdge &s = open[entries[i].second];
                const LooseEdge &t = open[entries[j].second];
                if (s.unit == t.unit)
                    continue;
                const std::size_t before = tested.size();
                tested.insert(edgeKey(entries[i].second, entries[j].second), 1);
                if (tested.size() == before)
                    continue; // this pair already met in another cell
                // Use the longer edge as the reference line.
                LonLat a = vertices[s.from], b = vertices[s.to];
                LonLat c = vertices[t.from], d = vertices[t.to];
                double length = std::hypot(b.lon - a.lon, b.lat - a.lat);
                const double otherLength = std::hypot(d.lon - c.lon, d.lat - c.lat);
                if (otherLength > length) {
                    std::swap(a, c);
                    std::swap(b, d);
                    length = otherLength;
                }
                if (length <= tolerance)
                    continue;
                const double ux = (b.lon - a.lon) / length, uy = (b.lat - a.lat) / length;
                const double offC = std::abs(ux * (c.lat - a.lat) - uy * (c.lon - a.lon));
                const double offD = std::abs(ux * (d.lat - a.lat) - uy * (d.lon - a.lon));
                if (offC > tolerance || offD > tolerance)
                    continue;
                const double tc = ux * (c.lon - a.lon) + uy * (c.lat - a.lat);
                const double td = ux * (d.lon - a.lon) + uy * (d.lat - a.lat);
                const double lo = std::max(0.0, std::min(tc, td));
                const double hi = std::min(length, std::max(tc, td));
                if (hi - lo <= tolerance)
                    continue;
                const LonLat p{a.lon + ux * lo, a.lat + uy * lo};
                const LonLat q{a.lon + ux * hi, a.lat + uy * hi};
                const auto low = std::int32_t(std::min(s.unit, t.unit));
                const auto high = std::int32_t(std::max(s.unit, t.unit));
                contacts.push_back({UnitId(low), UnitId(high), distanceKm(p, q)});
            }
        begin = end;
    }
    return contacts;
}

} // namespace

Result<UnitTopology> UnitTopology::build(const UnitLayer &units, const TopologyOptions &options, Feedback *feedback)
{
    std::vector<std::shared_ptr<const MultiPolygon>> shapes;
    shapes.reserve(units.size());
    for (const Unit &unit : units.units())
        shapes.push_back(unit.geometry);
    return build(shapes, options, feedback);
}

Result<UnitTopology> UnitTopology::build(std::span<const std::shared_ptr<const MultiPolygon>> shapes,
                                         const TopologyOptions &options, Feedback *feedback)
{
    const double tolerance = options.snapToleranceDeg;
    if (!(tolerance >= MinTolerance && tolerance <= MaxTolerance))
        return makeError(ErrorCode::InvalidArgument,
                         "snap tolerance must be between 1e-7 and 1 degree, got " + std::to_string(tolerance));
    auto cancelled = [] { return makeError(ErrorCode::Cancelled, "unit topology build cancelled"); };

    UnitTopology topology;
    topology.mTolerance = tolerance;
    const std::size_t unitCount = shapes.size();

    std::size_t vertexCount = 0;
    for (const auto &shape : shapes)
        if (shape)
            for (const Polygon &polygon : shape->polygons) {
                vertexCount += polygon.outer.points.size();
                for (const Ring &hole : polygon.holes)
                    vertexCount += hole.points.size();
            }

    // Step 1: snap and orient every ring.
    VertexSnapper snapper(tolerance, vertexCount / 2 + 16);
    std::vector<IdRing> rings;
    auto addRing = [&](const Ring &ring, std::uint32_t unit, std::uint32_t polygon, bool hole) {
        IdRing out{unit, polygon, hole, {}};
        out.ids.reserve(ring.points.size());
        for (const LonLat &p : ring.points) {
            if (!std::isfinite(p.lon) || !std::isfinite(p.lat))
                continue;
            const std::uint32_t id = snapper.snap(p);
            if (out.ids.empty() || out.ids.back() != id)
                out.ids.push_back(id);
        }
        while (out.ids.size() > 1 && out.ids.front() == out.ids.back())
            out.ids.pop_back();
        if (out.ids.size() < 3)
            return;
        const double area = planarMoments(out.ids, [&snapper](std::uint32_t id) {
                                const LonLat &p = snapper.point(id);
                                return PlanarPoint{p.lon, p.lat};
                            }).area;
        if (area != 0.0 && (area > 0.0) == hole)
            std::reverse(out.ids.begin(), out.ids.end());
        rings.push_back(std::move(out));
    };
    for (std::size_t u = 0; u < unitCount; ++u) {
        if ((u & 4095) == 0) {
            if (isCancelled(feedback))
                return cancelled();
            reportProgress(feedback, 0.5 * double(u) / double(unitCount), "Matching unit boundaries");
        }
        if (!shapes[u])
            continue;
        const auto &polygons = shapes[u]->polygons;
        for (std::size_t p = 0; p < polygons.size(); ++p) {
            addRing(polygons[p].outer, std::uint32_t(u), std::uint32_t(p), false);
            for (const Ring &hole : polygons[p].holes)
                addRing(hole, std::uint32_t(u), std::uint32_t(p), true);
        }
    }
    topology.mVertices.reserve(snapper.size());
    for (std::uint32_t v = 0; v < snapper.size(); ++v)
        topology.mVertices.push_back(snapper.point(v));

    // Step 2: junctions.
    if (isCancelled(feedback))
        return cancelled();
    reportProgress(feedback, 0.5, "Finding boundary junctions");
    std::vector<std::uint8_t> degree(snapper.size(), 0);
    {
        FlatMap64 edges(vertexCount / 2 + 16);
        for (const IdRing &ring : rings)
            for (std::size_t i = 0, m = ring.ids.size(); i < m; ++i) {
                const std::uint32_t a = ring.ids[i], b = ring.ids[(i + 1) % m];
                const std::size_t before = edges.size();
                edges.insert(edgeKey(a, b), 1);
                if (edges.size() != before) {
                    degree[a] = std::uint8_t(std::min(degree[a] + 1, 255));
                    degree[b] = std::uint8_t(std::min(degree[b] + 1, 255));
                }
            }
    }

    // Step 3: arcs.
    reportProgress(feedback, 0.6, "Building boundary arcs");
    FlatMap64 arcByEndEdge(vertexCount / 4 + 16);
    auto &arcs = topology.mArcs;
    auto &arcIds = topology.mArcVertexIds;
    arcIds.reserve(vertexCount);
    auto resolve = [&](const std::vector<std::uint32_t> &run, std::uint32_t unit) -> ArcRef {
        const std::uint32_t found = arcByEndEdge.find(edgeKey(run[0], run[1]));
        if (found != FlatMap64::NotFound) {
            Arc &arc = arcs[found];
            const std::size_t length = arc.end - arc.begin;
            const std::uint32_t *ids = arcIds.data() + arc.begin;
            if (length == run.size() && !arc.right.isValid() && ids[length - 1] == run[0]
                && ids[length - 2] == run[1]) {
                arc.right = UnitId(std::int32_t(unit));
                return {found, true};
            }
            // Walked the same way or by a third ring: overlapping units; the
            // run becomes an arc of its own, found by nobody else.
        }
        const auto index = std::uint32_t(arcs.size());
        Arc arc{UnitId(std::int32_t(unit)), UnitId(), std::uint32_t(arcIds.size()), 0};
        arcIds.insert(arcIds.end(), run.begin(), run.end());
        arc.end = std::uint32_t(arcIds.size());
        arcs.push_back(arc);
        if (found == FlatMap64::NotFound) {
            arcByEndEdge.insert(edgeKey(run[0], run[1]), index);
            arcByEndEdge.insert(edgeKey(run[run.size() - 2], run.back()), index);
        }
        return {index, false};
    };

    topology.mUnitRings.assign(unitCount + 1, 0);
    topology.mRings.reserve(rings.size());
    std::vector<std::uint32_t> run;
    for (std::size_t r = 0; r < rings.size(); ++r) {
        if ((r & 4095) == 0 && isCancelled(feedback))
            return cancelled();
        const IdRing &ring = rings[r];
        const std::vector<std::uint32_t> &ids = ring.ids;
        const std::size_t m = ids.size();
        TopoRing topoRing{UnitId(std::int32_t(ring.unit)), ring.polygon, ring.hole, {}};
        std::size_t first = m;
        for (std::size_t i = 0; i < m; ++i)
            if (degree[ids[i]] != 2) {
                first = i;
                break;
            }
        if (first == m) {
            // No junction: one closed arc, walked from its lowest id.
            const auto low = std::size_t(std::min_element(ids.begin(), ids.end()) - ids.begin());
            run.clear();
            for (std::size_t k = 0; k <= m; ++k)
                run.push_back(ids[(low + k) % m]);
            topoRing.arcs.push_back(resolve(run, ring.unit));
        } else {
            run.assign(1, ids[first]);
            for (std::size_t k = 1; k <= m; ++k) {
                const std::uint32_t id = ids[(first + k) % m];
                run.push_back(id);
                if (degree[id] != 2 || k == m) {
                    topoRing.arcs.push_back(resolve(run, ring.unit));
                    run.assign(1, id);
                }
            }
        }
        ++topology.mUnitRings[ring.unit + 1];
        topology.mRings.push_back(std::move(topoRing));
    }
    for (std::size_t u = 0; u < unitCount; ++u)
        topology.mUnitRings[u + 1] += topology.mUnitRings[u];

    // Step 4: one-sided boundaries running along another unit's.
    if (isCancelled(feedback))
        return cancelled();
    reportProgress(feedback, 0.8, "Matching boundaries with unshared vertices");
    std::vector<LooseEdge> open;
    for (const Arc &arc : arcs) {
        if (arc.right.isValid() && arc.right != arc.left)
            continue;
        for (std::uint32_t i = arc.begin; i + 1 < arc.end; ++i)
            open.push_back({arcIds[i], arcIds[i + 1], std::uint32_t(arc.left.value())});
    }
    topology.mLooseContacts = matchCollinearEdges(open, topology.mVertices, tolerance);

    reportProgress(feedback, 1.0, "Unit topology built");
    return topology;
}

bool UnitTopology::isClosed(std::size_t index) const
{
    const Arc &arc = mArcs[index];
    return arc.end - arc.begin > 2 && mArcVertexIds[arc.begin] == mArcVertexIds[arc.end - 1];
}

double UnitTopology::arcLengthKm(std::size_t index) const
{
    double length = 0.0;
    const Arc &arc = mArcs[index];
    for (std::uint32_t i = arc.begin; i + 1 < arc.end; ++i)
        length += distanceKm(mVertices[mArcVertexIds[i]], mVertices[mArcVertexIds[i + 1]]);
    return length;
}

std::vector<LonLat> UnitTopology::arcPoints(std::size_t index) const
{
    std::vector<LonLat> points;
    for (std::uint32_t id : arcVertices(index))
        points.push_back(mVertices[id]);
    return points;
}

std::span<const UnitTopology::TopoRing> UnitTopology::ringsOf(UnitId unit) const
{
    if (!unit.isValid() || std::size_t(unit.value()) >= unitCount())
        return {};
    const auto u = std::size_t(unit.value());
    return {mRings.data() + mUnitRings[u], mUnitRings[u + 1] - mUnitRings[u]};
}

} // namespace tessera::geometry
