// tessera-cli locate: "where should we place K reps?" - p-median site selection
// (capacitated or not) on unit points or polygon centroids.
#include "app/cli/commandline.h"
#include "app/cli/diagnostics.h"
#include "app/cli/jsonformat.h"
#include "core/io/csvreader.h"
#include "core/io/pointsreader.h"
#include "core/io/unitimporter.h"
#include "core/model/unitlayer.h"
#include "core/optimizer/distancematrix.h"
#include "core/optimizer/locationproblem.h"
#include "core/optimizer/pmediancapacitatedsolver.h"
#include "core/optimizer/pmediansolver.h"
#include "core/problemsink.h"

#include <boost/program_options.hpp>
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

namespace tessera::cli {

namespace {

namespace po = boost::program_options;

/// Above this many units the dense distance matrix and swap tables (about
/// 40 bytes per unit pair) no longer fit comfortably in memory.
constexpr std::size_t MaxUnits = 4000;

struct Points {
    std::vector<std::string> ids;
    std::vector<LonLat> positions;
    std::vector<double> weights;  ///< empty = 1 each
    std::vector<double> demands;  ///< empty = none
};

Result<Points> readCsvPoints(const std::string &path, const std::string &idField, const std::string &weightField,
                             const std::string &demandField, ProblemSink *sink)
{
    io::PointsReadOptions options;
    options.idColumn = idField;
    if (!weightField.empty())
        options.attributeColumns.push_back(weightField);
    if (!demandField.empty())
        options.attributeColumns.push_back(demandField);
    auto table = io::readPointsCsv(path, options, sink);
    if (!table)
        return table.error();
    Points points;
    points.ids = std::move(table->ids);
    points.positions = std::move(table->positions);
    if (!weightField.empty())
        points.weights = table->attributes.front();
    if (!demandField.empty())
        points.demands = table->attributes.back();
    return points;
}

Result<Points> readLayerPoints(const std::string &path, const std::string &idField, const std::string &weightField,
                               const std::string &demandField, ProblemSink *sink)
{
    UnitLayer units;
    io::UnitImportOptions options;
    options.idField = idField;
    auto stats = io::importUnits(path, options, units, sink);
    if (!stats)
        return stats.error();
    Points points;
    auto column = [&](const std::string &name) -> Result<const std::vector<double> *> {
        const int index = units.attributes().columnIndex(name);
        if (index < 0)
            return makeError(ErrorCode::NotFound, "no numeric field '" + name + "'", path);
        return &units.attributes().column(index);
    };
    for (const Unit &unit : units.units()) {
        points.ids.push_back(unit.key);
        points.positions.push_back(unit.centroid);
    }
    if (!weightField.empty()) {
        auto values = column(weightField);
        if (!values)
            return values.error();
        points.weights = **values;
    }
    if (!demandField.empty()) {
        auto values = column(demandField);
        if (!values)
            return values.error();
        points.demands = **values;
    }
    return points;
}

} // namespace

int runLocateCommand(const std::vector<std::string> &arguments)
{
    po::options_description visible(
        "Usage: tessera-cli locate --units LAYER_OR_CSV [--id FIELD] --territories K [--weight FIELD]\n"
        "                          [--capacity FIELD:CAP] [--seed N] [--time-limit S]\n"
        "                          [--out SITES.csv] [--json]\n\n"
        "Where to place K reps: chooses K of the units (points of a CSV with id, lon, lat\n"
        "columns, or polygon centroids of any GDAL layer) as sites, minimising the sum of\n"
        "weight x great-circle distance (km) from every unit to its site (p-median).\n"
        "With --capacity, each site serves at most CAP of the unit field FIELD\n"
        "(capacitated p-median). Every result carries a lower bound and its gap.\n"
        "Every bad row or feature is listed; any error stops the run before it writes.\n"
        "JSON keys: docs/cli.md.\n\n"
        + exitStatusHelp({ExitCode::Infeasible}) + "\nOptions");
    visible.add_options()("help,h", "show this help")
        ("units", text(), "unit points (CSV) or polygons (any GDAL vector file)")
        ("id", po::value<std::string>()->default_value("id"), "unit id field")
        ("territories,k", number(1LL, 1000000LL), "number of sites to place, one per territory")
        ("weight", po::value<std::string>(), "unit field weighting the distances (default 1 per unit)")
        ("capacity", po::value<std::string>(), "FIELD:CAP, each site serves at most CAP of FIELD")
        ("seed", po::value<std::uint64_t>()->default_value(1), "random seed (same seed, same result)")
        ("time-limit", number(0.0, 1e6)->default_value(60.0), "safety stop in seconds (0 = none)")
        ("out", text(), "write the chosen sites to this CSV")
        ("json", "print one JSON object");
    po::options_description aliases;
    aliases.add_options()("k", number(1LL, 1000000LL), "old spelling of --territories");
    po::variables_map vm;
    if (const std::optional<int> exitCode = parseCommandLine("locate", arguments, visible, vm, &aliases, false))
        return *exitCode;
    const Diagnostics diagnostics("locate");
    if (!vm.count("units"))
        return diagnostics.usage("missing --units");
    if (!vm.count("territories") && !vm.count("k"))
        return diagnostics.usage("missing --territories");
    const std::string unitsPath = vm["units"].as<std::string>();
    const std::string idField = vm["id"].as<std::string>();
    const long long k = vm.count("territories") ? vm["territories"].as<long long>() : vm["k"].as<long long>();
    const std::string weightField = vm.count("weight") ? vm["weight"].as<std::string>() : "";
    std::string demandField;
    double capacity = 0.0;
    if (vm.count("capacity")) {
        const std::string spec = vm["capacity"].as<std::string>();
        const auto colon = spec.rfind(':');
        std::optional<double> parsed;
        if (colon != std::string::npos && colon > 0)
            parsed = io::parseNumber(spec.substr(colon + 1));
        if (!parsed || !(*parsed > 0))
            return diagnostics.usage("--capacity must be FIELD:CAP with CAP > 0, got '" + spec + "'");
        demandField = spec.substr(0, colon);
        capacity = *parsed;
    }
    if (k < 1)
        return diagnostics.usage("--territories must be at least 1");

    CollectingProblemSink problems;
    auto points = isCsvPath(unitsPath) ? readCsvPoints(unitsPath, idField, weightField, demandField, &problems)
                                       : readLayerPoints(unitsPath, idField, weightField, demandField, &problems);
    if (!points)
        return diagnostics.fail(points.error());
    if (diagnostics.problems(problems) > 0)
        return diagnostics.fail(unitsPath + ": bad rows or features; nothing written");
    const std::size_t n = points->ids.size();
    if (n > MaxUnits)
        return diagnostics.fail(unitsPath + ": " + std::to_string(n) + " units; locate handles at most "
                                + std::to_string(MaxUnits) + " (aggregate the units first)");
    if (static_cast<unsigned long long>(k) > n)
        return diagnostics.fail(makeError(ErrorCode::Infeasible, "cannot place " + std::to_string(k)
                                                                     + " sites among " + std::to_string(n) + " units",
                                          unitsPath));

    LocationProblem problem;
    problem.distances = DistanceMatrix::fromLonLat(points->positions, points->positions);
    problem.weights = points->weights;
    problem.p = static_cast<std::size_t>(k);
    if (!demandField.empty()) {
        problem.demands = points->demands;
        problem.capacities.assign(n, capacity);
    }
    LocationOptions options;
    options.seed = vm["seed"].as<std::uint64_t>();
    options.timeLimitSeconds = vm["time-limit"].as<double>();
    if (options.timeLimitSeconds > 0)
        options.mipTimeLimitSeconds = std::min(options.mipTimeLimitSeconds, options.timeLimitSeconds / 2);
    auto result = problem.isCapacitated() ? PmedianCapacitatedSolver(options).solve(problem)
                                          : PmedianSolver(options).solve(problem);
    if (!result) {
        Error error = result.error();
        if (error.context.empty())
            error.context = unitsPath;
        return diagnostics.fail(error);
    }

    // Per-site figures.
    std::vector<std::size_t> servedUnits(n, 0);
    std::vector<double> servedWeight(n, 0.0), servedDemand(n, 0.0);
    for (std::size_t i = 0; i < n; ++i) {
        const std::size_t j = result->assignment[i];
        ++servedUnits[j];
        servedWeight[j] += problem.weight(i);
        if (problem.isCapacitated())
            servedDemand[j] += problem.demand(i);
    }
    if (vm.count("out")) {
        const std::string outPath = vm["out"].as<std::string>();
        std::ofstream out(outPath);
        if (!out)
            return diagnostics.fail(outPath + ": cannot write");
        out << std::setprecision(10) << "site_id,lon,lat,units,weight" << (problem.isCapacitated() ? ",demand" : "")
            << '\n';
        for (std::size_t j : result->sites) {
            out << io::quotedCsvField(points->ids[j]) << ',' << points->positions[j].lon << ','
                << points->positions[j].lat << ',' << servedUnits[j] << ',' << servedWeight[j];
            if (problem.isCapacitated())
                out << ',' << servedDemand[j];
            out << '\n';
        }
        if (!out)
            return diagnostics.fail(outPath + ": writing failed");
    }
    if (vm.count("json")) {
        using jsonformat::Json;
        Json json;
        json["units"] = n;
        json["territories"] = k;
        json["capacitated"] = problem.isCapacitated();
        jsonformat::addSolveFigures(json, {result->objective, result->lowerBound, result->gap, result->boundMethod,
                                           result->isProvenOptimal(), result->seconds});
        json["stop"] = locationStopName(result->stop);
        Json sites = Json::array();
        for (std::size_t j : result->sites) {
            Json site;
            site["id"] = points->ids[j];
            site["position"] = jsonformat::lonLat(points->positions[j]);
            site["units"] = servedUnits[j];
            site["weight"] = servedWeight[j];
            if (problem.isCapacitated())
                site["demand"] = servedDemand[j];
            sites.push_back(std::move(site));
        }
        json["sites"] = std::move(sites);
        jsonformat::print(json);
        return exitStatus(ExitCode::Ok);
    }
    std::printf("%zu units, %lld sites%s\n", n, k, problem.isCapacitated() ? " (capacitated)" : "");
    std::printf("objective   %.3f (weight x km)\nlower bound %.3f (%s)\ngap         %.4f %%\nseconds     %.2f (%s)\n",
                result->objective, result->lowerBound, result->boundMethod.c_str(), 100.0 * result->gap,
                result->seconds, locationStopName(result->stop));
    std::printf("%-20s %11s %11s %7s %12s\n", "site", "lon", "lat", "units", "weight");
    for (std::size_t j : result->sites)
        std::printf("%-20s %11.5f %11.5f %7zu %12.2f\n", points->ids[j].c_str(), points->positions[j].lon,
                    points->positions[j].lat, servedUnits[j], servedWeight[j]);
    return exitStatus(ExitCode::Ok);
}

} // namespace tessera::cli
