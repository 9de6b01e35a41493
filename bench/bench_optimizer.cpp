// Territory optimizer benchmark: prints tables (not Google Benchmark timings,
// since each case is one long run). Cases:
//  1. real county graphs (sample region, whole US states) into k territories,
//     ±2 % population, contiguous; against METIS (gpmetis -contig) at the same
//     balance on the same graph, both scored by the same figures;
//  2. the national layer (generated/europe when present, else a synthetic
//     35,000-unit layer) into 500 territories at ±3 %;
//  3. the exact path against GLPK (glpsol) on the textbook model;
//  4. rep utilisation before and after a capacity-aware plan;
//  5. anytime: the objective after 2, 10 and 60 s on the sample and the
//     national layer;
//  6. cut edges at ±0.5 % population on state county graphs, k = 2..6, against
//     the exact path's proven optima (needs generated/states).
// Usage: bench_optimizer [--quick] [--states AL,GA,...] [--skip-national] [--skip-exact]
//          [--skip-states] [--skip-utilisation] [--skip-boundary] [--skip-boundary-heuristic]
//          [--boundary-seconds S] [--boundary-exact-seconds S] [--national-case N]
//          [--national-seconds S (default 120)] [--bound-baseline (national: also the bound after the search)]
//          [--national-k K (national: K territories instead of each case's)] [--skip-anytime]
#include "core/model/project.h"
#include "core/optimizer/feasibilitycheck.h"
#include "core/optimizer/planevaluation.h"
#include "core/store/projectstore.h"
#include "core/optimizer/territoryoptimizer.h"
#include "core/metrics/metricsengine.h"
#include "core/plan/optimizedplan.h"
#include "core/plan/planproblem.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
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
            problem.unitKeys.push_back(std::string("G").append(std::to_string(id)));
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

