#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace tessera {

/// One attribute to balance across territories.
struct BalanceGoal {
    BalanceGoal() = default;
    BalanceGoal(int attribute_, double tolerance_, std::vector<double> targets_ = {})
        : attribute(attribute_), tolerance(tolerance_), targets(std::move(targets_))
    {
    }

    /// Index into DistrictingProblem::attributeNames.
    int attribute = 0;
    /// Allowed deviation from the territory mean, relative (0.03 = ±3 %).
    /// Tighter tolerances make the search slower and may be infeasible.
    double tolerance = 0.05;
    /// Per-territory targets (index = territory); a missing index or NaN
    /// means the plan mean. The evaluation measures deviation against them
    /// with the metrics engine's rule (metrics::balanceReference,
    /// metrics::deviation); the search still aims at the mean.
    std::vector<double> targets;
};

/// What "compact" means for the optimizer.
enum class CompactnessObjective {
    /// Attribute-weighted (squared) distance from units to their territory
    /// centre: moment of inertia / p-median family. Cost: O(1) per move.
    Travel,
    /// Length of boundary shared between different territories; on a graph
    /// without lengths, the number of cut adjacency edges. Cost: O(degree).
    Boundary
};

/// Where territory centres come from.
enum class CentreMode {
    /// The optimizer chooses one unit per territory as its centre (Hess model).
    Chosen,
    /// Centres are fixed points (rep homes) given in DistrictingProblem::fixedCentres.
    Fixed
};

/// Which algorithm runs.
enum class SolverPath {
    /// Exact GLPK branch-and-cut for the travel objective when the problem is
    /// small enough (see exactMaxUnits / exactMaxBinaries), otherwise the
    /// scalable heuristic.
    Automatic,
    /// Always the GLPK model (for the boundary objective on at most 64 units,
    /// after the exact enumeration of contiguous plans); fails with
    /// InvalidArgument when it is not supported.
    Exact,
    /// Always the scalable heuristic.
    Heuristic
};

/// Every setting of one optimizer run. Defaults give a balanced, compact,
/// contiguous plan from scratch.
struct OptimizerOptions {
    /// Number of territories (k). Must be between 1 and the number of units.
    int territories = 2;
    /// Attributes to balance, each with its own tolerance. Empty = balance
    /// nothing (pure compactness).
    std::vector<BalanceGoal> balance;
    /// Compactness term of the objective.
    CompactnessObjective compactness = CompactnessObjective::Travel;
    /// Travel uses squared distance (moment of inertia) when true, plain
    /// distance (p-median) when false.
    bool squaredDistance = true;
    /// Attribute weighting the travel term (index into attributeNames); -1 =
    /// the first balance attribute, or 1 per unit when nothing is balanced.
    int travelWeightAttribute = -1;
    /// Weight of disruption against the current plan: objective += weight ×
    /// (moved units, or moved accounts when moveCapInAccounts) × the mean
    /// per-unit compactness cost, so 1 means "one moved unit costs as much as
    /// an average unit's travel". 0 = ignore the current plan.
    double disruptionWeight = 0.0;
    /// Utilisation limit: every territory whose rep has a capacity keeps its
    /// workload (accounts' hours plus travel from the rep's home, as the
    /// metrics engine measures it) at most this × the capacity (1.1 = 110 %).
    /// 0 = no limit. Needs DistrictingProblem::workloadHours; territories keep
    /// their reps (no relabelling), and the exact path does not apply.
    double utilisationMax = 0.0;
    /// Lower utilisation limit for the same territories (0.8 = 80 %), so
    /// utilisation is balanced within [utilisationMin, utilisationMax];
    /// 0 = none. Same needs as utilisationMax.
    double utilisationMin = 0.0;
    /// Every territory must be connected on the adjacency graph.
    bool contiguity = true;
    /// Centres fixed at rep homes or chosen by the optimizer.
    CentreMode centres = CentreMode::Chosen;
    /// Start from the current plan and only move boundary units (minimal-
    /// disruption rebalancing) instead of building a plan from scratch.
    bool rebalanceFromCurrent = false;
    /// Hard cap on moved units (or accounts, see moveCapInAccounts) relative
    /// to the current plan; -1 = no cap. Implies rebalanceFromCurrent.
    double moveCap = -1;
    /// The cap (and disruption) counts accounts per unit instead of units.
    bool moveCapInAccounts = false;
    /// Seed of every random choice; same seed and work budget = same plan.
    std::uint64_t seed = 1;
    /// Wall-clock stop in seconds for the whole call (0 = none): search,
    /// lower bound and rep matching all check it, so the call returns within
    /// the limit plus a small margin (the step under way: typically well under
    /// 0.5 s). Hitting it is reported; the result then depends on machine speed.
    double timeLimitSeconds = 60.0;
    /// Work budget in evaluated moves (heuristic) or branch-and-bound nodes
    /// (exact); defines the result deterministically. 0 = automatic: the
    /// construction gets a budget scaled to the problem size and the anytime
    /// improvement runs until the time limit, the stall rule or idleRounds.
    std::int64_t workBudget = 0;
    /// Stall rule: the anytime improvement stops after this many seconds
    /// without a better plan (0 = no such rule). Machine dependent, like the
    /// time limit.
    double stallSeconds = 0.0;
    /// The anytime improvement stops after this many consecutive rounds
    /// without a better plan (deterministic). 0 = automatic (4000: about 5 to
    /// 20 s on a few hundred units); -1 = no such rule.
    std::int64_t idleRounds = 0;
    /// With a time limit, the travel bound of a large problem (over 2000
    /// units) runs on a second thread beside the improvement, until the
    /// search ends, instead of in the reserve after it. Off: one thread.
    bool boundBesideSearch = true;
    /// Independent restarts of the heuristic (different seeds derived from
    /// seed); the best plan wins. 0 = automatic (more for small problems).
    int restarts = 0;
    /// Which algorithm runs.
    SolverPath path = SolverPath::Automatic;
    /// Exact path gate: at most this many units ...
    int exactMaxUnits = 60;
    /// ... and at most this many assignment binaries.
    int exactMaxBinaries = 4000;
    /// Relative gap at which the exact path stops.
    double exactMipGap = 1e-6;
    /// Fill in an explanation per moved unit (costs O(moved units)).
    bool explainMoves = true;

    /// Starting from the current plan (rebalancing) rather than drawing a new one.
    bool rebalances() const { return rebalanceFromCurrent || moveCap >= 0; }
};

} // namespace tessera
