#pragma once

#include "core/optimizer/deadline.h"
#include "core/optimizer/districtingproblem.h"
#include "core/optimizer/optimizeroptions.h"

#include <vector>

namespace tessera {

/// Label of each territory of \a plan when labels are reps with homes at
/// problem.fixedCentres: the one-to-one assignment of territories to homes
/// with the least total travel from home (shortest augmenting paths, O(k^3):
/// 0.2 s at k = 500 where GLPK's out-of-kilter solver took 18 s), so that a
/// plan drawn with freely chosen centres does not hand a rep a territory at
/// the far end of the region. Past \a deadline the territories not yet
/// matched take the nearest free home (greedy). Returns rename[t] for t in
/// [0, k); empty when there is not one home per territory.
std::vector<int> labelsByHome(const DistrictingProblem &problem, const OptimizerOptions &options,
                              const std::vector<int> &plan, Deadline deadline = {});

} // namespace tessera
