#pragma once

#include <QPolygonF>

namespace tessera::ui {

/// Douglas-Peucker simplification of an open polyline; both end points are
/// kept, so two shapes sharing a boundary piece simplify it identically.
QPolygonF simplifyPolyline(const QPolygonF &line, double tolerance);

/// Signed area of a closed ring (shoelace), positive when counter-clockwise in a y-up plane.
double ringArea(const QPolygonF &ring);

/// Area centroid of a closed ring; the vertex mean when the area is zero.
QPointF ringCentroid(const QPolygonF &ring);

} // namespace tessera::ui
