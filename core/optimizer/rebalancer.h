#pragma once

#include "core/feedback.h"
#include "core/optimizer/districtingproblem.h"
#include "core/optimizer/optimizeroptions.h"
#include "core/optimizer/optimizerresult.h"
#include "core/result.h"

#include <cstdint>
#include <string>
#include <vector>

namespace tessera {

/// Settings of a minimal-disruption rebalancing of the current plan.
struct RebalanceOptions {
    /// Attributes to bring within tolerance (targets as in BalanceGoal).
    std::vector<BalanceGoal> balance;
    /// Every territory must stay in one piece.
    bool contiguity = true;
    /// Seed of the restarts' tie-breaking; same seed and work budget, same plan.
    std::uint64_t seed = 1;
    /// Evaluated candidate moves over the whole call; 0 = automatic (scaled to
    /// the problem). Defines the result.
    std::int64_t workBudget = 0;
    /// Wall-clock safety stop for the whole call (0 = none); hitting it is reported.
    double timeLimitSeconds = 60.0;
    /// Fewest moves is proven by enumeration when the candidate plans up to
    /// the optimum number at most this many; above that the search is heuristic.
    std::int64_t exactMaxPlans = 2'000'000;
};

/// One rebalanced plan and its figures.
struct RebalanceOutcome {
    std::vector<int> plan;              ///< territory per unit (-1 stays unassigned)
    int movedUnits = 0;                 ///< units whose territory differs from the current plan
    std::vector<double> worstDeviation; ///< per goal, max |deviation| over territories
    double worstRatio = 0.0;            ///< max over goals of worst deviation ÷ tolerance (≤ 1 = within)
    bool balanced = false;
    bool contiguous = false;
    bool exact = false;                 ///< fewest moves proven by enumeration
    std::vector<RebalanceBreach> breaches;
    std::int64_t evaluatedMoves = 0;
    bool timeLimitHit = false;
    bool workBudgetHit = false;
};

/// One point of the trade-off between moves and balance.
struct RebalanceCurvePoint {
    int maxMoves = 0;       ///< the budget N
    bool fewest = false;    ///< the fewest-moves plan, inserted where it falls
    RebalanceOutcome outcome;
};

/// Minimal-disruption rebalancing: moves only units at territory borders (a
/// unit joins a territory it touches), never a locked unit, and keeps every
/// territory in one piece; a unit counts once however often it moves.
///
/// Greedy descent on the balance excess (then the squared deviations) with
/// seeded restarts that perturb the ranking, then moves that are not needed
/// are taken back. Fewest moves enumerates exactly on small problems.
/// Deterministic for a seed and work budget; the deadline is a safety stop.
class Rebalancer {
public:
    Rebalancer(const DistrictingProblem &problem, int territories, RebalanceOptions options);

    /// (b) The best balance (least worst deviation ÷ tolerance) moving at most \a maxMoves units.
    Result<RebalanceOutcome> bestWithin(int maxMoves, Feedback *feedback = nullptr);
    /// (a) The fewest moves that bring every goal within its tolerance; when
    /// none is found, the best balance reached (balanced = false, breaches named).
    Result<RebalanceOutcome> fewestMoves(Feedback *feedback = nullptr);
    /// Best balance for N = 0, 5, 10, 20, 40, … until a point is within every
    /// tolerance (or more moves stop helping), plus the fewest-moves point.
    Result<std::vector<RebalanceCurvePoint>> curve(Feedback *feedback = nullptr);

private:
    const DistrictingProblem &mProblem;
    int mTerritories = 0;
    RebalanceOptions mOptions;
};

/// "territory 'North' is in 2 pieces" / "territory 'North' is 6.2 % above the
/// mean population (tolerance ±5 %)": a breach in words, with names when given.
std::string describeBreach(const RebalanceBreach &breach, const std::vector<std::string> &territoryNames,
                           const std::vector<std::string> &goalNames, const std::vector<BalanceGoal> &goals);

} // namespace tessera
