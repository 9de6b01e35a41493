#include "core/geometry/projection.h"

#include "core/geometry/measure.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace tessera::geometry {

namespace {
constexpr double DegToRad = std::numbers::pi / 180.0;
constexpr double RadToDeg = 180.0 / std::numbers::pi;
} // namespace

PlanarPoint toWebMercator(const LonLat &point)
{
    const double lat = std::clamp(point.lat, -WebMercatorMaxLat, WebMercatorMaxLat) * DegToRad;
    return {WebMercatorRadiusM * point.lon * DegToRad,
            WebMercatorRadiusM * std::log(std::tan(std::numbers::pi / 4.0 + lat / 2.0))};
}

LonLat fromWebMercator(const PlanarPoint &point)
{
    return {point.x / WebMercatorRadiusM * RadToDeg,
            (2.0 * std::atan(std::exp(point.y / WebMercatorRadiusM)) - std::numbers::pi / 2.0) * RadToDeg};
}

EqualAreaProjection::EqualAreaProjection(const LonLat &centre)
    : mCentre(centre)
    , mLon0(centre.lon * DegToRad)
    , mSinLat0(std::sin(centre.lat * DegToRad))
    , mCosLat0(std::cos(centre.lat * DegToRad))
{
}

PlanarPoint EqualAreaProjection::forward(const LonLat &point) const
{
    // Snyder, Map Projections: A Working Manual, eq. 24-2 to 24-4 (sphere).
    const double lat = point.lat * DegToRad;
    const double dLon = point.lon * DegToRad - mLon0;
    const double sinLat = std::sin(lat), cosLat = std::cos(lat);
    const double cosDLon = std::cos(dLon);
    const double denominator = 1.0 + mSinLat0 * sinLat + mCosLat0 * cosLat * cosDLon;
    const double k = std::sqrt(2.0 / std::max(denominator, 1e-15));
    return {EarthRadiusKm * k * cosLat * std::sin(dLon),
            EarthRadiusKm * k * (mCosLat0 * sinLat - mSinLat0 * cosLat * cosDLon)};
}

LonLat EqualAreaProjection::inverse(const PlanarPoint &point) const
{
    // Snyder eq. 20-14, 20-15 and 24-16.
    const double rho = std::hypot(point.x, point.y);
    if (rho < 1e-12)
        return mCentre;
    const double c = 2.0 * std::asin(std::clamp(rho / (2.0 * EarthRadiusKm), -1.0, 1.0));
    const double sinC = std::sin(c), cosC = std::cos(c);
    const double lat = std::asin(std::clamp(cosC * mSinLat0 + point.y * sinC * mCosLat0 / rho, -1.0, 1.0));
    const double lon = mLon0 + std::atan2(point.x * sinC, rho * mCosLat0 * cosC - point.y * mSinLat0 * sinC);
    double lonDeg = lon * RadToDeg;
    if (lonDeg > 180.0)
        lonDeg -= 360.0;
    else if (lonDeg < -180.0)
        lonDeg += 360.0;
    return {lonDeg, lat * RadToDeg};
}

} // namespace tessera::geometry
