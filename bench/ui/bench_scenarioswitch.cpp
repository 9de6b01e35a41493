// Switching scenarios in the window, offscreen, on the generated national
// project (scripts/generate-national.sh us; TESSERA_BENCH_PROJECT overrides):
// the Scenarios dock's switch (a SwitchScenarioCommand: metrics, panels, map
// layers told), and the same followed by the map's repaint. Works on a copy
// with a second scenario (every 50th unit moved), like bench_scenarios.
#include "core/store/projectstore.h"
#include "ui/canvas/mapcanvas.h"
#include "ui/commands/changescenariocommand.h"
#include "ui/document/document.h"
#include "ui/mainwindow/mainwindow.h"

#include <QApplication>
#include <QUndoStack>

#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>

using namespace tessera;
using namespace tessera::ui;

namespace {

struct Scene {
    std::string path;
    std::unique_ptr<MainWindow> window;
    std::string error;

    Scene()
    {
        const char *chosen = std::getenv("TESSERA_BENCH_PROJECT");
        const std::string source = chosen && *chosen ? std::string(chosen)
                                                     : std::string(TESSERA_SOURCE_DIR) + "/generated/us/us.tessera";
        if (!std::filesystem::exists(source)) {
            error = source + " not found; run scripts/generate-national.sh us first";
            return;
        }
        path = (std::filesystem::temp_directory_path() / "tessera-bench-scenarioswitch.tessera").string();
        for (const char *suffix : {"", "-wal", "-shm", "-lock"})
            std::filesystem::remove(path + suffix);
        std::filesystem::copy_file(source, path);
        {
            auto store = ProjectStore::open(path, ProjectStore::OpenMode::ReadWrite);
            auto loaded = store ? (*store)->load() : Result<Project>(store.error());
            if (!loaded || loaded->scenarios().empty()) {
                error = loaded ? "the project has no scenario" : loaded.error().toString();
                return;
            }
            Scenario proposal = loaded->scenarios().front();
            proposal.id = 0;
            proposal.name = "Proposal";
            for (const AdjacencyEdge &edge : loaded->adjacency().edges())
                if (edge.a.value() % 50 == 0 && proposal.alignment.territoryOf(edge.a) != proposal.alignment.territoryOf(edge.b))
                    proposal.alignment.assign(edge.a, proposal.alignment.territoryOf(edge.b));
            if (auto saved = (*store)->saveScenario(proposal); !saved) {
                error = saved.error().toString();
                return;
            }
        }
        window = std::make_unique<MainWindow>();
        window->setQuiet(true);
        window->resize(1400, 900);
        if (!window->openProject(QString::fromStdString(path), false) || !window->canvas()->waitUntilReady(300000)) {
            error = "the window could not open " + path;
            return;
        }
        window->canvas()->renderSynchronously();
    }
    ~Scene()
    {
        window.reset();
        for (const char *suffix : {"", "-wal", "-shm", "-lock"})
            std::filesystem::remove(path + suffix);
    }
};

Scene &scene()
{
    static Scene s;
    return s;
}

/// Switches to the next scenario the way the Scenarios dock does.
void switchNext(Document *document)
{
    const int next = (document->scenarioIndex() + 1) % document->scenarioCount();
    document->undoStack()->push(new SwitchScenarioCommand(document, next));
}

bool ready(benchmark::State &state)
{
    if (!scene().error.empty()) {
        state.SkipWithError(scene().error.c_str());
        return false;
    }
    switchNext(scene().window->document()); // the first switch builds nothing new either, but warms caches
    QCoreApplication::processEvents();
    return true;
}

void BM_WindowSwitchScenarioNational(benchmark::State &state)
{
    if (!ready(state))
        return;
    Document *document = scene().window->document();
    for (auto _ : state) {
        switchNext(document);
        state.PauseTiming();
        QCoreApplication::processEvents();
        state.ResumeTiming();
    }
}

void BM_WindowSwitchAndRepaintNational(benchmark::State &state)
{
    if (!ready(state))
        return;
    Document *document = scene().window->document();
    for (auto _ : state) {
        switchNext(document);
        QCoreApplication::processEvents();
        scene().window->canvas()->renderSynchronously();
    }
}

} // namespace

BENCHMARK(BM_WindowSwitchScenarioNational)->Unit(benchmark::kMillisecond)->Iterations(4)->Repetitions(5)->ReportAggregatesOnly(true);
BENCHMARK(BM_WindowSwitchAndRepaintNational)->Unit(benchmark::kMillisecond)->Iterations(2)->Repetitions(5)->ReportAggregatesOnly(true);

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
