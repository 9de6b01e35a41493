#pragma once

#include <optional>
#include <string>

class OGRCoordinateTransformation;
class OGRSpatialReference;
class OGREnvelope;

namespace tessera::io {

/// Whether the coordinates of a layer can be what its CRS says they are.
/// A file that declares the wrong CRS otherwise imports silently at the wrong
/// place and scale (a longitude/latitude GeoJSON labelled EPSG:3857 becomes a
/// 3 m × 4 m patch near (0, 0)), so the extent is checked once, before any
/// feature is read:
/// - geographic CRS: the extent must meet longitude -180 .. 360 and latitude
///   ±90 (longitudes up to 360 are the extended longitudes of shapes crossing
///   180°); a layer with some stray features still meets it, and those
///   features are reported and skipped one by one by the importer;
/// - projected CRS: values that all lie within ±180 and ±90 are degrees
///   mislabelled as metres or feet (a real projected layer so close to the
///   false origin, under 400 m across, is no set of sales territories), and
///   the extent taken to longitude/latitude through \a toLonLat must meet the
///   CRS's area of use (OGRSpatialReference::GetAreaOfUse) widened by
///   CrsAreaMarginDeg.
/// \a extent is in the layer's data axis order, as OGRLayer::GetExtent gives
/// it. Returns nullopt when the coordinates are plausible, else why not
/// (without the file name or a hint; the caller adds them).
std::optional<std::string> checkCrsDomain(const OGRSpatialReference &crs, OGRCoordinateTransformation *toLonLat,
                                          const OGREnvelope &extent);

/// Degrees by which a projected CRS's area of use is widened before a layer
/// is said to lie outside it: data slightly beyond a UTM zone or a national
/// grid's official area is common and harmless.
inline constexpr double CrsAreaMarginDeg = 10.0;

/// "x 0.1 .. 3.2, y 50.5 .. 52" for messages.
std::string describeExtent(const OGREnvelope &extent);

} // namespace tessera::io
