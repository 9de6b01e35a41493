#pragma once

#include "core/model/scenario.h"

#include <string>
#include <string_view>

namespace tessera::scenariocodec {

/// The small parts of a scenario as JSON text, shared by the history table
/// and the recovery record so both read and write them the same way.

/// Territories as `[{"name", "color", "rep"}, ...]` (ids are the positions).
std::string territoriesJson(const Scenario &scenario);
/// Replaces the territories of \a scenario; false (scenario unchanged) when \a json is malformed.
bool readTerritories(std::string_view json, Scenario &scenario);

/// Account overrides as `[[account, territory], ...]`.
std::string overridesJson(const Scenario &scenario);
/// Replaces the account overrides of \a scenario; false (unchanged) when \a json is malformed.
bool readOverrides(std::string_view json, Scenario &scenario);

} // namespace tessera::scenariocodec
