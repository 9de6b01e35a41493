#include "core/plan/whatifapplier.h"

#include "core/geometry/unitindex.h"
#include "core/metrics/attributesource.h"
#include "core/optimizer/optimizeroptions.h"
#include "core/optimizer/optimizerresult.h"
#include "core/optimizer/territoryoptimizer.h"
#include "core/plan/optimizedplan.h"
#include "core/plan/palette.h"
#include "core/plan/planproblem.h"
#include "core/plan/territoryrenumbering.h"
#include "core/overloaded.h"
#include "core/valuelimits.h"

#include <algorithm>
#include <charconv>
#include <utility>

namespace tessera::whatif {

namespace {

bool matchesText(const std::string &text, const std::string &pattern)
{
    if (!pattern.empty() && pattern.back() == '*')
        return text.compare(0, pattern.size() - 1, pattern, 0, pattern.size() - 1) == 0;
    return text == pattern;
}

/// The state one application carries from transform to transform.
class Run {
public:
    Run(const Project &base, const Scenario &source, const ApplyOptions &options, bool dataOnly = false)
        : mOptions(options), mDataOnly(dataOnly)
    {
        // The input data without the other scenarios: they are not the what-if's business.
        mOut.project.units() = base.units();
        mOut.project.accounts() = base.accounts();
        mOut.project.reps() = base.reps();
        mOut.project.setAdjacency(base.adjacency());
        mOut.project.setSettingsJson(base.settingsJson());
        mOut.rosterSize = base.reps().size();
        mOut.scenario = source;
    }

    Result<void> apply(const Transform &transform)
    {
        if (auto valid = validate(transform); !valid)
            return valid;
        if (mDataOnly && !std::holds_alternative<ScaleAttribute>(transform) && !std::holds_alternative<MoveRep>(transform)
            && !std::holds_alternative<AddRep>(transform))
            return {};
        Result<std::string> done = std::visit(
            Overloaded{[&](const ScaleAttribute &t) { return scale(t); }, [&](const AddRep &t) { return addRep(t); },
                       [&](const RemoveRep &t) { return removeRep(t); }, [&](const MoveRep &t) { return moveRep(t); },
                       [&](const SetTerritoryCount &t) { return optimize(t.count, -1, false, false); },
                       [&](const SetTolerance &t) { return setTolerance(t); },
                       [&](const Reoptimize &t) {
                           return optimize(static_cast<int>(mOut.scenario.territories.size()), t.maxMoved,
                                           t.inAccounts, true);
                       }},
            transform);
        if (!done) {
            Error error = done.error();
            error.context = error.context.empty() ? describe(transform) : describe(transform) + ": " + error.context;
            return error;
        }
        mOut.log.push_back(describe(transform) + ": " + *done);
        return {};
    }

    Outcome finish(const Scenario &source) &&
    {
        const auto nameOf = [](const Scenario &scenario, TerritoryId t) {
            return t.isValid() && static_cast<std::size_t>(t.value()) < scenario.territories.size()
                       ? scenario.territories[static_cast<std::size_t>(t.value())].name
                       : std::string();
        };
        const Alignment &before = source.alignment;
        const Alignment &after = mOut.scenario.alignment;
        for (std::size_t u = 0; u < std::min(before.unitCount(), after.unitCount()); ++u) {
            const UnitId unit(static_cast<std::int32_t>(u));
            if (nameOf(source, before.territoryOf(unit)) != nameOf(mOut.scenario, after.territoryOf(unit)))
                ++mOut.movedUnits;
        }
        return std::move(mOut);
    }

private:
    Project &project() { return mOut.project; }
    Scenario &scenario() { return mOut.scenario; }

    Result<RepId> findRep(const std::string &idOrName) const
    {
        const auto &reps = mOut.project.reps();
        for (const Rep &rep : reps)
            if (rep.key == idOrName)
                return rep.id;
        for (const Rep &rep : reps)
            if (rep.name == idOrName)
                return rep.id;
        return makeError(ErrorCode::NotFound, "no rep with the id or name '" + idOrName + "'");
    }

