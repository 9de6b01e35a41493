#include "core/geometry/labelpoint.h"

#include "core/geometry/measure.h"

#include <cmath>
#include <limits>
#include <numbers>
#include <queue>

namespace tessera::geometry {

namespace {

struct Point {
    double x;
    double y;
};

/// A polygon on the local plane: outer ring then holes, each closed or not.
using PlanarPolygon = std::vector<std::vector<Point>>;

/// Signed distance from \a p to the polygon's boundary: positive inside.
double signedDistance(const Point &p, const PlanarPolygon &polygon)
{
    bool inside = false;
    double best = std::numeric_limits<double>::infinity();
    for (const auto &ring : polygon) {
        const std::size_t n = ring.size();
        for (std::size_t i = 0, j = n - 1; i < n; j = i++) {
            const Point &a = ring[i], &b = ring[j];
            if ((a.y > p.y) != (b.y > p.y) && p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x)
                inside = !inside;
            const double dx = b.x - a.x, dy = b.y - a.y;
            const double lengthSquared = dx * dx + dy * dy;
            double t = lengthSquared > 0.0 ? ((p.x - a.x) * dx + (p.y - a.y) * dy) / lengthSquared : 0.0;
            t = std::clamp(t, 0.0, 1.0);
            const double ex = p.x - (a.x + t * dx), ey = p.y - (a.y + t * dy);
            best = std::min(best, ex * ex + ey * ey);
        }
    }
    best = std::sqrt(best);
    return inside ? best : -best;
}

struct Cell {
    Point centre;
    double half;     ///< half the cell size
    double distance; ///< signed distance of the centre
    double potential; ///< best distance any point of the cell can reach
    Cell(Point c, double h, const PlanarPolygon &polygon)
        : centre(c), half(h), distance(signedDistance(c, polygon)), potential(distance + h * std::numbers::sqrt2)
    {
    }
};

} // namespace

LonLat labelPoint(const MultiPolygon &shape, double precisionDeg)
{
    const double nan = std::numeric_limits<double>::quiet_NaN();
    // The largest part by area carries the label.
    const Polygon *largest = nullptr;
    double largestArea = -1.0;
    for (const Polygon &polygon : shape.polygons) {
        if (polygon.outer.points.size() < 3)
            continue;
        double area = std::abs(signedAreaDeg2(polygon.outer));
        for (const Ring &hole : polygon.holes)
            area -= std::abs(signedAreaDeg2(hole));
        if (area > largestArea) {
            largestArea = area;
            largest = &polygon;
        }
    }
    if (!largest)
        return {nan, nan};

    BoundingBox box;
    for (const LonLat &p : largest->outer.points)
        box.expand(p);
    const double lat0 = (box.minLat + box.maxLat) / 2.0;
    const double scale = std::max(std::cos(lat0 * std::numbers::pi / 180.0), 1e-6);
    auto toPlane = [&](const LonLat &p) { return Point{(p.lon - box.minLon) * scale, p.lat - box.minLat}; };
    PlanarPolygon polygon;
    polygon.emplace_back();
    for (const LonLat &p : largest->outer.points)
        polygon.back().push_back(toPlane(p));
    for (const Ring &hole : largest->holes) {
        polygon.emplace_back();
        for (const LonLat &p : hole.points)
            polygon.back().push_back(toPlane(p));
    }

    const double width = (box.maxLon - box.minLon) * scale, height = box.maxLat - box.minLat;
    const double size = std::min(width, height);
    const double precision = precisionDeg > 0.0 ? precisionDeg : std::max(width, height) * 5e-3;
    if (size <= 0.0)
        return {box.minLon, box.minLat};

    auto byPotential = [](const Cell &a, const Cell &b) { return a.potential < b.potential; };
    std::priority_queue<Cell, std::vector<Cell>, decltype(byPotential)> queue(byPotential);
    const double half = size / 2.0;
    for (double x = 0.0; x < width; x += size)
        for (double y = 0.0; y < height; y += size)
            queue.emplace(Point{x + half, y + half}, half, polygon);

    // Start from the area centroid when it is inside, else the box centre.
    Cell best(Point{width / 2.0, height / 2.0}, 0.0, polygon);
    const LonLat c = centroid(MultiPolygon{{*largest}});
    if (std::isfinite(c.lon)) {
        const Cell centroidCell(toPlane(c), 0.0, polygon);
        if (centroidCell.distance > best.distance)
            best = centroidCell;
    }
    // Bounded work: a precision far below the shape's size cannot loop forever.
    for (int iterations = 0; !queue.empty() && iterations < 100000; ++iterations) {
        const Cell cell = queue.top();
        queue.pop();
        if (cell.distance > best.distance)
            best = cell;
        if (cell.potential - best.distance <= precision)
            continue;
        const double h = cell.half / 2.0;
        queue.emplace(Point{cell.centre.x - h, cell.centre.y - h}, h, polygon);
        queue.emplace(Point{cell.centre.x + h, cell.centre.y - h}, h, polygon);
        queue.emplace(Point{cell.centre.x - h, cell.centre.y + h}, h, polygon);
        queue.emplace(Point{cell.centre.x + h, cell.centre.y + h}, h, polygon);
    }
    return {box.minLon + best.centre.x / scale, box.minLat + best.centre.y};
}

} // namespace tessera::geometry
