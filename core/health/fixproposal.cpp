#include "core/health/fixproposal.h"

#include "core/feedback.h"
#include "core/health/bordermoves.h"
#include "core/metrics/attributesource.h"
#include "core/metrics/metricsengine.h"
#include "core/metrics/skillmatch.h"
#include "core/model/project.h"
#include "core/optimizer/territoryoptimizer.h"
#include "core/plan/optimizedplan.h"
#include "core/plan/planproblem.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <numeric>
#include <set>

namespace tessera {

namespace {

constexpr std::size_t NoRule = static_cast<std::size_t>(-1);

bool isUtilisationRule(const HealthRule &rule)
{
    return rule.kind == HealthRuleKind::UtilisationAbove || rule.kind == HealthRuleKind::UtilisationBelow;
}

/// A breach's identity across plans: a rep rule follows the rep (its "first
/// territory" may change), every other rule follows the territory.
std::pair<std::size_t, std::int32_t> breachKey(const HealthRules &rules, const HealthBreach &b)
{
    return {b.rule, isUtilisationRule(rules.rules[b.rule]) ? b.rep.value() : b.territory.value()};
}

/// What the proposal lowers: each breach counts 1 plus its severity, so
/// fewer breaches come first and smaller ones break ties.
double breachScore(const HealthReport &report)
{
    double score = 0.0;
    for (const HealthBreach &b : report.breaches)
        score += 1.0 + b.severity;
    return score;
}

/// One attribute the optimizer balances, with the tolerance the rules allow.
struct Goal {
    std::string entry;
    double tolerance = 0.05;
    /// The workload goal of utilisation rules whose band holds the plan's
    /// mean utilisation: every rep can be inside it, so each territory is
    /// aimed at its rep's share of capacity (aimWorkloadAtCapacity).
    bool shareOfCapacity = false;
};

Goal &addGoal(std::vector<Goal> &goals, const std::string &entry, double tolerance)
{
    // Aim a little inside the band so the plan does not end on its edge.
    tolerance = std::clamp(0.9 * tolerance, 0.01, 0.5);
    for (Goal &g : goals)
        if (g.entry == entry) {
            g.tolerance = std::min(g.tolerance, tolerance);
            return g;
        }
    return goals.emplace_back(Goal{entry, tolerance});
}

bool breachesUtilisation(const HealthRules &rules, const HealthReport &report)
{
    return std::any_of(report.breaches.begin(), report.breaches.end(),
                       [&](const HealthBreach &b) { return isUtilisationRule(rules.rules[b.rule]); });
}

/// The attributes to balance for the breached rules: each balance rule's
/// attribute with its band; for utilisation rules the workload attribute,
/// with the band the thresholds leave around the plan's mean utilisation
/// (utilisation is workload ÷ capacity, so balancing workload evens it out
/// when capacities are alike). KPI rules are ratios the optimizer cannot
/// balance; contiguity is always kept.
std::vector<Goal> goalsFor(const Project &project, const MetricsEngine &engine, const HealthRules &rules,
                           const HealthReport &report)
{
    std::vector<Goal> goals;
    for (const HealthBreach &b : report.breaches) {
        const HealthRule &rule = rules.rules[b.rule];
        if (rule.kind == HealthRuleKind::BalanceOutside)
            addGoal(goals, rule.attribute, std::min(1.0 - rule.threshold, rule.upper - 1.0));
    }
    if (!breachesUtilisation(rules, report))
        return goals;
    double above = 0.0, below = 0.0;
    for (const HealthRule &rule : rules.rules) {
        if (!rule.enabled)
            continue;
        if (rule.kind == HealthRuleKind::UtilisationAbove)
            above = above > 0.0 ? std::min(above, rule.threshold) : rule.threshold;
        if (rule.kind == HealthRuleKind::UtilisationBelow)
            below = std::max(below, rule.threshold);
    }
    const std::string workload = engine.options().workloadAttribute;
    if (!AttributeSource::resolve(workload, project))
        return goals;
    double hours = 0.0, capacity = 0.0;
    for (const RepMetrics &rep : engine.plan().reps)
        if (rep.territoryCount > 0 && rep.capacityHours > 0.0) {
            hours += rep.workloadHours;
            capacity += rep.capacityHours;
        }
    const double mean = capacity > 0.0 ? hours / capacity : 0.0;
    double tolerance = 0.5;
    if (mean > 0.0 && above > 0.0)
        tolerance = std::min(tolerance, above / mean - 1.0);
    if (mean > 0.0 && below > 0.0)
        tolerance = std::min(tolerance, 1.0 - below / mean);
    // A mean outside the band cannot be fixed by moving units; aim at an even
    // spread of workload (on the sample, aiming at capacity shares then left
    // more breaches: 17 rather than 14 at N = 50).
    const bool fits = tolerance > 0.0;
    if (!fits)
        tolerance = 0.05;
    addGoal(goals, workload, tolerance).shareOfCapacity = fits;
    return goals;
}

/// Utilisation is workload ÷ capacity, so with capacities that differ an even
/// workload leaves reps unevenly used: the workload goal aims each territory
/// at its rep's share of the reps' capacity (per-territory targets of the
/// balance goal) instead of at the mean. Needs a rep with a capacity on
/// every territory; returns whether the targets were set.
bool aimWorkloadAtCapacity(const Project &project, const Scenario &scenario, const DistrictingProblem &problem,
                           BalanceGoal &goal)
{
    std::vector<double> capacity;
    for (const Territory &t : scenario.territories) {
        if (!t.rep.isValid() || static_cast<std::size_t>(t.rep.value()) >= project.reps().size())
            return false;
        const double c = project.reps()[static_cast<std::size_t>(t.rep.value())].capacityHours;
        if (!(c > 0.0))
            return false;
        capacity.push_back(c);
    }
    const std::vector<double> &hours = problem.weights[static_cast<std::size_t>(goal.attribute)];
    const double total = std::accumulate(hours.begin(), hours.end(), 0.0);
    const double capacityTotal = std::accumulate(capacity.begin(), capacity.end(), 0.0);
    goal.targets.clear();
    for (double c : capacity)
        goal.targets.push_back(total * c / capacityTotal);
    return true;
}

/// The scenario's units the proposal must not move: locks come with the
/// problem; pins whose unit exists are locked where the unit lies now.
std::vector<std::string> applyPins(const Project &project, const Scenario &scenario, DistrictingProblem &problem)
{
    std::vector<std::string> ignored;
    const std::size_t n = problem.unitCount();
    if (problem.locked.empty())
        problem.locked.assign(n, -1);
    for (const Pin &pin : pinsOf(scenario.parametersJson)) {
        const UnitId unit = project.units().findByKey(pin.unit);
        if (!unit.isValid() || static_cast<std::size_t>(unit.value()) >= n) {
            ignored.push_back(pin.unit);
            continue;
        }
        const TerritoryId now = scenario.alignment.territoryOf(unit);
        if (now.isValid() && problem.locked[static_cast<std::size_t>(unit.value())] < 0)
            problem.locked[static_cast<std::size_t>(unit.value())] = now.value();
    }
    return ignored;
}

std::string severityText(double severity)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.3g", severity);
    return text;
}

std::string territoryName(const Scenario &scenario, TerritoryId t)
{
    return t.isValid() && static_cast<std::size_t>(t.value()) < scenario.territories.size()
               ? scenario.territories[static_cast<std::size_t>(t.value())].name
               : std::string("(none)");
}

/// Names the breach \a move shrinks most between \a before and \a after:
/// one on the move's two territories or on their reps.
void nameBreach(ProposedMove &move, const Scenario &scenario, const HealthRules &rules, const HealthReport &before,
                const HealthReport &after, RepId fromRep, RepId toRep)
{
    std::map<std::pair<std::size_t, std::int32_t>, double> afterSeverity;
    for (const HealthBreach &b : after.breaches)
        afterSeverity[breachKey(rules, b)] = b.severity;
    double bestGain = 0.0;
    for (const HealthBreach &b : before.breaches) {
        const bool touched = isUtilisationRule(rules.rules[b.rule])
                                 ? (b.rep.isValid() && (b.rep == fromRep || b.rep == toRep))
                                 : (b.territory == move.from || b.territory == move.to);
        if (!touched)
            continue;
        const auto it = afterSeverity.find(breachKey(rules, b));
        const double later = it == afterSeverity.end() ? 0.0 : it->second;
        if (b.severity - later > bestGain + 1e-12) {
            bestGain = b.severity - later;
            move.rule = b.rule;
            move.breachTerritory = b.territory;
            move.breachRep = b.rep;
            move.breachBefore = b.severity;
            move.breachAfter = later;
        }
    }
    if (move.rule == NoRule) {
        move.reason = "lowers the breach score without shrinking a breach of '" + territoryName(scenario, move.from)
                      + "' or '" + territoryName(scenario, move.to) + "'";
        return;
    }
    move.reason = "reduces '" + rules.rules[move.rule].name + "' of '" + territoryName(scenario, move.breachTerritory)
                  + "': severity " + severityText(move.breachBefore) + " -> " + severityText(move.breachAfter)
                  + (move.breachAfter == 0.0 ? " (breach gone)" : "");
}

ProposedMove candidate(const Unit &unit, TerritoryId from, TerritoryId to)
{
    ProposedMove move;
    move.unit = unit.id;
    move.unitKey = unit.key;
    move.unitName = unit.name;
    move.from = from;
    move.to = to;
    return move;
}

RepId repOf(const Scenario &scenario, TerritoryId t)
{
    return t.isValid() && static_cast<std::size_t>(t.value()) < scenario.territories.size()
               ? scenario.territories[static_cast<std::size_t>(t.value())].rep
               : RepId();
}

} // namespace

