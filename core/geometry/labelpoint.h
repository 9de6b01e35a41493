#pragma once

#include "core/model/geo.h"

namespace tessera::geometry {

/// The visual centre of \a shape for placing a label: the point of its largest
/// part farthest from any boundary (the pole of inaccessibility, found with the
/// grid refinement of Mapbox's polylabel), which always lies inside, unlike the
/// area centroid of an L-shaped or crescent unit. Distances are measured on a
/// local plane where a degree of longitude is scaled by cos(latitude).
/// \a precisionDeg bounds how far the answer may be from the true pole; the
/// default (0.5 % of the part's size) is plenty for the map. For an empty
/// shape, an invalid (NaN) position.
LonLat labelPoint(const MultiPolygon &shape, double precisionDeg = 0.0);

} // namespace tessera::geometry
