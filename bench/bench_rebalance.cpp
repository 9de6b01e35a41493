// Minimal-disruption rebalancing benchmark: prints tables (one long run per
// case, repeated; medians). Cases:
//  1. the trade-off curve on the sample's current plan (a temporary copy of
//     resources/samples/southeast.tessera) at ±5 % and ±2 % population: moved
//     units and worst deviation for each budget N, the fewest moves, seconds;
//  2. fewest moves of the heuristic against the exact path (enumeration of
//     every moved set of growing size, proven fewest) on small grids.
// Usage: bench_rebalance [--repeat R]
#include "core/model/project.h"
#include "core/optimizer/optimizeroptions.h"
#include "core/optimizer/rebalancer.h"
#include "core/plan/planproblem.h"
#include "core/store/projectstore.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <random>
#include <string>
#include <vector>

using namespace tessera;
namespace fs = std::filesystem;

namespace {

double median(std::vector<double> values)
{
    if (values.empty())
        return 0.0;
    std::sort(values.begin(), values.end());
    const std::size_t m = values.size() / 2;
    return values.size() % 2 ? values[m] : 0.5 * (values[m - 1] + values[m]);
}

double seconds(std::chrono::steady_clock::time_point since)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

void sampleCurve(int repeat)
{
    const fs::path source = fs::path(TESSERA_SOURCE_DIR) / "resources/samples/southeast.tessera";
    const fs::path copy = fs::temp_directory_path() / ("bench_rebalance_" + std::to_string(::getpid()) + ".tessera");
    fs::copy_file(source, copy, fs::copy_options::overwrite_existing);
    auto store = ProjectStore::open(copy.string(), ProjectStore::OpenMode::ReadOnly);
    if (!store) {
        std::cout << "cannot open the sample: " << store.error().toString() << '\n';
        return;
    }
    auto project = (*store)->load();
    if (!project || project->scenarios().empty()) {
        std::cout << "the sample has no scenario\n";
        return;
    }
    const Scenario &scenario = project->scenarios().front();
    OptimizerOptions options;
    options.territories = static_cast<int>(scenario.territories.size());
    options.rebalanceFromCurrent = true;
    auto built = plan::scenarioProblem(*project, scenario, {"population"}, options, plan::CentrePlacement::Free);
    if (!built) {
        std::cout << "cannot build the problem: " << built.error().toString() << '\n';
        return;
    }
    std::cout << "1. Trade-off curve on the sample's current plan '" << scenario.name << "' ("
              << built->problem.unitCount() << " counties, " << options.territories << " territories), median of "
              << repeat << " runs\n";
    for (double tolerance : {0.05, 0.02}) {
        RebalanceOptions settings;
        settings.balance = {{0, tolerance}};
        settings.timeLimitSeconds = 0;
        std::vector<double> times;
        std::vector<RebalanceCurvePoint> points;
        for (int r = 0; r < repeat; ++r) {
            const auto start = std::chrono::steady_clock::now();
            auto curve = Rebalancer(built->problem, options.territories, settings).curve();
            times.push_back(seconds(start));
            if (!curve) {
                std::cout << "curve failed: " << curve.error().toString() << '\n';
                return;
            }
            points = std::move(*curve);
        }
        std::printf("\n  population ±%.0f %%: curve in %.3f s (median)\n", tolerance * 100, median(times));
        std::printf("  %-10s %7s %16s %11s %9s\n", "N", "moved", "worst deviation", "contiguous", "balanced");
        for (const RebalanceCurvePoint &p : points)
            std::printf("  %-10s %7d %14.2f %% %11s %9s\n", p.fewest ? "fewest" : std::to_string(p.maxMoves).c_str(),
                        p.outcome.movedUnits, p.outcome.worstDeviation[0] * 100, p.outcome.contiguous ? "yes" : "no",
                        p.outcome.balanced ? "yes" : "no");
    }
    fs::remove(copy);
}

/// columns x rows grid, rook adjacency, current plan in vertical stripes.
DistrictingProblem stripes(int columns, int rows, int k, unsigned seed)
{
    DistrictingProblem p;
    std::vector<AdjacencyEdge> edges;
    std::mt19937 rng(seed);
    std::vector<double> weights;
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < columns; ++c) {
            const int id = r * columns + c;
            p.unitKeys.push_back("u" + std::to_string(id));
            p.points.push_back({double(c), double(r)});
            p.currentPlan.push_back(c * k / columns);
            weights.push_back(double(10 + rng() % 90));
            if (c + 1 < columns)
                edges.push_back({UnitId(id), UnitId(id + 1), 1.0});
            if (r + 1 < rows)
                edges.push_back({UnitId(id), UnitId(id + columns), 1.0});
        }
    p.attributeNames = {"population"};
    p.weights = {weights};
    p.adjacency = AdjacencyGraph(p.unitCount(), edges);
    return p;
}

