#pragma once

#include "core/model/geo.h"

#include <ostream>

namespace tessera::geometry {

/// A position on a projected plane; the unit depends on the projection
/// (metres for Web Mercator, km for EqualAreaProjection).
struct PlanarPoint {
    double x = 0.0;
    double y = 0.0;

    bool operator==(const PlanarPoint &) const = default;
    friend std::ostream &operator<<(std::ostream &out, const PlanarPoint &p)
    {
        return out << '(' << p.x << ", " << p.y << ')';
    }
};

/// Web Mercator (EPSG:3857) radius in metres: the WGS84 semi-major axis.
inline constexpr double WebMercatorRadiusM = 6378137.0;
/// Latitude limit of Web Mercator (the square world of map tiles), in degrees:
/// atan(sinh(π)), where the projected world becomes square. The map canvas and
/// the tile maths use this value.
inline constexpr double WebMercatorMaxLat = 85.0511287798066;

/// WGS84 degrees to Web Mercator metres (EPSG:3857). Latitudes beyond
/// ±WebMercatorMaxLat are clamped so the result is always finite.
PlanarPoint toWebMercator(const LonLat &point);

/// Web Mercator metres back to WGS84 degrees.
LonLat fromWebMercator(const PlanarPoint &point);

/// Lambert azimuthal equal-area projection on a sphere of radius
/// EarthRadiusKm, centred on a chosen point. Areas on the plane equal areas
/// on the sphere exactly; shapes are true near the centre, which is why the
/// geometry module centres it on the shape being measured. Output in km.
class EqualAreaProjection {
public:
    /// A projection centred on (0, 0).
    EqualAreaProjection() : EqualAreaProjection(LonLat{0.0, 0.0}) {}
    explicit EqualAreaProjection(const LonLat &centre);

    const LonLat &centre() const { return mCentre; }

    /// Degrees to km on the plane; the antipode of the centre is undefined.
    PlanarPoint forward(const LonLat &point) const;
    /// Km on the plane back to degrees.
    LonLat inverse(const PlanarPoint &point) const;

private:
    LonLat mCentre;
    double mLon0 = 0.0;    ///< radians
    double mSinLat0 = 0.0;
    double mCosLat0 = 1.0;
};

} // namespace tessera::geometry
