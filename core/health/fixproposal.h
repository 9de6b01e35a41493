#pragma once

#include "core/health/healthcheck.h"
#include "core/health/pins.h"
#include "core/model/ids.h"
#include "core/model/scenario.h"
#include "core/plan/skillassignment.h"
#include "core/result.h"

#include <cstdint>
#include <string>
#include <vector>

namespace tessera {

class Feedback;
class Project;

/// Settings of one proposal. Same values = same proposal.
struct ProposalOptions {
    int maxMoves = 10;              ///< at most this many units and accounts change territory
    /// The optimizer may move this many times maxMoves units; the proposal
    /// keeps at most maxMoves of them, those that reduce the breaches most.
    int candidateFactor = 4;
    std::uint64_t seed = 1;         ///< optimizer seed
    std::int64_t workBudget = 200000; ///< optimizer work budget in evaluated moves (deterministic)
    double timeLimitSeconds = 120.0; ///< safety stop; hitting it makes the result machine dependent
};

/// One proposed unit move and the breach it is proposed for.
struct ProposedMove {
    UnitId unit;
    std::string unitKey;
    std::string unitName;
    TerritoryId from;
    TerritoryId to;
    /// The breach this move shrinks most when applied after the moves listed
    /// before it (rule index into the rules checked, territory, rep); rule is
    /// npos when the move lowers the breach score without shrinking a breach
    /// of its own two territories (it removes a breach elsewhere).
    std::size_t rule = static_cast<std::size_t>(-1);
    TerritoryId breachTerritory;
    RepId breachRep;
    double breachBefore = 0.0; ///< that breach's severity before this move (0 = no breach)
    double breachAfter = 0.0;  ///< its severity after this move (0 = gone)
    std::string reason;        ///< "reduces 'revenue balance' of 'North' (severity 0.12 -> 0.03)"
    /// What the move costs: the plan's travel hours after it minus before
    /// (applied after the moves before it; negative = less driving), and the
    /// accounts in the unit that change territory (and so, usually, rep).
    double travelHoursChange = 0.0;
    std::size_t accountsMoved = 0;
};

/// A minimal-disruption rebalance aimed at a scenario's breaches.
struct FixProposal {
    /// Accounts given to a rep with the skills they require (account
    /// overrides), applied before the unit moves; they count against maxMoves.
    std::vector<plan::AccountMove> accountMoves;
    std::vector<ProposedMove> moves; ///< in the order they were picked (their figures build on the ones before)
    HealthReport before;             ///< breaches of the scenario
    HealthReport after;              ///< breaches with every move applied
    Scenario proposed;               ///< the scenario with every move applied (same id and name)
    std::vector<std::string> balanced; ///< attribute entries the optimizer balanced
    /// Whether the workload goal aimed each territory at its rep's share of
    /// the reps' capacity (utilisation breached and every territory's rep has
    /// a capacity) rather than at the mean workload.
    bool workloadByCapacity = false;
    std::vector<std::string> pinsIgnored; ///< pins naming a unit or territory the project lacks
    bool timeLimitHit = false;
};

/// Proposes at most \a options.maxMoves account and unit moves that reduce
/// the breaches of \a rules on \a scenario. Skill mismatches are repaired
/// first (plan::repairSkillMismatches, within the cap) whether or not a rule
/// watches them; a unit move that would leave an account with a rep lacking
/// its required skills is never proposed. The candidates come from the optimizer's
/// rebalance of the current plan, capped at candidateFactor × maxMoves moved
/// units, balancing the attributes the breached balance rules name (and the
/// workload attribute, aimed at each rep's share of capacity, when
/// utilisation rules are breached), contiguity on,
/// locked and pinned units fixed; KPI breaches add the single border moves
/// into and out of each breached territory that keep the territory they
/// leave in one piece (borderMovesAround). The metrics engine then picks them
/// greedily: each step takes the candidate that lowers the breach score (a
/// breach counts 1 plus its severity) most, until none lowers it or the cap
/// is reached; each kept move names the breach on its two territories (or
/// their reps) that it shrinks most. With no breach and no mismatch, returns
/// an empty proposal without running the optimizer.
Result<FixProposal> proposeFixes(const Project &project, const Scenario &scenario, const HealthRules &rules,
                                 const ProposalOptions &options, Feedback *feedback = nullptr);

} // namespace tessera
