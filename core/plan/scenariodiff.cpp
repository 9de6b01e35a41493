#include "core/plan/scenariodiff.h"

#include "core/metrics/metricsengine.h"
#include "core/model/project.h"
#include "core/plan/movereasons.h"
#include "core/plan/scenariometrics.h"

#include <algorithm>
#include <map>

namespace tessera {

bool FigureChange::operator==(const FigureChange &o) const
{
    return metrics::sameFigure(before, o.before) && metrics::sameFigure(after, o.after);
}

namespace {

/// Figures of a territory on one side; an absent territory counts as empty.
const TerritoryMetrics *metricsOf(const MetricsEngine &engine, TerritoryId id)
{
    return id.isValid() ? &engine.territory(id) : nullptr;
}

/// A sum or count: 0 where the territory is absent.
double sumOf(const TerritoryMetrics *m, double TerritoryMetrics::*field)
{
    return m ? m->*field : 0.0;
}

/// A ratio: undefined where the territory is absent.
double ratioOf(const TerritoryMetrics *m, double TerritoryMetrics::*field)
{
    return m ? m->*field : metrics::Undefined;
}

std::string repName(const Project &project, RepId rep)
{
    return rep.isValid() && static_cast<std::size_t>(rep.value()) < project.reps().size()
               ? project.reps()[static_cast<std::size_t>(rep.value())].name
               : std::string();
}

TerritoryDelta territoryDelta(const Project &project, const MetricsEngine &a, const MetricsEngine &b,
                                TerritoryId idA, TerritoryId idB)
{
    const TerritoryMetrics *ma = metricsOf(a, idA);
    const TerritoryMetrics *mb = metricsOf(b, idB);
    TerritoryDelta change;
    change.name = idB.isValid() ? b.territoryList()[static_cast<std::size_t>(idB.value())].name
                                : a.territoryList()[static_cast<std::size_t>(idA.value())].name;
    change.before = idA;
    change.after = idB;
    change.repBefore = ma ? repName(project, ma->rep) : std::string();
    change.repAfter = mb ? repName(project, mb->rep) : std::string();
    change.units = {ma ? double(ma->unitCount) : 0.0, mb ? double(mb->unitCount) : 0.0};
    change.accounts = {ma ? double(ma->accountCount) : 0.0, mb ? double(mb->accountCount) : 0.0};
    for (std::size_t k = 0; k < b.attributeNames().size(); ++k)
        change.attributes.push_back({ma ? ma->attributes[k].sum : 0.0, mb ? mb->attributes[k].sum : 0.0});
    change.workloadHours = {sumOf(ma, &TerritoryMetrics::workloadHours), sumOf(mb, &TerritoryMetrics::workloadHours)};
    change.travelHours = {sumOf(ma, &TerritoryMetrics::travelHours), sumOf(mb, &TerritoryMetrics::travelHours)};
    change.utilisation = {ratioOf(ma, &TerritoryMetrics::utilisation), ratioOf(mb, &TerritoryMetrics::utilisation)};
    change.areaKm2 = {sumOf(ma, &TerritoryMetrics::areaKm2), sumOf(mb, &TerritoryMetrics::areaKm2)};
    change.polsbyPopper = {ratioOf(ma, &TerritoryMetrics::polsbyPopper), ratioOf(mb, &TerritoryMetrics::polsbyPopper)};
    change.pieces = {ma ? double(ma->pieces) : 0.0, mb ? double(mb->pieces) : 0.0};
    if (mb) {
        change.unitsGained = mb->disruption.unitsGained;
        change.unitsLost = mb->disruption.unitsLost;
    } else if (ma) {
        change.unitsLost = ma->unitCount; // every unit of a vanished territory went elsewhere
    }
    return change;
}

/// Workload and travel per rep, summed over the rep's territories.
void addRepHours(const MetricsEngine &engine, std::vector<double> &workload, std::vector<double> &travel)
{
    for (const TerritoryMetrics &m : engine.territories())
        if (m.rep.isValid() && static_cast<std::size_t>(m.rep.value()) < workload.size()) {
            workload[static_cast<std::size_t>(m.rep.value())] += m.workloadHours;
            travel[static_cast<std::size_t>(m.rep.value())] += m.travelHours;
        }
}

} // namespace

Result<ScenarioDiff> diffScenarios(const Project &project, const Scenario &before, const Scenario &after,
                                   const MetricOptions &options, Feedback *feedback)
{
    // Each plan on its own input data (a what-if's scaled attributes and added reps).
    auto a = ScenarioMetrics::input(project, before);
    if (!a)
        return a.error();
    auto b = ScenarioMetrics::input(project, after);
    if (!b)
        return b.error();
    return diffScenarios(a->dataOr(project), a->scenario, b->dataOr(project), b->scenario, options, feedback);
}

Result<ScenarioDiff> diffScenarios(const Project &projectBefore, const Scenario &before, const Project &project,
                                   const Scenario &after, const MetricOptions &options, Feedback *feedback)
{
    if (projectBefore.units().size() != project.units().size())
        return makeError(ErrorCode::InvalidArgument, "the two plans are not on the same units");
    reportProgress(feedback, 0.0, "Measuring " + before.name);
    auto engineA = MetricsEngine::create(projectBefore, before, options, nullptr, feedback);
    if (!engineA)
        return engineA.error();
    if (isCancelled(feedback))
        return makeError(ErrorCode::Cancelled, "the comparison was cancelled");
    // Territories are matched by name: B's order first, then those only A has.
    std::vector<TerritoryId> matchOfB; // A's territory per B territory (invalid = none)
    std::multimap<std::string, TerritoryId> unmatched;
    for (const Territory &t : before.territories)
        unmatched.emplace(t.name, t.id);
    for (const Territory &t : after.territories) {
        TerritoryId idA;
        if (auto it = unmatched.find(t.name); it != unmatched.end()) {
            idA = it->second;
            unmatched.erase(it);
        }
        matchOfB.push_back(idA);
    }
    std::vector<TerritoryId> onlyA;
    for (const auto &[name, id] : unmatched)
        onlyA.push_back(id);
    std::sort(onlyA.begin(), onlyA.end());

    // Plan A relabelled with B's territory ids, so that the engine's
    // disruption counts what changed territory by name, not by number.
    Scenario baseline;
    baseline.name = before.name;
    std::vector<TerritoryId> toB(before.territories.size());
    for (std::size_t i = 0; i < after.territories.size(); ++i) {
        Territory t = after.territories[i];
        t.rep = RepId();
        if (matchOfB[i].isValid()) {
            t = before.territories[static_cast<std::size_t>(matchOfB[i].value())];
            toB[static_cast<std::size_t>(matchOfB[i].value())] = TerritoryId(static_cast<std::int32_t>(i));
        }
        baseline.addTerritory(t);
    }
    for (TerritoryId id : onlyA)
        toB[static_cast<std::size_t>(id.value())] = baseline.addTerritory(before.territories[static_cast<std::size_t>(id.value())]);
    const auto relabel = [&toB](TerritoryId t) {
        return t.isValid() && static_cast<std::size_t>(t.value()) < toB.size() ? toB[static_cast<std::size_t>(t.value())]
                                                                               : TerritoryId();
    };
    baseline.alignment = Alignment(before.alignment.unitCount());
    for (std::size_t u = 0; u < before.alignment.unitCount(); ++u) {
        const UnitId unit(static_cast<std::int32_t>(u));
        baseline.alignment.assign(unit, relabel(before.alignment.territoryOf(unit)));
    }
    for (const auto &[account, territory] : before.alignment.accountOverrides())
        baseline.alignment.setAccountOverride(account, relabel(territory));

    reportProgress(feedback, 0.5, "Measuring " + after.name);
    auto engineB = MetricsEngine::create(project, after, options, &baseline, feedback);
    if (!engineB)
        return engineB.error();
    const MetricsEngine &a = **engineA;
    const MetricsEngine &b = **engineB;

    ScenarioDiff diff;
    diff.before = before.name;
    diff.after = after.name;
    diff.attributeNames = b.attributeNames();

    // Moved units, named as users see them.
    const auto territoryName = [](const MetricsEngine &engine, TerritoryId t) {
        return t.isValid() && static_cast<std::size_t>(t.value()) < engine.territoryCount()
                   ? engine.territoryList()[static_cast<std::size_t>(t.value())].name
                   : std::string();
    };
    const std::map<int, plan::MoveReason> stored = plan::moveReasons(after.parametersJson);
    const std::string plainReason = plan::plainMoveReason(after);
    const auto reasonFor = [&](int unit, TerritoryId from, TerritoryId to, const std::string &fromName,
                               const std::string &toName) -> std::string {
        if (const auto it = stored.find(unit); it != stored.end() && it->second.from == fromName && it->second.to == toName)
            return it->second.text;
        if (!to.isValid())
            return "Unassigned";
        if (!from.isValid())
            return "Newly assigned";
        if (!matchOfB[static_cast<std::size_t>(to.value())].isValid())
            return "New territory";
        if (std::find(onlyA.begin(), onlyA.end(), from) != onlyA.end())
            return "Territory removed";
        return plainReason;
    };
    std::vector<std::size_t> accountsIn(project.units().size(), 0);
    for (const Account &account : project.accounts().accounts())
        if (account.unit.isValid() && static_cast<std::size_t>(account.unit.value()) < accountsIn.size())
            ++accountsIn[static_cast<std::size_t>(account.unit.value())];
    for (std::size_t u = 0; u < project.units().size(); ++u) {
        const UnitId unit(static_cast<std::int32_t>(u));
        const TerritoryId from = a.territoryOf(unit), to = b.territoryOf(unit);
        const std::string fromName = territoryName(a, from), toName = territoryName(b, to);
        if (fromName == toName && from.isValid() == to.isValid())
            continue; // same territory under another id
        const Unit &u2 = project.units().unit(unit);
        diff.movedUnits.push_back({unit, u2.key, u2.name, fromName, toName, accountsIn[u],
                                   reasonFor(static_cast<int>(u), from, to, fromName, toName)});
    }
    const PlanMetrics &plan = b.plan();
    diff.movedAccounts = plan.accountsMoved;
    diff.movedRevenue = plan.revenueMoved;
    diff.accountsChangingRep = plan.accountsChangingRep;

    for (std::size_t i = 0; i < after.territories.size(); ++i)
        diff.territories.push_back(
            territoryDelta(project, a, b, matchOfB[i], TerritoryId(static_cast<std::int32_t>(i))));
    for (TerritoryId id : onlyA)
        diff.territories.push_back(territoryDelta(project, a, b, id, TerritoryId()));

    // Per-rep impact.
    const std::size_t repCount = project.reps().size();
    std::vector<double> workloadA(repCount), travelA(repCount), workloadB(repCount), travelB(repCount);
    addRepHours(a, workloadA, travelA);
    addRepHours(b, workloadB, travelB);
    std::vector<char> serving(repCount, 0);
    for (const MetricsEngine *engine : {&a, &b})
        for (const Territory &t : engine->territoryList())
            if (t.rep.isValid() && static_cast<std::size_t>(t.rep.value()) < repCount)
                serving[static_cast<std::size_t>(t.rep.value())] = 1;
    for (std::size_t r = 0; r < repCount; ++r) {
        if (!serving[r])
            continue;
        RepImpact impact;
        impact.rep = RepId(static_cast<std::int32_t>(r));
        impact.name = project.reps()[r].name;
        if (r < plan.reps.size()) {
            const DisruptionFigures &d = plan.reps[r].disruption;
            impact.accountsGained = d.accountsGained;
            impact.accountsLost = d.accountsLost;
            impact.revenueGained = d.revenueGained;
            impact.revenueLost = d.revenueLost;
        }
        impact.workloadHours = {workloadA[r], workloadB[r]};
        impact.travelHours = {travelA[r], travelB[r]};
        diff.reps.push_back(std::move(impact));
    }
    diff.noncontiguousTerritories = {double(a.plan().noncontiguousTerritories), double(plan.noncontiguousTerritories)};
    diff.cutEdges = {double(a.plan().cutEdges), double(plan.cutEdges)};
    reportProgress(feedback, 1.0, "Compared");
    return diff;
}

} // namespace tessera
