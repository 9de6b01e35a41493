#pragma once

#include "core/model/alignment.h"
#include "core/model/ids.h"
#include "core/model/territory.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace tessera {

/// One version of the plan: its territories, the alignment of units to them,
/// the parameters it was made with and the user's notes.
struct Scenario {
    ScenarioId id = 0;                 ///< row id in the project file; 0 = not stored yet
    std::string name;
    std::vector<Territory> territories; ///< index = TerritoryId value
    Alignment alignment;
    std::string parametersJson = "{}"; ///< optimizer/metric settings, as JSON text
    std::string notes;
    std::int64_t createdAt = 0;        ///< Unix seconds
    std::int64_t modifiedAt = 0;       ///< Unix seconds
    std::optional<ScenarioId> baseline; ///< plan this one is compared against
    /// The project's baseline: the plan every other scenario is compared
    /// against by default (at most one scenario of a project has it).
    bool isBaseline = false;
    /// What-if transforms that produced this scenario from its source, as a
    /// JSON array (see core/plan/whatiftransform.h); "[]" = none.
    std::string transformsJson = "[]";

    /// Appends a territory, assigning its id; returns the id.
    TerritoryId addTerritory(Territory territory)
    {
        territory.id = TerritoryId(static_cast<std::int32_t>(territories.size()));
        territories.push_back(std::move(territory));
        return territories.back().id;
    }

    bool operator==(const Scenario &) const = default;
};

} // namespace tessera
