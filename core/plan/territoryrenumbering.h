#pragma once

#include "core/model/ids.h"
#include "core/result.h"

#include <vector>

namespace tessera {
struct Scenario;
}

/// Removing, merging and renumbering the territories of a plan. Territory ids
/// are dense indices into Scenario::territories, so every removal renumbers
/// the territories after it; units, account overrides and territory ids follow.
namespace tessera::plan {

/// Renumbers \a scenario's territories: territory t becomes \a newId[t], or
/// is removed when \a newId[t] is invalid (its units become unassigned and
/// account overrides to it are cleared). The valid new ids must be exactly
/// 0..m-1 once each. Locks stay on their units. On error nothing changes.
Result<void> renumberTerritories(Scenario &scenario, const std::vector<TerritoryId> &newId);

/// Removes \a territory; its units become unassigned, later territories move
/// down by one.
Result<void> removeTerritory(Scenario &scenario, TerritoryId territory);

/// Merges \a from into \a into: the units and account overrides of \a from
/// join \a into, then \a from is removed (so \a into's id drops by one when it
/// came after \a from).
Result<void> mergeTerritories(Scenario &scenario, TerritoryId from, TerritoryId into);

} // namespace tessera::plan
