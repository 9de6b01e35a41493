#include "core/io/projectimporter.h"

#include "core/io/accountplanimporter.h"
#include "core/geometry/unitindex.h"
#include "core/problemsink.h"

#include <unordered_map>
#include <unordered_set>

namespace tessera::io {

namespace {

/// Forwards progress of one phase into its slice [from, to] of the whole,
/// and the caller's cancel request into the phase at every progress report.
class PhaseFeedback : public Feedback {
public:
    PhaseFeedback(Feedback *outer, double from, double to) : mOuter(outer)
    {
        setProgressCallback([this, from, to](double fraction, std::string_view phase) {
            tessera::reportProgress(mOuter, from + (to - from) * fraction, phase);
            if (tessera::isCancelled(mOuter))
                cancel();
        });
        if (tessera::isCancelled(outer))
            cancel();
    }
    Feedback *self() { return this; }

private:
    Feedback *mOuter;
};

void info(ProblemSink *sink, std::string message)
{
    if (!sink)
        return;
    Problem problem;
    problem.severity = Problem::Severity::Info;
    problem.message = std::move(message);
    sink->report(problem);
}

/// Keys of \a after missing from \a before, and the reverse; empty when
/// \a before is (a new project adds everything, which is no news).
template <typename Before, typename After, typename Key>
IdChanges compareIds(const Before &before, const After &after, Key key)
{
    IdChanges changes;
    if (before.empty())
        return changes;
    std::unordered_set<std::string> old;
    std::unordered_set<std::string> now;
    for (const auto &item : before)
        old.insert(key(item));
    for (const auto &item : after)
        now.insert(key(item));
    for (const auto &item : after)
        if (!old.count(key(item)))
            changes.added.push_back(key(item));
    for (const auto &item : before)
        if (!now.count(key(item)))
            changes.removed.push_back(key(item));
    return changes;
}

} // namespace

Result<Project> importIntoProject(const Project &current, const ProjectImportOptions &options,
                                  ProjectImportReport &report, ProblemSink *sink, Feedback *feedback)
{
    report = ProjectImportReport();
    Project project = current;

    // Units.
    std::vector<UnitId> oldToNewUnit; // index = old unit id
    if (!options.unitsPath.empty()) {
        UnitLayer units;
        PhaseFeedback phase(feedback, 0.0, 0.5);
        auto stats = importUnits(options.unitsPath, options.units, units, sink, phase.self());
        if (!stats)
            return stats.error();
        report.units = *stats;
        report.unitsReplaced = true;
        for (const Unit &old : project.units().units())
            oldToNewUnit.push_back(units.findByKey(old.key));
        report.unitIds = compareIds(project.units().units(), units.units(), [](const auto &item) { return item.key; });
        project.units() = std::move(units);
    }

    // Reps.
    std::vector<RepId> oldToNewRep;
    if (!options.repsPath.empty()) {
        std::vector<Rep> reps;
        PhaseFeedback phase(feedback, 0.5, 0.55);
        auto stats = importReps(options.repsPath, options.reps, reps, sink, phase.self());
        if (!stats)
            return stats.error();
        report.reps = *stats;
        report.repsReplaced = true;
        std::unordered_map<std::string, RepId> byKey;
        for (const Rep &rep : reps)
            byKey.emplace(rep.key, rep.id);
        report.repIds = compareIds(project.reps(), reps, [](const auto &item) { return item.key; });
        for (const Rep &old : project.reps()) {
            const auto it = byKey.find(old.key);
            oldToNewRep.push_back(it == byKey.end() ? RepId() : it->second);
        }
        project.reps() = std::move(reps);
    }

    // Accounts.
    if (!options.accountsPath.empty()) {
        AccountLayer accounts;
        PhaseFeedback phase(feedback, 0.55, 0.7);
        auto stats = importAccounts(options.accountsPath, options.accounts, accounts, sink, phase.self());
        if (!stats)
            return stats.error();
        report.accounts = *stats;
        report.accountsReplaced = true;
        report.accountIds = compareIds(project.accounts().accounts(), accounts.accounts(), [](const auto &item) { return item.key; });
        // KPI snapshots follow their accounts by key; accounts that left drop out.
        std::unordered_map<std::string, std::size_t> newByKey;
        for (const Account &account : accounts.accounts())
            newByKey.emplace(account.key, static_cast<std::size_t>(account.id.value()));
        std::vector<std::size_t> oldToNew;
        for (const Account &old : project.accounts().accounts()) {
            const auto it = newByKey.find(old.key);
            oldToNew.push_back(it == newByKey.end() ? accounts.size() : it->second);
        }
        for (KpiSnapshot &snapshot : project.kpiSnapshots())
            snapshot = snapshot.remapped(oldToNew, accounts.size());
        project.accounts() = std::move(accounts);
    }
    if (isCancelled(feedback))
        return makeError(ErrorCode::Cancelled, "import cancelled");

    // Existing scenarios follow the new units and reps.
    if (report.unitsReplaced || report.repsReplaced || report.accountsReplaced) {
        for (Scenario &scenario : project.scenarios()) {
            bool touched = false;
            if (report.unitsReplaced) {
                Alignment alignment(project.units().size());
                for (std::size_t old = 0; old < oldToNewUnit.size() && old < scenario.alignment.unitCount(); ++old) {
                    const UnitId now = oldToNewUnit[old];
                    if (!now.isValid())
                        continue;
                    const UnitId before(static_cast<std::int32_t>(old));
                    alignment.assign(now, scenario.alignment.territoryOf(before));
                    alignment.setLocked(now, scenario.alignment.isLocked(before));
                }
                scenario.alignment = std::move(alignment);
                touched = true;
            }
            if (report.unitsReplaced || report.accountsReplaced) {
                if (!scenario.alignment.accountOverrides().empty())
                    info(sink, "scenario '" + scenario.name + "': "
                                   + std::to_string(scenario.alignment.accountOverrides().size())
                                   + " account override(s) dropped because the accounts or units changed");
                Alignment alignment(scenario.alignment.unitCount());
                for (std::size_t u = 0; u < scenario.alignment.unitCount(); ++u) {
                    const UnitId unit(static_cast<std::int32_t>(u));
                    alignment.assign(unit, scenario.alignment.territoryOf(unit));
                    alignment.setLocked(unit, scenario.alignment.isLocked(unit));
                }
                scenario.alignment = std::move(alignment);
            }
            if (report.repsReplaced) {
                for (Territory &territory : scenario.territories) {
                    if (!territory.rep.isValid())
                        continue;
                    const auto old = static_cast<std::size_t>(territory.rep.value());
                    territory.rep = old < oldToNewRep.size() ? oldToNewRep[old] : RepId();
                }
                touched = true;
            }
            if (touched)
                ++report.scenariosRemapped;
        }
    }

    // Adjacency and placement.
    if (report.unitsReplaced) {
        PhaseFeedback phase(feedback, 0.7, 0.9);
        auto graph = geometry::buildAdjacency(project.units(), options.adjacency, phase.self());
        if (!graph)
            return graph.error();
        project.setAdjacency(std::move(*graph));
    }
    if (report.unitsReplaced || report.accountsReplaced) {
        const geometry::UnitIndex index(project.units());
        const geometry::PlacementStats placement = geometry::placeAccounts(project.accounts(), index, sink);
        report.accountsPlaced = placement.placed;
        report.accountsOutside = placement.outside;
    } else {
        report.accountsOutside = project.accounts().unplacedCount();
        report.accountsPlaced = project.accounts().size() - report.accountsOutside;
    }
    report.adjacencyEdges = project.adjacency().edgeCount();
    report.islands = project.adjacency().islands().size();

    // The plan, last: it needs the final units and reps.
    if (!options.planPath.empty()) {
        Scenario scenario;
        PhaseFeedback phase(feedback, 0.9, 1.0);
        auto table = readCsv(options.planPath, options.plan.csv, phase.self());
        if (!table)
            return table.error();
        report.planByAccount = isAccountPlan(*table, options.plan);
        auto stats = report.planByAccount
                         ? importAccountPlan(*table, options.plan, project.accounts(), project.units().size(),
                                             project.reps(), scenario, sink, phase.self())
                         : importPlan(*table, options.plan, project.units(), project.reps(), scenario, sink,
                                      phase.self());
        if (!stats)
            return stats.error();
        report.plan = *stats;
        report.planImported = true;
        if (Scenario *existing = project.findScenario(scenario.name)) {
            scenario.id = existing->id;
            scenario.createdAt = existing->createdAt;
            scenario.notes = existing->notes;
            *existing = std::move(scenario);
            info(sink, "scenario '" + existing->name + "' replaced by the imported plan");
        } else {
            project.scenarios().push_back(std::move(scenario));
        }
    }
    reportProgress(feedback, 1.0, "import done");
    return project;
}

} // namespace tessera::io
