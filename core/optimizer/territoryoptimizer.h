#pragma once

#include "core/feedback.h"
#include "core/optimizer/districtingproblem.h"
#include "core/optimizer/optimizeroptions.h"
#include "core/optimizer/optimizerresult.h"
#include "core/result.h"

namespace tessera {

/// Builds balanced, compact (and by default contiguous) territories.
///
/// Checks feasibility first (Error{Infeasible} with the reason), then runs
/// the exact GLPK branch-and-cut for small problems or the scalable
/// heuristic otherwise, and always states a valid lower bound and gap. For
/// the boundary objective on graphs of at most 64 units the exact paths first
/// enumerate every contiguous plan (enumerateConnectedPartitions) within 30 %
/// of the time limit: that proves the optimum, or that no plan exists
/// (Error{Infeasible}), and otherwise hands its best plan on.
/// Deterministic for a given seed and work budget; progress and cancel go
/// through \a feedback (a cancelled run returns Error{Cancelled}).
Result<OptimizerResult> optimizeTerritories(const DistrictingProblem &problem, const OptimizerOptions &options,
                                            Feedback *feedback = nullptr);

/// Whether the exact path handles this request (size gate and features).
bool exactPathApplies(const DistrictingProblem &problem, const OptimizerOptions &options);

} // namespace tessera
