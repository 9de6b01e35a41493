// tessera-cli scenario diff: what changes from scenario A to scenario B of a
// project, as a table or as JSON (snake_case keys, see docs/cli.md).
#include "app/cli/commandline.h"
#include "core/plan/scenariodiff.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <iomanip>
#include <iostream>
#include <sstream>
#include <string>

namespace tessera::cli {

namespace {

using Json = nlohmann::ordered_json;

Json number(double value)
{
    return std::isfinite(value) ? Json(value) : Json(nullptr);
}

Json change(const FigureChange &figure)
{
    return Json{{"before", number(figure.before)}, {"after", number(figure.after)},
                {"delta", figure.isDefined() ? number(figure.delta()) : Json(nullptr)}};
}

Json nameOrNull(const std::string &name)
{
    return name.empty() ? Json(nullptr) : Json(name);
}

} // namespace

/// The diff in the CLI dialect; `whatif` prints it too.
nlohmann::ordered_json scenarioDiffJson(const ScenarioDiff &diff)
{
    Json out;
    out["before"] = diff.before;
    out["after"] = diff.after;
    Json moved = Json::array();
    for (const MovedUnit &unit : diff.movedUnits)
        moved.push_back(Json{{"unit", unit.unitKey}, {"unit_name", unit.unitName}, {"from", nameOrNull(unit.from)},
                             {"to", nameOrNull(unit.to)}, {"accounts", unit.accounts},
                             {"reason", unit.reason}});
    out["moved_units"] = std::move(moved);
    out["moved_accounts"] = diff.movedAccounts;
    out["moved_revenue"] = number(diff.movedRevenue);
    out["accounts_changing_rep"] = diff.accountsChangingRep;
    Json territories = Json::array();
    for (const TerritoryDelta &t : diff.territories) {
        Json attributes = Json::object();
        for (std::size_t k = 0; k < diff.attributeNames.size(); ++k)
            attributes[diff.attributeNames[k]] = change(t.attributes[k]);
        territories.push_back(Json{{"name", t.name},
                                   {"in_before", t.before.isValid()},
                                   {"in_after", t.after.isValid()},
                                   {"rep_before", nameOrNull(t.repBefore)},
                                   {"rep_after", nameOrNull(t.repAfter)},
                                   {"units", change(t.units)},
                                   {"accounts", change(t.accounts)},
                                   {"attributes", std::move(attributes)},
                                   {"workload_hours", change(t.workloadHours)},
                                   {"travel_hours", change(t.travelHours)},
                                   {"utilisation", change(t.utilisation)},
                                   {"area_km2", change(t.areaKm2)},
                                   {"polsby_popper", change(t.polsbyPopper)},
                                   {"pieces", change(t.pieces)},
                                   {"units_gained", t.unitsGained},
                                   {"units_lost", t.unitsLost}});
    }
    out["territories"] = std::move(territories);
    Json reps = Json::array();
    for (const RepImpact &r : diff.reps)
        reps.push_back(Json{{"name", r.name},
                            {"accounts_gained", r.accountsGained},
                            {"accounts_lost", r.accountsLost},
                            {"revenue_gained", number(r.revenueGained)},
                            {"revenue_lost", number(r.revenueLost)},
                            {"workload_hours", change(r.workloadHours)},
                            {"travel_hours", change(r.travelHours)}});
    out["reps"] = std::move(reps);
    out["noncontiguous_territories"] = change(diff.noncontiguousTerritories);
    out["cut_edges"] = change(diff.cutEdges);
    return out;
}

namespace {

std::string signedText(double value, int decimals)
{
    if (!std::isfinite(value))
        return "–";
    std::ostringstream out;
    out << std::showpos << std::fixed << std::setprecision(decimals) << value;
    return out.str();
}

} // namespace

/// The diff as text; `whatif` prints it too.
void printScenarioDiff(const ScenarioDiff &diff)
{
    std::cout << "From '" << diff.before << "' to '" << diff.after << "': " << diff.movedUnits.size()
              << " units and " << diff.movedAccounts << " accounts moved\n";
    for (const MovedUnit &unit : diff.movedUnits)
        std::cout << "  " << unit.unitKey << " " << unit.unitName << ": " << (unit.from.empty() ? "(none)" : unit.from)
                  << " -> " << (unit.to.empty() ? "(none)" : unit.to) << " (" << unit.reason << ")\n";
    std::cout << "\nTerritory changes (after - before):\n";
    for (const TerritoryDelta &t : diff.territories) {
        std::cout << "  " << t.name << ": units " << signedText(t.units.delta(), 0) << ", accounts "
                  << signedText(t.accounts.delta(), 0);
        for (std::size_t k = 0; k < diff.attributeNames.size(); ++k)
            std::cout << ", " << diff.attributeNames[k] << " " << signedText(t.attributes[k].delta(), 1);
        std::cout << ", workload " << signedText(t.workloadHours.delta(), 1) << " h, utilisation "
                  << (t.utilisation.isDefined() ? signedText(100.0 * t.utilisation.delta(), 1) + " pts" : "–")
                  << ", pieces " << signedText(t.pieces.delta(), 0) << '\n';
    }
    std::cout << "\nRep impact:\n";
    for (const RepImpact &r : diff.reps)
        std::cout << "  " << r.name << ": +" << r.accountsGained << " / -" << r.accountsLost << " accounts, revenue +"
                  << std::fixed << std::setprecision(0) << r.revenueGained << " / -" << r.revenueLost << ", travel "
                  << signedText(r.travelHours.delta(), 1) << " h, workload " << signedText(r.workloadHours.delta(), 1)
                  << " h\n";
}

int runScenarioDiff(const std::string &path, const std::string &before, const std::string &after, bool json)
{
    const std::optional<Project> project = loadProjectReadOnly("scenario", path);
    if (!project)
        return 1;
    const Scenario *a = project->findScenario(before);
    const Scenario *b = project->findScenario(after);
    if (!a || !b) {
        std::cerr << "tessera-cli scenario: " << path << ": no scenario named '" << (a ? after : before) << "'\n";
        return 1;
    }
    auto diff = diffScenarios(*project, *a, *b);
    if (!diff) {
        std::cerr << "tessera-cli scenario: " << diff.error().toString() << '\n';
        return 1;
    }
    if (json)
        std::cout << scenarioDiffJson(*diff).dump(2) << '\n';
    else
        printScenarioDiff(*diff);
    return 0;
}

} // namespace tessera::cli
