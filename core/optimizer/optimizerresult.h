#pragma once

#include <cstdint>
#include <string>
#include <limits>
#include <vector>

namespace tessera {

/// Why one unit changed territory, in figures (positive = the move improved
/// that term by this much).
struct MoveExplanation {
    int unit = -1;
    int fromTerritory = -1; ///< territory in the current plan
    int toTerritory = -1;   ///< territory in the new plan
    double travelGain = 0.0;      ///< weighted (squared) km saved
    double boundaryGain = 0.0;    ///< km (or edges) of territory boundary removed
    double balanceGain = 0.0;     ///< reduction of the two territories' worst relative deviation
    double disruptionCost = 0.0;  ///< units or accounts moved (always a cost)

    /// "unit 17: territory 2 -> 4; travel -12.5, balance -0.031, ...". With
    /// territory names (of the current plan, of the new plan) the territories are
    /// named instead: "unit 17: territory 'North' -> 'East'; ...".
    std::string toString(const std::vector<std::string> &unitKeys, const std::vector<std::string> &fromNames = {},
                         const std::vector<std::string> &toNames = {}) const;
};

/// A territory that breaks a constraint in a result (see describeBreach()).
struct RebalanceBreach {
    int territory = -1;
    int pieces = 1;         ///< > 1: not contiguous
    int goal = -1;          ///< balance goal outside its tolerance, -1 = contiguity
    double deviation = 0.0; ///< relative deviation of that goal (0.062 = 6.2 % above)
};

/// Counters of one run, for the report and the benchmarks.
struct OptimizerStats {
    std::int64_t evaluatedMoves = 0;
    std::int64_t acceptedMoves = 0;
    std::int64_t repairs = 0;        ///< units reassigned by contiguity repair
    std::int64_t lpSolves = 0;
    std::int64_t cuts = 0;           ///< contiguity cuts added (exact path)
    std::int64_t nodes = 0;          ///< branch-and-bound nodes (exact path)
    std::int64_t enumeratedTerritories = 0; ///< connected territories examined by the exact enumeration
    int restarts = 0;
    std::int64_t refineRounds = 0;       ///< anytime improvement rounds (iterated local search)
    std::int64_t refineImprovements = 0; ///< rounds that found a better plan
    bool stallHit = false;               ///< the stall rule ended the improvement
    bool timeLimitHit = false;
    bool workBudgetHit = false;
};

/// The outcome of an optimizer run. Figures are recomputed from the final
/// plan, independently of the search's incremental bookkeeping.
struct OptimizerResult {
    std::vector<int> territory;      ///< territory per unit, 0..k-1
    std::vector<int> centres;        ///< centre unit per territory (-1 with fixed centres)
    double objective = 0.0;          ///< compactness + disruption term
    double compactness = 0.0;        ///< travel or boundary term alone
    double lowerBound = 0.0;         ///< valid lower bound on objective
    double gap = 0.0;                ///< (objective - lowerBound) / objective
    std::string boundLabel;          ///< what the bound relaxes, e.g. "vs relaxation without contiguity"
    bool provenOptimal = false;      ///< the exact path closed the gap
    bool exact = false;              ///< the exact path produced this plan
    double seconds = 0.0;
    std::vector<double> worstDeviation; ///< per balance goal, max |sum - mean| / mean
    /// Highest workload ÷ capacity over territories whose rep has a capacity
    /// (workload data only; NaN otherwise).
    double worstUtilisation = std::numeric_limits<double>::quiet_NaN();
    double leastUtilisation = std::numeric_limits<double>::quiet_NaN(); ///< lowest, likewise
    bool balanced = false;           ///< every goal within its tolerance, and the utilisation limit kept
    bool contiguous = false;         ///< every territory one piece
    int cutEdges = 0;
    double boundaryKm = 0.0;
    double inertia = 0.0;            ///< weighted squared distance to centroids (km²), for comparisons
    int movedUnits = 0;
    double movedAccounts = 0.0;
    std::vector<MoveExplanation> explanations;
    /// Rebalancing: the territories breaking a constraint (empty when none does).
    std::vector<RebalanceBreach> breaches;
    OptimizerStats stats;
};

} // namespace tessera
