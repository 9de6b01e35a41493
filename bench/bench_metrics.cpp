// Metrics engine at national scale: a single-unit move (incremental update of
// every figure), a full recompute and rebuilding every dissolved outline.
//
// Uses generated/europe/europe.tessera when it exists (scripts build it from
// the national generator), else a synthetic grid of 35,000 units with
// 1,000,000 accounts and 500 territories (also with TESSERA_BENCH_SYNTHETIC=1). Each benchmark also reports the
// median of its individual timings as a counter (median_us / median_ms).
#include "core/geometry/measure.h"
#include "core/metrics/metricsengine.h"
#include "core/geometry/unittopology.h"
#include "core/metrics/territoryoutlinebuilder.h"
#include "core/model/project.h"
#include "core/store/projectstore.h"

#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>
#include <random>

using namespace tessera;

namespace {

using Clock = std::chrono::steady_clock;

double medianOf(std::vector<double> values)
{
    if (values.empty())
        return 0.0;
    std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(values.size() / 2), values.end());
    return values[values.size() / 2];
}

/// "prefix" followed by a number, e.g. "T12".
std::string named(const char *prefix, std::size_t number)
{
    std::string text(prefix);
    text += std::to_string(number);
    return text;
}

/// A cols × rows grid of squares with accounts spread at random, one
/// territory per block and one rep living in each block's centre.
Project syntheticProject(int cols, int rows, int accountCount, int blocksX, int blocksY, Scenario &scenario)
{
    constexpr double lon0 = 0.0, lat0 = 40.0, step = 0.05;
    Project project;
    project.units().reserve(static_cast<std::size_t>(cols * rows));
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c) {
            const double lon = lon0 + c * step, lat = lat0 + r * step;
            Polygon square;
            square.outer.points = {{lon, lat}, {lon + step, lat}, {lon + step, lat + step}, {lon, lat + step}, {lon, lat}};
            Unit unit;
            unit.key = std::to_string(r * cols + c);
            auto shape = std::make_shared<MultiPolygon>(MultiPolygon{{square}});
            unit.areaKm2 = geometry::areaKm2(*shape);
            unit.centroid = {lon + step / 2, lat + step / 2};
            unit.geometry = std::move(shape);
            project.units().add(std::move(unit));
        }
    const auto unitCount = static_cast<std::size_t>(cols * rows);
    std::mt19937 random(42);
    AttributeTable &unitAttributes = project.units().attributes();
    unitAttributes.resize(unitCount);
    const int population = unitAttributes.addColumn(attributes::Population);
    for (std::size_t u = 0; u < unitCount; ++u)
        unitAttributes.setValue(u, population, static_cast<double>(random() % 20000));

    std::vector<AdjacencyEdge> edges;
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c) {
            const int i = r * cols + c;
            const double x = lon0 + (c + 1) * step, y = lat0 + r * step;
            if (c + 1 < cols)
                edges.push_back({UnitId(i), UnitId(i + 1), geometry::distanceKm({x, y}, {x, y + step})});
            if (r + 1 < rows)
                edges.push_back({UnitId(i), UnitId(i + cols), geometry::distanceKm({x - step, y + step}, {x, y + step})});
        }
    project.setAdjacency(AdjacencyGraph(unitCount, std::move(edges)));

    project.accounts().reserve(static_cast<std::size_t>(accountCount));
    std::uniform_real_distribution<double> within(0.05, 0.95);
    for (int a = 0; a < accountCount; ++a) {
        const int u = static_cast<int>(random() % unitCount);
        Account account;
        account.location = {lon0 + (u % cols + within(random)) * step, lat0 + (u / cols + within(random)) * step};
        account.unit = UnitId(u);
        project.accounts().add(std::move(account));
    }
    AttributeTable &accountAttributes = project.accounts().attributes();
    const int revenue = accountAttributes.addColumn(attributes::RevenuePotential);
    const int hours = accountAttributes.addColumn(attributes::WorkloadHours);
    const int visits = accountAttributes.addColumn(attributes::VisitFrequency);
    for (std::size_t a = 0; a < static_cast<std::size_t>(accountCount); ++a) {
        accountAttributes.setValue(a, revenue, static_cast<double>(random() % 100000));
        accountAttributes.setValue(a, hours, static_cast<double>(random() % 40) / 10.0);
        accountAttributes.setValue(a, visits, static_cast<double>(random() % 4));
    }

    const int blockCols = (cols + blocksX - 1) / blocksX, blockRows = (rows + blocksY - 1) / blocksY;
    for (int by = 0; by < blocksY; ++by)
        for (int bx = 0; bx < blocksX; ++bx) {
            Rep rep;
            rep.home = {lon0 + (bx + 0.5) * blockCols * step, lat0 + (by + 0.5) * blockRows * step};
            rep.capacityHours = 1600;
            const RepId repId = project.addRep(rep);
            scenario.addTerritory(Territory{TerritoryId(), named("T", by * blocksX + bx), 0, repId});
        }
    scenario.name = "blocks";
    scenario.alignment = Alignment(unitCount);
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c)
            scenario.alignment.assign(UnitId(r * cols + c), TerritoryId(c / blockCols + blocksX * (r / blockRows)));
    return project;
}

