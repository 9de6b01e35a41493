#pragma once

#include "core/feedback.h"
#include "core/optimizer/deadline.h"
#include "core/optimizer/districtingproblem.h"
#include "core/optimizer/optimizeroptions.h"

namespace tessera {

/// A lower bound on travel from the places that cannot hold whole
/// territories: a region R (units chained by adjacency edges shorter than a
/// threshold, apart from the largest such piece) whose weight fits no whole
/// number of territories within the first balance goal's window must send
/// some of its weight A to territories centred outside it, each such unit
/// paying at least its travel to the nearest unit outside R, or take in
/// weight B from territories centred in it, each such unit paying at least
/// its travel to R; weight moving between regions is paid by the region it
/// leaves. The least total over whole numbers of territories per region is a
/// small integer programme (GLPK). No unit is counted twice, so the value is
/// a valid bound on any balanced plan with centres at units (contiguity is
/// not used). Taken as the larger of it and the Lagrangian bound: on the
/// European layer the islands carry most of the travel, which fractional
/// relaxations do not see. 0 when it does not apply or does not finish by
/// \a deadline or a cancel through \a feedback (polled between regions).
double islandCrossingBound(const DistrictingProblem &problem, const OptimizerOptions &options, Deadline deadline,
                           const Feedback *feedback = nullptr);

} // namespace tessera
