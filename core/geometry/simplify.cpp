#include "core/geometry/simplify.h"

#include "core/geometry/flatmap64.h"
#include "core/geometry/vertexsnapper.h"
#include "core/model/unitlayer.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace tessera::geometry {

namespace {

double segmentDistance(const LonLat &p, const LonLat &a, const LonLat &b)
{
    const double dx = b.lon - a.lon, dy = b.lat - a.lat;
    const double lengthSquared = dx * dx + dy * dy;
    double t = 0.0;
    if (lengthSquared > 0.0)
        t = std::clamp(((p.lon - a.lon) * dx + (p.lat - a.lat) * dy) / lengthSquared, 0.0, 1.0);
    return std::hypot(p.lon - (a.lon + t * dx), p.lat - (a.lat + t * dy));
}

/// Marks the vertices Douglas–Peucker keeps between first and last (inclusive).
void markKept(const std::vector<LonLat> &points, std::size_t first, std::size_t last, double tolerance,
              std::vector<char> &keep)
{
    std::vector<std::pair<std::size_t, std::size_t>> stack{{first, last}};
    while (!stack.empty()) {
        const auto [from, to] = stack.back();
        stack.pop_back();
        double worst = -1.0;
        std::size_t worstIndex = from;
        for (std::size_t i = from + 1; i < to; ++i) {
            const double d = segmentDistance(points[i], points[from], points[to]);
            if (d > worst) {
                worst = d;
                worstIndex = i;
            }
        }
        if (worst > tolerance) {
            keep[worstIndex] = 1;
            stack.emplace_back(from, worstIndex);
            stack.emplace_back(worstIndex, to);
        }
    }
}

double boxExtent(const Ring &ring)
{
    BoundingBox box;
    for (const LonLat &p : ring.points)
        box.expand(p);
    return box.isValid() ? std::max(box.maxLon - box.minLon, box.maxLat - box.minLat) : 0.0;
}

} // namespace

Ring simplifyRing(const Ring &ring, double toleranceDeg)
{
    std::vector<LonLat> points = ring.points;
    if (points.size() >= 2 && points.front() == points.back())
        points.pop_back();
    const std::size_t n = points.size();
    if (n < 3) {
        Ring out{points};
        if (!points.empty())
            out.points.push_back(points.front());
        return out;
    }
    // Split the closed ring at the first vertex and the vertex farthest from
    // it, then simplify both halves.
    std::size_t far = 1;
    double farDistance = -1.0;
    for (std::size_t i = 1; i < n; ++i) {
        const double d = std::hypot(points[i].lon - points[0].lon, points[i].lat - points[0].lat);
        if (d > farDistance) {
            farDistance = d;
            far = i;
        }
    }
    std::vector<LonLat> closed = points;
    closed.push_back(points.front());
    std::vector<char> keep(closed.size(), 0);
    keep[0] = keep[far] = keep[n] = 1;
    markKept(closed, 0, far, toleranceDeg, keep);
    markKept(closed, far, n, toleranceDeg, keep);

    std::size_t kept = std::size_t(std::count(keep.begin(), keep.end(), char(1)));
    if (kept < 4) {
        // Keep a triangle: add the vertex farthest from the line first–far.
        double worst = -1.0;
        std::size_t worstIndex = 1;
        for (std::size_t i = 1; i < n; ++i) {
            if (i == far)
                continue;
            const double d = segmentDistance(closed[i], closed[0], closed[far]);
            if (d > worst) {
                worst = d;
                worstIndex = i;
            }
        }
        keep[worstIndex] = 1;
    }
    Ring out;
    for (std::size_t i = 0; i < closed.size(); ++i)
        if (keep[i])
            out.points.push_back(closed[i]);
    return out;
}

MultiPolygon simplify(const MultiPolygon &shape, double toleranceDeg)
{
    MultiPolygon out;
    std::size_t largest = 0;
    double largestExtent = -1.0;
    for (std::size_t i = 0; i < shape.polygons.size(); ++i) {
        const double extent = boxExtent(shape.polygons[i].outer);
        if (extent > largestExtent) {
            largestExtent = extent;
            largest = i;
        }
    }
    for (std::size_t i = 0; i < shape.polygons.size(); ++i) {
        const Polygon &polygon = shape.polygons[i];
        if (i != largest && boxExtent(polygon.outer) < toleranceDeg)
            continue;
        Polygon simple;
        simple.outer = simplifyRing(polygon.outer, toleranceDeg);
        for (const Ring &hole : polygon.holes)
            if (boxExtent(hole) >= toleranceDeg)
                simple.holes.push_back(simplifyRing(hole, toleranceDeg));
        out.polygons.push_back(std::move(simple));
    }
    return out;
}

namespace {

/// Douglas–Peucker on an open polyline of vertex ids, endpoints kept. The
/// polyline is walked in a canonical direction so both units sharing it get
/// the same result.
std::vector<std::uint32_t> simplifyArc(std::vector<std::uint32_t> arc, const VertexSnapper &vertices,
                                       double tolerance)
{
    const std::size_t n = arc.size();
    if (n <= 2)
        return arc;
    const bool reversed = arc.front() > arc.back() || (arc.front() == arc.back() && arc[1] > arc[n - 2]);
    if (reversed)
        std::reverse(arc.begin(), arc.end());
    std::vector<LonLat> points(n);
    for (std::size_t i = 0; i < n; ++i)
        points[i] = vertices.point(arc[i]);
    std::vector<char> keep(n, 0);
    keep.front() = keep.back() = 1;
    markKept(points, 0, n - 1, tolerance, keep);
    std::vector<std::uint32_t> out;
    for (std::size_t i = 0; i < n; ++i)
        if (keep[i])
            out.push_back(arc[i]);
    if (reversed)
        std::reverse(out.begin(), out.end());
    return out;
}

std::uint64_t edgeKey(std::uint32_t a, std::uint32_t b)
{
    return a < b ? (std::uint64_t(a) << 32) | b : (std::uint64_t(b) << 32) | a;
}

} // namespace