    /// Units the selection's unit part keeps (all when it has none).
    Result<std::vector<char>> unitMask(const Selection &selection)
    {
        const UnitLayer &units = project().units();
        std::vector<char> mask(units.size(), selection.unitKeys.empty() ? 1 : 0);
        for (const std::string &key : selection.unitKeys) {
            const UnitId unit = units.findByKey(key);
            if (!unit.isValid())
                return makeError(ErrorCode::NotFound, "no unit with the id '" + key + "'");
            mask[static_cast<std::size_t>(unit.value())] = 1;
        }
        const std::string &field = selection.field;
        if (field.empty() || field == "segment")
            return mask;
        if (field == "key" || field == "name") {
            for (const Unit &unit : units.units())
                if (!matchesText(field == "key" ? unit.key : unit.name, selection.value))
                    mask[static_cast<std::size_t>(unit.id.value())] = 0;
            return mask;
        }
        const int column = units.attributes().columnIndex(field);
        if (column < 0)
            return makeError(ErrorCode::NotFound, "no unit attribute '" + field
                                                      + "' to filter on (segment, key, name or a numeric unit attribute)");
        double value = 0.0;
        const char *end = selection.value.data() + selection.value.size();
        if (const auto parsed = std::from_chars(selection.value.data(), end, value);
            parsed.ec != std::errc() || parsed.ptr != end)
            return makeError(ErrorCode::InvalidArgument, "'" + selection.value + "' is not a number to compare "
                                                             + field + " with");
        const auto &values = units.attributes().column(column);
        for (std::size_t u = 0; u < mask.size(); ++u)
            if (values[u] != value)
                mask[u] = 0;
        return mask;
    }

    Result<std::string> scale(const ScaleAttribute &t)
    {
        std::string name = t.attribute;
        bool unitSide = true, accountSide = true;
        if (name.rfind("unit:", 0) == 0) {
            name = name.substr(5);
            accountSide = false;
        } else if (name.rfind("account:", 0) == 0) {
            name = name.substr(8);
            unitSide = false;
        }
        AttributeTable &unitTable = project().units().attributes();
        AttributeTable &accountTable = project().accounts().attributes();
        const int unitColumn = unitSide ? unitTable.columnIndex(name) : -1;
        const int accountColumn = accountSide ? accountTable.columnIndex(name) : -1;
        if (unitColumn < 0 && accountColumn < 0)
            return makeError(ErrorCode::NotFound, "no unit or account attribute '" + t.attribute + "'");
        const bool bySegment = t.selection.field == "segment";
        if (bySegment && accountColumn < 0)
            return makeError(ErrorCode::InvalidArgument,
                             "'" + t.attribute + "' is a unit attribute; a segment filter needs an account attribute");
        auto mask = unitMask(t.selection);
        if (!mask)
            return mask.error();

        // Check every product first, so a failure changes nothing.
        std::vector<std::size_t> unitRows, accountRows;
        if (unitColumn >= 0 && !bySegment)
            for (std::size_t u = 0; u < mask->size(); ++u)
                if ((*mask)[u])
                    unitRows.push_back(u);
        const bool byUnit = !t.selection.unitKeys.empty() || (!t.selection.field.empty() && !bySegment);
        if (accountColumn >= 0)
            for (const Account &account : project().accounts().accounts()) {
                const bool inUnits = !byUnit
                                     || (account.unit.isValid() && (*mask)[static_cast<std::size_t>(account.unit.value())]);
                if (inUnits && (!bySegment || matchesText(account.segment, t.selection.value)))
                    accountRows.push_back(static_cast<std::size_t>(account.id.value()));
            }
        for (std::size_t row : unitRows)
            if (!isAcceptedValue(unitTable.value(row, unitColumn) * t.factor))
                return makeError(ErrorCode::InvalidArgument, "the scaled value of unit '"
                                                                 + project().units().units()[row].key + "' is "
                                                                 + outOfRangeMessage(unitTable.value(row, unitColumn) * t.factor));
        for (std::size_t row : accountRows)
            if (!isAcceptedValue(accountTable.value(row, accountColumn) * t.factor))
                return makeError(ErrorCode::InvalidArgument, "the scaled value of account '"
                                                                 + project().accounts().accounts()[row].key + "' is "
                                                                 + outOfRangeMessage(accountTable.value(row, accountColumn) * t.factor));
        for (std::size_t row : unitRows)
            unitTable.setValue(row, unitColumn, unitTable.value(row, unitColumn) * t.factor);
        for (std::size_t row : accountRows)
            accountTable.setValue(row, accountColumn, accountTable.value(row, accountColumn) * t.factor);
        return "scaled " + std::to_string(unitRows.size()) + " units and " + std::to_string(accountRows.size())
               + " accounts";
    }

