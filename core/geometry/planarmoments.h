#pragma once

#include "core/geometry/projection.h"

#include <cstddef>
#include <iterator>

namespace tessera::geometry {

/// Signed area and first moments of a planar ring (the shoelace formula):
/// area > 0 for a counter-clockwise ring in a y-up plane. mx and my are ∫x dA
/// and ∫y dA, so the area centroid is (mx / area, my / area).
struct PlanarMoments {
    double area = 0.0;
    double mx = 0.0;
    double my = 0.0;
};

/// The shoelace formula over every edge of \a ring (closed implicitly: a
/// repeated closing point adds nothing), for any point type: \a toPlanar maps
/// a point to a PlanarPoint (identity for planar data, a projection for
/// degrees). Computed relative to the first point, so large coordinates
/// (Mercator metres) keep their precision. The one shoelace of the code base.
template<typename Range, typename ToPlanar>
PlanarMoments planarMoments(const Range &ring, ToPlanar toPlanar)
{
    PlanarMoments m;
    const auto n = static_cast<std::size_t>(std::size(ring));
    if (n < 3)
        return m;
    auto it = std::begin(ring);
    const PlanarPoint origin = toPlanar(*it);
    PlanarPoint previous{0.0, 0.0};
    for (std::size_t i = 1; i <= n; ++i) {
        PlanarPoint current{0.0, 0.0};
        if (i < n) {
            ++it;
            const PlanarPoint p = toPlanar(*it);
            current = {p.x - origin.x, p.y - origin.y};
        }
        const double cross = previous.x * current.y - current.x * previous.y;
        m.area += cross;
        m.mx += (previous.x + current.x) * cross;
        m.my += (previous.y + current.y) * cross;
        previous = current;
    }
    m.area /= 2.0;
    m.mx = m.mx / 6.0 + origin.x * m.area;
    m.my = m.my / 6.0 + origin.y * m.area;
    return m;
}

} // namespace tessera::geometry
