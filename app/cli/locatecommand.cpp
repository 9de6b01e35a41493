// tessera-cli locate: "where should we place K reps?" - p-median site selection
// (capacitated or not) on unit points or polygon centroids.
#include "app/cli/commandline.h"
#include "core/io/csvreader.h"
#include "core/io/unitimporter.h"
#include "core/model/unitlayer.h"
#include "core/optimizer/distancematrix.h"
#include "core/optimizer/locationproblem.h"
#include "core/optimizer/pmediancapacitatedsolver.h"
#include "core/optimizer/pmediansolver.h"
#include "core/problemsink.h"

#include <boost/program_options.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
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
                             const std::string &demandField)
{
    auto table = io::readCsv(path);
    if (!table)
        return table.error();
    const int idColumn = table->columnIndex(idField);
    if (idColumn < 0)
        return makeError(ErrorCode::NotFound, "no column '" + idField + "'", path);
    const auto lonLat = findLonLatColumns(*table);
    if (!lonLat)
        return lonLat.error();
    const int lonColumn = lonLat->lon;
    const int latColumn = lonLat->lat;
    const int weightColumn = weightField.empty() ? -1 : table->columnIndex(weightField);
    if (!weightField.empty() && weightColumn < 0)
        return makeError(ErrorCode::NotFound, "no column '" + weightField + "'", path);
    const int demandColumn = demandField.empty() ? -1 : table->columnIndex(demandField);
    if (!demandField.empty() && demandColumn < 0)
        return makeError(ErrorCode::NotFound, "no column '" + demandField + "'", path);
    const bool comma = table->delimiter == ';';
    Points points;
    for (const io::CsvRecord &record : table->records) {
        const std::string where = path + ":" + std::to_string(record.line);
        auto field = [&](int column) -> std::string {
            return column >= 0 && column < int(record.fields.size()) ? record.fields[std::size_t(column)] : "";
        };
        auto number = [&](int column, const char *what) -> Result<double> {
            auto value = io::parseNumber(field(column), comma);
            if (!value || !std::isfinite(*value))
                return makeError(ErrorCode::InvalidInput,
                                 std::string(what) + " '" + field(column) + "' in column '"
                                     + table->columns[std::size_t(column)] + "' is not a number",
                                 where);
            return *value;
        };
        const std::string id = field(idColumn);
        if (id.empty())
            return makeError(ErrorCode::InvalidInput, "empty id", where);
        auto lon = number(lonColumn, "longitude");
        if (!lon)
            return lon.error();
        auto lat = number(latColumn, "latitude");
        if (!lat)
            return lat.error();
        if (*lon < -180 || *lon > 180 || *lat < -90 || *lat > 90)
            return makeError(ErrorCode::InvalidInput, "position out of range", where);
        points.ids.push_back(id);
        points.positions.push_back({*lon, *lat});
        if (weightColumn >= 0) {
            auto w = number(weightColumn, "weight");
            if (!w)
                return w.error();
            if (*w < 0)
                return makeError(ErrorCode::InvalidInput, "negative weight", where);
            points.weights.push_back(*w);
        }
        if (demandColumn >= 0) {
            auto d = number(demandColumn, "demand");
            if (!d)
                return d.error();
            if (*d < 0)
                return makeError(ErrorCode::InvalidInput, "negative demand", where);
            points.demands.push_back(*d);
        }
    }
    return points;
}

