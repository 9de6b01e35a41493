#pragma once

#include "core/feedback.h"
#include "core/optimizer/deadline.h"
#include "core/optimizer/districtingproblem.h"
#include "core/optimizer/optimizeroptions.h"

#include <string>
#include <vector>

namespace tessera {

/// A valid lower bound on the compactness term and what it relaxes.
struct CompactnessBound {
    double value = 0.0;
    std::string label;
    int iterations = 0;
};

/// Pairs held in one iteration by default: 16 bytes each, so 160 MB (up to
/// twice that while the columns grow). With 48 bytes a pair and 2e7 pairs
/// the European layer at k = 39 peaked at 2 GB.
constexpr double BoundPairBudget = 1e7;

/// Lower bound on the travel objective: Lagrangian relaxation of "every unit
/// in exactly one territory" in the location-allocation (Hess) model, keeping
/// only the upper bound of the first balance goal. Each candidate centre then
/// solves a fractional knapsack over the units with negative reduced cost
/// (found through a grid, so the cost is about n × units per territory per
/// iteration) and the k best centres are taken. Up to 1.5 M unit-centre
/// pairs the same relaxation is also bounded on the dense cost matrix with
/// 0-1 knapsacks (PmedianLagrangianBound) and the larger value kept.
/// Contiguity, locks, lower bounds and the other goals are relaxed, so the
/// value is valid for the full model. \a upperBound (a known plan's travel) and \a startMultipliers (each
/// unit's travel in that plan) steer the subgradient steps; \a iterations is
/// the work budget. \a pairBudget caps the (unit, centre) pairs held in one
/// iteration (memory); when the multipliers would exceed it, their cap shrinks
/// and the iteration is repeated, so a bound is always computed. \a pairWorkBudget
/// caps the pairs over all iterations (infinite: \a iterations and \a deadline stop). Steps stop
/// at \a deadline (after the first, so the value is always a valid bound). For the
/// boundary objective: the k-1 shortest shared boundaries (any partition into
/// k non-empty parts of a connected graph cuts at least k-1 edges).
CompactnessBound compactnessLowerBound(const DistrictingProblem &problem, const OptimizerOptions &options,
                                       double upperBound, const std::vector<double> &startMultipliers, int iterations,
                                       Feedback *feedback = nullptr, double pairBudget = BoundPairBudget,
                                       Deadline deadline = {}, double pairWorkBudget = 2.5e8);

} // namespace tessera
