// Scenario speed on the generated national project (scripts/generate-national.sh
// us: ~36,000 units, 1,000,000 accounts): switching the edited scenario
// (ScenarioMetrics::show, the call the window's TerritoryStatistics makes on a
// switch; the first switch builds the engine and is not timed),
// diffing two plans, saving after moving one unit, and, for the ratio,
// opening and loading the project. TESSERA_BENCH_PROJECT overrides the file.
// The benchmark works on a copy, so the generated project is not changed.
#include "core/metrics/metricsengine.h"
#include "core/plan/scenariodiff.h"
#include "core/plan/scenariometrics.h"
#include "core/store/projectstore.h"

#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <optional>

using namespace tessera;

namespace {

std::string sourceFile()
{
    const char *chosen = std::getenv("TESSERA_BENCH_PROJECT");
    return chosen && *chosen ? std::string(chosen) : std::string(TESSERA_SOURCE_DIR) + "/generated/us/us.tessera";
}

/// A copy of the national project with a second scenario: the first one with
/// every 50th unit moved to its neighbour's territory.
struct Fixture {
    std::string path;
    std::optional<Project> project;
    std::string error;
    double loadSeconds = 0.0; ///< opening and loading the copy, for the switch's ratio to it

    Fixture()
    {
        const std::string source = sourceFile();
        if (!std::filesystem::exists(source)) {
            error = source + " not found; run scripts/generate-national.sh us first";
            return;
        }
        path = (std::filesystem::temp_directory_path() / "tessera-bench-scenarios.tessera").string();
        for (const char *suffix : {"", "-wal", "-shm", "-lock"})
            std::filesystem::remove(path + suffix);
        std::filesystem::copy_file(source, path);
        auto store = ProjectStore::open(path, ProjectStore::OpenMode::ReadWrite);
        if (!store) {
            error = store.error().toString();
            return;
        }
        const auto started = std::chrono::steady_clock::now();
        auto loaded = (*store)->load();
        loadSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        if (!loaded || loaded->scenarios().empty()) {
            error = loaded ? "the project has no scenario" : loaded.error().toString();
            return;
        }
        Scenario proposal = loaded->scenarios().front();
        proposal.id = 0;
        proposal.name = "Proposal";
        const AdjacencyGraph &graph = loaded->adjacency();
        for (const AdjacencyEdge &edge : graph.edges())
            if (edge.a.value() % 50 == 0 && proposal.alignment.territoryOf(edge.a) != proposal.alignment.territoryOf(edge.b))
                proposal.alignment.assign(edge.a, proposal.alignment.territoryOf(edge.b));
        if (auto saved = (*store)->saveScenario(proposal); !saved) {
            error = saved.error().toString();
            return;
        }
        loaded->scenarios().push_back(proposal);
        project.emplace(std::move(*loaded));
    }
    ~Fixture()
    {
        for (const char *suffix : {"", "-wal", "-shm", "-lock"})
            std::filesystem::remove(path + suffix);
    }
};

Fixture &fixture()
{
    static Fixture f;
    return f;
}

bool ready(benchmark::State &state)
{
    if (!fixture().error.empty()) {
        state.SkipWithError(fixture().error.c_str());
        return false;
    }
    return true;
}

void BM_OpenLoadNational(benchmark::State &state)
{
    if (!ready(state))
        return;
    for (auto _ : state) {
        auto store = ProjectStore::open(fixture().path, ProjectStore::OpenMode::ReadOnly);
        auto project = (*store)->load();
        benchmark::DoNotOptimize(project);
        state.PauseTiming(); // freeing a million accounts is not part of opening
        project = Result<Project>(Project());
        state.ResumeTiming();
    }
}

void BM_SwitchScenarioNational(benchmark::State &state)
{
    if (!ready(state))
        return;
    const Project &project = *fixture().project;
    ScenarioMetrics metrics(project, MetricOptions{});
    if (auto first = metrics.show(project.scenarios().front()); !first) {
        state.SkipWithError(first.error().toString().c_str());
        return;
    }
    std::size_t index = 0;
    double seconds = 0.0;
    for (auto _ : state) {
        const auto started = std::chrono::steady_clock::now();
        index = (index + 1) % project.scenarios().size();
        auto changes = metrics.show(project.scenarios()[index]);
        benchmark::DoNotOptimize(changes);
        seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    }
    // One switch against one load of the project (the fixture's), both wall-clock.
    state.counters["ratio_to_load"] = seconds / static_cast<double>(state.iterations()) / fixture().loadSeconds;
}

/// The engine built from scratch for a scenario: what a switch cost before
/// switching moved only the differing units, and what opening a project costs.
void BM_BuildScenarioMetricsNational(benchmark::State &state)
{
    if (!ready(state))
        return;
    const Project &project = *fixture().project;
    std::size_t index = 0;
    for (auto _ : state) {
        index = (index + 1) % project.scenarios().size();
        auto engine = MetricsEngine::create(project, project.scenarios()[index]);
        benchmark::DoNotOptimize(engine);
    }
}

void BM_DiffScenariosNational(benchmark::State &state)
{
    if (!ready(state))
        return;
    const Project &project = *fixture().project;
    std::size_t moved = 0;
    for (auto _ : state) {
        auto diff = diffScenarios(project, project.scenarios().front(), project.scenarios().back());
        moved = diff ? diff->movedUnits.size() : 0;
        benchmark::DoNotOptimize(diff);
    }
    state.counters["moved_units"] = double(moved);
}

void BM_SaveOneMovedUnitNational(benchmark::State &state)
{
    if (!ready(state))
        return;
    auto store = ProjectStore::open(fixture().path, ProjectStore::OpenMode::ReadWrite);
    Scenario scenario = fixture().project->scenarios().back();
    scenario.id = (*store)->findScenario("Proposal")->id;
    const std::size_t territories = scenario.territories.size();
    int round = 0;
    for (auto _ : state) {
        const UnitId unit(round % static_cast<int>(scenario.alignment.unitCount()));
        scenario.alignment.assign(unit, TerritoryId(static_cast<int>((round * 7) % territories)));
        ++round;
        if (auto saved = (*store)->saveScenario(scenario); !saved) {
            state.SkipWithError(saved.error().toString().c_str());
            return;
        }
    }
}

} // namespace

BENCHMARK(BM_OpenLoadNational)->Unit(benchmark::kMillisecond)->Iterations(1)->Repetitions(3)->ReportAggregatesOnly(true);
BENCHMARK(BM_SwitchScenarioNational)->Unit(benchmark::kMillisecond)->Iterations(4)->Repetitions(5)->ReportAggregatesOnly(true);
BENCHMARK(BM_BuildScenarioMetricsNational)->Unit(benchmark::kMillisecond)->Iterations(1)->Repetitions(5)->ReportAggregatesOnly(true);
BENCHMARK(BM_DiffScenariosNational)->Unit(benchmark::kMillisecond)->Iterations(1)->Repetitions(5)->ReportAggregatesOnly(true);
BENCHMARK(BM_SaveOneMovedUnitNational)->Unit(benchmark::kMillisecond)->Iterations(5)->Repetitions(5)->ReportAggregatesOnly(true);

BENCHMARK_MAIN();
