#pragma once

#include "core/model/geo.h"

#include <vector>

namespace tessera {
class UnitLayer;
}

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

/// Simplifies every unit of \a units so that neighbours stay seamless: rings
/// are cut at junctions (vertices where three or more boundary edges meet,
/// i.e. where the set of units along the boundary changes), and each shared
/// piece of boundary is simplified once, the same way for both units, with
/// Douglas–Peucker at \a toleranceDeg; junctions are always kept, so every
/// rook adjacency survives. Vertices closer than 1e-7° are treated as shared.
/// Returns one shape per unit, in unit order (empty for units without
/// geometry). Linear in the number of vertices; meant for the map's zoom
/// levels, prepared once.
std::vector<MultiPolygon> simplifyLayer(const UnitLayer &units, double toleranceDeg);

} // namespace tessera::geometry
