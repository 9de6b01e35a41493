#include "core/geometry/antimeridian.h"

#include <algorithm>
#include <cmath>

namespace tessera::geometry {

namespace {

/// Moves every vertex of \a ring by \a degrees of longitude.
bool shift(Ring &ring, double degrees)
{
    if (degrees == 0.0)
        return false;
    for (LonLat &p : ring.points)
        p.lon += degrees;
    return true;
}

/// Removes jumps of more than 180° between consecutive vertices, then moves
/// the ring by whole turns so that its westernmost longitude is in [-180, 180).
bool makeContinuous(Ring &ring)
{
    bool moved = false;
    for (std::size_t i = 1; i < ring.points.size(); ++i) {
        const double previous = ring.points[i - 1].lon;
        double &lon = ring.points[i].lon;
        const double turns = std::round((lon - previous) / 360.0);
        if (turns != 0.0 && std::isfinite(turns)) {
            lon -= turns * 360.0;
            moved = true;
        }
    }
    if (ring.points.empty())
        return moved;
    double west = ring.points.front().lon;
    for (const LonLat &p : ring.points)
        west = std::min(west, p.lon);
    if (!std::isfinite(west))
        return moved;
    return shift(ring, -360.0 * std::floor((west + 180.0) / 360.0)) || moved;
}

double westOf(const Ring &ring)
{
    double west = ring.points.empty() ? 0.0 : ring.points.front().lon;
    for (const LonLat &p : ring.points)
        west = std::min(west, p.lon);
    return west;
}

double eastOf(const Ring &ring)
{
    double east = ring.points.empty() ? 0.0 : ring.points.front().lon;
    for (const LonLat &p : ring.points)
        east = std::max(east, p.lon);
    return east;
}

} // namespace

bool unwrapAntimeridian(MultiPolygon &shape)
{
    bool moved = false;
    for (Polygon &polygon : shape.polygons) {
        moved = makeContinuous(polygon.outer) || moved;
        for (Ring &hole : polygon.holes)
            moved = makeContinuous(hole) || moved;
    }
    // Parts on both sides of 180°: bounds() takes the short way round, and
    // every ring west of that extent moves one turn east into it.
    const BoundingBox extent = shape.bounds();
    if (!extent.isValid())
        return moved;
    constexpr double Slack = 1e-9;
    auto fit = [&](Ring &ring) {
        if (ring.points.empty())
            return false;
        if (westOf(ring) < extent.minLon - Slack && eastOf(ring) + 360.0 <= extent.maxLon + Slack)
            return shift(ring, 360.0);
        return false;
    };
    for (Polygon &polygon : shape.polygons) {
        moved = fit(polygon.outer) || moved;
        for (Ring &hole : polygon.holes)
            moved = fit(hole) || moved;
    }
    return moved;
}

} // namespace tessera::geometry