Result<Points> readLayerPoints(const std::string &path, const std::string &idField, const std::string &weightField,
                               const std::string &demandField)
{
    UnitLayer units;
    io::UnitImportOptions options;
    options.idField = idField;
    CollectingProblemSink sink;
    auto stats = io::importUnits(path, options, units, &sink);
    if (!stats)
        return stats.error();
    for (const Problem &problem : sink.problems())
        std::cerr << "tessera-cli locate: " << problem.toString() << '\n';
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
        "Usage: tessera-cli locate --units LAYER_OR_CSV --id FIELD --k N [--weight FIELD]\n"
        "                          [--capacity FIELD:CAP] [--seed N] [--time-limit S]\n"
        "                          [--out SITES.csv] [--json]\n\n"
        "Where to place K reps: chooses K of the units (points of a CSV with id, lon, lat\n"
        "columns, or polygon centroids of any GDAL layer) as sites, minimising the sum of\n"
        "weight x great-circle distance (km) from every unit to its site (p-median).\n"
        "With --capacity, each site serves at most CAP of the unit field FIELD\n"
        "(capacitated p-median). Every result carries a lower bound and its gap.\n\nOptions");
    visible.add_options()("help,h", "show this help")
        ("units", po::value<std::string>(), "unit points (CSV) or polygons (any GDAL vector file)")
        ("id", po::value<std::string>(), "unit id field")
        ("k", po::value<long long>(), "number of sites to place")
        ("weight", po::value<std::string>(), "unit field weighting the distances (default 1 per unit)")
        ("capacity", po::value<std::string>(), "FIELD:CAP, each site serves at most CAP of FIELD")
        ("seed", po::value<unsigned long long>()->default_value(1), "random seed (same seed, same result)")
        ("time-limit", po::value<double>()->default_value(60.0), "safety stop in seconds (0 = none)")
        ("out", po::value<std::string>(), "write the chosen sites to this CSV")
        ("json", "print one JSON object");
    po::variables_map vm;
    try {
        po::store(po::command_line_parser(arguments).options(visible).run(), vm);
        po::notify(vm);
    } catch (const std::exception &error) {
        std::cerr << "tessera-cli locate: " << error.what() << " (see tessera-cli locate --help)\n";
        return 2;
    }
    if (vm.count("help")) {
        std::cout << visible << '\n';
        return 0;
    }
    for (const char *required : {"units", "id", "k"}) {
        if (!vm.count(required)) {
            std::cerr << "tessera-cli locate: missing --" << required << " (see tessera-cli locate --help)\n";
            return 2;
        }
    }
    const std::string unitsPath = vm["units"].as<std::string>();
    const std::string idField = vm["id"].as<std::string>();
    const long long k = vm["k"].as<long long>();
    const std::string weightField = vm.count("weight") ? vm["weight"].as<std::string>() : "";
    std::string demandField;
    double capacity = 0.0;
    if (vm.count("capacity")) {
        const std::string spec = vm["capacity"].as<std::string>();
        const auto colon = spec.rfind(':');
        std::optional<double> parsed;
        if (colon != std::string::npos && colon > 0)
            parsed = io::parseNumber(spec.substr(colon + 1));
        if (!parsed || !(*parsed > 0)) {
            std::cerr << "tessera-cli locate: --capacity must be FIELD:CAP with CAP > 0, got '" << spec << "'\n";
            return 2;
        }
        demandField = spec.substr(0, colon);
        capacity = *parsed;
    }
    if (k < 1) {
        std::cerr << "tessera-cli locate: --k must be at least 1\n";
        return 2;
    }

    auto points = isCsvPath(unitsPath) ? readCsvPoints(unitsPath, idField, weightField, demandField)
                                         : readLayerPoints(unitsPath, idField, weightField, demandField);
    if (!points) {
        std::cerr << "tessera-cli locate: " << points.error().toString() << '\n';
        return 1;
    }
    const std::size_t n = points->ids.size();
    if (n > MaxUnits) {
        std::cerr << "tessera-cli locate: " << unitsPath << ": " << n << " units; locate handles at most " << MaxUnits
                  << " (aggregate the units first)\n";
        return 1;
    }
    if (static_cast<unsigned long long>(k) > n) {
        std::cerr << "tessera-cli locate: " << unitsPath << ": cannot place " << k << " sites among " << n
                  << " units\n";
        return 1;
    }

    LocationProblem problem;
    problem.distances = DistanceMatrix::fromLonLat(points->positions, points->positions);
    problem.weights = points->weights;
    problem.p = static_cast<std::size_t>(k);
    if (!demandField.empty()) {
        problem.demands = points->demands;
        problem.capacities.assign(n, capacity);
    }
    LocationOptions options;
    options.seed = vm["seed"].as<unsigned long long>();
    options.timeLimitSeconds = vm["time-limit"].as<double>();
    if (options.timeLimitSeconds > 0)
        options.mipTimeLimitSeconds = std::min(options.mipTimeLimitSeconds, options.timeLimitSeconds / 2);
    auto result = problem.isCapacitated() ? PmedianCapacitatedSolver(options).solve(problem)
                                          : PmedianSolver(options).solve(problem);
    if (!result) {
        std::cerr << "tessera-cli locate: " << unitsPath << ": " << result.error().toString() << '\n';
        return 1;
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
        if (!out) {
            std::cerr << "tessera-cli locate: cannot write " << outPath << '\n';
            return 1;
        }
        out << std::setprecision(10) << "site_id,lon,lat,units,weight" << (problem.isCapacitated() ? ",demand" : "")
            << '\n';
        for (std::size_t j : result->sites) {
            std::string id = points->ids[j];
            if (id.find_first_of(",\"\n") != std::string::npos) {
                std::string quoted = "\"";
                for (char c : id)
                    quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
                id = quoted + "\"";
            }
            out << id << ',' << points->positions[j].lon << ',' << points->positions[j].lat << ','
                << servedUnits[j] << ',' << servedWeight[j];
            if (problem.isCapacitated())
                out << ',' << servedDemand[j];
            out << '\n';
        }
        if (!out) {
            std::cerr << "tessera-cli locate: cannot write " << outPath << '\n';
            return 1;
        }
    }
    if (vm.count("json")) {
        nlohmann::json json;
        json["objective"] = result->objective;
        json["lower_bound"] = result->lowerBound;
        json["gap"] = result->gap;
        json["seconds"] = result->seconds;
        json["stop"] = locationStopName(result->stop);
        json["bound_method"] = result->boundMethod;
        json["units"] = n;
        json["k"] = k;
        nlohmann::json sites = nlohmann::json::array();
        for (std::size_t j : result->sites) {
            nlohmann::json site;
            site["id"] = points->ids[j];
            site["lon"] = points->positions[j].lon;
            site["lat"] = points->positions[j].lat;
            site["units"] = servedUnits[j];
            site["weight"] = servedWeight[j];
            if (problem.isCapacitated())
                site["demand"] = servedDemand[j];
            sites.push_back(site);
        }
        json["sites"] = sites;
        std::cout << json.dump(2) << '\n';
        return 0;
    }
    std::printf("%zu units, %lld sites%s\n", n, k, problem.isCapacitated() ? " (capacitated)" : "");
    std::printf("objective   %.3f (weight x km)\nlower bound %.3f (%s)\ngap         %.4f %%\nseconds     %.2f (%s)\n",
                result->objective, result->lowerBound, result->boundMethod.c_str(), 100.0 * result->gap,
                result->seconds, locationStopName(result->stop));
    std::printf("%-20s %11s %11s %7s %12s\n", "site", "lon", "lat", "units", "weight");
    for (std::size_t j : result->sites)
        std::printf("%-20s %11.5f %11.5f %7zu %12.2f\n", points->ids[j].c_str(), points->positions[j].lon,
                    points->positions[j].lat, servedUnits[j], servedWeight[j]);
    return 0;
}

} // namespace tessera::cli
