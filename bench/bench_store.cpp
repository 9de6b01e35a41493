// Project file speed: opening and loading a national-scale project.
// Builds a synthetic project of 35,000 polygon units (~30 vertices each),
// 1,000,000 accounts with three attributes and one 500-territory scenario,
// saves it once to a temporary file, then times ProjectStore::open + load.
// When generated/europe/europe.tessera exists (the national generator's
// output) it times opening that too. Run with the default repetitions and
// read the median lines.
#include "core/store/projectstore.h"

#include <benchmark/benchmark.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <numbers>
#include <optional>

using namespace tessera;

namespace {

constexpr int UnitCount = 35000;
constexpr int AccountCount = 1000000;
constexpr int VerticesPerUnit = 30;
constexpr int TerritoryCount = 500;

Project syntheticProject()
{
    Project project;
    const int side = static_cast<int>(std::ceil(std::sqrt(double(UnitCount))));
    const double cell = 0.05; // degrees
    UnitLayer &units = project.units();
    units.reserve(UnitCount);
    std::vector<AdjacencyEdge> edges;
    for (int i = 0; i < UnitCount; ++i) {
        const int col = i % side, row = i / side;
        const LonLat centre{-10.0 + (col + 0.5) * cell, 36.0 + (row + 0.5) * cell};
        MultiPolygon shape;
        Polygon polygon;
        for (int v = 0; v < VerticesPerUnit - 1; ++v) {
            const double angle = 2.0 * std::numbers::pi * v / (VerticesPerUnit - 1);
            const double radius = cell * (0.5 + 0.05 * std::sin(7.0 * angle + i));
            polygon.outer.points.push_back({centre.lon + radius * std::cos(angle), centre.lat + radius * std::sin(angle)});
        }
        polygon.outer.points.push_back(polygon.outer.points.front());
        shape.polygons.push_back(std::move(polygon));
        Unit unit;
        unit.key = std::to_string(10000 + i);
        unit.name = "Unit " + std::to_string(i);
        unit.geometry = std::make_shared<const MultiPolygon>(std::move(shape));
        unit.centroid = centre;
        unit.areaKm2 = 20.0 + i % 17;
        units.add(std::move(unit));
        if (col + 1 < side && i + 1 < UnitCount)
            edges.push_back({UnitId(i), UnitId(i + 1), 5.5});
        if (i + side < UnitCount)
            edges.push_back({UnitId(i), UnitId(i + side), 5.5});
    }
    const int population = units.attributes().addColumn(attributes::Population);
    for (int i = 0; i < UnitCount; ++i)
        units.attributes().setValue(static_cast<std::size_t>(i), population, 1000.0 + i % 5000);
    project.setAdjacency(AdjacencyGraph(UnitCount, std::move(edges)));

    AccountLayer &accounts = project.accounts();
    accounts.reserve(AccountCount);
    const char *segments[] = {"A", "B", "C"};
    for (int i = 0; i < AccountCount; ++i) {
        Account account;
        account.key = std::string("A").append(std::to_string(1000000 + i));
        account.name = std::string("Account ").append(std::to_string(i));
        const int unit = static_cast<int>((std::int64_t(i) * 7919) % UnitCount);
        const LonLat centre = units.unit(UnitId(unit)).centroid;
        account.location = {centre.lon + 0.001 * (i % 7), centre.lat - 0.001 * (i % 5)};
        account.unit = i % 1000 == 999 ? UnitId() : UnitId(unit);
        account.segment = segments[i % 3];
        accounts.add(std::move(account));
    }
    AttributeTable &table = accounts.attributes();
    const int revenue = table.addColumn(attributes::RevenuePotential);
    const int workload = table.addColumn(attributes::WorkloadHours);
    const int visits = table.addColumn(attributes::VisitFrequency);
    for (std::size_t i = 0; i < static_cast<std::size_t>(AccountCount); ++i) {
        table.setValue(i, revenue, 5000.0 + double(i % 9973));
        table.setValue(i, workload, 1.0 + double(i % 40));
        table.setValue(i, visits, double(i % 12));
    }

    for (int r = 0; r < TerritoryCount; ++r) {
        Rep rep;
        rep.key = "R" + std::to_string(r);
        rep.name = "Rep " + std::to_string(r);
        rep.home = units.unit(UnitId(r * (UnitCount / TerritoryCount))).centroid;
        rep.capacityHours = 1600;
        rep.skills = {"general"};
        project.addRep(std::move(rep));
    }
    Scenario scenario;
    scenario.name = "Current";
    for (int t = 0; t < TerritoryCount; ++t)
        scenario.addTerritory({TerritoryId(), "Territory " + std::to_string(t), 0x336699u + unsigned(t), RepId(t)});
    scenario.alignment = Alignment(UnitCount);
    for (int i = 0; i < UnitCount; ++i)
        scenario.alignment.assign(UnitId(i), TerritoryId(i * TerritoryCount / UnitCount));
    project.scenarios().push_back(std::move(scenario));
    return project;
}

/// The synthetic project file, written once per process.
const std::string &syntheticFile()
{
    static const std::string path = [] {
        // TESSERA_BENCH_STORE_FILE keeps the generated file between runs
        // (it is reused when present); otherwise a temporary file is used.
        const char *kept = std::getenv("TESSERA_BENCH_STORE_FILE");
        if (kept && *kept && std::filesystem::exists(kept))
            return std::string(kept);
        const std::string file = kept && *kept
                                     ? std::string(kept)
                                     : (std::filesystem::temp_directory_path() / "tessera-bench-store.tessera").string();
        for (const char *suffix : {"", "-wal", "-shm", "-lock"})
            std::filesystem::remove(file + suffix);
        Project project = syntheticProject();
        const auto start = std::chrono::steady_clock::now();
        auto store = ProjectStore::open(file, ProjectStore::OpenMode::Create);
        if (!store) {
            std::fprintf(stderr, "%s\n", store.error().toString().c_str());
            std::exit(1);
        }
        if (auto saved = (*store)->save(project); !saved) {
            std::fprintf(stderr, "%s\n", saved.error().toString().c_str());
            std::exit(1);
        }
        store->reset();
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        std::fprintf(stderr, "synthetic project: %d units, %d accounts, saved in %.2f s, file %.1f MB\n", UnitCount,
                     AccountCount, seconds, double(std::filesystem::file_size(file)) / 1e6);
        if (!kept || !*kept)
            std::atexit([] {
            for (const char *suffix : {"", "-wal", "-shm", "-lock"})
                std::filesystem::remove((std::filesystem::temp_directory_path() / "tessera-bench-store.tessera").string()
                                        + suffix);
        });
        return file;
    }();
    return path;
}

void openAndLoad(benchmark::State &state, const std::string &path, const LoadOptions &options)
{
    std::size_t units = 0, accounts = 0;
    for (auto _ : state) {
        std::optional<Project> loaded;
        auto store = ProjectStore::open(path, ProjectStore::OpenMode::ReadOnly);
        if (!store) {
            state.SkipWithError(store.error().toString().c_str());
            return;
        }
        auto project = (*store)->load(options);
        if (!project) {
            state.SkipWithError(project.error().toString().c_str());
            return;
        }
        units = project->units().size();
        accounts = project->accounts().size();
        loaded.emplace(std::move(*project));
        benchmark::DoNotOptimize(loaded);
        // Freeing a million accounts is not part of opening.
        state.PauseTiming();
        loaded.reset();
        store->reset();
        state.ResumeTiming();
    }
    state.counters["units"] = double(units);
    state.counters["accounts"] = double(accounts);
}

void BM_OpenLoadSynthetic(benchmark::State &state)
{
    openAndLoad(state, syntheticFile(), LoadOptions());
}

void BM_OpenLoadSyntheticUnitsOnly(benchmark::State &state)
{
    LoadOptions options;
    options.accounts = false;
    openAndLoad(state, syntheticFile(), options);
}

void BM_SaveScenarioSynthetic(benchmark::State &state)
{
    auto store = ProjectStore::open(syntheticFile(), ProjectStore::OpenMode::ReadWrite);
    if (!store) {
        state.SkipWithError(store.error().toString().c_str());
        return;
    }
    auto scenario = (*store)->loadScenario((*store)->listScenarios()->front().id);
    int round = 0;
    for (auto _ : state) {
        scenario->alignment.assign(UnitId(round % UnitCount), TerritoryId(round % TerritoryCount));
        ++round;
        if (auto saved = (*store)->saveScenario(*scenario); !saved) {
            state.SkipWithError(saved.error().toString().c_str());
            return;
        }
    }
}

void BM_OpenLoadEurope(benchmark::State &state)
{
    const std::string path = std::string(TESSERA_SOURCE_DIR) + "/generated/europe/europe.tessera";
    if (!std::filesystem::exists(path)) {
        state.SkipWithError("generated/europe/europe.tessera not found; run the national generator first");
        return;
    }
    openAndLoad(state, path, LoadOptions());
}

} // namespace

BENCHMARK(BM_OpenLoadSynthetic)->Unit(benchmark::kMillisecond)->Iterations(1)->Repetitions(5)->ReportAggregatesOnly(true);
BENCHMARK(BM_OpenLoadSyntheticUnitsOnly)->Unit(benchmark::kMillisecond)->Iterations(1)->Repetitions(5)->ReportAggregatesOnly(true);
BENCHMARK(BM_SaveScenarioSynthetic)->Unit(benchmark::kMillisecond)->Iterations(3)->Repetitions(5)->ReportAggregatesOnly(true);
BENCHMARK(BM_OpenLoadEurope)->Unit(benchmark::kMillisecond)->Iterations(1)->Repetitions(5)->ReportAggregatesOnly(true);

BENCHMARK_MAIN();
