#pragma once

#include "core/model/geo.h"

namespace tessera::geometry {

/// Mean Earth radius used for every great-circle figure, in km.
inline constexpr double EarthRadiusKm = 6371.0088;

/// Area in km² on an equal-area projection (Lambert azimuthal equal-area
/// centred on the shape), holes subtracted.
double areaKm2(const MultiPolygon &shape);

/// Area centroid in WGS84; for an empty shape, an invalid (NaN) position.
LonLat centroid(const MultiPolygon &shape);

/// Outer plus hole boundary length in km.
double perimeterKm(const MultiPolygon &shape);

/// Great-circle (haversine) distance in km.
double distanceKm(const LonLat &a, const LonLat &b);

/// Whether \a point lies inside \a shape (boundary counts as inside).
bool contains(const MultiPolygon &shape, const LonLat &point);

} // namespace tessera::geometry
