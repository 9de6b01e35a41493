#pragma once

#include "core/geometry/projection.h"
#include "core/model/geo.h"

#include <cstdint>
#include <span>
#include <vector>

namespace tessera::geometry {

class UnitTopology;

/// Douglas–Peucker on an open polyline: the indices (ascending) of the
/// vertices kept at \a tolerance, a planar distance in the points' own unit.
/// The first and last vertices are always kept; a tolerance <= 0 keeps every
/// vertex. The one Douglas–Peucker of the code base (rings, topology arcs,
/// the map's zoom bands and base map all use it).
std::vector<std::uint32_t> douglasPeucker(std::span<const PlanarPoint> line, double tolerance);

/// Douglas–Peucker simplification of a closed ring: drops every vertex
/// closer than \a toleranceDeg (planar, in degrees) to the simplified line.
/// The result stays closed and keeps at least a triangle (four points), so a
/// unit never vanishes from the map; the first vertex is always kept. Rings
/// given open are returned closed. A ring is simplified on its own: for
/// neighbours that must stay seamless use simplifyLayer.
Ring simplifyRing(const Ring &ring, double toleranceDeg);

/// Simplifies every ring of \a shape. Holes and extra parts whose bounding box
/// is smaller than \a toleranceDeg on both axes are dropped (they would be
/// sub-pixel); the largest part is always kept.
MultiPolygon simplify(const MultiPolygon &shape, double toleranceDeg);

/// Simplifies every unit of \a topology so that neighbours stay seamless:
/// each arc is simplified once with Douglas–Peucker at \a toleranceDeg, and
/// both units on its sides use that result; arc ends (junctions) are always
/// kept, so every rook adjacency survives. A ring that would fall below a
/// triangle keeps a triangle of its own (simplifyRing). Returns one shape per
/// unit, in unit order (empty for units without rings), rings oriented as in
/// the topology. Linear in the number of vertices.
std::vector<MultiPolygon> simplifyLayer(const UnitTopology &topology, double toleranceDeg);

} // namespace tessera::geometry