/// The first \a count units reached by BFS from \a start, with their induced adjacency.
DistrictingProblem subRegion(const DistrictingProblem &p, int start, std::size_t count)
{
    std::vector<int> order{start}, index(p.unitCount(), -1);
    index[static_cast<std::size_t>(start)] = 0;
    for (std::size_t head = 0; head < order.size() && order.size() < count; ++head)
        for (UnitId v : p.adjacency.neighbours(UnitId(order[head])))
            if (index[static_cast<std::size_t>(v.value())] < 0 && order.size() < count) {
                index[static_cast<std::size_t>(v.value())] = static_cast<int>(order.size());
                order.push_back(v.value());
            }
    DistrictingProblem out;
    out.attributeNames = p.attributeNames;
    out.weights.assign(p.weights.size(), {});
    for (int u : order) {
        out.unitKeys.push_back(p.unitKeys[static_cast<std::size_t>(u)]);
        out.points.push_back(p.points[static_cast<std::size_t>(u)]);
        for (std::size_t a = 0; a < p.weights.size(); ++a)
            out.weights[a].push_back(p.weights[a][static_cast<std::size_t>(u)]);
    }
    std::vector<AdjacencyEdge> edges;
    for (const AdjacencyEdge &e : p.adjacency.edges()) {
        const int a = index[static_cast<std::size_t>(e.a.value())], b = index[static_cast<std::size_t>(e.b.value())];
        if (a >= 0 && b >= 0)
            edges.push_back({UnitId(a), UnitId(b), e.sharedLengthKm});
    }
    out.adjacency = AdjacencyGraph(out.unitCount(), std::move(edges));
    return out;
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

struct TextbookRun {
    double seconds = 0;
    std::string status = "not run";
    double objective = 0;
};

/// The textbook exact model, solved by GLPK's own command-line solver with its
/// defaults: Hess location-allocation (chosen centres) with balance rows and
/// Shirabe's single-commodity flow contiguity (per centre j, every assigned unit
/// consumes one unit of flow sent from j; flow enters only units assigned to j).
TextbookRun runTextbookModel(const DistrictingProblem &p, const OptimizerOptions &options, const std::string &work, int seconds)
{
    TextbookRun run;
    const std::size_t n = p.unitCount();
    const int k = options.territories;
    const std::vector<double> tw = districting::travelWeights(p, options);
    const std::vector<double> &w = p.weights[0];
    const double mean = std::accumulate(w.begin(), w.end(), 0.0) / k;
    const double tol = options.balance[0].tolerance;
    const std::string lpPath = work + "/textbook.lp", outPath = work + "/textbook.out";
    std::ofstream lp(lpPath);
    auto x = [](std::size_t i, std::size_t j) {
        std::ostringstream name;
        name << 'x' << i << '_' << j;
        return name.str();
    };
    auto term = [&](double c, const std::string &var) {
        lp << (c < 0 ? " - " : " + ") << std::abs(c) << ' ' << var << "\n";
    };
    lp << std::setprecision(12) << "Minimize\n obj:";
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < n; ++j)
            term(districting::travelCost(options, tw[i], p.points[i], p.points[j]), x(i, j));
    lp << "Subject To\n";
    for (std::size_t i = 0; i < n; ++i) {
        lp << " a" << i << ":";
        for (std::size_t j = 0; j < n; ++j)
            lp << " + x" << i << "_" << j;
        lp << " = 1\n";
    }
    lp << " open:";
    for (std::size_t j = 0; j < n; ++j)
        lp << " + x" << j << "_" << j;
    lp << " = " << k << "\n";
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < n; ++j)
            if (i != j)
                lp << " l" << i << "_" << j << ": x" << i << "_" << j << " - x" << j << "_" << j << " <= 0\n";
    for (std::size_t j = 0; j < n; ++j) {
        for (int side = 0; side < 2; ++side) {
            lp << " b" << side << "_" << j << ":";
            for (std::size_t i = 0; i < n; ++i)
                if (i != j && w[i] != 0)
                    term(w[i] / mean, x(i, j));
            const double bound = side == 0 ? 1 + tol : 1 - tol;
            term(w[j] / mean - bound, x(j, j));
            lp << (side == 0 ? " <= 0\n" : " >= 0\n");
        }
    }
    const double big = static_cast<double>(n - 1);
    for (std::size_t j = 0; j < n; ++j)
        for (std::size_t i = 0; i < n; ++i) {
            if (i == j)
                continue;
            // inflow - outflow = x_ij ; inflow <= (n-1) x_ij
            lp << " f" << j << "_" << i << ":";
            for (UnitId v : p.adjacency.neighbours(UnitId(static_cast<std::int32_t>(i)))) {
                lp << " + y" << j << "_" << v.value() << "_" << i << " - y" << j << "_" << i << "_" << v.value();
            }
            lp << " - x" << i << "_" << j << " = 0\n";
            lp << " c" << j << "_" << i << ":";
            for (UnitId v : p.adjacency.neighbours(UnitId(static_cast<std::int32_t>(i))))
                lp << " + y" << j << "_" << v.value() << "_" << i;
            lp << " - " << big << " x" << i << "_" << j << " <= 0\n";
        }
    lp << "Binary\n";
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < n; ++j)
            lp << " x" << i << "_" << j << "\n";
    lp << "End\n";
    lp.close();
    const std::string command = "glpsol --lp " + lpPath + " --tmlim " + std::to_string(seconds) + " -o " + outPath + " > " + work + "/glpsol.log 2>&1";
    const auto start = std::chrono::steady_clock::now();
    const int status = std::system(command.c_str());
    run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::ifstream out(outPath);
    std::string line;
    run.status = status == 0 ? "?" : "failed";
    while (std::getline(out, line)) {
        if (line.rfind("Status:", 0) == 0)
            run.status = line.substr(line.find_first_not_of(' ', 7));
        if (line.rfind("Objective:", 0) == 0) {
            const auto eq = line.find('=');
            if (eq != std::string::npos)
                run.objective = std::atof(line.c_str() + eq + 1);
        }
    }
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