Result<FixProposal> proposeFixes(const Project &project, const Scenario &scenario, const HealthRules &rules,
                                 const ProposalOptions &options, Feedback *feedback)
{
    if (options.maxMoves < 0)
        return makeError(ErrorCode::InvalidArgument, "the number of moves must be 0 or more");
    if (scenario.territories.empty())
        return makeError(ErrorCode::InvalidArgument, "the scenario has no territories", scenario.name);
    const HealthCheck check(rules);
    auto created = MetricsEngine::create(project, scenario, check.metricOptions(project));
    if (!created)
        return created.error();
    MetricsEngine &engine = **created;

    FixProposal proposal;
    proposal.before = check.check(engine);
    proposal.after = proposal.before;
    proposal.proposed = scenario;
    if (options.maxMoves == 0)
        return proposal;

    // Skill requirements are hard: repair mismatches first, as account overrides.
    plan::SkillRepair repair =
        plan::repairSkillMismatches(project, proposal.proposed, static_cast<std::size_t>(options.maxMoves));
    if (!repair.moves.empty()) {
        if (auto set = engine.setAlignment(proposal.proposed.alignment); !set)
            return set.error();
        proposal.proposed.parametersJson =
            plan::withAccountReasons(proposal.proposed.parametersJson, repair.moves);
        proposal.accountMoves = std::move(repair.moves);
        proposal.after = check.check(engine);
    }
    const std::size_t unitBudget = static_cast<std::size_t>(options.maxMoves) - proposal.accountMoves.size();
    if (proposal.after.breaches.empty() || unitBudget == 0)
        return proposal;

    const std::vector<Goal> goals = goalsFor(project, engine, rules, proposal.after);
    OptimizerOptions optimizer;
    optimizer.territories = static_cast<int>(scenario.territories.size());
    optimizer.rebalanceFromCurrent = true;
    optimizer.moveCap = static_cast<double>(unitBudget) * std::max(1, options.candidateFactor);
    optimizer.contiguity = true;
    optimizer.seed = options.seed;
    optimizer.workBudget = options.workBudget;
    optimizer.timeLimitSeconds = options.timeLimitSeconds;
    optimizer.explainMoves = false;
    // The cap bounds the disruption and the greedy pick below drops moves that
    // do not help, so the search may use its whole cap (a disruption weight of
    // 1 gave fewer, less useful candidates on the sample).
    optimizer.disruptionWeight = 0.0;
    std::vector<std::string> entries;
    for (const Goal &goal : goals)
        entries.push_back(goal.entry);
    auto built = plan::scenarioProblem(project, proposal.proposed, entries, optimizer, plan::CentrePlacement::Free,
                                       check.metricOptions(project));
    if (!built)
        return built.error();
    DistrictingProblem &problem = built->problem;
    proposal.pinsIgnored = applyPins(project, scenario, problem);
    for (const Goal &goal : goals) {
        BalanceGoal &balance = optimizer.balance.emplace_back(problem.attributeIndex(goal.entry), goal.tolerance);
        if (goal.shareOfCapacity)
            proposal.workloadByCapacity = aimWorkloadAtCapacity(project, proposal.proposed, problem, balance);
    }
    proposal.balanced = entries;

    auto result = optimizeTerritories(problem, optimizer, feedback);
    if (!result)
        return result.error();
    proposal.timeLimitHit = result->stats.timeLimitHit;
    auto applied = plan::applyOptimizerResult(proposal.proposed, *result, optimizer.territories);
    if (!applied)
        return applied.error();

    // The moves, checked against the cap and the locks before anything is reported.
    std::vector<ProposedMove> moves;
    for (const Unit &unit : project.units().units()) {
        const TerritoryId from = scenario.alignment.territoryOf(unit.id);
        const TerritoryId to = applied->alignment.territoryOf(unit.id);
        if (from == to)
            continue;
        if (problem.locked[static_cast<std::size_t>(unit.id.value())] >= 0)
            return makeError(ErrorCode::Internal, "the optimizer moved locked or pinned unit '" + unit.key + "'");
        moves.push_back(candidate(unit, from, to));
    }
    if (static_cast<double>(moves.size()) > optimizer.moveCap)
        return makeError(ErrorCode::Internal, "the optimizer moved " + std::to_string(moves.size())
                                                  + " units, more than its cap");

    // KPI breaches attract no balance goal: add the border trades around each
    // breached territory, and let the greedy pick below judge them.
    std::vector<TerritoryId> kpiBreached;
    for (const HealthBreach &b : proposal.after.breaches)
        if (rules.rules[b.rule].kind == HealthRuleKind::KpiBelow && b.territory.isValid())
            kpiBreached.push_back(b.territory);
    const std::size_t optimizerCandidates = moves.size();
    if (!kpiBreached.empty()) {
        std::set<std::pair<std::int32_t, std::int32_t>> listed; // unit, destination
        for (const ProposedMove &m : moves)
            listed.insert({m.unit.value(), m.to.value()});
        for (const BorderMove &m : borderMovesAround(project.adjacency(), proposal.proposed.alignment, kpiBreached,
                                                     problem.locked))
            if (listed.insert({m.unit.value(), m.to.value()}).second)
                moves.push_back(candidate(project.units().unit(m.unit), m.from, m.to));
    }

    // Accounts that follow each unit (those without an override of their own).
    std::vector<std::size_t> accountsIn(project.units().size(), 0);
    for (const Account &account : project.accounts().accounts())
        if (account.unit.isValid() && static_cast<std::size_t>(account.unit.value()) < accountsIn.size()
            && !scenario.alignment.accountOverrides().count(account.id))
            ++accountsIn[static_cast<std::size_t>(account.unit.value())];

    // Greedy: keep adding the candidate that lowers the breach score most, so
    // every kept move helps when applied after the ones listed before it. The
    // optimizer's candidates come first: they move several units towards one
    // balanced plan, which single border trades picked early would cut across
    // (on the sample with KPIs that cost a breach); the border trades follow
    // when none of those helps any more.
    std::size_t considered = optimizerCandidates;
    HealthReport current = proposal.after;
    double currentScore = breachScore(current);
    std::vector<bool> unitMoved(project.units().size(), false); // a unit moves once, whatever its candidates
    auto mismatches = [&] {
        return SkillMatch::measure(project, engine.territoryList(), engine.alignment()).mismatches.size();
    };
    std::size_t currentMismatches = mismatches();
    while (proposal.moves.size() < unitBudget) {
        if (feedback && feedback->isCancelled())
            return makeError(ErrorCode::Cancelled, "proposal cancelled");
        std::size_t best = moves.size();
        double bestScore = currentScore - 1e-9;
        for (std::size_t i = 0; i < considered; ++i) {
            if (unitMoved[static_cast<std::size_t>(moves[i].unit.value())])
                continue;
            const UnitId unit[] = {moves[i].unit};
            if (auto moved = engine.moveUnits(unit, moves[i].to); !moved)
                return moved.error();
            const double score = breachScore(check.check(engine));
            // Never hand an account to a rep lacking the skills it requires.
            const bool mismatching = mismatches() > currentMismatches;
            if (auto back = engine.moveUnits(unit, moves[i].from); !back)
                return back.error();
            if (!mismatching && score < bestScore) {
                bestScore = score;
                best = i;
            }
        }
        if (best == moves.size() && considered < moves.size()) {
            considered = moves.size();
            continue;
        }
        if (best == moves.size())
            break;
        unitMoved[static_cast<std::size_t>(moves[best].unit.value())] = true;
        ProposedMove move = moves[best];
        const UnitId unit[] = {move.unit};
        const double travelBefore = engine.plan().travelHours;
        if (auto moved = engine.moveUnits(unit, move.to); !moved)
            return moved.error();
        move.travelHoursChange = engine.plan().travelHours - travelBefore;
        move.accountsMoved = accountsIn[static_cast<std::size_t>(move.unit.value())];
        HealthReport next = check.check(engine);
        currentMismatches = mismatches();
        nameBreach(move, scenario, rules, current, next, repOf(scenario, move.from), repOf(scenario, move.to));
        proposal.proposed.alignment.assign(move.unit, move.to);
        proposal.moves.push_back(std::move(move));
        current = std::move(next);
        currentScore = bestScore;
    }
    proposal.after = std::move(current);
    return proposal;
}

} // namespace tessera
