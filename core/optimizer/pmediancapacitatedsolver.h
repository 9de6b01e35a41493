#pragma once

#include "core/feedback.h"
#include "core/optimizer/locationoptions.h"
#include "core/optimizer/locationproblem.h"
#include "core/optimizer/locationresult.h"
#include "core/result.h"

namespace tessera {

/// Capacitated p-median (single sourcing). Two paths:
/// - heuristic: seeds from the uncapacitated solution and the Lagrangian
///   solution, assigns customers to fixed sites by a regret rule plus shift /
///   swap moves, improves sites by location-allocation alternation and swap moves,
///   then polishes with GLPK on a reduced model (each customer limited to its
///   nearest sites);
/// - exact (customers * sites <= LocationOptions::exactMaxVariables): GLPK
///   branch-and-bound on the textbook model (x_ij <= y_j, sum_j x_ij = 1,
///   capacity rows, sum_j y_j = p), root LP by the simplex, our heuristic solution
///   posted as the first incumbent; the gap it reached is reported.
/// The lower bound is the best of the Lagrangian bound (relaxed assignment rows,
/// a 0-1 knapsack per site) and GLPK's proven bound.
class PmedianCapacitatedSolver {
public:
    explicit PmedianCapacitatedSolver(LocationOptions options = {});

    /// Returns Error{Cancelled} when \a feedback asks to stop, Error{Infeasible}
    /// when the capacities cannot hold the demand.
    Result<LocationResult> solve(const LocationProblem &problem, Feedback *feedback = nullptr) const;

    /// GLPK alone on the textbook model: no bound, no incumbent, no column fixing
    /// (for comparison runs). \a timeLimitSeconds caps the run.
    static Result<LocationResult> solveTextbookModel(const LocationProblem &problem, double timeLimitSeconds,
                                                     Feedback *feedback = nullptr);

private:
    /// solve() after validation, inside glpk::run().
    Result<LocationResult> solveValidated(const LocationProblem &problem, Feedback *feedback) const;

    LocationOptions mOptions;
};

} // namespace tessera
