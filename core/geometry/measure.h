#pragma once

#include "core/model/geo.h"

namespace tessera::geometry {

/// Mean Earth radius used for every great-circle and equal-area figure, in km:
/// the IUGG mean radius R1 = (2a + b) / 3 of the WGS84 ellipsoid. The only
/// other radius in the code base is Web Mercator's (WebMercatorRadiusM, the
/// semi-major axis, which EPSG:3857 prescribes) and it is used for nothing else.
inline constexpr double EarthRadiusKm = 6371.0088;

/// Area in km² on an equal-area projection (Lambert azimuthal equal-area on
/// a sphere of radius EarthRadiusKm, centred on the shape's bounding box),
/// holes subtracted. The projection preserves area exactly on the sphere;
/// against the WGS84 ellipsoid the figure is within about 0.5 % (a 1°×1° cell
/// at the equator gives 12,364 km²). Ring orientation does not matter.
/// Shapes split at the antimeridian into parts near +180° and −180° are
/// measured correctly; single rings whose edges cross it are not supported.
double areaKm2(const MultiPolygon &shape);

/// Area centroid in WGS84 (computed on the same equal-area plane as
/// areaKm2); for an empty shape, an invalid (NaN) position. For a shape of
/// zero area, the mean of its vertices.
LonLat centroid(const MultiPolygon &shape);

/// Outer plus hole boundary length in km (great-circle edges).
double perimeterKm(const MultiPolygon &shape);

/// Great-circle distance in km between two WGS84 positions: the haversine
/// formula on a sphere of radius EarthRadiusKm. The one straight-line distance
/// of the code base (adjacency lengths, perimeters, the optimizer's and site
/// selection's distance matrices, travel estimates start from it).
double distanceKm(const LonLat &a, const LonLat &b);

/// Whether \a point lies inside \a shape (boundary counts as inside). Works
/// on any ring orientation; rings need not repeat their first point.
bool contains(const MultiPolygon &shape, const LonLat &point);

/// Whether \a point lies inside \a polygon (boundary counts as inside).
bool contains(const Polygon &polygon, const LonLat &point);

/// Where a point lies relative to one ring.
enum class RingSide { Outside, Inside, Boundary };

/// Even-odd test of \a point against \a ring, detecting the boundary.
RingSide locateInRing(const Ring &ring, const LonLat &point);

/// Signed planar area of \a ring in square degrees (counter-clockwise is
/// positive); used for orientation checks, not for measuring.
double signedAreaDeg2(const Ring &ring);

} // namespace tessera::geometry
