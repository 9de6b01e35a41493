#pragma once

#include "core/feedback.h"
#include "core/optimizer/districtingproblem.h"
#include "core/optimizer/optimizeroptions.h"
#include "core/result.h"

#include <vector>

namespace tessera {

/// Outcome of the exact model.
struct ExactSolution {
    std::vector<int> plan;      ///< territory per unit
    std::vector<int> centres;   ///< centre unit per territory (chosen centres)
    double objective = 0.0;     ///< travel of the plan
    double bound = 0.0;         ///< best bound GLPK proved
    bool optimal = false;
    bool timeLimitHit = false;
    long long cuts = 0;
    long long nodes = 0;
    long long lpSolves = 0;
};

/// The Hess location-allocation model (chosen centres: x_ij with y_j = x_jj,
/// sum y = k) or the generalized assignment model (fixed centres), with
/// balance rows per goal, locks, and contiguity by lazy separator cuts
/// x_bj <= sum_{s in N(C)} x_sj added in GLPK's row-generation callback at
/// integral points (cut pool kept here, only violated rows added). Root LP by
/// glp_simplex, presolve and GLPK's primal heuristics off, \a incumbent (a
/// verified plan, may be empty) posted at the first heuristic callback.
/// Travel objective only.
Result<ExactSolution> solveExactDistricting(const DistrictingProblem &problem, const OptimizerOptions &options,
                                            const std::vector<int> &incumbent, const std::vector<int> &incumbentCentres,
                                            double timeLimitSeconds, Feedback *feedback = nullptr);

} // namespace tessera