    Result<std::string> addRep(const AddRep &t)
    {
        if (mDataOnly) {
            // Stored with the scenario, the rep is in the roster already; else it exists for this data only.
            std::vector<Rep> &reps = project().reps();
            auto it = std::find_if(reps.begin(), reps.end(), [&](const Rep &r) { return r.key == t.name; });
            const bool present = it != reps.end();
            if (!present) {
                Rep fresh;
                fresh.key = fresh.name = t.name;
                const RepId added = project().addRep(std::move(fresh));
                it = reps.begin() + added.value();
            }
            Rep &rep = *it;
            rep.home = LonLat{t.lon, t.lat};
            rep.capacityHours = t.capacityHours;
            rep.skills = t.skills;
            return std::string(present ? "rep present" : "rep added");
        }
        if (findRep(t.name))
            return makeError(ErrorCode::InvalidArgument, "a rep called '" + t.name + "' exists already");
        Rep rep;
        rep.key = t.name;
        rep.name = t.name;
        rep.home = LonLat{t.lon, t.lat};
        rep.capacityHours = t.capacityHours;
        rep.skills = t.skills;
        const RepId id = project().addRep(std::move(rep));

        Territory territory;
        territory.name = t.name;
        territory.rep = id;
        std::vector<std::uint32_t> used;
        for (const Territory &existing : scenario().territories)
            used.push_back(existing.color);
        territory.color = palette::nextColor(used);
        const TerritoryId created = scenario().addTerritory(territory);

        // The unit holding the home starts the territory, so a rebalancing can grow it.
        if (project().units().isEmpty())
            return std::string("territory created (no units)");
        const geometry::UnitIndex index(project().units());
        UnitId home = index.locate(LonLat{t.lon, t.lat});
        if (!home.isValid())
            home = index.nearest(LonLat{t.lon, t.lat});
        if (!home.isValid() || scenario().alignment.isLocked(home))
            return std::string("territory created, empty");
        scenario().alignment.assign(home, created);
        return "territory created at unit " + project().units().unit(home).key;
    }

    Result<std::string> removeRep(const RemoveRep &t)
    {
        auto rep = findRep(t.rep);
        if (!rep)
            return rep.error();
        std::vector<TerritoryId> served;
        for (const Territory &territory : scenario().territories)
            if (territory.rep == *rep)
                served.push_back(territory.id);
        if (!t.dissolve) {
            for (TerritoryId id : served)
                scenario().territories[static_cast<std::size_t>(id.value())].rep = RepId();
            return std::to_string(served.size()) + (served.size() == 1 ? " territory" : " territories") + " left vacant";
        }
        std::size_t unassigned = 0;
        // Highest id first: removing a territory renumbers the ones after it.
        for (auto it = served.rbegin(); it != served.rend(); ++it) {
            unassigned += dissolve(*it);
            if (auto removed = plan::removeTerritory(scenario(), *it); !removed)
                return removed.error();
        }
        return std::to_string(served.size()) + (served.size() == 1 ? " territory" : " territories") + " dissolved"
               + (unassigned ? ", " + std::to_string(unassigned) + " units left unassigned (no neighbour)" : "");
    }

