#pragma once

#include "core/geometry/projection.h"
#include "core/model/geo.h"

#include <QPointF>

#include <cmath>

/// The canvas's view of core's Web Mercator (geometry::toWebMercator): the
/// same projection and constants, as QPointF in metres, y growing northwards.
namespace tessera::ui::mercator {

inline QPointF project(const LonLat &p)
{
    const geometry::PlanarPoint m = geometry::toWebMercator(p);
    return {m.x, m.y};
}

inline LonLat unproject(const QPointF &m)
{
    return geometry::fromWebMercator({m.x(), m.y()});
}

/// Ground metres per Mercator metre at Mercator northing \a y (cos of the latitude).
inline double groundScale(double y)
{
    return 1.0 / std::cosh(y / geometry::WebMercatorRadiusM);
}

} // namespace tessera::ui::mercator