/// Highest and lowest utilisation of \a scenario, from the metrics engine.
std::pair<double, double> utilisationRange(const Project &project, const Scenario &scenario)
{
    auto engine = MetricsEngine::create(project, scenario);
    double high = std::nan(""), low = std::nan("");
    if (!engine)
        return {high, low};
    for (const TerritoryMetrics &m : (*engine)->territories()) {
        if (std::isnan(m.utilisation))
            continue;
        high = std::isnan(high) ? m.utilisation : std::max(high, m.utilisation);
        low = std::isnan(low) ? m.utilisation : std::min(low, m.utilisation);
    }
    return {high, low};
}

/// The sample's utilisation spread (max/min, by the metrics engine) before
/// and after new plans around the reps' homes, without and with a limit.
void utilisationTable(const std::string &source)
{
    auto store = ProjectStore::open(source + "/resources/samples/southeast.tessera", ProjectStore::OpenMode::ReadOnly);
    auto project = store ? (*store)->load() : Result<Project>(store.error());
    if (!project) {
        std::cout << "\n(sample unreadable)\n";
        return;
    }
    const Scenario &current = project->scenarios().front();
    std::cout << "\n## Utilisation on the sample (workload incl. travel from the rep's home / capacity), k = 12, rep homes, work 2,000,000 moves\n\n"
                 "| plan | limit | highest | lowest | spread max/min | contiguous | cut edges | seconds |\n|---|---|---|---|---|---|---|---|\n";
    const auto [high0, low0] = utilisationRange(*project, current);
    std::cout << "| current plan | - | " << pct(high0) << " | " << pct(low0) << " | " << fmt(high0 / low0) << " | | | |\n";
    const std::vector<std::pair<double, double>> bands = {{0.0, 0.0}, {3.0, 0.0}, {2.6, 0.0}, {2.4, 0.0}, {2.6, 1.0}, {2.4, 1.2}};
    for (const auto &[limit, floor] : bands) {
        OptimizerOptions options;
        options.territories = static_cast<int>(current.territories.size());
        options.utilisationMax = limit;
        options.utilisationMin = floor;
        options.workBudget = 2'000'000;
        options.timeLimitSeconds = 0;
        options.balance.clear();
        auto built = plan::scenarioProblem(*project, current, {}, options, plan::CentrePlacement::RepHomes);
        if (!built) {
            std::cout << "| new plan | " << pct(limit) << " | " << built.error().message << " |\n";
            continue;
        }
        auto result = optimizeTerritories(built->problem, options);
        std::cout << "| new plan (travel) | " << (limit > 0 ? pct(limit) : std::string("none"))
                  << (floor > 0 ? ", floor " + pct(floor) : std::string()) << " | ";
        if (!result) {
            std::cout << result.error().message << " |\n";
            continue;
        }
        auto applied = plan::applyOptimizerResult(current, *result, options.territories);
        const auto [high, low] = applied ? utilisationRange(*project, *applied) : std::pair<double, double>{std::nan(""), std::nan("")};
        std::cout << pct(high) << (result->balanced ? "" : " (limit missed)") << " | " << pct(low) << " | " << fmt(high / low) << " | "
                  << (result->contiguous ? "yes" : "NO") << " | " << result->cutEdges << " | " << fmt(result->seconds) << " |\n";
    }
}

