// tessera-cli metrics: balance, workload, compactness, contiguity and
// disruption of one scenario, as a table or as JSON (keys in docs/metrics.md).
#include "app/cli/commandline.h"
#include "app/cli/diagnostics.h"
#include "app/cli/jsonformat.h"
#include "core/metrics/metricsengine.h"
#include "core/metrics/skillmatch.h"
#include "core/model/project.h"
#include "core/plan/scenariometrics.h"

#include <boost/program_options.hpp>

#include <cmath>
#include <iomanip>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace tessera::cli {

namespace {

namespace po = boost::program_options;
using jsonformat::Json;
using jsonformat::number;

Json toJson(const Project &project, const Scenario &scenario, const Scenario *baseline, const MetricsEngine &engine)
{
    const std::vector<std::string> &names = engine.attributeNames();
    const std::vector<Territory> &territoryList = engine.territoryList();
    Json out;
    out["scenario"] = scenario.name;
    out["baseline"] = baseline ? Json(baseline->name) : Json(nullptr);
    out["attributes"] = names;
    Json territories = Json::array();
    for (const TerritoryMetrics &m : engine.territories()) {
        Json t;
        t["name"] = jsonformat::territoryName(territoryList, m.territory);
        t["rep"] = jsonformat::rep(project, m.rep);
        t["units"] = m.unitCount;
        t["accounts"] = m.accountCount;
        Json attributes = Json::object();
        for (std::size_t k = 0; k < names.size(); ++k)
            attributes[names[k]] = Json{{"sum", number(m.attributes[k].sum)},
                                        {"share", number(m.attributes[k].share)},
                                        {"reference", number(m.attributes[k].reference)},
                                        {"deviation", number(m.attributes[k].deviation)}};
        t["attributes"] = attributes;
        t["workload"] = Json{{"account_hours", number(m.accountHours)},
                             {"travel_hours", number(m.travelHours)},
                             {"workload_hours", number(m.workloadHours)},
                             {"capacity_hours", number(m.capacityHours)},
                             {"utilisation", number(m.utilisation)},
                             {"mean_account_distance_km", number(m.meanAccountDistanceKm)}};
        t["compactness"] = Json{{"area_km2", number(m.areaKm2)},
                                {"perimeter_km", number(m.perimeterKm)},
                                {"polsby_popper", number(m.polsbyPopper)},
                                {"inertia", number(m.inertia)},
                                {"centre", jsonformat::lonLat(m.centre)}};
        t["boundary"] = Json{{"shared_km", number(m.boundaryKm)}, {"cut_edges", m.cutEdges}};
        t["pieces"] = m.pieces;
        t["cut_off_units"] = jsonformat::unitKeys(project, m.cutOffUnits);
        if (baseline)
            t["disruption"] = jsonformat::disruption(m.disruption);
        territories.push_back(std::move(t));
    }
    out["territories"] = std::move(territories);

    const PlanMetrics &p = engine.plan();
    Json plan;
    plan["territories"] = p.territoryCount;
    plan["empty_territories"] = p.emptyTerritories;
    Json spread = Json::object();
    for (const AttributeSpread &s : p.attributes)
        spread[s.name] = Json{{"total", number(s.total)},
                              {"mean", number(s.mean)},
                              {"min", number(s.min)},
                              {"max", number(s.max)},
                              {"max_min_ratio", number(s.maxMinRatio)},
                              {"coefficient_of_variation", number(s.coefficientOfVariation)},
                              {"worst_deviation", number(s.worstDeviation)},
                              {"worst_territory", jsonformat::territoryName(territoryList, s.worstTerritory)}};
    plan["attributes"] = spread;
    plan["workload_hours"] = number(p.workloadHours);
    plan["travel_hours"] = number(p.travelHours);
    plan["cut_edges"] = p.cutEdges;
    plan["boundary_km"] = number(p.boundaryKm);
    plan["contiguous"] = p.contiguous;
    plan["noncontiguous_territories"] = p.noncontiguousTerritories;
    Json unassignedSums = Json::object();
    for (std::size_t k = 0; k < names.size(); ++k)
        unassignedSums[names[k]] = number(p.unassignedSums[k]);
    plan["unassigned"] = Json{{"units", p.unassignedUnits}, {"accounts", p.unassignedAccounts}, {"sums", unassignedSums}};
    Json reps = Json::array();
    for (const RepMetrics &r : p.reps) {
        Json rep = jsonformat::rep(project, r.rep);
        rep["territories"] = r.territoryCount;
        rep["workload_hours"] = number(r.workloadHours);
        rep["capacity_hours"] = number(r.capacityHours);
        rep["utilisation"] = number(r.utilisation);
        if (baseline)
            rep["disruption"] = jsonformat::disruption(r.disruption);
        reps.push_back(std::move(rep));
    }
    plan["reps"] = reps;
    if (baseline)
        plan["disruption"] = Json{{"baseline", baseline->name},
                                  {"moved_units", p.unitsMoved},
                                  {"moved_accounts", p.accountsMoved},
                                  {"moved_revenue", number(p.revenueMoved)},
                                  {"accounts_changing_rep", p.accountsChangingRep}};
    else
        plan["disruption"] = nullptr;
    out["plan"] = plan;
    out["skill_mismatches"] = jsonformat::skillMismatches(
        project, territoryList, SkillMatch::measure(project, territoryList, engine.alignment()));
    return out;
}

std::string figure(double value, int precision = 1)
{
    if (!std::isfinite(value))
        return "-";
    std::ostringstream out;
    if (value == std::round(value) && std::fabs(value) < 1e15)
        precision = 0;
    out << std::fixed << std::setprecision(precision) << value;
    return out.str();
}

std::string percent(double value)
{
    if (!std::isfinite(value))
        return "-";
    std::ostringstream out;
    out << std::showpos << std::fixed << std::setprecision(1) << value * 100.0 << '%';
    return out.str();
}

void printTable(std::ostream &out, const Project &project, const Scenario &scenario, const Scenario *baseline,
                const MetricsEngine &engine)
{
    const std::vector<std::string> &names = engine.attributeNames();
    out << "Scenario: " << scenario.name;
    if (baseline)
        out << " (baseline: " << baseline->name << ")";
    out << "\n\n";
    auto cell = [&out](const std::string &text, int width) { out << std::setw(width) << text << ' '; };
    out << std::left << std::setw(20) << "territory" << ' ' << std::setw(16) << "rep" << ' ' << std::right;
    cell("units", 6);
    for (const std::string &name : names)
        cell(name.size() > 22 ? name.substr(0, 22) : name, 22);
    cell("workload h", 11);
    cell("util", 6);
    cell("PP", 5);
    cell("cut", 4);
    cell("pieces", 6);
    if (baseline)
        cell("moved in/out", 12);
    out << '\n';
    for (const TerritoryMetrics &m : engine.territories()) {
        std::string name = engine.territoryList()[static_cast<std::size_t>(m.territory.value())].name;
        std::string rep = m.rep.isValid() ? project.reps()[static_cast<std::size_t>(m.rep.value())].name : "-";
        out << std::left << std::setw(20) << name.substr(0, 20) << ' ' << std::setw(16) << rep.substr(0, 16) << ' '
            << std::right;
        cell(std::to_string(m.unitCount), 6);
        for (const AttributeFigures &f : m.attributes)
            cell(figure(f.sum) + " (" + percent(f.deviation) + ")", 22);
        cell(figure(m.workloadHours), 11);
        cell(std::isfinite(m.utilisation) ? figure(m.utilisation * 100.0, 0) + "%" : "-", 6);
        cell(figure(m.polsbyPopper, 2), 5);
        cell(std::to_string(m.cutEdges), 4);
        cell(std::to_string(m.pieces), 6);
        if (baseline)
            cell(std::to_string(m.disruption.unitsGained) + "/" + std::to_string(m.disruption.unitsLost), 12);
        out << '\n';
    }
    const PlanMetrics &p = engine.plan();
    out << "\nPlan: " << p.territoryCount << " territories (" << p.emptyTerritories << " empty), " << p.cutEdges
        << " cut edges, " << figure(p.boundaryKm) << " km of boundary between territories, "
        << (p.contiguous ? "all contiguous" : std::to_string(p.noncontiguousTerritories) + " not contiguous") << '\n';
    for (const AttributeSpread &s : p.attributes)
        out << "  " << s.name << ": total " << figure(s.total) << ", mean " << figure(s.mean) << ", max/min "
            << figure(s.maxMinRatio, 3) << ", CV " << figure(s.coefficientOfVariation, 3) << ", worst "
            << percent(s.worstDeviation) << '\n';
    out << "  workload " << figure(p.workloadHours) << " h, of which travel " << figure(p.travelHours) << " h\n";
    if (p.unassignedUnits > 0)
        out << "  unassigned: " << p.unassignedUnits << " units, " << p.unassignedAccounts << " accounts\n";
    if (baseline)
        out << "  disruption: " << p.unitsMoved << " units, " << p.accountsMoved << " accounts, revenue "
            << figure(p.revenueMoved) << " moved; " << p.accountsChangingRep << " accounts change rep\n";
}

} // namespace

