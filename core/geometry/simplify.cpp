#include "core/geometry/simplify.h"

#include "core/geometry/unittopology.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace tessera::geometry {

namespace {

double segmentDistance(const PlanarPoint &p, const PlanarPoint &a, const PlanarPoint &b)
{
    const double dx = b.x - a.x, dy = b.y - a.y;
    const double lengthSquared = dx * dx + dy * dy;
    double t = 0.0;
    if (lengthSquared > 0.0)
        t = std::clamp(((p.x - a.x) * dx + (p.y - a.y) * dy) / lengthSquared, 0.0, 1.0);
    return std::hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

PlanarPoint planar(const LonLat &p)
{
    return {p.lon, p.lat};
}

double boxExtent(const Ring &ring)
{
    BoundingBox box;
    for (const LonLat &p : ring.points)
        box.expand(p);
    return box.isValid() ? std::max(box.maxLon - box.minLon, box.maxLat - box.minLat) : 0.0;
}

} // namespace

std::vector<std::uint32_t> douglasPeucker(std::span<const PlanarPoint> line, double tolerance)
{
    const std::size_t n = line.size();
    std::vector<std::uint32_t> kept;
    if (n <= 2 || !(tolerance > 0.0)) {
        for (std::size_t i = 0; i < n; ++i)
            kept.push_back(std::uint32_t(i));
        return kept;
    }
    std::vector<char> keep(n, 0);
    keep.front() = keep.back() = 1;
    std::vector<std::pair<std::size_t, std::size_t>> stack{{0, n - 1}};
    while (!stack.empty()) {
        const auto [from, to] = stack.back();
        stack.pop_back();
        double worst = -1.0;
        std::size_t worstIndex = from;
        for (std::size_t i = from + 1; i < to; ++i) {
            const double d = segmentDistance(line[i], line[from], line[to]);
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
    for (std::size_t i = 0; i < n; ++i)
        if (keep[i])
            kept.push_back(std::uint32_t(i));
    return kept;
}

Ring simplifyRing(const Ring &ring, double toleranceDeg)
{
    std::vector<PlanarPoint> points;
    points.reserve(ring.points.size() + 1);
    for (const LonLat &p : ring.points)
        points.push_back(planar(p));
    if (points.size() >= 2 && points.front() == points.back())
        points.pop_back();
    const std::size_t n = points.size();
    if (n < 3) {
        Ring out;
        for (const PlanarPoint &p : points)
            out.points.push_back({p.x, p.y});
        if (!points.empty())
            out.points.push_back(out.points.front());
        return out;
    }
    // Split the closed ring at the first vertex and the vertex farthest from
    // it, then simplify both halves.
    std::size_t far = 1;
    double farDistance = -1.0;
    for (std::size_t i = 1; i < n; ++i) {
        const double d = std::hypot(points[i].x - points[0].x, points[i].y - points[0].y);
        if (d > farDistance) {
            farDistance = d;
            far = i;
        }
    }
    points.push_back(points.front());
    std::vector<char> keep(points.size(), 0);
    const std::span<const PlanarPoint> closed(points);
    for (std::uint32_t i : douglasPeucker(closed.subspan(0, far + 1), toleranceDeg))
        keep[i] = 1;
    for (std::uint32_t i : douglasPeucker(closed.subspan(far), toleranceDeg))
        keep[far + i] = 1;

    if (std::count(keep.begin(), keep.end(), char(1)) < 4) {
        // Keep a triangle: add the vertex farthest from the line first–far.
        double worst = -1.0;
        std::size_t worstIndex = 1;
        for (std::size_t i = 1; i < n; ++i) {
            if (i == far)
                continue;
            const double d = segmentDistance(points[i], points[0], points[far]);
            if (d > worst) {
                worst = d;
                worstIndex = i;
            }
        }
        keep[worstIndex] = 1;
    }
    Ring out;
    for (std::size_t i = 0; i < points.size(); ++i)
        if (keep[i])
            out.points.push_back({points[i].x, points[i].y});
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

std::vector<MultiPolygon> simplifyLayer(const UnitTopology &topology, double toleranceDeg)
{
    // Each arc once: the vertex ids it keeps.
    std::vector<std::vector<std::uint32_t>> kept(topology.arcCount());
    std::vector<PlanarPoint> points;
    for (std::size_t a = 0; a < topology.arcCount(); ++a) {
        const auto ids = topology.arcVertices(a);
        points.clear();
        for (std::uint32_t id : ids)
            points.push_back(planar(topology.vertex(id)));
        for (std::uint32_t i : douglasPeucker(points, toleranceDeg))
            kept[a].push_back(ids[i]);
    }

    std::vector<MultiPolygon> result(topology.unitCount());
    std::vector<std::int32_t> polygonOf; // input polygon index -> output polygon index, per unit
    UnitId current;
    auto walk = [&topology](const UnitTopology::TopoRing &ring, auto idsOf) {
        Ring out;
        for (const UnitTopology::ArcRef &ref : ring.arcs) {
            const auto ids = idsOf(ref.arc);
            const std::size_t n = ids.size();
            for (std::size_t k = out.points.empty() ? 0 : 1; k < n; ++k)
                out.points.push_back(topology.vertex(ids[ref.reversed ? n - 1 - k : k]));
        }
        return out;
    };
    for (const UnitTopology::TopoRing &ring : topology.rings()) {
        if (ring.unit != current) {
            current = ring.unit;
            polygonOf.clear();
        }
        MultiPolygon &shape = result[static_cast<std::size_t>(ring.unit.value())];
        if (polygonOf.size() <= ring.polygon)
            polygonOf.resize(ring.polygon + 1, -1);
        if (!ring.hole) {
            polygonOf[ring.polygon] = static_cast<std::int32_t>(shape.polygons.size());
            shape.polygons.emplace_back();
        } else if (polygonOf[ring.polygon] < 0) {
            continue; // its outer ring collapsed
        }
        Ring simple = walk(ring, [&kept](std::uint32_t arc) { return std::span<const std::uint32_t>(kept[arc]); });
        if (simple.points.size() < 4) // too coarse for this small ring: keep a triangle of it
            simple = simplifyRing(walk(ring, [&topology](std::uint32_t arc) { return topology.arcVertices(arc); }),
                                  toleranceDeg);
        Polygon &polygon = shape.polygons[static_cast<std::size_t>(polygonOf[ring.polygon])];
        if (ring.hole)
            polygon.holes.push_back(std::move(simple));
        else
            polygon.outer = std::move(simple);
    }
    return result;
}

} // namespace tessera::geometry
