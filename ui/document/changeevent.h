#pragma once

#include "core/model/ids.h"

#include <cstdint>
#include <vector>

namespace tessera::ui {

/// What an edit changed, sent by Document::changed(). Views look at the bits
/// they draw and at the ids, and refresh only that.
struct ChangeEvent {
    enum Property : std::uint32_t {
        Assignment = 1u << 0,     ///< units moved between territories (units, territories: old and new)
        Locks = 1u << 1,          ///< units locked or unlocked (units)
        TerritoryName = 1u << 2,  ///< territories renamed (territories)
        TerritoryColor = 1u << 3, ///< territories recoloured (territories)
        TerritoryRep = 1u << 4,   ///< a rep assigned or removed (territories)
        TerritoryList = 1u << 5,  ///< territories added, removed or renumbered; ids may have shifted
        Project = 1u << 6,        ///< a new project or scenario: everything changed
        Reps = 1u << 7,           ///< reps added, removed or edited (name, home, capacity, skills); ids may have shifted
    };

    std::uint32_t properties = 0;
    std::vector<UnitId> units;             ///< units concerned (empty with TerritoryList/Project)
    std::vector<TerritoryId> territories;  ///< territories concerned

    bool touches(std::uint32_t mask) const { return (properties & mask) != 0; }
    /// True when the change invalidates everything (new project, territory list reshaped).
    bool isStructural() const { return touches(Project | TerritoryList); }
};

} // namespace tessera::ui
