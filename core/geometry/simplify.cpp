#include "core/geometry/simplify.h"

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

} // namespace tessera::geometry
