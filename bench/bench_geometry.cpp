// Geometry at national scale: adjacency of ~35,000 units and placement of
// 1,000,000 accounts, on two layers:
//  - Synthetic*: a 187×187 grid (34,969 cells) whose shared boundaries are
//    jittered polylines of four segments per side (16 vertices per cell),
//    shared exactly by both neighbours as in a Voronoi or TopoJSON layer;
//    1,000,000 random accounts, 1 % of them outside every cell.
//  - Europe*: the generated national layer (generated/europe, from
//    scripts/generate-national.sh europe): ~36,700 Voronoi cells of real places
//    clipped to country outlines, with its 1,000,000 accounts. Skipped with a
//    message when the files are missing.
//   bench_geometry --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
#include "core/geometry/adjacencybuilder.h"
#include "core/geometry/labelpoint.h"
#include "core/geometry/simplify.h"
#include "core/geometry/unittopology.h"
#include "core/geometry/unitindex.h"
#include "core/model/accountlayer.h"
#include "core/model/unitlayer.h"
#include "core/problemsink.h"

#include <benchmark/benchmark.h>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <random>
#include <sstream>
#include <string>

using namespace tessera;

namespace {

constexpr int GridSide = 187;         // 34,969 units
constexpr int SegmentsPerSide = 4;
constexpr double MinLon = -10.0, MinLat = 36.0, CellDeg = 0.1;
constexpr std::size_t AccountCount = 1'000'000;

/// Lattice point (i, j) of the fine grid, jittered deterministically; corner
/// lattice points stay on the cell corners' neighbourhood.
LonLat latticePoint(int i, int j)
{
    std::uint64_t h = std::uint64_t(i) * 0x9E3779B97F4A7C15ull ^ std::uint64_t(j) * 0xC2B2AE3D27D4EB4Full;
    h ^= h >> 29;
    h *= 0xBF58476D1CE4E5B9ull;
    h ^= h >> 32;
    const double step = CellDeg / SegmentsPerSide;
    const double jx = (double(h & 0xffff) / 65535.0 - 0.5) * 0.3 * step;
    const double jy = (double((h >> 16) & 0xffff) / 65535.0 - 0.5) * 0.3 * step;
    return {MinLon + i * step + jx, MinLat + j * step + jy};
}

const UnitLayer &nationalGrid()
{
    static const std::unique_ptr<UnitLayer> layer = [] {
        auto units = std::make_unique<UnitLayer>();
        units->reserve(std::size_t(GridSide) * GridSide);
        const int k = SegmentsPerSide;
        for (int row = 0; row < GridSide; ++row)
            for (int column = 0; column < GridSide; ++column) {
                Ring ring;
                const int i0 = column * k, j0 = row * k;
                for (int s = 0; s < k; ++s) ring.points.push_back(latticePoint(i0 + s, j0));          // bottom
                for (int s = 0; s < k; ++s) ring.points.push_back(latticePoint(i0 + k, j0 + s));      // right
                for (int s = 0; s < k; ++s) ring.points.push_back(latticePoint(i0 + k - s, j0 + k));  // top
                for (int s = 0; s < k; ++s) ring.points.push_back(latticePoint(i0, j0 + k - s));      // left
                ring.points.push_back(ring.points.front());
                Unit unit;
                unit.key = std::to_string(row * GridSide + column);
                unit.geometry = std::make_shared<const MultiPolygon>(MultiPolygon{{Polygon{std::move(ring), {}}}});
                units->add(std::move(unit));
            }
        return units;
    }();
    return *layer;
}

/// The same grid without jitter, where neighbours cut their common side into
/// different numbers of segments (3 or 4 by checkerboard): only the cell
/// corners are shared vertices, so every boundary is matched as collinear
/// overlapping edges (as in layers digitised independently).
const UnitLayer &unsharedGrid()
{
    static const std::unique_ptr<UnitLayer> layer = [] {
        auto units = std::make_unique<UnitLayer>();
        units->reserve(std::size_t(GridSide) * GridSide);
        for (int row = 0; row < GridSide; ++row)
            for (int column = 0; column < GridSide; ++column) {
                const int k = (row + column) % 2 ? 3 : 4;
                const double x0 = MinLon + column * CellDeg, y0 = MinLat + row * CellDeg;
                const double step = CellDeg / k;
                Ring ring;
                for (int s = 0; s < k; ++s) ring.points.push_back({x0 + s * step, y0});
                for (int s = 0; s < k; ++s) ring.points.push_back({x0 + CellDeg, y0 + s * step});
                for (int s = 0; s < k; ++s) ring.points.push_back({x0 + CellDeg - s * step, y0 + CellDeg});
                for (int s = 0; s < k; ++s) ring.points.push_back({x0, y0 + CellDeg - s * step});
                ring.points.push_back(ring.points.front());
                Unit unit;
                unit.key = std::to_string(row * GridSide + column);
                unit.geometry = std::make_shared<const MultiPolygon>(MultiPolygon{{Polygon{std::move(ring), {}}}});
                units->add(std::move(unit));
            }
        return units;
    }();
    return *layer;
}

/// 1,000,000 accounts, 1 % of them outside the grid.
AccountLayer makeAccounts()
{
    AccountLayer accounts;
    accounts.reserve(AccountCount);
    std::mt19937_64 random(42);
    const double span = GridSide * CellDeg;
    std::uniform_real_distribution<double> inside(0.001, span - 0.001);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    for (std::size_t i = 0; i < AccountCount; ++i) {
        Account account;
        account.key = std::to_string(i);
        if (unit(random) < 0.01)
            account.location = {MinLon - 1.0 - unit(random), MinLat + inside(random)};
        else
            account.location = {MinLon + inside(random), MinLat + inside(random)};
        accounts.add(std::move(account));
    }
    return accounts;
}

void BM_SyntheticAdjacencyRook(benchmark::State &state)
{
    const UnitLayer &units = nationalGrid();
    std::size_t edges = 0;
    for (auto _ : state) {
        auto graph = geometry::buildAdjacency(units);
        if (!graph.isOk())
            state.SkipWithError(graph.error().toString().c_str());
        else
            edges = graph->edgeCount();
    }
    state.counters["units"] = double(units.size());
    state.counters["edges"] = double(edges);
}
BENCHMARK(BM_SyntheticAdjacencyRook)->Unit(benchmark::kMillisecond)->Iterations(1);

void BM_SyntheticAdjacencyQueen(benchmark::State &state)
{
    const UnitLayer &units = nationalGrid();
    geometry::AdjacencyOptions options;
    options.includePointContacts = true;
    std::size_t edges = 0;
    for (auto _ : state) {
        auto graph = geometry::buildAdjacency(units, options);
        if (!graph.isOk())
            state.SkipWithError(graph.error().toString().c_str());
        else
            edges = graph->edgeCount();
    }
    state.counters["edges"] = double(edges);
}
BENCHMARK(BM_SyntheticAdjacencyQueen)->Unit(benchmark::kMillisecond)->Iterations(1);

void BM_SyntheticAdjacencyUnsharedVertices(benchmark::State &state)
{
    const UnitLayer &units = unsharedGrid();
    std::size_t edges = 0;
    for (auto _ : state) {
        auto graph = geometry::buildAdjacency(units);
        if (!graph.isOk())
            state.SkipWithError(graph.error().toString().c_str());
        else
            edges = graph->edgeCount();
    }
    state.counters["units"] = double(units.size());
    state.counters["edges"] = double(edges); // 2 · 187 · 186 = 69,564 when every side is matched
}
BENCHMARK(BM_SyntheticAdjacencyUnsharedVertices)->Unit(benchmark::kMillisecond)->Iterations(1);

void BM_SyntheticUnitIndexBuild(benchmark::State &state)
{
    const UnitLayer &units = nationalGrid();
    for (auto _ : state) {
        geometry::UnitIndex index(units);
        benchmark::DoNotOptimize(&index);
    }
}
BENCHMARK(BM_SyntheticUnitIndexBuild)->Unit(benchmark::kMillisecond)->Iterations(1);

void BM_SyntheticPlaceAccounts(benchmark::State &state)
{
    const UnitLayer &units = nationalGrid();
    const geometry::UnitIndex index(units);
    AccountLayer accounts = makeAccounts();
    geometry::PlacementStats stats;
    for (auto _ : state) {
        CollectingProblemSink sink;
        stats = geometry::placeAccounts(accounts, index, &sink);
    }
    state.counters["accounts"] = double(accounts.size());
    state.counters["outside"] = double(stats.outside);
}
BENCHMARK(BM_SyntheticPlaceAccounts)->Unit(benchmark::kMillisecond)->Iterations(1);

// --- the generated European layer ----------------------------------------

const std::filesystem::path EuropeDir = std::filesystem::path(TESSERA_SOURCE_DIR) / "generated" / "europe";

Ring ringFromJson(const nlohmann::json &coordinates)
{
    Ring ring;
    ring.points.reserve(coordinates.size());
    for (const auto &p : coordinates)
        ring.points.push_back({p[0].get<double>(), p[1].get<double>()});
    return ring;
}

Polygon polygonFromJson(const nlohmann::json &rings)
{
    Polygon polygon;
    for (std::size_t i = 0; i < rings.size(); ++i)
        (i == 0 ? polygon.outer : polygon.holes.emplace_back()) = ringFromJson(rings[i]);
    return polygon;
}

/// A GeoJSON Polygon or MultiPolygon geometry.
MultiPolygon shapeFromJson(const nlohmann::json &geometry)
{
    MultiPolygon shape;
    if (geometry["type"] == "Polygon")
        shape.polygons.push_back(polygonFromJson(geometry["coordinates"]));
    else
        for (const auto &polygon : geometry["coordinates"])
            shape.polygons.push_back(polygonFromJson(polygon));
    return shape;
}

/// The European units, or nullptr when the generated layer is missing.
const UnitLayer *europeUnits()
{
    static const std::unique_ptr<UnitLayer> layer = []() -> std::unique_ptr<UnitLayer> {
        std::ifstream in(EuropeDir / "europe-units.geojson");
        if (!in)
            return nullptr;
        nlohmann::json collection;
        try {
            collection = nlohmann::json::parse(in);
        } catch (const nlohmann::json::exception &error) {
            std::fprintf(stderr, "europe-units.geojson: %s\n", error.what());
            return nullptr;
        }
        auto units = std::make_unique<UnitLayer>();
        for (const auto &feature : collection["features"]) {
            MultiPolygon shape = shapeFromJson(feature["geometry"]);
            Unit unit;
            unit.key = feature["properties"]["id"].get<std::string>();
            unit.geometry = std::make_shared<const MultiPolygon>(std::move(shape));
            units->add(std::move(unit));
        }
        return units;
    }();
    return layer.get();
}

/// The European accounts (columns id, name, lat, lon, ...), or an empty layer.
AccountLayer europeAccounts()
{
    AccountLayer accounts;
    std::ifstream in(EuropeDir / "europe-accounts.csv");
    std::string line;
    if (!in || !std::getline(in, line))
        return accounts;
    accounts.reserve(AccountCount);
    while (std::getline(in, line)) {
        // id,name,lat,lon,...: the name may be quoted and hold commas.
        std::vector<std::string> fields;
        std::string field;
        bool quoted = false;
        for (char c : line) {
            if (c == '"')
                quoted = !quoted;
            else if (c == ',' && !quoted) {
                fields.push_back(field);
                field.clear();
                if (fields.size() == 4)
                    break;
            } else
                field += c;
        }
        if (fields.size() < 4)
            fields.push_back(field);
        if (fields.size() < 4)
            continue;
        Account account;
        account.key = fields[0];
        account.location = {std::stod(fields[3]), std::stod(fields[2])};
        accounts.add(std::move(account));
    }
    return accounts;
}

void BM_EuropeAdjacencyRook(benchmark::State &state)
{
    const UnitLayer *units = europeUnits();
    if (!units) {
        state.SkipWithError("generated/europe missing or unreadable: run scripts/generate-national.sh europe");
        return;
    }
    std::size_t edges = 0, islands = 0;
    for (auto _ : state) {
        auto graph = geometry::buildAdjacency(*units);
        if (!graph.isOk()) {
            state.SkipWithError(graph.error().toString().c_str());
            break;
        }
        edges = graph->edgeCount();
        islands = graph->islands().size();
    }
    state.counters["units"] = double(units->size());
    state.counters["edges"] = double(edges);
    state.counters["islands"] = double(islands);
}
BENCHMARK(BM_EuropeAdjacencyRook)->Unit(benchmark::kMillisecond)->Iterations(1);

void BM_EuropePlaceAccounts(benchmark::State &state)
{
    const UnitLayer *units = europeUnits();
    if (!units) {
        state.SkipWithError("generated/europe missing or unreadable: run scripts/generate-national.sh europe");
        return;
    }
    const geometry::UnitIndex index(*units);
    static AccountLayer accounts = europeAccounts();
    geometry::PlacementStats stats;
    for (auto _ : state) {
        CollectingProblemSink sink;
        stats = geometry::placeAccounts(accounts, index, &sink);
    }
    state.counters["accounts"] = double(accounts.size());
    state.counters["outside"] = double(stats.outside);
}
BENCHMARK(BM_EuropePlaceAccounts)->Unit(benchmark::kMillisecond)->Iterations(1);


void BM_EuropeSimplifyLayer(benchmark::State &state)
{
    const UnitLayer *units = europeUnits();
    if (!units) {
        state.SkipWithError("generated/europe missing or unreadable: run scripts/generate-national.sh europe");
        return;
    }
    const double tolerance = double(state.range(0)) / 10000.0;
    std::size_t before = 0, after = 0;
    for (const Unit &unit : units->units())
        for (const Polygon &p : unit.geometry->polygons)
            before += p.outer.points.size();
    for (auto _ : state) {
        // The topology is part of the cost: the map builds it once per project.
        const auto topology = geometry::UnitTopology::build(*units);
        const std::vector<MultiPolygon> simple = geometry::simplifyLayer(*topology, tolerance);
        after = 0;
        for (const MultiPolygon &shape : simple)
            for (const Polygon &p : shape.polygons)
                after += p.outer.points.size();
    }
    state.counters["vertices_before"] = double(before);
    state.counters["vertices_after"] = double(after);
}
// Tolerance in 1e-4 degrees: 0.001° and 0.01° (zoomed in, national view).
BENCHMARK(BM_EuropeSimplifyLayer)->Arg(10)->Arg(100)->Unit(benchmark::kMillisecond)->Iterations(1);


void BM_EuropeLabelPoints(benchmark::State &state)
{
    const UnitLayer *units = europeUnits();
    if (!units) {
        state.SkipWithError("generated/europe missing or unreadable: run scripts/generate-national.sh europe");
        return;
    }
    for (auto _ : state)
        for (const Unit &unit : units->units())
            benchmark::DoNotOptimize(geometry::labelPoint(*unit.geometry));
    state.counters["units"] = double(units->size());
}
BENCHMARK(BM_EuropeLabelPoints)->Unit(benchmark::kMillisecond)->Iterations(1);

// --- the sample's counties ----------------------------------------------------

/// The sample's 367 counties (resources/samples/southeast-counties.geojson).
const UnitLayer &sampleUnits()
{
    static const UnitLayer layer = [] {
        UnitLayer units;
        std::ifstream in(std::filesystem::path(TESSERA_SOURCE_DIR) / "resources" / "samples"
                         / "southeast-counties.geojson");
        const nlohmann::json collection = nlohmann::json::parse(in);
        for (const auto &feature : collection["features"]) {
            MultiPolygon shape = shapeFromJson(feature["geometry"]);
            Unit unit;
            unit.key = std::to_string(units.size());
            unit.geometry = std::make_shared<const MultiPolygon>(std::move(shape));
            units.add(std::move(unit));
        }
        return units;
    }();
    return layer;
}

/// Topology, then rook adjacency read off it, for the sample's counties.
void BM_SampleTopologyAndAdjacency(benchmark::State &state)
{
    const UnitLayer &units = sampleUnits();
    std::size_t arcs = 0, edges = 0;
    for (auto _ : state) {
        const auto topology = geometry::UnitTopology::build(units);
        arcs = topology->arcCount();
        edges = geometry::buildAdjacency(*topology).edgeCount();
    }
    state.counters["units"] = double(units.size());
    state.counters["arcs"] = double(arcs);
    state.counters["edges"] = double(edges);
}
BENCHMARK(BM_SampleTopologyAndAdjacency)->Unit(benchmark::kMillisecond)->Iterations(20)->Repetitions(5)->ReportAggregatesOnly(true);

} // namespace

BENCHMARK_MAIN();