void smallCases(int repeat)
{
    std::cout << "\n2. Fewest moves, heuristic against the exact path (enumeration, proven fewest), random grids\n";
    std::printf("  %-12s %5s %6s %9s %11s %8s %10s %10s\n", "grid", "k", "tol", "cases", "same moves", "ratio",
                "exact s", "heur. s");
    struct Shape {
        int columns, rows, k;
        double tolerance;
    };
    for (const Shape shape : {Shape{4, 3, 3, 0.15}, Shape{5, 4, 2, 0.05}, Shape{6, 4, 3, 0.10}, Shape{6, 5, 4, 0.15}}) {
        int cases = 0, same = 0;
        std::vector<double> ratios, exactTimes, heuristicTimes;
        for (unsigned seed = 1; seed <= 20; ++seed) {
            const DistrictingProblem p = stripes(shape.columns, shape.rows, shape.k, seed * 13);
            RebalanceOptions settings;
            settings.balance = {{0, shape.tolerance}};
            settings.timeLimitSeconds = 0;
            settings.exactMaxPlans = 50'000'000;
            settings.workBudget = 1'000'000'000;
            std::vector<double> te, th;
            RebalanceOutcome exact, heuristic;
            for (int r = 0; r < repeat; ++r) {
                auto start = std::chrono::steady_clock::now();
                auto e = Rebalancer(p, shape.k, settings).fewestMoves();
                te.push_back(seconds(start));
                RebalanceOptions h = settings;
                h.exactMaxPlans = 0;
                h.workBudget = 0;
                start = std::chrono::steady_clock::now();
                auto g = Rebalancer(p, shape.k, h).fewestMoves();
                th.push_back(seconds(start));
                if (!e || !g)
                    return;
                exact = *e;
                heuristic = *g;
            }
            if (!exact.exact || !exact.balanced)
                continue; // not proven or no plan within tolerance
            ++cases;
            exactTimes.push_back(median(te));
            heuristicTimes.push_back(median(th));
            if (!heuristic.balanced) {
                ratios.push_back(99); // the heuristic missed the tolerance
                continue;
            }
            same += heuristic.movedUnits == exact.movedUnits;
            ratios.push_back(exact.movedUnits > 0 ? double(heuristic.movedUnits) / exact.movedUnits : 1.0);
        }
        const std::string grid = std::to_string(shape.columns) + "x" + std::to_string(shape.rows);
        std::printf("  %-12s %5d %5.0f%% %9d %11d %8.3f %10.4f %10.4f\n", grid.c_str(), shape.k, shape.tolerance * 100,
                    cases, same, median(ratios), median(exactTimes), median(heuristicTimes));
    }
    std::cout << "  (ratio = heuristic moves ÷ proven fewest, median over the cases; 99 = tolerance missed)\n";
}

} // namespace

int main(int argc, char **argv)
{
    int repeat = 5;
    for (int i = 1; i < argc; ++i)
        if (!std::strcmp(argv[i], "--repeat") && i + 1 < argc)
            repeat = std::max(1, std::atoi(argv[++i]));
    sampleCurve(repeat);
    smallCases(std::max(1, repeat / 2));
    return 0;
}
