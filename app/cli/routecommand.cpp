// tessera-cli route: a rep's day routes over a horizon (project mode), or a
// Solomon VRPTW instance (benchmark mode, --solomon).
#include "app/cli/commandline.h"
#include "core/routing/routingoptions.h"
#include "core/routing/solomonreader.h"
#include "core/routing/solutionchecker.h"
#include "core/routing/vrptwsolver.h"

#include <boost/program_options.hpp>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

namespace tessera::cli {

int runRoutePlanCommand(const boost::program_options::variables_map &vm);
bool writeFileAtomically(const std::string &path, const std::string &text);

namespace {

namespace po = boost::program_options;

} // namespace

/// Writes \a text to \a path through a temporary file, so a failure leaves no partial file.
bool writeFileAtomically(const std::string &path, const std::string &text)
{
    const std::string temporary = path + ".part";
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        if (!out || !(out << text) || !out.flush()) {
            std::error_code ignored;
            std::filesystem::remove(temporary, ignored);
            return false;
        }
    }
    std::error_code error;
    std::filesystem::rename(temporary, path, error);
    if (error) {
        std::filesystem::remove(temporary, error);
        return false;
    }
    return true;
}

namespace {

int runSolomon(const po::variables_map &vm)
{
    const std::string path = vm["solomon"].as<std::string>();
    RoutingOptions options;
    const std::string objective = vm["objective"].as<std::string>();
    if (objective == "distance")
        options.objective = RoutingObjective::Distance;
    else if (objective == "vehicles")
        options.objective = RoutingObjective::Vehicles;
    else {
        std::cerr << "tessera-cli route: --objective must be distance or vehicles, not '" << objective << "'\n";
        return 2;
    }
    options.seed = vm["seed"].as<unsigned long long>();
    options.timeLimitSeconds = vm["time-limit"].as<double>();
    if (vm.count("iterations"))
        options.maxIterations = vm["iterations"].as<long long>();
    if (options.timeLimitSeconds < 0 || (options.timeLimitSeconds == 0 && options.maxIterations <= 0)) {
        std::cerr << "tessera-cli route: --time-limit must be > 0 (or give --iterations)\n";
        return 2;
    }
    auto problem = SolomonReader::read(path);
    if (!problem) {
        std::cerr << "tessera-cli route: " << problem.error().toString() << '\n';
        return 1;
    }
    auto solution = VrptwSolver(*problem, options).solve();
    if (!solution) {
        std::cerr << "tessera-cli route: " << solution.error().toString() << '\n';
        return 1;
    }
    const CheckReport report = SolutionChecker(*problem).check(*solution);
    if (vm.count("out")) {
        std::string csv = "route,position,customer\n";
        for (std::size_t r = 0; r < solution->routes.size(); ++r)
            for (std::size_t k = 0; k < solution->routes[r].size(); ++k)
                csv += std::to_string(r + 1) + "," + std::to_string(k + 1) + ","
                       + problem->nodes[solution->routes[r][k]].key + "\n";
        if (!report.feasible) {
            std::cerr << "tessera-cli route: no file written, the solution is infeasible\n";
        } else if (!writeFileAtomically(vm["out"].as<std::string>(), csv)) {
            std::cerr << "tessera-cli route: cannot write " << vm["out"].as<std::string>() << '\n';
            return 1;
        }
    }
    if (vm.count("json")) {
        nlohmann::json json;
        json["vehicles"] = report.vehicles;
        json["distance"] = report.distance;
        json["seconds"] = solution->seconds;
        json["feasible"] = report.feasible;
        json["iterations"] = solution->iterations;
        json["objective"] = objective;
        if (!report.feasible)
            json["violations"] = report.violations;
        std::cout << json.dump() << '\n';
    } else {
        std::printf("%s: %d vehicles, distance %.2f, %.2f s, %s\n", path.c_str(), report.vehicles, report.distance,
                    solution->seconds, report.feasible ? "feasible" : "INFEASIBLE");
        for (const std::string &violation : report.violations)
            std::printf("  %s\n", violation.c_str());
    }
    return report.feasible ? 0 : 1;
}

} // namespace

