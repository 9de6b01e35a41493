// Solomon's 56 VRPTW instances under both objectives, every solution checked
// by SolutionChecker. Not a Google Benchmark: one run per instance and
// objective, a table and a summary (gaps to the best-known value of the same
// objective, from ../shared/bench/vrptw/solomon/bks.csv).
//
//   bench_routing [--time-limit S] [--vehicles-time-limit S] [--seed N]
//                 [--objective distance|vehicles|both] [--only PREFIX] [--folder DIR]
//                 [--cpu-clock] [--shard I/N]
// --cpu-clock counts the limits in CPU seconds of this process (a shared,
// busy machine); --shard I/N runs every N-th instance from the I-th (0-based)
// so two processes can share two cores.
#include "core/routing/routingoptions.h"
#include "core/routing/solomonreader.h"
#include "core/routing/solutionchecker.h"
#include "core/routing/vrptwsolver.h"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

using namespace tessera;

namespace {

struct Known {
    int vehicles = 0;
    double distance = 0.0;
    int distanceOnlyVehicles = 0;
    double distanceOnly = 0.0;
};

double median(std::vector<double> values)
{
    if (values.empty())
        return 0.0;
    std::sort(values.begin(), values.end());
    const std::size_t m = values.size() / 2;
    return values.size() % 2 ? values[m] : 0.5 * (values[m - 1] + values[m]);
}

} // namespace

