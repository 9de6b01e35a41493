#pragma once

#include "core/optimizer/districtingproblem.h"
#include "core/optimizer/optimizeroptions.h"
#include "core/result.h"

namespace tessera {

/// Checks, before any solving, that the request can be met at all: sizes,
/// tolerances against the heaviest unit, the number of separate pieces of the
/// geography when contiguity is on (and whether each piece's weight can be cut
/// into whole territories within tolerance), locks, fixed centres and the
/// current plan for rebalancing. Fails with Error{Infeasible} (or
/// InvalidArgument for malformed options) whose message gives the reason.
Result<void> checkFeasibility(const DistrictingProblem &problem, const OptimizerOptions &options);

} // namespace tessera
