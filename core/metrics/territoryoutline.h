#pragma once

#include "core/model/geo.h"
#include "core/model/ids.h"

#include <vector>

namespace tessera {

/// The dissolved outline of one territory, for drawing and export.
struct TerritoryOutline {
    TerritoryId territory;
    /// Closed rings in WGS84 (last point = first). Counter-clockwise rings
    /// bound the territory, clockwise rings are holes (the units' own ring
    /// orientation carries over).
    std::vector<Ring> rings;
    /// Boundary stretches that did not close into a ring (only when unit
    /// rings do not share vertices exactly); in WGS84, drawn as open lines.
    std::vector<std::vector<LonLat>> openLines;

    bool isEmpty() const { return rings.empty() && openLines.empty(); }
    bool operator==(const TerritoryOutline &) const = default;
};

} // namespace tessera