/// Objective, bound and gap after 2, 10 and 60 s on the sample (k = 12,
/// +-2 % population, rep homes, as `tessera-cli optimize` on its scenario)
/// and on the European layer (k = 500, +-3 % units, free centres): the plan
/// must improve with the time given, and every call end within its limit.
void anytimeTable(const std::string &source, const std::vector<double> &limits)
{
    std::cout << "\n## Anytime: objective after each time limit (seed 1)\n\n"
                 "| layer | k | limit s | seconds | objective | lower bound | gap | worst deviation | balanced | contiguous | moves evaluated |\n"
                 "|---|---|---|---|---|---|---|---|---|---|---|\n";
    struct Case {
        std::string label;
        DistrictingProblem problem;
        OptimizerOptions options;
    };
    std::vector<Case> cases;
    {
        auto store = ProjectStore::open(source + "/resources/samples/southeast.tessera", ProjectStore::OpenMode::ReadOnly);
        auto project = store ? (*store)->load() : Result<Project>(store.error());
        if (project) {
            const Scenario &current = project->scenarios().front();
            OptimizerOptions options;
            options.territories = static_cast<int>(current.territories.size());
            auto built = plan::scenarioProblem(*project, current, {"population"}, options, plan::CentrePlacement::RepHomes);
            if (built) {
                options.balance = {{0, 0.02}};
                cases.push_back({"sample, population +-2 %, rep homes", std::move(built->problem), options});
            }
        }
    }
    {
        auto store = ProjectStore::open(source + "/generated/europe/europe.tessera", ProjectStore::OpenMode::ReadOnly);
        auto project = store ? (*store)->load() : Result<Project>(store.error());
        if (project) {
            auto problem = problemFromProject(*project, nullptr, {"units"});
            if (problem) {
                bridgeComponents(*problem);
                OptimizerOptions options;
                options.territories = 500;
                options.balance = {{0, 0.03}};
                cases.push_back({"generated/europe, units +-3 %", std::move(*problem), options});
            }
        } else {
            std::cout << "| generated/europe | missing (scripts/generate-national.sh europe) |\n";
        }
    }
    for (Case &c : cases) {
        // The longest limit again without the idle-rounds rule: what the
        // search makes of the whole time when nothing else stops it.
        std::vector<std::pair<double, bool>> runs;
        for (const double limit : limits)
            runs.emplace_back(limit, false);
        runs.emplace_back(limits.back(), true);
        for (const auto &[limit, noIdleRule] : runs) {
            OptimizerOptions options = c.options;
            options.seed = 1;
            options.timeLimitSeconds = limit;
            if (noIdleRule)
                options.idleRounds = -1;
            auto result = optimizeTerritories(c.problem, options);
            std::cout << "| " << c.label << " | " << options.territories << " | " << fmt(limit)
                      << (noIdleRule ? " (no idle-rounds rule)" : "") << " | ";
            if (!result) {
                std::cout << result.error().toString() << " |\n";
                continue;
            }
            std::cout << fmt(result->seconds) << " | " << fmt(result->objective, 6) << " | " << fmt(result->lowerBound, 6) << " | "
                      << pct(result->gap) << " | " << pct(result->worstDeviation.empty() ? 0.0 : result->worstDeviation[0]) << " | "
                      << (result->balanced ? "yes" : "NO") << " | " << (result->contiguous ? "yes" : "NO") << " | "
                      << result->stats.evaluatedMoves << " |\n"
                      << std::flush;
        }
    }
}

double median(std::vector<double> v)
{
    if (v.empty())
        return std::nan("");
    std::sort(v.begin(), v.end());
    const std::size_t m = v.size() / 2;
    return v.size() % 2 ? v[m] : 0.5 * (v[m - 1] + v[m]);
}

