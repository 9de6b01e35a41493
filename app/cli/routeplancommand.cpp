// tessera-cli route PROJECT: each rep's visits over a horizon of working days.
#include "app/cli/commandline.h"
#include "core/problemsink.h"
#include "core/routing/repplanexporter.h"
#include "core/routing/repplanner.h"
#include "core/routing/travelmatrixtable.h"

#include <boost/program_options/variables_map.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

namespace tessera::cli {

bool writeFileAtomically(const std::string &path, const std::string &text);

namespace {

namespace po = boost::program_options;

std::string nextMonday()
{
    using namespace std::chrono;
    sys_days today = floor<days>(system_clock::now());
    do
        today += days{1};
    while (weekday{today}.iso_encoding() != 1);
    const year_month_day ymd{today};
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", int(ymd.year()), unsigned(ymd.month()), unsigned(ymd.day()));
    return buffer;
}

nlohmann::json toJson(const RepPlan &plan)
{
    nlohmann::json out;
    out["rep"] = plan.repKey;
    out["name"] = plan.repName;
    nlohmann::json days = nlohmann::json::array();
    for (const PlannedDay &day : plan.days) {
        nlohmann::json d;
        d["day"] = day.day + 1;
        d["leave_home"] = RepPlanExporter::clock(day.leaveHome);
        d["return_home"] = RepPlanExporter::clock(day.returnHome);
        d["drive_minutes"] = day.driveMinutes;
        d["drive_km"] = day.driveKm;
        d["visit_minutes"] = day.visitMinutes;
        d["idle_minutes"] = day.idleMinutes;
        nlohmann::json visits = nlohmann::json::array();
        for (const PlannedVisit &v : day.visits)
            visits.push_back({{"account", v.key}, {"name", v.name}, {"arrival", RepPlanExporter::clock(v.arrival)},
                              {"wait_minutes", v.wait}, {"start", RepPlanExporter::clock(v.start)},
                              {"departure", RepPlanExporter::clock(v.departure)}, {"drive_minutes", v.driveMinutes},
                              {"drive_km", v.driveKm}});
        d["visits"] = visits;
        days.push_back(d);
    }
    out["days"] = days;
    nlohmann::json unfitted = nlohmann::json::array();
    for (const UnfittedVisit &u : plan.unfitted)
        unfitted.push_back({{"account", u.key}, {"name", u.name}, {"visits", u.visits}, {"reason", u.reason}});
    out["unfitted"] = unfitted;
    out["totals"] = {{"visits", plan.visits},
                     {"drive_minutes", plan.driveMinutes},
                     {"drive_km", plan.driveKm},
                     {"visit_minutes", plan.visitMinutes},
                     {"idle_minutes", plan.idleMinutes}};
    nlohmann::json baseline = {{"drive_minutes", plan.baselineDriveMinutes},
                               {"visits", plan.baselineVisits},
                               {"days", plan.baselineDays}};
    if (plan.baselineDriveMinutes > 0.0)
        baseline["drive_saving"] = 1.0 - plan.driveMinutes / plan.baselineDriveMinutes;
    out["baseline"] = baseline;
    out["feasible"] = plan.feasible;
    out["seconds"] = plan.seconds;
    return out;
}

void printPlan(const RepPlan &plan)
{
    std::printf("Rep %s (%s)\n", plan.repKey.c_str(), plan.repName.c_str());
    for (const PlannedDay &day : plan.days) {
        std::printf("  Day %d: leave home %s, back %s, %zu visits, drive %.0f min (%.1f km), idle %.0f min\n",
                    day.day + 1, RepPlanExporter::clock(day.leaveHome).c_str(),
                    RepPlanExporter::clock(day.returnHome).c_str(), day.visits.size(), day.driveMinutes, day.driveKm,
                    day.idleMinutes);
        for (std::size_t k = 0; k < day.visits.size(); ++k) {
            const PlannedVisit &v = day.visits[k];
            std::printf("    %2zu. arrive %s  wait %3.0f min  visit %s-%s  %s (%s), drive %.0f min\n", k + 1,
                        RepPlanExporter::clock(v.arrival).c_str(), v.wait, RepPlanExporter::clock(v.start).c_str(),
                        RepPlanExporter::clock(v.departure).c_str(), v.name.c_str(), v.key.c_str(), v.driveMinutes);
        }
    }
    for (const UnfittedVisit &u : plan.unfitted)
        std::printf("  Not planned: %s (%s), %d visit(s): %s\n", u.name.c_str(), u.key.c_str(), u.visits,
                    u.reason.c_str());
    std::printf("  Totals: %d visits, drive %.0f min (%.1f km), visiting %.0f min, idle %.0f min\n", plan.visits,
                plan.driveMinutes, plan.driveKm, plan.visitMinutes, plan.idleMinutes);
    if (plan.baselineDriveMinutes > 0.0)
        std::printf("  Nearest-neighbour baseline (same visits, day by day from home): %d days, drive %.0f min; "
                    "the plan drives %.0f %% less\n",
                    plan.baselineDays, plan.baselineDriveMinutes,
                    100.0 * (1.0 - plan.driveMinutes / plan.baselineDriveMinutes));
    if (!plan.feasible)
        for (const std::string &violation : plan.violations)
            std::printf("  CHECK FAILED: %s\n", violation.c_str());
}

} // namespace

int runRoutePlanCommand(const po::variables_map &vm)
{
    const std::string path = vm["project"].as<std::string>();
    RepPlanOptions options;
    options.days = vm["days"].as<int>();
    auto start = RepPlanExporter::parseClock(vm["start"].as<std::string>());
    auto end = RepPlanExporter::parseClock(vm["end"].as<std::string>());
    if (!start || !end) {
        std::cerr << "tessera-cli route: " << (!start ? start.error() : end.error()).message << '\n';
        return 2;
    }
    options.dayStart = *start;
    options.dayEnd = *end;
    if (vm.count("lunch")) {
        const std::string lunch = vm["lunch"].as<std::string>();
        const auto dash = lunch.find('-');
        auto from = RepPlanExporter::parseClock(lunch.substr(0, dash));
        auto to = dash == std::string::npos ? Result<double>(makeError(ErrorCode::InvalidArgument, ""))
                                            : RepPlanExporter::parseClock(lunch.substr(dash + 1));
        if (!from || !to || *to <= *from) {
            std::cerr << "tessera-cli route: --lunch must be HH:MM-HH:MM, not '" << lunch << "'\n";
            return 2;
        }
        options.lunchStart = *from;
        options.lunchEnd = *to;
    }
    if (vm.count("max-hours"))
        options.maxDayMinutes = vm["max-hours"].as<double>() * 60.0;
    options.frequencyPeriodDays = vm["period-days"].as<double>();
    options.horizonIndex = vm["horizon"].as<int>();
    options.routing.seed = vm["seed"].as<unsigned long long>();
    options.routing.timeLimitSeconds = vm["time-limit"].as<double>();
    if (vm.count("iterations"))
        options.routing.maxIterations = vm["iterations"].as<long long>();
    if (options.routing.timeLimitSeconds < 0
        || (options.routing.timeLimitSeconds == 0 && options.routing.maxIterations <= 0)) {
        std::cerr << "tessera-cli route: --time-limit must be > 0 (or give --iterations)\n";
        return 2;
    }
    if (vm.count("rep") && vm.count("all")) {
        std::cerr << "tessera-cli route: give --rep ID or --all, not both\n";
        return 2;
    }
    const std::string firstDay = vm.count("date") ? vm["date"].as<std::string>() : nextMonday();

    std::optional<TravelMatrixTable> matrix;
    if (vm.count("matrix")) {
        CollectingProblemSink sink;
        auto read = TravelMatrixTable::read(vm["matrix"].as<std::string>(), &sink);
        for (const Problem &problem : sink.problems())
            std::cerr << "tessera-cli route: " << problem.toString() << '\n';
        if (!read) {
            std::cerr << "tessera-cli route: " << read.error().toString() << '\n';
            return 1;
        }
        matrix = std::move(*read);
    }

    auto project = loadProjectReadOnly("route", path);
    if (!project)
        return 1;
    if (project->scenarios().empty()) {
        std::cerr << "tessera-cli route: " << path << ": the project has no scenario\n";
        return 1;
    }
    const Scenario *scenario = &project->scenarios().front();
    if (vm.count("scenario")) {
        scenario = project->findScenario(vm["scenario"].as<std::string>());
        if (!scenario) {
            std::cerr << "tessera-cli route: " << path << ": no scenario named '" << vm["scenario"].as<std::string>()
                      << "'\n";
            return 1;
        }
    }
    std::vector<RepId> reps;
    if (vm.count("rep")) {
        const std::string key = vm["rep"].as<std::string>();
        for (const Rep &rep : project->reps())
            if (rep.key == key)
                reps.push_back(rep.id);
        if (reps.empty()) {
            std::cerr << "tessera-cli route: " << path << ": no rep with id '" << key << "'\n";
            return 1;
        }
    } else if (vm.count("all") || project->reps().size() == 1) {
        for (const Territory &territory : scenario->territories)
            if (territory.rep.isValid()
                && std::find(reps.begin(), reps.end(), territory.rep) == reps.end())
                reps.push_back(territory.rep);
    } else {
        std::cerr << "tessera-cli route: give --rep ID or --all (see tessera-cli route --help)\n";
        return 2;
    }

    RepPlanner planner(options);
    if (matrix)
        planner.setTravelMatrix(&*matrix);
    std::vector<RepPlan> plans;
    for (RepId rep : reps) {
        auto plan = planner.plan(*project, *scenario, rep);
        if (!plan) {
            std::cerr << "tessera-cli route: " << plan.error().toString() << '\n';
            return 1;
        }
        plans.push_back(std::move(*plan));
    }
    bool feasible = true;
    for (const RepPlan &plan : plans)
        feasible = feasible && plan.feasible;

    if (feasible) {
        std::vector<std::pair<std::string, std::string>> files;
        if (vm.count("out"))
            files.emplace_back(vm["out"].as<std::string>(), RepPlanExporter::csv(plans));
        if (vm.count("gpx"))
            files.emplace_back(vm["gpx"].as<std::string>(), RepPlanExporter::gpx(plans));
        if (vm.count("ics")) {
            auto ics = RepPlanExporter::icalendar(plans, firstDay);
            if (!ics) {
                std::cerr << "tessera-cli route: --date: " << ics.error().message << '\n';
                return 2;
            }
            files.emplace_back(vm["ics"].as<std::string>(), *ics);
        }
        for (const auto &[file, text] : files)
            if (!writeFileAtomically(file, text)) {
                std::cerr << "tessera-cli route: cannot write " << file << '\n';
                return 1;
            }
    } else {
        std::cerr << "tessera-cli route: no file written, a plan failed the route check\n";
    }

    if (vm.count("json")) {
        nlohmann::json out;
        out["scenario"] = scenario->name;
        out["days"] = options.days;
        nlohmann::json list = nlohmann::json::array();
        double drive = 0, baseline = 0;
        int visits = 0;
        for (const RepPlan &plan : plans) {
            list.push_back(toJson(plan));
            drive += plan.driveMinutes;
            baseline += plan.baselineDriveMinutes;
            visits += plan.visits;
        }
        out["reps"] = list;
        out["totals"] = {{"visits", visits}, {"drive_minutes", drive},
                         {"baseline_drive_minutes", baseline}};
        if (baseline > 0.0)
            out["totals"]["drive_saving"] = 1.0 - drive / baseline;
        out["feasible"] = feasible;
        std::cout << out.dump(2) << '\n';
    } else {
        std::printf("Scenario: %s, %d working days %s-%s\n", scenario->name.c_str(), options.days,
                    RepPlanExporter::clock(options.dayStart).c_str(), RepPlanExporter::clock(options.dayEnd).c_str());
        for (const RepPlan &plan : plans)
            printPlan(plan);
    }
    return feasible ? 0 : 1;
}

} // namespace tessera::cli
