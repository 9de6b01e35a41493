#pragma once

#include "core/model/geo.h"

#include <string>

namespace tessera::geometry {

/// Outcome of checking one polygon from a file.
struct RepairReport {
    bool wasValid = true;     ///< valid as read (up to orientation and repeated points)
    bool repaired = false;    ///< was invalid and is now valid (closure, degenerate rings, self-intersections)
    bool normalised = false;  ///< ring orientation flipped or repeated points dropped; not an error, since
                              ///< formats differ (Shapefile outer rings run clockwise, GeoJSON ones counter-clockwise)
    std::string reason;       ///< why it was invalid (ours or Boost.Geometry's wording), if it was
};

/// Closes rings, orients outer rings counter-clockwise and holes clockwise,
/// drops repeated points and degenerate rings (fewer than three distinct
/// points, or no area), and resolves self-intersections by splitting crossed
/// rings into simple loops and rebuilding the shape with polygon union and
/// difference (a bow-tie becomes two triangles). Returns what it did; the shape
/// is left valid in Boost.Geometry's sense or empty (when it cannot be
/// repaired, with the reason).
RepairReport repair(MultiPolygon &shape);

} // namespace tessera::geometry
