#pragma once

#include "core/feedback.h"
#include "core/result.h"
#include "core/routing/routingoptions.h"
#include "core/routing/routingproblem.h"
#include "core/routing/routingsolution.h"

namespace tessera {

/// Vehicle routing with time windows by ruin and recreate (Christiaens and
/// Vanden Berghe's SISR: adjacent string removal, greedy insertion with
/// blinks, simulated annealing), with a local search on every new best
/// solution and, for the vehicles objective, a route-removal phase that keeps
/// customers out and weighs them by how long they stayed out.
///
/// The initial solution is the same greedy insertion from empty routes.
/// Customers that fit no route within the fleet stay unassigned (the rep
/// planner relies on it); the objective then counts them first, weighted by
/// priority.
class VrptwSolver {
public:
    VrptwSolver(const RoutingProblem &problem, const RoutingOptions &options);

    /// Cancelled through \a feedback: Error{Cancelled}.
    Result<RoutingSolution> solve(Feedback *feedback = nullptr) const;

private:
    const RoutingProblem &mProblem;
    RoutingOptions mOptions;
};

} // namespace tessera
