#pragma once

#include "core/model/geo.h"

namespace tessera::geometry {

/// Stores a shape that crosses the antimeridian as one continuous piece of
/// the plane, so that every planar computation (area, centroid, topology,
/// the map) sees it whole and its bounds() is the true extent.
///
/// Convention: each ring is made continuous (no edge jumps more than 180° in
/// longitude: 179 → -179 becomes 179 → 181), then moved by whole turns so
/// that the shape's longitudes start in [-180, 180); a shape crossing 180°
/// therefore keeps longitudes above 180 ("extended longitudes", 170 .. 190),
/// and parts split at the antimeridian (170 .. 180 and -180 .. -170, as
/// RFC 7946 GeoJSON writes them) are joined on the same side (170 .. 190).
/// Shapes that do not cross are left as they are. Longitudes given in the
/// 0 .. 360 convention come back to -180 .. 180 unless the shape crosses 180°.
/// Limitation: units are unwrapped one by one, so a unit wholly west of 180°
/// keeps plain longitudes and a boundary it shares with a crossing unit is
/// not matched by the topology (-179 against 181). UnitIndex::locate looks
/// for points west of 180° in crossing units too.
/// Returns whether anything moved.
bool unwrapAntimeridian(MultiPolygon &shape);

} // namespace tessera::geometry