/// Cut-edge objective at +-0.5 % population on real state county graphs,
/// k = 2..6: the heuristic (anytime, its time limit) against the exact path
/// (GLPK branch and cut, its own limit), whose proven optima measure the gap.
void boundaryTable(const std::string &source, const std::string &stateList, double heuristicSeconds, double exactSeconds,
                   bool heuristicColumn)
{
    std::vector<std::string> states = {"AZ", "ME", "NV", "NJ", "MD", "UT", "NM", "ID", "SC", "WV", "CA"};
    if (!stateList.empty()) {
        states.clear();
        std::stringstream ss(stateList);
        for (std::string s; std::getline(ss, s, ',');)
            states.push_back(s);
    }
    std::cout << "\n## Boundary (cut edges), +-0.5 % population, contiguous, k = 2..6 (heuristic " << heuristicSeconds
              << " s, exact path " << exactSeconds
              << " s; for the boundary objective on up to 64 units both the automatic and the exact path first enumerate every "
                 "contiguous plan within 30 % of their limit)\n\n";
    std::cout << "| state | units | k | heuristic cut edges | heuristic s | automatic cut edges | automatic bound | automatic s | exact status | exact cut edges | exact bound | exact s | "
                 "heuristic bound (label) | gap to optimum (heuristic) | gap to optimum (automatic) |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n";
    std::vector<double> heuristicTimes, gaps, automaticGaps;
    int instances = 0, provenFeasible = 0, heuristicFeasible = 0, heuristicOnProvenFeasible = 0, provenInfeasible = 0;
    int automaticFeasible = 0;
    for (const std::string &state : states) {
        DistrictingProblem base;
        if (!loadUnits(source + "/generated/states/" + state + "-units.csv", source + "/generated/states/" + state + "-adjacency.csv", base)) {
            std::cout << "| " << state << " | missing (run scripts/build-state-counties.mjs) |\n";
            continue;
        }
        bridgeComponents(base);
        std::vector<AdjacencyEdge> edges = base.adjacency.edges();
        for (AdjacencyEdge &e : edges)
            e.sharedLengthKm = 0; // count cut edges, as the published optima do
        base.adjacency = AdjacencyGraph(base.unitCount(), std::move(edges));
        for (int k = 2; k <= 6; ++k) {
            OptimizerOptions options;
            options.territories = k;
            options.balance = {{0, 0.005}};
            options.compactness = CompactnessObjective::Boundary;
            options.seed = 1;
            std::cout << "| " << state << " | " << base.unitCount() << " | " << k << " | ";
            if (auto feasible = checkFeasibility(base, options); !feasible) {
                std::cout << "infeasible: " << feasible.error().message << " |\n";
                continue;
            }
            ++instances;
            options.path = SolverPath::Heuristic;
            options.timeLimitSeconds = heuristicSeconds;
            // The product's default is the automatic path; the heuristic alone is the
            // column --skip-boundary-heuristic drops to fit a run in half the time.
            auto heuristic = heuristicColumn ? optimizeTerritories(base, options)
                                             : Result<OptimizerResult>(makeError(ErrorCode::Cancelled, "not run"));
            const bool hOk = heuristic && heuristic->balanced && heuristic->contiguous;
            OptimizerOptions automaticOptions = options;
            automaticOptions.path = SolverPath::Automatic;
            automaticOptions.exactMaxUnits = 80; // the state graphs of this table
            automaticOptions.exactMaxBinaries = 1 << 20;
            auto clock = std::chrono::steady_clock::now();
            auto automatic = optimizeTerritories(base, automaticOptions);
            const double automaticElapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - clock).count();
            const bool aOk = automatic && automatic->balanced && automatic->contiguous;
            automaticFeasible += aOk;
            OptimizerOptions exactOptions = options;
            exactOptions.path = SolverPath::Exact;
            exactOptions.timeLimitSeconds = exactSeconds;
            exactOptions.exactMaxUnits = 1 << 20;
            exactOptions.exactMaxBinaries = 1 << 30;
            clock = std::chrono::steady_clock::now();
            auto exact = optimizeTerritories(base, exactOptions);
            const double exactElapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - clock).count();
            // Which exact method decided: the enumeration of contiguous plans
            // (graphs of up to 64 units) or GLPK's branch and cut.
            const auto byEnumeration = [](const Result<OptimizerResult> &r) {
                return r ? r->boundLabel.rfind("exact enumeration", 0) == 0
                         : r.error().message.find("connected territories was checked") != std::string::npos;
            };
            std::string status;
            bool proven = false, exactFeasible = false;
            if (!exact) {
                status = exact.error().code == ErrorCode::Infeasible
                             ? std::string(byEnumeration(exact) ? "proven infeasible (enumeration)" : "proven infeasible")
                             : exact.error().message;
                provenInfeasible += exact.error().code == ErrorCode::Infeasible;
            } else {
                exactFeasible = exact->balanced && exact->contiguous;
                proven = exact->provenOptimal && exactFeasible;
                status = proven ? (byEnumeration(exact) ? "optimal (enumeration)" : "optimal") : exactFeasible ? "feasible" : "no plan";
            }
            if (proven || exactFeasible)
                ++provenFeasible;
            if (hOk) {
                ++heuristicFeasible;
                heuristicTimes.push_back(heuristic->seconds);
                if (proven || exactFeasible)
                    ++heuristicOnProvenFeasible;
            }
            std::cout << (hOk ? std::to_string(heuristic->cutEdges) : std::string("none")) << " | "
                      << (heuristic ? fmt(heuristic->seconds) : heuristic.error().message) << " | "
                      << (aOk ? std::to_string(automatic->cutEdges)
                              : !automatic && automatic.error().code == ErrorCode::Infeasible ? std::string("proven infeasible")
                                                                                              : std::string("none"))
                      << " | " << (automatic ? fmt(automatic->lowerBound, 4) : std::string("-")) << " | " << fmt(automaticElapsed)
                      << " | " << status << " | " << (exact && exactFeasible ? std::to_string(exact->cutEdges) : std::string("-"))
                      << " | " << (exact ? fmt(exact->lowerBound, 4) : std::string("-")) << " | " << fmt(exactElapsed)
                      << " | " << (heuristic ? fmt(heuristic->lowerBound, 4) + " (" + heuristic->boundLabel + ")" : std::string("-")) << " | ";
            if (hOk && proven) {
                const double gap = (heuristic->cutEdges - exact->cutEdges) / std::max(1.0, static_cast<double>(exact->cutEdges));
                gaps.push_back(gap);
                std::cout << pct(gap);
            } else {
                std::cout << "-";
            }
            std::cout << " | ";
            if (aOk && proven) {
                const double gap = (automatic->cutEdges - exact->cutEdges) / std::max(1.0, static_cast<double>(exact->cutEdges));
                automaticGaps.push_back(gap);
                std::cout << pct(gap);
            } else {
                std::cout << "-";
            }
            std::cout << " |\n" << std::flush;
        }
    }
    std::cout << "\nInstances: " << instances << "; a feasible contiguous plan known (exact path) on " << provenFeasible
              << ", proven infeasible " << provenInfeasible << "; the heuristic found one on " << heuristicFeasible
              << " (" << heuristicOnProvenFeasible << " of the known-feasible). Median gap to the proven optimum "
              << pct(median(gaps)) << " over " << gaps.size() << " proven instances (mean "
              << pct(gaps.empty() ? std::nan("") : std::accumulate(gaps.begin(), gaps.end(), 0.0) / static_cast<double>(gaps.size()))
              << "); median heuristic time " << fmt(median(heuristicTimes)) << " s. Automatic path (the enumeration, else the heuristic "
                 "then the exact path within the same limit): a plan on "
              << automaticFeasible << ", median gap to the proven optimum " << pct(median(automaticGaps)) << " over "
              << automaticGaps.size() << " proven instances.\n";
}

} // namespace

