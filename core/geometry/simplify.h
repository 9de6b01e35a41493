#pragma once

#include "core/model/geo.h"

namespace tessera::geometry {

/// Douglas–Peucker simplification of a closed ring: drops every vertex
/// closer than \a toleranceDeg (planar, in degrees) to the simplified line.
/// The result stays closed and keeps at least a triangle (four points), so a
/// unit never vanishes from the map; the first vertex is always kept. Rings
/// given open are returned closed. Shared boundaries of neighbours are
/// simplified independently, so at large tolerances tiny gaps may show; meant
/// for display at a zoom level, not for measuring.
Ring simplifyRing(const Ring &ring, double toleranceDeg);

/// Simplifies every ring of \a shape. Holes and extra parts whose bounding box
/// is smaller than \a toleranceDeg on both axes are dropped (they would be
/// sub-pixel); the largest part is always kept.
MultiPolygon simplify(const MultiPolygon &shape, double toleranceDeg);

} // namespace tessera::geometry
