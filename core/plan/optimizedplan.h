#pragma once

#include "core/result.h"

namespace tessera {
struct OptimizerResult;
struct Scenario;
}

namespace tessera::plan {

/// \a scenario with the plan of an optimizer run applied: every unit moves to
/// its territory in \a result, and territory t of the result is territory t of
/// the scenario, keeping its name, rep and colour. The optimizer labels a new
/// plan so that territory t is the one its rep's home serves (centres at the
/// homes, or labelsByHome() with free centres), so names and reps follow the
/// reps' homes. Territories beyond \a territoryCount are dropped (with the
/// account overrides pointing at them); missing ones are added as
/// "Territory N" with the least used palette colour and no rep. Locks and the
/// other account overrides are kept. Fails, changing nothing, when the result
/// does not fit the scenario.
Result<Scenario> applyOptimizerResult(const Scenario &scenario, const OptimizerResult &result, int territoryCount);

} // namespace tessera::plan
