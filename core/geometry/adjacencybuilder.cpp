#include "core/geometry/adjacencybuilder.h"

#include "core/geometry/flatmap64.h"
#include "core/geometry/measure.h"
#include "core/geometry/vertexsnapper.h"

#include <algorithm>
#include <cmath>
#include <string>

// How adjacency is found (linear in the number of vertices):
//  1. Snapping: every vertex is snapped onto a grid of cells snapToleranceDeg
//     wide. A vertex joins an existing vertex in its own cell or in one of the
//     eight neighbouring cells when both coordinates differ by at most the
//     tolerance; otherwise it becomes a new vertex. Layers whose neighbours
//     share vertices exactly (TopoJSON arcs, Voronoi cells) or nearly so
//     (slivers and gaps narrower than the tolerance) end up sharing ids.
//  2. Edge matching: each boundary edge is keyed by its two snapped vertex ids
//     (orientation ignored) in a hash table; two units holding the same edge
//     are rook neighbours and the edge's great-circle length is added to
//     their shared length.
//  3. Unmatched edges (coastlines, and boundaries whose vertices do not line
//     up, e.g. a T-junction where one side has an extra vertex) are bucketed on
//     a coarse grid; pairs from different units that are collinear within the
//     tolerance and overlap by more than the tolerance become neighbours too,
//     with the overlap as shared length.
//  4. Queen adjacency (optional): units sharing a snapped vertex but no edge
//     become neighbours with a shared length of 0.

namespace tessera::geometry {

namespace {

constexpr double MinTolerance = 1e-7; // keeps grid cell indices within 32 bits
constexpr double MaxTolerance = 1.0;

std::uint64_t pairKey(std::uint32_t a, std::uint32_t b)
{
    return a < b ? (std::uint64_t(a) << 32) | b : (std::uint64_t(b) << 32) | a;
}

struct EdgeRecord {
    std::uint32_t from;
    std::uint32_t to;
    std::uint32_t unit;
    bool matched;
};

/// Shared boundary per unit pair, summed over edges.
class PairAccumulator {
public:
    explicit PairAccumulator(std::size_t expected) : mIndex(expected) {}

    void add(std::uint32_t a, std::uint32_t b, double lengthKm)
    {
        const std::uint32_t index = mIndex.insert(pairKey(a, b), std::uint32_t(mEdges.size()));
        if (index == mEdges.size())
            mEdges.push_back({UnitId(std::int32_t(std::min(a, b))), UnitId(std::int32_t(std::max(a, b))), 0.0});
        mEdges[index].sharedLengthKm += lengthKm;
    }

    std::vector<AdjacencyEdge> take() { return std::move(mEdges); }

private:
    FlatMap64 mIndex;
    std::vector<AdjacencyEdge> mEdges;
};

/// Step 3: unmatched edges that overlap along a common line.
void matchCollinearEdges(const std::vector<EdgeRecord> &edges, const VertexSnapper &vertices, double tolerance,
                         PairAccumulator &pairs)
{
    std::vector<std::uint32_t> open;
    double totalLength = 0.0;
    for (std::uint32_t i = 0; i < edges.size(); ++i) {
        if (edges[i].matched)
            continue;
        open.push_back(i);
        const LonLat &a = vertices.point(edges[i].from);
        const LonLat &b = vertices.point(edges[i].to);
        totalLength += std::hypot(b.lon - a.lon, b.lat - a.lat);
    }
    if (open.size() < 2)
        return;
    const double cellSize = std::max(4.0 * tolerance, totalLength / double(open.size()));

    // (cell, open edge) entries; a long edge is cut into pieces no longer than
    // a cell so each piece's tolerance box touches at most 3×3 cells.
    std::vector<std::pair<std::uint64_t, std::uint32_t>> entries;
    entries.reserve(open.size() * 4);
    std::vector<std::uint64_t> cells;
    for (std::uint32_t k = 0; k < open.size(); ++k) {
        const EdgeRecord &e = edges[open[k]];
        const LonLat &a = vertices.point(e.from);
        const LonLat &b = vertices.point(e.to);
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
                const EdgeRecord &s = edges[open[entries[i].second]];
                const EdgeRecord &t = edges[open[entries[j].second]];
                if (s.unit == t.unit)
                    continue;
                const std::size_t before = tested.size();
                tested.insert(pairKey(entries[i].second, entries[j].second), 1);
                if (tested.size() == before)
                    continue; // this pair already met in another cell
                // Use the longer edge as the reference line.
                LonLat a = vertices.point(s.from), b = vertices.point(s.to);
                LonLat c = vertices.point(t.from), d = vertices.point(t.to);
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
                pairs.add(s.unit, t.unit, distanceKm(p, q));
            }
        begin = end;
    }
}

} // namespace