int main(int argc, char **argv)
{
    bool quick = false, skipNational = false, skipExact = false, skipStates = false, skipBoundary = false, skipUtilisation = false;
    bool skipAnytime = false;
    bool boundaryHeuristic = true;
    double boundarySeconds = 60, boundaryExactSeconds = 60;
    std::string stateList;
    int nationalCase = -1;
    double nationalSeconds = 120;
    bool boundBaseline = false;
    int nationalK = 0;
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
        else if (arg == "--skip-boundary")
            skipBoundary = true;
        else if (arg == "--skip-utilisation")
            skipUtilisation = true;
        else if (arg == "--skip-boundary-heuristic")
            boundaryHeuristic = false;
        else if (arg == "--boundary-seconds" && a + 1 < argc)
            boundarySeconds = std::atof(argv[++a]);
        else if (arg == "--boundary-exact-seconds" && a + 1 < argc)
            boundaryExactSeconds = std::atof(argv[++a]);
        else if (arg == "--national-k" && a + 1 < argc)
            nationalK = std::atoi(argv[++a]);
        else if (arg == "--skip-anytime")
            skipAnytime = true;
        else if (arg == "--bound-baseline")
            boundBaseline = true;
        else if (arg == "--national-seconds" && a + 1 < argc)
            nationalSeconds = std::atof(argv[++a]);
        else if (arg == "--national-case" && a + 1 < argc)
            nationalCase = std::atoi(argv[++a]);
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
        struct NationalCase {
            std::string label;
            DistrictingProblem problem;
            int k;
            double tolerance;
        };
        std::vector<NationalCase> cases;
        const std::string europe = source + "/generated/europe/europe.tessera";
        if (fs::exists(europe)) {
            auto store = ProjectStore::open(europe, ProjectStore::OpenMode::ReadOnly);
            auto project = store ? (*store)->load() : Result<Project>(store.error());
            if (project) {
                for (const std::string attribute : {"population", "units"}) {
                    auto problem = problemFromProject(*project, nullptr, {attribute});
                    if (!problem)
                        continue;
                    cases.push_back({"generated/europe, balance " + attribute, std::move(*problem), 500, 0.03});
                }
                // The largest k the heaviest unit (a capital city) allows at +-3 % population.
                auto problem = problemFromProject(*project, nullptr, {"population"});
                if (problem) {
                    const std::vector<double> &pop = problem->weights[0];
                    const double total = std::accumulate(pop.begin(), pop.end(), 0.0);
                    const int k = static_cast<int>(std::floor(total * 1.03 / *std::max_element(pop.begin(), pop.end())));
                    cases.push_back({"generated/europe, balance population", std::move(*problem), k, 0.03});
                }
            } else {
                std::cout << "\n(generated/europe/europe.tessera unreadable: " << project.error().toString() << ")\n";
            }
        }
        cases.push_back({"synthetic 190x185 grid, lognormal population", syntheticNational(190, 185, 7), 500, 0.03});
        std::cout << "\n## National scale, +-3 %, contiguous\n\n";
        std::cout << "| layer | units | edges (+bridges) | k | seconds | CPU s | worst deviation | balanced | contiguous | objective | lower bound | gap | cut edges | moves evaluated |\n"
                     "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n";
        for (std::size_t ci = 0; ci < cases.size(); ++ci) {
            NationalCase &c = cases[ci];
            if (nationalCase >= 0 && static_cast<int>(ci) != nationalCase)
                continue;
            const auto bridges = bridgeComponents(c.problem);
            // The baseline row (--bound-baseline) computes the bound in the
            // reserve after the search, on one thread, as before.
            for (const bool beside : boundBaseline ? std::vector<bool>{false, true} : std::vector<bool>{true}) {
                OptimizerOptions options;
                options.territories = nationalK > 0 ? nationalK : c.k;
                options.balance = {{0, c.tolerance}};
                options.seed = 1;
                options.timeLimitSeconds = nationalSeconds;
                options.boundBesideSearch = beside;
                const std::clock_t cpuStart = std::clock();
                auto result = optimizeTerritories(c.problem, options);
                const double cpu = static_cast<double>(std::clock() - cpuStart) / CLOCKS_PER_SEC;
                std::cout << "| " << c.label << (beside ? "" : " (bound after the search)") << " | " << c.problem.unitCount()
                          << " | " << c.problem.adjacency.edgeCount() << " (+" << bridges.size() << ") | " << options.territories << " | ";
                if (!result) {
                    std::cout << result.error().toString() << " |\n";
                    break;
                }
                std::cout << fmt(result->seconds) << " | " << fmt(cpu) << " | " << pct(result->worstDeviation[0]) << " | "
                          << (result->balanced ? "yes" : "NO") << " | " << (result->contiguous ? "yes" : "NO") << " | "
                          << fmt(result->objective, 6) << " | " << fmt(result->lowerBound, 6) << " | " << pct(result->gap)
                          << " | " << result->cutEdges << " | " << result->stats.evaluatedMoves << " |\n"
                          << std::flush;
            }
        }
    }

    // ---- 3. Exact path vs GLPK on the textbook model ----------------------------------------
    if (!skipExact) {
        std::cout << "\n## Exact path vs glpsol on the textbook model (Hess + Shirabe flow contiguity), +-10 % population\n\n";
        std::cout << "| case | units | k | Tessera exact s | proven | objective | glpsol s | glpsol status | glpsol objective | time ratio glpsol/Tessera |\n"
                     "|---|---|---|---|---|---|---|---|---|---|\n";
        // Counties of Georgia reached by BFS from one county: n units, k territories.
        struct ExactCase {
            int start;
            std::size_t units;
            int k;
        };
        const std::vector<ExactCase> exactCases = {{0, 12, 2}, {0, 16, 3}, {40, 20, 3}, {80, 24, 3}, {0, 30, 4}, {120, 36, 4}, {60, 45, 5}, {100, 60, 5}};
        DistrictingProblem georgia;
        loadUnits(source + "/generated/states/GA-units.csv", source + "/generated/states/GA-adjacency.csv", georgia);
        for (const ExactCase &c : exactCases) {
            if (georgia.unitCount() == 0)
                break;
            // The first start (stepping through the counties) whose region can be balanced.
            const int k = c.k;
            int start = c.start;
            DistrictingProblem problem;
            for (int attempt = 0; attempt < 40; ++attempt, start = (start + 7) % static_cast<int>(georgia.unitCount())) {
                problem = subRegion(georgia, start, c.units);
                OptimizerOptions probe;
                probe.territories = k;
                probe.balance = {{0, 0.10}};
                if (checkFeasibility(problem, probe).isOk())
                    break;
            }
            const std::string name = "GA from " + georgia.unitKeys[static_cast<std::size_t>(start)];
            bridgeComponents(problem);
            OptimizerOptions options;
            options.territories = k;
            options.balance = {{0, 0.10}};
            options.path = SolverPath::Exact;
            options.timeLimitSeconds = 120;
            auto result = optimizeTerritories(problem, options);
            std::cout << "| " << name << " | " << problem.unitCount() << " | " << k << " | ";
            if (!result) {
                std::cout << result.error().toString() << " |\n";
                continue;
            }
            std::cout << fmt(result->seconds) << " | " << (result->provenOptimal ? "yes" : "no") << " | " << fmt(result->objective, 8) << " | ";
            const TextbookRun textbook = runTextbookModel(problem, options, work, 300);
            std::cout << fmt(textbook.seconds) << " | " << textbook.status << " | " << fmt(textbook.objective, 8) << " | "
                      << fmt(textbook.seconds / std::max(result->seconds, 1e-3)) << " |\n";
        }
    }
    if (!skipUtilisation)
        utilisationTable(source);
    if (!skipAnytime)
        anytimeTable(source, {2.0, 10.0, 60.0});
    if (!skipBoundary)
        boundaryTable(source, stateList, boundarySeconds, boundaryExactSeconds, boundaryHeuristic);
    return 0;
}