    /// Hands the units of \a territory to neighbouring territories, growing
    /// them breadth-first from the shared boundary (lowest unit id first, the
    /// lowest neighbouring territory id on a tie). Returns the units no
    /// neighbour reaches (islands); removeTerritory() unassigns them.
    std::size_t dissolve(TerritoryId territory)
    {
        Alignment &alignment = scenario().alignment;
        const AdjacencyGraph &graph = project().adjacency();
        const std::size_t n = alignment.unitCount();
        std::vector<char> pending(n, 0);
        for (std::size_t u = 0; u < n; ++u)
            pending[u] = alignment.territoryOf(UnitId(static_cast<std::int32_t>(u))) == territory;
        const auto claim = [&](UnitId unit) {
            TerritoryId best;
            for (UnitId neighbour : graph.neighbours(unit)) {
                const TerritoryId t = alignment.territoryOf(neighbour);
                if (t.isValid() && t != territory && !pending[static_cast<std::size_t>(neighbour.value())]
                    && (!best.isValid() || t < best))
                    best = t;
            }
            return best;
        };
        std::vector<std::pair<UnitId, TerritoryId>> wave;
        for (std::size_t u = 0; u < n && u < graph.unitCount(); ++u)
            if (pending[u])
                if (const TerritoryId t = claim(UnitId(static_cast<std::int32_t>(u))); t.isValid())
                    wave.emplace_back(UnitId(static_cast<std::int32_t>(u)), t);
        // Waves: every unit of one ring is claimed against the previous ring, so the order inside a ring does not matter.
        while (!wave.empty()) {
            for (const auto &[unit, t] : wave) {
                alignment.assign(unit, t);
                pending[static_cast<std::size_t>(unit.value())] = 0;
            }
            std::vector<std::pair<UnitId, TerritoryId>> next;
            std::vector<char> queued(n, 0);
            for (const auto &[unit, t] : wave)
                for (UnitId neighbour : graph.neighbours(unit)) {
                    const auto v = static_cast<std::size_t>(neighbour.value());
                    if (pending[v] && !queued[v]) {
                        queued[v] = 1;
                        next.emplace_back(neighbour, claim(neighbour));
                    }
                }
            std::sort(next.begin(), next.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
            wave = std::move(next);
        }
        return static_cast<std::size_t>(std::count(pending.begin(), pending.end(), 1));
    }

    Result<std::string> moveRep(const MoveRep &t)
    {
        auto rep = findRep(t.rep);
        if (!rep)
            return rep.error();
        project().reps()[static_cast<std::size_t>(rep->value())].home = LonLat{t.lon, t.lat};
        return std::string("home moved");
    }

    Result<std::string> setTolerance(const SetTolerance &t)
    {
        if (auto source = AttributeSource::resolve(t.attribute, project()); !source)
            return source.error();
        const auto it = std::find_if(mBalance.begin(), mBalance.end(), [&](const auto &b) { return b.first == t.attribute; });
        if (it != mBalance.end())
            it->second = t.tolerance;
        else
            mBalance.emplace_back(t.attribute, t.tolerance);
        return std::string("applies to the next re-optimization");
    }

    Result<std::string> optimize(int territories, double cap, bool capInAccounts, bool rebalance)
    {
        std::vector<std::pair<std::string, double>> balance = mBalance;
        if (balance.empty())
            balance.emplace_back(project().units().attributes().hasColumn(attributes::Population) ? "population"
                                                                                                 : "accounts",
                                 0.05);
        std::vector<std::string> names;
        for (const auto &goal : balance)
            names.push_back(goal.first);
        OptimizerOptions options;
        options.territories = territories;
        options.seed = mOptions.seed;
        options.workBudget = mOptions.workBudget;
        options.timeLimitSeconds = 0; // the work budget alone defines the plan
        options.explainMoves = false;
        options.rebalanceFromCurrent = rebalance;
        options.moveCap = cap;
        options.moveCapInAccounts = capInAccounts;
        auto built = plan::scenarioProblem(project(), scenario(), names, options, plan::CentrePlacement::RepHomes);
        if (!built)
            return built.error();
        for (std::size_t g = 0; g < balance.size(); ++g)
            options.balance.push_back({built->problem.attributeIndex(balance[g].first), balance[g].second});
        auto result = optimizeTerritories(built->problem, options, mOptions.feedback);
        if (!result)
            return result.error();
        auto applied = plan::applyOptimizerResult(scenario(), *result, territories);
        if (!applied)
            return applied.error();
        const Scenario before = scenario();
        scenario() = std::move(*applied);
        scenario().id = before.id;
        scenario().name = before.name;
        mOut.optimized = true;
        mOut.balanced = result->balanced;
        mOut.contiguous = result->contiguous;
        return std::to_string(result->movedUnits) + " units moved"
               + (result->balanced ? "" : ", outside a balance tolerance")
               + (result->contiguous ? "" : ", not contiguous");
    }

    ApplyOptions mOptions;
    bool mDataOnly = false;
    Outcome mOut;
    std::vector<std::pair<std::string, double>> mBalance; ///< attribute entry, tolerance; in order of setting
};

} // namespace

Result<Outcome> Applier::apply(const Scenario &source, const std::vector<Transform> &transforms,
                               const ApplyOptions &options) const
{
    if (source.alignment.unitCount() != mProject.units().size())
        return makeError(ErrorCode::InvalidInput, "scenario '" + source.name + "' does not cover the project's units");
    Run run(mProject, source, options);
    for (const Transform &transform : transforms)
        if (auto applied = run.apply(transform); !applied)
            return applied.error();
    Outcome out = std::move(run).finish(source);
    out.scenario.transformsJson = toJson(transforms);
    if (source.id != 0)
        out.scenario.baseline = source.id;
    return out;
}

Result<Project> Applier::inputData(const std::vector<Transform> &transforms) const
{
    Scenario none;
    none.alignment = Alignment(mProject.units().size());
    Run run(mProject, none, ApplyOptions{}, true);
    for (const Transform &transform : transforms)
        if (auto applied = run.apply(transform); !applied)
            return applied.error();
    return std::move(std::move(run).finish(none).project);
}

Scenario Applier::storable(const Outcome &outcome)
{
    Scenario out = outcome.scenario;
    for (Territory &territory : out.territories)
        if (territory.rep.isValid() && static_cast<std::size_t>(territory.rep.value()) >= outcome.rosterSize)
            territory.rep = RepId();
    return out;
}

} // namespace tessera::whatif