int runMetricsCommand(const std::vector<std::string> &arguments)
{
    po::options_description visible(
        "Usage: tessera-cli metrics PROJECT [--scenario NAME] [--attributes a,b] [--json]\n\n"
        "Prints balance, workload, compactness, contiguity and disruption figures of a\n"
        "scenario (default: the first). Attribute names: accounts, units, any unit or\n"
        "account column, or unit:NAME / account:NAME to pick the layer. Disruption is\n"
        "measured against the scenario's baseline or --baseline. JSON keys are listed in\n"
        "docs/cli.md.\n\n"
        + exitStatusHelp() + "\nOptions");
    visible.add_options()("help,h", "show this help")("scenario", po::value<std::string>(), "scenario name")(
        "attributes", po::value<std::string>(), "comma-separated attributes to balance")(
        "baseline", po::value<std::string>(), "scenario to measure disruption against")(
        "speed", number(0.1, 1000.0), "average speed for travel time, km/h (default 60)")(
        "circuity", number(1.0, 10.0), "road distance ÷ great-circle distance (default 1.3)")(
        "json", "print one JSON object");
    po::variables_map vm;
    if (const std::optional<int> exitCode = parseCommandLine("metrics", arguments, visible, vm))
        return *exitCode;
    const Diagnostics diagnostics("metrics");
    if (!vm.count("project"))
        return diagnostics.usage("missing PROJECT");
    const std::string path = vm["project"].as<std::string>();
    const std::optional<Project> loaded = loadProjectReadOnly("metrics", path);
    if (!loaded)
        return exitStatus(ExitCode::Failed);
    const Project &project = *loaded;
    if (project.scenarios().empty())
        return diagnostics.fail(path + ": the project has no scenario");
    const Scenario *scenario = &project.scenarios().front();
    if (vm.count("scenario")) {
        scenario = project.findScenario(vm["scenario"].as<std::string>());
        if (!scenario)
            return diagnostics.fail(path + ": no scenario named '" + vm["scenario"].as<std::string>() + "'");
    }
    const Scenario *baseline = nullptr;
    if (vm.count("baseline")) {
        baseline = project.findScenario(vm["baseline"].as<std::string>());
        if (!baseline)
            return diagnostics.fail(path + ": no scenario named '" + vm["baseline"].as<std::string>() + "'");
    } else if (scenario->baseline) {
        for (const Scenario &candidate : project.scenarios())
            if (candidate.id == *scenario->baseline)
                baseline = &candidate;
    }

    MetricOptions options;
    if (vm.count("attributes"))
        options.attributes = splitList(vm["attributes"].as<std::string>());
    if (vm.count("speed"))
        options.averageSpeedKmh = vm["speed"].as<double>();
    if (vm.count("circuity"))
        options.circuityFactor = vm["circuity"].as<double>();
    // A what-if scenario is measured on its transformed input data, as the window shows it.
    ScenarioMetrics metrics(project, options, baseline);
    if (auto shown = metrics.show(*scenario); !shown)
        return diagnostics.fail(path + ": " + shown.error().toString());
    if (vm.count("json"))
        jsonformat::print(toJson(metrics.data(), *scenario, baseline, *metrics.engine()));
    else
        printTable(std::cout, metrics.data(), *scenario, baseline, *metrics.engine());
    return exitStatus(ExitCode::Ok);
}

} // namespace tessera::cli