/// The national case, built once and shared by every benchmark.
struct National {
    Project project;
    Scenario scenario;
    std::unique_ptr<MetricsEngine> engine;
    std::unique_ptr<TerritoryOutlineBuilder> outlines;
    std::string source;

    National()
    {
        const std::filesystem::path europe =
            std::filesystem::path(TESSERA_SOURCE_DIR) / "generated" / "europe" / "europe.tessera";
        bool loaded = false;
        // TESSERA_BENCH_SYNTHETIC=1 measures the synthetic grid even when the generated project exists.
        const char *forceSynthetic = std::getenv("TESSERA_BENCH_SYNTHETIC");
        if (!(forceSynthetic && *forceSynthetic == '1') && std::filesystem::exists(europe)) {
            auto store = ProjectStore::open(europe.string(), ProjectStore::OpenMode::ReadOnly);
            if (store) {
                auto result = (*store)->load();
                if (result && !result->scenarios().empty()) {
                    project = std::move(result).value();
                    scenario = project.scenarios().front();
                    source = europe.string();
                    loaded = true;
                } else {
                    std::cerr << "bench_metrics: cannot use " << europe << ": "
                              << (result ? std::string("no scenario") : result.error().toString()) << '\n';
                }
            }
        }
        if (!loaded) {
            project = syntheticProject(175, 200, 1000000, 20, 25, scenario);
            source = "synthetic grid";
        }
        const auto started = Clock::now();
        auto created = MetricsEngine::create(project, scenario);
        if (!created) {
            std::cerr << "bench_metrics: " << created.error().toString() << '\n';
            std::exit(1);
        }
        engine = std::move(created).value();
        const double engineMs = std::chrono::duration<double, std::milli>(Clock::now() - started).count();
        const auto outlineStart = Clock::now();
        outlines = std::make_unique<TerritoryOutlineBuilder>(project.units());
        const double outlineMs = std::chrono::duration<double, std::milli>(Clock::now() - outlineStart).count();
        std::cerr << "National case (" << source << "): " << project.units().size() << " units, "
                  << project.accounts().size() << " accounts, " << scenario.territories.size() << " territories, "
                  << project.adjacency().edgeCount() << " adjacency edges, " << outlines->topology().arcCount()
                  << " boundary arcs\n"
                  << "  engine creation (per-unit table + first full compute): " << engineMs << " ms\n"
                  << "  outline builder preparation: " << outlineMs << " ms\n";
    }

    static National &instance()
    {
        static National national;
        return national;
    }
};

