// Export at national scale: a plan of 36,000 units in 500 territories written
// as a GeoPackage of dissolved territories and as a one-slide PPTX (the
// slide painted through the canvas's layers, offscreen).
// Uses generated/europe/europe.tessera (scripts/generate-national.sh europe:
// ~36,700 Voronoi cells of real places, 500 reps and territories) when it
// exists, else generated/us/us.tessera, else a synthetic 190 × 190 grid of shared-corner squares with
// 500 block territories, 100,000 accounts and 500 reps.
// Run: build/release/bench/bench_export --benchmark_repetitions=5
//      --benchmark_report_aggregates_only=true   (read the median lines)
#include "core/io/exporterregistry.h"
#include "core/metrics/metricsengine.h"
#include "core/store/projectstore.h"
#include "ui/export/slidedeck.h"
#include "ui/export/slideexporter.h"
#include "ui/export/sliderenderer.h"

#include <QGuiApplication>
#include <QTemporaryDir>

#include <benchmark/benchmark.h>

#include <filesystem>

using namespace tessera;

namespace {

Project gridProject()
{
    constexpr int Side = 190;       // 36,100 units
    constexpr int Blocks = 500;     // territories: 20 × 25 blocks of cells
    constexpr double Cell = 0.08;
    Project project;
    UnitLayer &units = project.units();
    std::vector<AdjacencyEdge> edges;
    for (int r = 0; r < Side; ++r)
        for (int c = 0; c < Side; ++c) {
            const double x0 = -110.0 + c * Cell, y0 = 30.0 + r * Cell;
            auto shape = std::make_shared<MultiPolygon>();
            Polygon polygon;
            polygon.outer.points = {{x0, y0}, {x0 + Cell, y0}, {x0 + Cell, y0 + Cell}, {x0, y0 + Cell}, {x0, y0}};
            shape->polygons.push_back(polygon);
            Unit unit;
            const int id = r * Side + c;
            unit.key = std::to_string(100000 + id);
            unit.name = "Unit " + std::to_string(id);
            unit.geometry = shape;
            unit.centroid = {x0 + Cell / 2, y0 + Cell / 2};
            unit.areaKm2 = 60.0;
            units.add(unit);
            if (c + 1 < Side)
                edges.push_back({UnitId(id), UnitId(id + 1), 8.0});
            if (r + 1 < Side)
                edges.push_back({UnitId(id), UnitId(id + Side), 8.0});
        }
    project.setAdjacency(AdjacencyGraph(units.size(), edges));
    for (int i = 0; i < 100000; ++i) {
        Account account;
        const int unit = static_cast<int>((std::int64_t(i) * 7919) % static_cast<std::int64_t>(units.size()));
        account.key = "A" + std::to_string(i);
        account.name = "Account " + std::to_string(i);
        account.location = units.unit(UnitId(unit)).centroid;
        account.unit = UnitId(unit);
        project.accounts().add(account);
    }
    Scenario plan;
    plan.name = "National";
    plan.alignment = Alignment(units.size());
    for (int t = 0; t < Blocks; ++t) {
        Rep rep;
        rep.key = "R" + std::to_string(t);
        rep.name = "Rep " + std::to_string(t);
        const int bx = t % 20, by = t / 20;
        rep.home = {-110.0 + (bx + 0.5) * Side * Cell / 20, 30.0 + (by + 0.5) * Side * Cell / 25};
        Territory territory;
        territory.name = "Territory " + std::to_string(t + 1);
        territory.color = 0x202020u + static_cast<std::uint32_t>(t * 2654435761u % 0xDFDFDFu);
        territory.rep = project.addRep(rep);
        plan.addTerritory(territory);
    }
    for (int r = 0; r < Side; ++r)
        for (int c = 0; c < Side; ++c) {
            const int bx = std::min(19, c * 20 / Side), by = std::min(24, r * 25 / Side);
            plan.alignment.assign(UnitId(r * Side + c), TerritoryId(by * 20 + bx));
        }
    project.scenarios().push_back(plan);
    return project;
}

const Project &nationalProject()
{
    static const Project project = [] {
        for (const char *path : {TESSERA_SOURCE_DIR "/generated/europe/europe.tessera",
                                 TESSERA_SOURCE_DIR "/generated/us/us.tessera"})
            if (std::filesystem::exists(path))
                if (auto store = ProjectStore::open(path, ProjectStore::OpenMode::ReadOnly))
                    if (auto loaded = (*store)->load(); loaded && !loaded->scenarios().empty())
                        return std::move(*loaded);
        return gridProject();
    }();
    return project;
}

void BM_ExportGeoPackage(benchmark::State &state)
{
    const Project &project = nationalProject();
    auto engine = MetricsEngine::create(project, project.scenarios().front());
    QTemporaryDir dir;
    const io::Exporter *exporter = io::findExporter("gpkg");
    for (auto _ : state) {
        auto stats = exporter->write({project, project.scenarios().front(), **engine},
                                     static_cast<unsigned>(io::ExportContent::Territories),
                                     dir.filePath("plan.gpkg").toStdString());
        if (!stats)
            state.SkipWithError(stats.error().toString().c_str());
    }
    state.counters["units"] = static_cast<double>(project.units().size());
    state.counters["territories"] = static_cast<double>(project.scenarios().front().territories.size());
}
BENCHMARK(BM_ExportGeoPackage)->Unit(benchmark::kMillisecond)->Iterations(1);

void BM_ExportPptx(benchmark::State &state)
{
    const Project &project = nationalProject();
    const auto geometry = ui::SlideRenderer::prepare(project); // once per project, as in the window
    const ui::SlideRenderer renderer(project, geometry);
    QTemporaryDir dir;
    for (auto _ : state) {
        auto slides = ui::SlideDeck::build(project, ui::SlideDeck::Kind::Scenario, 0, {});
        auto written = ui::SlideExporter::write(ui::SlideExporter::Format::Pptx, renderer, *slides, {},
                                                dir.filePath("plan.pptx"));
        if (!written)
            state.SkipWithError(written.error().toString().c_str());
    }
}
BENCHMARK(BM_ExportPptx)->Unit(benchmark::kMillisecond)->Iterations(1);

} // namespace

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication application(argc, argv);
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