int runRouteCommand(const std::vector<std::string> &arguments)
{
    po::options_description visible(
        "Usage: tessera-cli route PROJECT [--scenario NAME] [--rep ID|--all] [--days D] [--start 08:00]\n"
        "                         [--end 17:00] [--lunch 12:00-12:30] [--max-hours H] [--matrix FILE]\n"
        "                         [--seed N] [--time-limit S] [--json] [--out ROUTES.csv] [--gpx FILE] [--ics FILE]\n"
        "       tessera-cli route --solomon FILE [--objective distance|vehicles] [--time-limit S] [--seed N]\n"
        "                         [--json] [--out ROUTES.csv]\n\n"
        "Plans a rep's visits over D working days (each account as often as its visit frequency asks,\n"
        "never twice on a day, within working hours and opening hours), or solves a Solomon VRPTW file.\n"
        "Exit codes: 0 done, 1 failed, 2 usage error.\n\nOptions");
    visible.add_options()("help,h", "show this help")
        ("solomon", po::value<std::string>(), "solve this Solomon-format VRPTW file instead of a project")
        ("objective", po::value<std::string>()->default_value("distance"),
         "distance (total distance) or vehicles (fewest vehicles, then distance); --solomon only")
        ("scenario", po::value<std::string>(), "scenario whose territories define each rep's accounts (default: the first)")
        ("rep", po::value<std::string>(), "the rep's id (key) to plan")
        ("all", "plan every rep of the scenario")
        ("days", number(1, 366)->default_value(5), "working days in the horizon")
        ("start", po::value<std::string>()->default_value("08:00"), "start of the working day (HH:MM)")
        ("end", po::value<std::string>()->default_value("17:00"), "end of the working day (HH:MM)")
        ("lunch", po::value<std::string>(), "lunch break kept free of visits, HH:MM-HH:MM")
        ("max-hours", number(0.1, 24.0), "most working hours a day (default: start to end)")
        ("matrix", po::value<std::string>(), "travel-time CSV from,to,minutes[,km] (account keys, rep key for home)")
        ("seed", po::value<unsigned long long>()->default_value(1), "random seed (same seed and budget, same routes)")
        ("time-limit", number(0.0, 1e6)->default_value(2.0), "seconds of search (per rep in project mode)")
        ("iterations", number(0LL, 1000000000000LL), "work budget in ruin-and-recreate iterations (deterministic)")
        ("period-days", number(1.0, 3660.0)->default_value(220.0),
         "working days the visit frequency counts over (220 = per year, 20 = per 4 weeks, 5 = per week)")
        ("horizon", number(0, 10000)->default_value(0), "which horizon of the period to plan (0 = the first)")
        ("date", po::value<std::string>(), "first day of the plan for --ics, YYYY-MM-DD (default: next Monday)")
        ("json", "print one JSON object")
        ("out", text(), "write one CSV row per visit")
        ("gpx", text(), "write the routes as GPX (project mode)")
        ("ics", text(), "write the visits as iCalendar events (project mode)");
    po::variables_map vm;
    if (auto exitCode = parseCommandLine("route", arguments, visible, vm))
        return *exitCode;
    if (vm.count("solomon")) {
        if (vm.count("project")) {
            std::cerr << "tessera-cli route: give a PROJECT or --solomon FILE, not both\n";
            return 2;
        }
        return runSolomon(vm);
    }
    if (!vm.count("project")) {
        std::cerr << "tessera-cli route: missing PROJECT or --solomon FILE (see tessera-cli route --help)\n";
        return 2;
    }
    return runRoutePlanCommand(vm);
}

} // namespace tessera::cli
