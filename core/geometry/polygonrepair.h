#pragma once

#include "core/model/geo.h"

#include <string>

namespace tessera::geometry {

/// Outcome of checking one polygon from a file.
struct RepairReport {
    bool wasValid = true;     ///< valid as read
    bool repaired = false;    ///< made valid by orientation/closure/self-intersection fixes
    std::string reason;       ///< why it was invalid (Boost.Geometry's wording), if it was
};

/// Closes rings, fixes orientation, drops repeated points and degenerate
/// rings, and tries to resolve self-intersections. Returns what it did; the
/// shape is left valid or empty (when it cannot be repaired).
RepairReport repair(MultiPolygon &shape);

} // namespace tessera::geometry
