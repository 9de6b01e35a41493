#pragma once

#include "core/feedback.h"
#include "core/optimizer/deadline.h"
#include "core/optimizer/districtingproblem.h"
#include "core/optimizer/optimizeroptions.h"
#include "core/result.h"

#include <cstdint>
#include <limits>
#include <vector>

namespace tessera {

/// How an exhaustive search of the contiguous plans ended.
enum class EnumerationOutcome {
    Optimal,      ///< the plan is a best contiguous plan within every tolerance (proven)
    Infeasible,   ///< no contiguous plan within every tolerance exists (proven)
    Unknown,      ///< the work budget or deadline ran out; the plan is the best found, if any
    NotApplicable ///< the request is outside what the search handles (connectedPartitionsApply)
};

/// Outcome of enumerateConnectedPartitions().
struct EnumeratedPartition {
    EnumerationOutcome outcome = EnumerationOutcome::NotApplicable;
    std::vector<int> plan; ///< territory per unit, 0..k-1; empty when no plan was found
    double value = std::numeric_limits<double>::infinity(); ///< boundary objective of the plan
    std::int64_t work = 0;   ///< connected territories examined
    std::int64_t states = 0; ///< sub-problems (units left, territories left) solved
    bool timeLimitHit = false;
    bool workBudgetHit = false;
};

/// Whether the enumeration handles the request: the boundary objective with
/// contiguity, at most 64 units on the problem's graph, no locks, no
/// per-territory targets, no rebalancing, disruption or utilisation limit.
bool connectedPartitionsApply(const DistrictingProblem &problem, const OptimizerOptions &options);

/// Exact boundary optimum on a small graph: the best partition of the units
/// into options.territories connected territories, each within every balance
/// goal's tolerance of the mean, by the lowest total boundary (shared lengths,
/// or cut edges when the graph has none, as planevaluation measures it).
/// Dynamic programming over (units left, territories left): the territory of
/// the first unit left is each connected set around it within the balance
/// window, enumerated once each; the remaining pieces of the graph must each
/// hold a whole number of territories. Deterministic; \a workBudget counts
/// examined territories (0 = no budget) and \a deadline is the safety stop,
/// either ending in Unknown, as does a memory cap on the sub-problems kept.
/// Error only when cancelled through \a feedback.
Result<EnumeratedPartition> enumerateConnectedPartitions(const DistrictingProblem &problem, const OptimizerOptions &options,
                                                         Deadline deadline, std::int64_t workBudget,
                                                         Feedback *feedback = nullptr);

} // namespace tessera