Result<AdjacencyGraph> buildAdjacency(const UnitLayer &units, const AdjacencyOptions &options, Feedback *feedback)
{
    const double tolerance = options.snapToleranceDeg;
    if (!(tolerance >= MinTolerance && tolerance <= MaxTolerance))
        return makeError(ErrorCode::InvalidArgument,
                         "snap tolerance must be between 1e-7 and 1 degree, got " + std::to_string(tolerance));

    std::size_t vertexCount = 0;
    for (const Unit &unit : units.units())
        if (unit.geometry)
            for (const Polygon &polygon : unit.geometry->polygons) {
                vertexCount += polygon.outer.points.size();
                for (const Ring &hole : polygon.holes)
                    vertexCount += hole.points.size();
            }

    // Steps 1 and 2: snap vertices and match edges.
    VertexSnapper vertices(tolerance, vertexCount / 2 + 16);
    std::vector<EdgeRecord> edges;
    edges.reserve(vertexCount / 2 + 16);
    FlatMap64 edgeIndex(vertexCount / 2 + 16);
    PairAccumulator pairs(units.size() * 3 + 16);
    std::vector<std::uint64_t> vertexUnits; // (vertex << 32 | unit), for queen contacts
    std::vector<std::uint32_t> ids;

    auto addRing = [&](const Ring &ring, std::uint32_t unit) {
        ids.clear();
        for (const LonLat &p : ring.points)
            if (std::isfinite(p.lon) && std::isfinite(p.lat))
                ids.push_back(vertices.snap(p));
        if (ids.size() < 2)
            return;
        for (std::size_t i = 0; i < ids.size(); ++i) {
            const std::uint32_t from = ids[i];
            const std::uint32_t to = ids[(i + 1) % ids.size()];
            if (options.includePointContacts)
                vertexUnits.push_back((std::uint64_t(from) << 32) | unit);
            if (from == to)
                continue;
            const auto index = std::uint32_t(edges.size());
            const std::uint32_t found = edgeIndex.insert(pairKey(from, to), index);
            if (found == index) {
                edges.push_back({from, to, unit, false});
                continue;
            }
            EdgeRecord &first = edges[found];
            if (first.unit == unit)
                continue; // the same edge twice in one unit (touching parts, spikes)
            first.matched = true;
            pairs.add(first.unit, unit, distanceKm(vertices.point(from), vertices.point(to)));
        }
    };

    const std::size_t count = units.size();
    for (std::size_t i = 0; i < count; ++i) {
        if ((i & 4095) == 0) {
            if (isCancelled(feedback))
                return makeError(ErrorCode::Cancelled, "adjacency build cancelled");
            reportProgress(feedback, 0.8 * double(i) / double(count), "Matching unit boundaries");
        }
        const Unit &unit = units.units()[i];
        if (!unit.geometry)
            continue;
        for (const Polygon &polygon : unit.geometry->polygons) {
            addRing(polygon.outer, std::uint32_t(i));
            for (const Ring &hole : polygon.holes)
                addRing(hole, std::uint32_t(i));
        }
    }

    // Step 3: boundaries that do not share vertices but run along each other.
    if (isCancelled(feedback))
        return makeError(ErrorCode::Cancelled, "adjacency build cancelled");
    reportProgress(feedback, 0.8, "Matching boundaries with unshared vertices");
    matchCollinearEdges(edges, vertices, tolerance, pairs);

    // Step 4: point contacts.
    if (options.includePointContacts) {
        reportProgress(feedback, 0.9, "Finding point contacts");
        std::sort(vertexUnits.begin(), vertexUnits.end());
        vertexUnits.erase(std::unique(vertexUnits.begin(), vertexUnits.end()), vertexUnits.end());
        for (std::size_t begin = 0; begin < vertexUnits.size();) {
            std::size_t end = begin + 1;
            while (end < vertexUnits.size() && (vertexUnits[end] >> 32) == (vertexUnits[begin] >> 32))
                ++end;
            for (std::size_t i = begin; i < end; ++i)
                for (std::size_t j = i + 1; j < end; ++j)
                    pairs.add(std::uint32_t(vertexUnits[i]), std::uint32_t(vertexUnits[j]), 0.0);
            begin = end;
        }
    }

    reportProgress(feedback, 1.0, "Adjacency built");
    return AdjacencyGraph(count, pairs.take());
}

} // namespace tessera::geometry
