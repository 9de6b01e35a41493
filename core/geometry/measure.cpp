#include "core/geometry/measure.h"

#include "core/geometry/planarmoments.h"
#include "core/geometry/projection.h"

#include <cmath>
#include <limits>
#include <numbers>

namespace tessera::geometry {

namespace {

constexpr double DegToRad = std::numbers::pi / 180.0;

/// Centre of the projection for \a shape: the middle of its bounding box,
/// which bounds() takes the short way round the globe, so a shape crossing
/// the antimeridian (the Aleutians, Fiji) is centred near 180°, not 0°.
LonLat projectionCentre(const BoundingBox &box)
{
    const double lon = (box.minLon + box.maxLon) / 2.0;
    return {lon > 180.0 ? lon - 360.0 : lon, (box.minLat + box.maxLat) / 2.0};
}

/// Planar area and first moments of a ring on the projection; the sign
/// follows the ring's orientation.
PlanarMoments ringMoments(const Ring &ring, const EqualAreaProjection &projection)
{
    return planarMoments(ring.points, [&projection](const LonLat &p) { return projection.forward(p); });
}

} // namespace

double areaKm2(const MultiPolygon &shape)
{
    if (shape.isEmpty())
        return 0.0;
    const EqualAreaProjection projection(projectionCentre(shape.bounds()));
    double total = 0.0;
    for (const Polygon &polygon : shape.polygons) {
        double area = std::abs(ringMoments(polygon.outer, projection).area);
        for (const Ring &hole : polygon.holes)
            area -= std::abs(ringMoments(hole, projection).area);
        total += area;
    }
    return total;
}

LonLat centroid(const MultiPolygon &shape)
{
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const BoundingBox box = shape.bounds();
    if (!box.isValid())
        return {nan, nan};
    const EqualAreaProjection projection(projectionCentre(box));
    double area = 0.0, mx = 0.0, my = 0.0;
    auto add = [&](const Ring &ring, double sign) {
        PlanarMoments m = ringMoments(ring, projection);
        if (m.area < 0.0) { // normalise orientation: outer adds, holes subtract
            m.area = -m.area;
            m.mx = -m.mx;
            m.my = -m.my;
        }
        area += sign * m.area;
        mx += sign * m.mx;
        my += sign * m.my;
    };
    for (const Polygon &polygon : shape.polygons) {
        add(polygon.outer, 1.0);
        for (const Ring &hole : polygon.holes)
            add(hole, -1.0);
    }
    if (area > 1e-12)
        return projection.inverse({mx / area, my / area});

    // Degenerate (zero-area) shape: the mean of its vertices.
    double sx = 0.0, sy = 0.0;
    std::size_t count = 0;
    for (const Polygon &polygon : shape.polygons)
        for (const LonLat &p : polygon.outer.points) {
            const PlanarPoint q = projection.forward(p);
            sx += q.x;
            sy += q.y;
            ++count;
        }
    return count ? projection.inverse({sx / double(count), sy / double(count)}) : LonLat{nan, nan};
}

double perimeterKm(const MultiPolygon &shape)
{
    double total = 0.0;
    auto addRing = [&total](const Ring &ring) {
        const auto &pts = ring.points;
        if (pts.size() < 2)
            return;
        for (std::size_t i = 1; i < pts.size(); ++i)
            total += distanceKm(pts[i - 1], pts[i]);
        if (!(pts.front() == pts.back()))
            total += distanceKm(pts.back(), pts.front());
    };
    for (const Polygon &polygon : shape.polygons) {
        addRing(polygon.outer);
        for (const Ring &hole : polygon.holes)
            addRing(hole);
    }
    return total;
}

double distanceKm(const LonLat &a, const LonLat &b)
{
    const double lat1 = a.lat * DegToRad, lat2 = b.lat * DegToRad;
    const double sinDLat = std::sin((lat2 - lat1) / 2.0);
    const double sinDLon = std::sin((b.lon - a.lon) * DegToRad / 2.0);
    const double h = sinDLat * sinDLat + std::cos(lat1) * std::cos(lat2) * sinDLon * sinDLon;
    return 2.0 * EarthRadiusKm * std::asin(std::min(1.0, std::sqrt(h)));
}

RingSide locateInRing(const Ring &ring, const LonLat &p)
{
    const auto &pts = ring.points;
    const std::size_t n = pts.size();
    if (n < 3)
        return RingSide::Outside;
    bool inside = false;
    // Walk every edge (i-1, i), closing the ring implicitly.
    for (std::size_t i = 0, j = n - 1; i < n; j = i++) {
        const LonLat &a = pts[j];
        const LonLat &b = pts[i];
        const double minLat = std::min(a.lat, b.lat), maxLat = std::max(a.lat, b.lat);
        if (p.lat < minLat || p.lat > maxLat)
            continue;
        const double dx = b.lon - a.lon, dy = b.lat - a.lat;
        // On-boundary check: collinear within rounding and inside the edge's box.
        const double cross = dx * (p.lat - a.lat) - dy * (p.lon - a.lon);
        const double scale = std::abs(dx) + std::abs(dy);
        if (std::abs(cross) <= 1e-12 * scale && p.lon >= std::min(a.lon, b.lon) - 1e-12
            && p.lon <= std::max(a.lon, b.lon) + 1e-12)
            return RingSide::Boundary;
        if ((a.lat > p.lat) != (b.lat > p.lat)) {
            const double x = a.lon + (p.lat - a.lat) * dx / dy;
            if (p.lon < x)
                inside = !inside;
        }
    }
    return inside ? RingSide::Inside : RingSide::Outside;
}

bool contains(const Polygon &polygon, const LonLat &point)
{
    const RingSide outer = locateInRing(polygon.outer, point);
    if (outer == RingSide::Outside)
        return false;
    if (outer == RingSide::Boundary)
        return true;
    for (const Ring &hole : polygon.holes)
        if (locateInRing(hole, point) == RingSide::Inside)
            return false;
    return true;
}

bool contains(const MultiPolygon &shape, const LonLat &point)
{
    if (!std::isfinite(point.lon) || !std::isfinite(point.lat))
        return false;
    for (const Polygon &polygon : shape.polygons)
        if (contains(polygon, point))
            return true;
    return false;
}

double signedAreaDeg2(const Ring &ring)
{
    return planarMoments(ring.points, [](const LonLat &p) { return PlanarPoint{p.lon, p.lat}; }).area;
}

} // namespace tessera::geometry
