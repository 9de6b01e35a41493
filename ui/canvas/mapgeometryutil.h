#pragma once

#include "core/geometry/projection.h"
#include "core/geometry/simplify.h"

#include <QPolygonF>
#include <QRectF>

#include <vector>

namespace tessera::ui {

/// Inclusive overlap test that, unlike QRectF::intersects, accepts
/// degenerate (zero width or height) boxes such as a straight border piece.
inline bool overlaps(const QRectF &a, const QRectF &b)
{
    return a.left() <= b.right() && b.left() <= a.right() && a.top() <= b.bottom() && b.top() <= a.bottom();
}

/// Core's Douglas–Peucker (geometry::douglasPeucker) on a polyline in map
/// units; both end points are kept, so a shared piece of boundary simplifies
/// the same way whoever draws it. A tolerance <= 0 returns the line unchanged.
inline QPolygonF simplifyPolyline(const QPolygonF &line, double tolerance)
{
    if (line.size() <= 2 || !(tolerance > 0.0))
        return line;
    std::vector<geometry::PlanarPoint> points;
    points.reserve(static_cast<std::size_t>(line.size()));
    for (const QPointF &p : line)
        points.push_back({p.x(), p.y()});
    QPolygonF result;
    for (std::uint32_t i : geometry::douglasPeucker(points, tolerance))
        result.append(line[static_cast<qsizetype>(i)]);
    return result;
}

} // namespace tessera::ui