/// Moves one random boundary unit to a neighbouring territory per iteration.
void BM_SingleUnitMove(benchmark::State &state)
{
    National &n = National::instance();
    MetricsEngine &engine = *n.engine;
    const AdjacencyGraph &graph = n.project.adjacency();
    std::mt19937 random(1);
    std::vector<double> times;
    const auto unitCount = static_cast<std::uint32_t>(n.project.units().size());
    for (auto _ : state) {
        UnitId unit;
        TerritoryId target;
        for (int attempt = 0; attempt < 1000 && !target.isValid(); ++attempt) {
            unit = UnitId(static_cast<std::int32_t>(random() % unitCount));
            for (UnitId neighbour : graph.neighbours(unit))
                if (engine.territoryOf(neighbour) != engine.territoryOf(unit) && engine.territoryOf(neighbour).isValid()) {
                    target = engine.territoryOf(neighbour);
                    break;
                }
        }
        if (!target.isValid())
            target = TerritoryId(static_cast<std::int32_t>(random() % engine.territoryCount()));
        const UnitId units[] = {unit};
        const auto start = Clock::now();
        auto changes = engine.moveUnits(units, target);
        const auto stop = Clock::now();
        benchmark::DoNotOptimize(changes);
        const double seconds = std::chrono::duration<double>(stop - start).count();
        state.SetIterationTime(seconds);
        times.push_back(seconds * 1e6);
    }
    state.counters["median_us"] = medianOf(times);
}
BENCHMARK(BM_SingleUnitMove)->UseManualTime()->Iterations(20000)->Unit(benchmark::kMicrosecond);

/// Recomputes every figure of the plan from scratch.
void BM_FullRecompute(benchmark::State &state)
{
    National &n = National::instance();
    std::vector<double> times;
    for (auto _ : state) {
        const auto start = Clock::now();
        benchmark::DoNotOptimize(n.engine->recompute());
        times.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    }
    state.counters["median_ms"] = medianOf(times);
}
BENCHMARK(BM_FullRecompute)->Iterations(20)->Unit(benchmark::kMillisecond);

/// Rebuilds the dissolved outline of every territory.
void BM_RebuildAllOutlines(benchmark::State &state)
{
    National &n = National::instance();
    std::vector<double> times;
    std::vector<TerritoryOutline> outlines;
    for (auto _ : state) {
        const auto start = Clock::now();
        outlines = n.outlines->build(n.engine->alignment(), n.engine->territoryCount());
        times.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    }
    // How the outlines compare with the engine's dissolved perimeters.
    std::size_t rings = 0, openLines = 0;
    double ringKm = 0.0, perimeterKm = 0.0;
    for (const TerritoryOutline &outline : outlines) {
        rings += outline.rings.size();
        openLines += outline.openLines.size();
        for (const Ring &ring : outline.rings)
            for (std::size_t i = 1; i < ring.points.size(); ++i)
                ringKm += geometry::distanceKm(ring.points[i - 1], ring.points[i]);
    }
    for (const TerritoryMetrics &m : n.engine->territories())
        perimeterKm += m.perimeterKm;
    state.counters["median_ms"] = medianOf(times);
    state.counters["rings"] = static_cast<double>(rings);
    state.counters["open_lines"] = static_cast<double>(openLines);
    state.counters["ring_km_per_perimeter_km"] = perimeterKm > 0 ? ringKm / perimeterKm : 0.0;
}
BENCHMARK(BM_RebuildAllOutlines)->Iterations(10)->Unit(benchmark::kMillisecond);

/// Rebuilds the outlines of the two territories a move touches.
void BM_RebuildTwoOutlines(benchmark::State &state)
{
    National &n = National::instance();
    std::vector<double> times;
    for (auto _ : state) {
        const TerritoryId two[] = {TerritoryId(0), TerritoryId(1)};
        const auto start = Clock::now();
        benchmark::DoNotOptimize(n.outlines->build(n.engine->alignment(), two));
        times.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    }
    state.counters["median_ms"] = medianOf(times);
}
BENCHMARK(BM_RebuildTwoOutlines)->Iterations(50)->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