int main(int argc, char **argv)
{
    double timeLimit = 2.0, vehiclesTimeLimit = 10.0;
    std::uint64_t seed = 1;
    bool cpuClock = false;
    int shard = 0, shards = 1;
    std::string objective = "both", only, folder = std::string(TESSERA_SHARED_DIR) + "/bench/vrptw/solomon";
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        auto next = [&]() -> std::string {
            if (i + 1 >= argc) {
                std::fprintf(stderr, "%s needs a value\n", arg.c_str());
                std::exit(2);
            }
            return argv[++i];
        };
        if (arg == "--time-limit") timeLimit = std::stod(next());
        else if (arg == "--vehicles-time-limit") vehiclesTimeLimit = std::stod(next());
        else if (arg == "--seed") seed = std::stoull(next());
        else if (arg == "--objective") objective = next();
        else if (arg == "--only") only = next();
        else if (arg == "--folder") folder = next();
        else if (arg == "--cpu-clock") cpuClock = true;
        else if (arg == "--shard") {
            const std::string value = next();
            if (std::sscanf(value.c_str(), "%d/%d", &shard, &shards) != 2 || shards < 1 || shard < 0 || shard >= shards) {
                std::fprintf(stderr, "--shard wants I/N\n");
                return 2;
            }
        }
        else {
            std::fprintf(stderr, "unknown option %s\n", arg.c_str());
            return 2;
        }
    }
    std::map<std::string, Known> known;
    {
        std::ifstream in(folder + "/bks.csv");
        std::string line;
        std::getline(in, line);
        while (std::getline(in, line)) {
            std::stringstream row(line);
            std::string name, field;
            Known k;
            std::getline(row, name, ',');
            std::getline(row, field, ','); k.vehicles = std::stoi(field);
            std::getline(row, field, ','); k.distance = std::stod(field);
            std::getline(row, field, ','); k.distanceOnlyVehicles = std::stoi(field);
            std::getline(row, field, ','); k.distanceOnly = std::stod(field);
            known[name] = k;
        }
    }
    if (known.empty()) {
        std::fprintf(stderr, "no best-known table in %s\n", folder.c_str());
        return 1;
    }
    std::vector<double> distanceGaps, distanceSeconds, vehicleGaps, vehicleSeconds;
    int atVehicles = 0, vehicleRuns = 0, infeasible = 0;
    std::printf("%-6s | %-9s | %8s %10s %8s %7s | %8s %10s %8s %7s %7s\n", "inst", "objective", "veh", "distance",
                "BKS", "gap %", "BKS veh", "BKS dist", "", "s", "cpu s");
    int index = -1;
    for (const auto &[name, best] : known) {
        if (!only.empty() && name.rfind(only, 0) != 0)
            continue;
        if (++index % shards != shard)
            continue;
        auto problem = SolomonReader::read(folder + "/" + name + ".txt");
        if (!problem) {
            std::fprintf(stderr, "%s\n", problem.error().toString().c_str());
            return 1;
        }
        for (const std::string which : {"distance", "vehicles"}) {
            if (objective != "both" && objective != which)
                continue;
            RoutingOptions options;
            options.seed = seed;
            options.objective = which == "distance" ? RoutingObjective::Distance : RoutingObjective::Vehicles;
            options.timeLimitSeconds = which == "distance" ? timeLimit : vehiclesTimeLimit;
            options.cpuClock = cpuClock;
            const std::clock_t cpuStart = std::clock();
            auto solution = VrptwSolver(*problem, options).solve();
            const double cpu = static_cast<double>(std::clock() - cpuStart) / CLOCKS_PER_SEC;
            if (!solution) {
                std::fprintf(stderr, "%s: %s\n", name.c_str(), solution.error().toString().c_str());
                return 1;
            }
            const CheckReport report = SolutionChecker(*problem).check(*solution);
            if (!report.feasible) {
                ++infeasible;
                std::fprintf(stderr, "%s %s: INFEASIBLE: %s\n", name.c_str(), which.c_str(),
                             report.violations.front().c_str());
            }
            double gap;
            if (which == "distance") {
                gap = 100.0 * (report.distance - best.distanceOnly) / best.distanceOnly;
                distanceGaps.push_back(gap);
                distanceSeconds.push_back(cpuClock ? cpu : solution->seconds);
                std::printf("%-6s | %-9s | %8d %10.2f %8.2f %7.2f | %8d %10.2f %8s %7.2f %7.2f\n", name.c_str(), "distance",
                            report.vehicles, report.distance, best.distanceOnly, gap, best.distanceOnlyVehicles,
                            best.distanceOnly, report.feasible ? "" : "INFEAS", solution->seconds, cpu);
            } else {
                ++vehicleRuns;
                atVehicles += report.vehicles <= best.vehicles ? 1 : 0;
                gap = report.vehicles == best.vehicles ? 100.0 * (report.distance - best.distance) / best.distance : 0.0;
                vehicleGaps.push_back(report.vehicles - best.vehicles);
                vehicleSeconds.push_back(cpuClock ? cpu : solution->seconds);
                std::printf("%-6s | %-9s | %8d %10.2f %8.2f %7.2f | %8d %10.2f %8s %7.2f %7.2f\n", name.c_str(), "vehicles",
                            report.vehicles, report.distance, best.distance,
                            report.vehicles == best.vehicles ? gap : 0.0, best.vehicles, best.distance,
                            report.feasible ? (report.vehicles == best.vehicles ? "" : "+veh") : "INFEAS",
                            solution->seconds, cpu);
            }
            std::fflush(stdout);
        }
    }
    if (!distanceGaps.empty()) {
        double mean = 0.0;
        for (double g : distanceGaps)
            mean += g;
        mean /= distanceGaps.size();
        std::printf("distance objective: %zu instances, gap to distance-only BKS mean %.2f %%, median %.2f %%, "
                    "worst %.2f %%; seconds median %.2f, max %.2f\n",
                    distanceGaps.size(), mean, median(distanceGaps),
                    *std::max_element(distanceGaps.begin(), distanceGaps.end()), median(distanceSeconds),
                    *std::max_element(distanceSeconds.begin(), distanceSeconds.end()));
    }
    if (vehicleRuns > 0) {
        double extra = 0.0;
        for (double g : vehicleGaps)
            extra += g;
        std::printf("vehicles objective: %d of %d instances at the best-known vehicle count (%.0f vehicles above "
                    "in total); seconds median %.2f\n",
                    atVehicles, vehicleRuns, extra, median(vehicleSeconds));
    }
    std::printf("checker: %d infeasible solutions\n", infeasible);
    return infeasible == 0 ? 0 : 1;
}
