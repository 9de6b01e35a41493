// Map canvas paint time at national scale: a full-extent repaint of the unit
// fills, territory borders and selection layers, and one pan step. Uses
// generated/europe/europe.tessera (~35,000 units) when present, else a
// synthetic grid of 35,000 square units. Medians over repetitions.
#include "core/store/projectstore.h"
#include "tests/ui/testprojects.h"
#include "ui/canvas/mapcanvas.h"
#include "ui/canvas/preparedgeometry.h"
#include "ui/canvas/selectionlayer.h"
#include "ui/canvas/territoryborderlayer.h"
#include "ui/canvas/unitfilllayer.h"
#include "ui/document/document.h"

#include <QApplication>
#include <QFileInfo>

#include <benchmark/benchmark.h>

#include <cstdio>
#include <memory>

using namespace tessera;
using namespace tessera::ui;

namespace {

struct Scene {
    std::unique_ptr<Document> document;
    std::unique_ptr<MapCanvas> canvas;
    std::vector<std::shared_ptr<const MultiPolygon>> shapes;
};

Scene &scene()
{
    static Scene s = [] {
        Scene result;
        result.document = std::make_unique<Document>();
        const QString europe = QStringLiteral(TESSERA_SOURCE_DIR "/generated/europe/europe.tessera");
        bool loaded = false;
        if (QFileInfo::exists(europe)) {
            auto opened = result.document->open(europe);
            loaded = opened.isOk();
            if (!loaded)
                std::fprintf(stderr, "bench_canvas: %s\n", opened.error().toString().c_str());
        }
        if (!loaded)
            result.document->setProject(testing::makeGridProject(200, 175, 500, 0.05, -10.0, 36.0, false));
        std::fprintf(stderr, "bench_canvas: %s, %zu units, %d territories\n", loaded ? "europe.tessera" : "synthetic grid",
                     result.document->unitCount(), result.document->territoryCount());
        for (const Unit &unit : result.document->project().units().units())
            result.shapes.push_back(unit.geometry);
        result.canvas = std::make_unique<MapCanvas>();
        result.canvas->addLayer(std::make_unique<UnitFillLayer>());
        result.canvas->addLayer(std::make_unique<TerritoryBorderLayer>());
        result.canvas->addLayer(std::make_unique<SelectionLayer>());
        result.canvas->resize(1400, 900);
        result.canvas->setDocument(result.document.get());
        result.canvas->waitUntilReady(300000);
        result.document->setCurrentTerritory(TerritoryId(0));
        return result;
    }();
    return s;
}

void BM_PrepareGeometry(benchmark::State &state)
{
    Scene &s = scene();
    for (auto _ : state)
        benchmark::DoNotOptimize(PreparedGeometry::build(s.shapes));
    state.counters["units"] = static_cast<double>(s.shapes.size());
}

void BM_FullExtentRepaint(benchmark::State &state)
{
    Scene &s = scene();
    s.canvas->zoomToFullExtent();
    for (auto _ : state) {
        s.canvas->refreshAll();
        s.canvas->renderSynchronously();
    }
    const auto &cpu = s.canvas->lastRenderCpuTimes();
    double total = 0;
    for (const QString &layer : cpu.keys()) {
        state.counters[(layer + QStringLiteral("_cpu_ms")).toStdString()] = cpu.value(layer);
        total += cpu.value(layer);
    }
    state.counters["total_cpu_ms"] = total;
}

void BM_PanStep(benchmark::State &state)
{
    Scene &s = scene();
    s.canvas->zoomToFullExtent();
    s.canvas->renderSynchronously();
    int direction = 1;
    for (auto _ : state) {
        s.canvas->panBy(QPointF(40.0 * direction, 0));
        direction = -direction;
        s.canvas->renderSynchronously();
    }
    double total = 0;
    for (double ms : s.canvas->lastRenderCpuTimes())
        total += ms;
    state.counters["total_cpu_ms"] = total;
}

void BM_ZoomedInRepaint(benchmark::State &state)
{
    Scene &s = scene();
    s.canvas->zoomToFullExtent();
    s.canvas->zoomBy(16.0, QPointF(700, 450));
    for (auto _ : state) {
        s.canvas->refreshAll();
        s.canvas->renderSynchronously();
    }
}

} // namespace

BENCHMARK(BM_PrepareGeometry)->Unit(benchmark::kMillisecond)->Iterations(1)->Repetitions(3)->ReportAggregatesOnly(true)->UseRealTime();
BENCHMARK(BM_FullExtentRepaint)->Unit(benchmark::kMillisecond)->Iterations(3)->Repetitions(7)->ReportAggregatesOnly(true)->UseRealTime();
BENCHMARK(BM_PanStep)->Unit(benchmark::kMillisecond)->Iterations(3)->Repetitions(7)->ReportAggregatesOnly(true)->UseRealTime();
BENCHMARK(BM_ZoomedInRepaint)->Unit(benchmark::kMillisecond)->Iterations(3)->Repetitions(7)->ReportAggregatesOnly(true)->UseRealTime();

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
