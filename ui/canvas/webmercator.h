#pragma once

#include "core/model/geo.h"

#include <QPointF>

#include <algorithm>
#include <cmath>
#include <numbers>

namespace tessera::ui::mercator {

/// Spherical Web Mercator (EPSG:3857), in metres.
inline constexpr double EarthRadiusM = 6378137.0;
inline constexpr double MaxLatitude = 85.05112878;

inline QPointF project(const LonLat &p)
{
    const double lat = std::clamp(p.lat, -MaxLatitude, MaxLatitude) * std::numbers::pi / 180.0;
    return {EarthRadiusM * p.lon * std::numbers::pi / 180.0,
            EarthRadiusM * std::log(std::tan(std::numbers::pi / 4.0 + lat / 2.0))};
}

inline LonLat unproject(const QPointF &m)
{
    return {m.x() / EarthRadiusM * 180.0 / std::numbers::pi,
            (2.0 * std::atan(std::exp(m.y() / EarthRadiusM)) - std::numbers::pi / 2.0) * 180.0 / std::numbers::pi};
}

/// Ground metres per Mercator metre at Mercator northing \a y (cos of the latitude).
inline double groundScale(double y)
{
    return 1.0 / std::cosh(y / EarthRadiusM);
}

} // namespace tessera::ui::mercator