std::vector<MultiPolygon> simplifyLayer(const UnitLayer &units, double toleranceDeg)
{
    // Snap every ring to vertex ids; drop repeated ids and the closing vertex.
    std::size_t vertexCount = 0;
    for (const Unit &unit : units.units())
        if (unit.geometry)
            for (const Polygon &polygon : unit.geometry->polygons) {
                vertexCount += polygon.outer.points.size();
                for (const Ring &hole : polygon.holes)
                    vertexCount += hole.points.size();
            }
    VertexSnapper vertices(1e-7, vertexCount / 2 + 16);
    using IdRing = std::vector<std::uint32_t>;
    auto toIds = [&vertices](const Ring &ring) {
        IdRing ids;
        ids.reserve(ring.points.size());
        for (const LonLat &p : ring.points) {
            if (!std::isfinite(p.lon) || !std::isfinite(p.lat))
                continue;
            const std::uint32_t id = vertices.snap(p);
            if (ids.empty() || ids.back() != id)
                ids.push_back(id);
        }
        while (ids.size() > 1 && ids.front() == ids.back())
            ids.pop_back();
        return ids;
    };
    struct IdPolygon {
        IdRing outer;
        std::vector<IdRing> holes;
    };
    std::vector<std::vector<IdPolygon>> shapes(units.size());
    for (std::size_t u = 0; u < units.size(); ++u) {
        const Unit &unit = units.units()[u];
        if (!unit.geometry)
            continue;
        for (const Polygon &polygon : unit.geometry->polygons) {
            IdPolygon ids{toIds(polygon.outer), {}};
            for (const Ring &hole : polygon.holes)
                ids.holes.push_back(toIds(hole));
            shapes[u].push_back(std::move(ids));
        }
    }

    // Junctions: vertices with other than two distinct boundary edges.
    std::vector<std::uint8_t> degree(vertices.size(), 0);
    FlatMap64 edges(vertexCount / 2 + 16);
    auto countEdges = [&](const IdRing &ring) {
        for (std::size_t i = 0; i < ring.size() && ring.size() >= 2; ++i) {
            const std::uint32_t a = ring[i], b = ring[(i + 1) % ring.size()];
            const std::size_t before = edges.size();
            edges.insert(edgeKey(a, b), 1);
            if (edges.size() != before) {
                degree[a] = std::uint8_t(std::min(degree[a] + 1, 255));
                degree[b] = std::uint8_t(std::min(degree[b] + 1, 255));
            }
        }
    };
    for (const auto &shape : shapes)
        for (const IdPolygon &polygon : shape) {
            countEdges(polygon.outer);
            for (const IdRing &hole : polygon.holes)
                countEdges(hole);
        }

    auto simplifyIds = [&](const IdRing &ring) {
        Ring out;
        const std::size_t n = ring.size();
        if (n < 3) {
            for (std::uint32_t id : ring)
                out.points.push_back(vertices.point(id));
            if (!out.points.empty())
                out.points.push_back(out.points.front());
            return out;
        }
        std::size_t first = n;
        for (std::size_t i = 0; i < n; ++i)
            if (degree[ring[i]] != 2) {
                first = i;
                break;
            }
        IdRing kept;
        if (first == n) {
            // No junction: the whole ring is one closed piece of boundary
            // (an island, or an enclave shared with the hole around it).
            // Start at its lowest id, walk it as a closed arc.
            const auto low = std::size_t(std::min_element(ring.begin(), ring.end()) - ring.begin());
            IdRing arc;
            for (std::size_t k = 0; k <= n; ++k)
                arc.push_back(ring[(low + k) % n]);
            kept = simplifyArc(arc, vertices, toleranceDeg);
            kept.pop_back();
        } else {
            IdRing arc{ring[first]};
            for (std::size_t k = 1; k <= n; ++k) {
                const std::uint32_t id = ring[(first + k) % n];
                arc.push_back(id);
                if (degree[id] != 2 || k == n) {
                    const IdRing piece = simplifyArc(arc, vertices, toleranceDeg);
                    kept.insert(kept.end(), piece.begin(), piece.end() - 1);
                    arc.assign(1, id);
                }
            }
        }
        if (kept.size() < 3) {
            // Too coarse for this small ring: keep a triangle of it.
            Ring original;
            for (std::uint32_t id : ring)
                original.points.push_back(vertices.point(id));
            return simplifyRing(original, toleranceDeg);
        }
        for (std::uint32_t id : kept)
            out.points.push_back(vertices.point(id));
        out.points.push_back(out.points.front());
        return out;
    };

    std::vector<MultiPolygon> result(units.size());
    for (std::size_t u = 0; u < units.size(); ++u)
        for (const IdPolygon &polygon : shapes[u]) {
            if (polygon.outer.size() < 3)
                continue;
            Polygon simple;
            simple.outer = simplifyIds(polygon.outer);
            for (const IdRing &hole : polygon.holes)
                if (hole.size() >= 3)
                    simple.holes.push_back(simplifyIds(hole));
            result[u].polygons.push_back(std::move(simple));
        }
    return result;
}

} // namespace tessera::geometry
