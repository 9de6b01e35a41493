// tessera-cli optimize: balanced, compact, contiguous territories from a
// project scenario or directly from files (a polygon layer or a CSV of unit
// points with an adjacency CSV).
#include "app/cli/commandline.h"
#include "core/geometry/adjacencybuilder.h"
#include "core/io/csvreader.h"
#include "core/io/unitimporter.h"
#include "core/model/project.h"
#include "core/model/unitlayer.h"
#include "core/optimizer/districtingproblem.h"
#include "core/optimizer/territoryoptimizer.h"
#include "core/plan/optimizedplan.h"
#include "core/plan/planproblem.h"
#include "core/problemsink.h"
#include "core/store/projectstore.h"

#include <boost/program_options.hpp>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cmath>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace tessera::cli {

namespace {

namespace po = boost::program_options;

struct BalanceSpec {
    std::string field;
    double tolerance = 0.05;
};

/// "population:3%", "population:0.03" or "population" (5 %).
Result<BalanceSpec> parseBalance(const std::string &text)
{
    BalanceSpec spec;
    const auto colon = text.rfind(':');
    spec.field = text.substr(0, colon);
    if (colon != std::string::npos) {
        std::string tol = text.substr(colon + 1);
        const bool percent = !tol.empty() && tol.back() == '%';
        if (percent)
            tol.pop_back();
        auto value = io::parseNumber(tol);
        if (!value || *value < 0)
            return makeError(ErrorCode::InvalidArgument, "tolerance '" + text.substr(colon + 1) + "' is not a number like 3% or 0.03",
                             "--balance " + text);
        spec.tolerance = percent ? *value / 100.0 : *value;
        if (spec.tolerance >= 1)
            return makeError(ErrorCode::InvalidArgument, "tolerance must be below 100 % (write 3% or 0.03)", "--balance " + text);
    }
    if (spec.field.empty())
        return makeError(ErrorCode::InvalidArgument, "missing attribute name", "--balance " + text);
    return spec;
}

/// Unit points from a CSV: id, lon, lat and the balance attributes.
Result<DistrictingProblem> problemFromCsv(const std::string &path, const std::string &idField,
                                          const std::vector<BalanceSpec> &balance, std::vector<LonLat> &positions)
{
    io::CsvOptions csvOptions;
    csvOptions.hasHeader = true;
    auto table = io::readCsv(path, csvOptions);
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
    DistrictingProblem problem;
    std::vector<int> attributeColumns;
    for (const BalanceSpec &spec : balance) {
        const int c = table->columnIndex(spec.field);
        if (c < 0)
            return makeError(ErrorCode::NotFound, "no column '" + spec.field + "' to balance", path);
        if (problem.attributeIndex(spec.field) < 0) {
            problem.attributeNames.push_back(spec.field);
            attributeColumns.push_back(c);
        }
    }
    problem.weights.assign(attributeColumns.size(), {});
    positions.clear();
    std::map<std::string, long> seen;
    const bool comma = table->delimiter == ';';
    for (const io::CsvRecord &record : table->records) {
        const std::string where = path + ":" + std::to_string(record.line);
        auto field = [&](int column) -> std::string {
            return column >= 0 && column < static_cast<int>(record.fields.size()) ? record.fields[static_cast<std::size_t>(column)] : "";
        };
        auto number = [&](int column) -> Result<double> {
            auto value = io::parseNumber(field(column), comma);
            if (!value || !std::isfinite(*value)) {
                std::string message = "'";
                message.append(field(column)).append("' in column '");
                message.append(table->columns[static_cast<std::size_t>(column)]).append("' is not a number");
                return makeError(ErrorCode::InvalidInput, message, where);
            }
            return *value;
        };
        const std::string id = field(idColumn);
        if (id.empty())
            return makeError(ErrorCode::InvalidInput, "empty unit id", where);
        if (seen.count(id))
            return makeError(ErrorCode::InvalidInput, "unit id '" + id + "' repeats line " + std::to_string(seen[id]), where);
        seen[id] = record.line;
        auto lon = number(lonColumn);
        if (!lon)
            return lon.error();
        auto lat = number(latColumn);
        if (!lat)
            return lat.error();
        if (*lon < -180 || *lon > 180 || *lat < -90 || *lat > 90)
            return makeError(ErrorCode::InvalidInput, "position out of range", where);
        problem.unitKeys.push_back(id);
        positions.push_back({*lon, *lat});
        for (std::size_t a = 0; a < attributeColumns.size(); ++a) {
            auto v = number(attributeColumns[a]);
            if (!v)
                return v.error();
            if (*v < 0)
                return makeError(ErrorCode::InvalidInput, "negative " + problem.attributeNames[a], where);
            problem.weights[a].push_back(*v);
        }
    }
    problem.points = projectToPlane(positions, {}, nullptr);
    problem.adjacency = AdjacencyGraph(problem.unitCount(), {});
    return problem;
}

/// Unit polygons from any GDAL layer, with adjacency from shared boundaries.
Result<DistrictingProblem> problemFromLayer(const std::string &path, const std::string &idField,
                                            const std::vector<BalanceSpec> &balance, bool buildGraph,
                                            std::vector<LonLat> &positions)
{
    UnitLayer units;
    io::UnitImportOptions options;
    options.idField = idField;
    CollectingProblemSink sink;
    auto stats = io::importUnits(path, options, units, &sink);
    if (!stats)
        return stats.error();
    for (const Problem &problem : sink.problems())
        std::cerr << (problem.severity == Problem::Severity::Info ? "note: " : "warning: ") << problem.toString() << '\n';
    Project project;
    project.units() = std::move(units);
    positions.clear();
    for (const Unit &unit : project.units().units())
        positions.push_back(unit.centroid);
    if (buildGraph) {
        auto graph = geometry::buildAdjacency(project.units());
        if (!graph)
            return graph.error();
        project.setAdjacency(std::move(*graph));
    }
    std::vector<std::string> names;
    for (const BalanceSpec &spec : balance) {
        if (!project.units().attributes().hasColumn(spec.field))
            return makeError(ErrorCode::NotFound, "no numeric field '" + spec.field + "' to balance", path);
        names.push_back(spec.field);
    }
    auto problem = problemFromProject(project, nullptr, names);
    if (!problem)
        return problem.error();
    if (!buildGraph)
        problem->adjacency = AdjacencyGraph(problem->unitCount(), {});
    return problem;
}

/// Pairs of unit ids, header a,b (an optional third column is the shared length in km).
Result<AdjacencyGraph> readAdjacency(const std::string &path, const DistrictingProblem &problem)
{
    io::CsvOptions csvOptions;
    csvOptions.hasHeader = true;
    auto table = io::readCsv(path, csvOptions);
    if (!table)
        return table.error();
    if (table->columns.size() < 2)
        return makeError(ErrorCode::InvalidInput, "an adjacency file needs two columns a,b", path);
    std::map<std::string, int> index;
    for (std::size_t i = 0; i < problem.unitKeys.size(); ++i)
        index[problem.unitKeys[i]] = static_cast<int>(i);
    std::vector<AdjacencyEdge> edges;
    for (const io::CsvRecord &record : table->records) {
        const std::string where = path + ":" + std::to_string(record.line);
        if (record.fields.size() < 2)
            return makeError(ErrorCode::InvalidInput, "expected two unit ids", where);
        auto a = index.find(record.fields[0]), b = index.find(record.fields[1]);
        if (a == index.end())
            return makeError(ErrorCode::InvalidInput, "unknown unit id '" + record.fields[0] + "'", where);
        if (b == index.end())
            return makeError(ErrorCode::InvalidInput, "unknown unit id '" + record.fields[1] + "'", where);
        double length = 0;
        if (record.fields.size() > 2 && !record.fields[2].empty()) {
            auto v = io::parseNumber(record.fields[2]);
            if (!v || *v < 0)
                return makeError(ErrorCode::InvalidInput, "length '" + record.fields[2] + "' is not a number >= 0", where);
            length = *v;
        }
        edges.push_back({UnitId(a->second), UnitId(b->second), length});
    }
    return AdjacencyGraph(problem.unitCount(), std::move(edges));
}

/// Fixed centres: CSV with lon, lat (one row per territory, in order).
Result<std::vector<LonLat>> readCentres(const std::string &path)
{
    io::CsvOptions csvOptions;
    csvOptions.hasHeader = true;
    auto table = io::readCsv(path, csvOptions);
    if (!table)
        return table.error();
    const auto lonLat = findLonLatColumns(*table);
    if (!lonLat)
        return lonLat.error();
    const int lonColumn = lonLat->lon;
    const int latColumn = lonLat->lat;
    std::vector<LonLat> out;
    for (const io::CsvRecord &record : table->records) {
        auto lon = io::parseNumber(record.fields.size() > static_cast<std::size_t>(lonColumn) ? record.fields[static_cast<std::size_t>(lonColumn)] : "");
        auto lat = io::parseNumber(record.fields.size() > static_cast<std::size_t>(latColumn) ? record.fields[static_cast<std::size_t>(latColumn)] : "");
        if (!lon || !lat)
            return makeError(ErrorCode::InvalidInput, "centre position is not a number", path + ":" + std::to_string(record.line));
        out.push_back({*lon, *lat});
    }
    return out;
}

int fail(const Error &error)
{
    std::cerr << "tessera-cli optimize: " << error.toString() << '\n';
    return error.code == ErrorCode::Infeasible ? 3 : 1;
}

} // namespace

int runOptimizeCommand(const std::vector<std::string> &arguments)
{
    po::options_description visible(
        "Usage:\n"
        "  tessera-cli optimize PROJECT --scenario NAME [--out-scenario NAME] --balance FIELD[:TOL] ... [options]\n"
        "  tessera-cli optimize --units LAYER_OR_CSV --id FIELD [--adjacency PAIRS.csv] --balance FIELD[:TOL] ...\n"
        "                       --territories K --out PLAN.csv [options]\n\n"
        "Builds K balanced, compact and (by default) contiguous territories. LAYER_OR_CSV is any GDAL polygon\n"
        "layer, or a CSV of unit points (id, lon, lat, attributes) whose adjacency comes from --adjacency\n"
        "(CSV of unit id pairs, header a,b[,length_km]). A tolerance is written 3% or 0.03 (± around the mean).\n\n"
        "Options");
    std::vector<std::string> balanceTexts;
    visible.add_options()("help,h", "show this help")
        ("scenario", po::value<std::string>(), "scenario to start from (project mode)")
        ("out-scenario", po::value<std::string>(), "name of the new scenario (default: '<scenario> optimized')")
        ("units", po::value<std::string>(), "polygon layer or CSV of unit points (file mode)")
        ("id", po::value<std::string>()->default_value("id"), "unit id field")
        ("adjacency", po::value<std::string>(), "CSV of adjacent unit id pairs (a,b); overrides polygon adjacency")
        ("balance", po::value<std::vector<std::string>>(&balanceTexts)->composing(), "FIELD[:TOL] to balance; repeatable")
        ("territories,k", po::value<int>(), "number of territories (project mode: default = the scenario's)")
        ("centers", po::value<std::string>(), "CSV of fixed centres (lon, lat), one per territory")
        ("free-centres", "project mode: let the optimizer choose the centres (by default the unit holding each "
                         "rep's home is the centre of the rep's territory when every territory has a rep)")
        ("rep-centers", "project mode: centres at the reps' homes (the default; fails when a territory has no rep)")
        ("compactness", po::value<std::string>()->default_value("travel"), "travel | boundary")
        ("distance", po::value<std::string>()->default_value("squared"), "travel distance: squared | plain")
        ("contiguity", po::value<std::string>()->default_value("on"), "on | off")
        ("bridge-islands", "join islands and exclaves to the nearest unit before solving")
        ("rebalance", "start from the current plan and move boundary units only (project mode)")
        ("max-moved-units", po::value<double>(), "hard cap on moved units (implies --rebalance)")
        ("max-moved-accounts", po::value<double>(), "hard cap on moved accounts (implies --rebalance)")
        ("disruption", po::value<double>()->default_value(0.0), "weight of disruption against the current plan")
        ("method", po::value<std::string>()->default_value("auto"), "auto | exact | heuristic")
        ("seed", po::value<std::uint64_t>()->default_value(1), "random seed (same seed, same plan)")
        ("time-limit", po::value<double>()->default_value(60.0), "wall-clock limit in seconds")
        ("work", po::value<long long>()->default_value(0), "work budget in evaluated moves (0 = automatic)")
        ("out", po::value<std::string>(), "write the plan as CSV unit_id,territory")
        ("explain", "print why each moved unit moved")
        ("json", "print the result figures as one JSON object");
    po::variables_map vm;
    if (const std::optional<int> exitCode = parseCommandLine("optimize", arguments, visible, vm))
        return *exitCode;
    const bool projectMode = vm.count("project") > 0;
    if (projectMode == (vm.count("units") > 0)) {
        std::cerr << "tessera-cli optimize: give either PROJECT --scenario NAME or --units FILE (see --help)\n";
        return 2;
    }
    std::vector<BalanceSpec> balance;
    for (const std::string &text : balanceTexts) {
        auto spec = parseBalance(text);
        if (!spec)
            return fail(spec.error());
        balance.push_back(*spec);
    }

    OptimizerOptions options;
    const std::string compactness = vm["compactness"].as<std::string>();
    if (compactness != "travel" && compactness != "boundary") {
        std::cerr << "tessera-cli optimize: --compactness must be travel or boundary\n";
        return 2;
    }
    options.compactness = compactness == "travel" ? CompactnessObjective::Travel : CompactnessObjective::Boundary;
    options.squaredDistance = vm["distance"].as<std::string>() != "plain";
    const std::string contiguity = vm["contiguity"].as<std::string>();
    if (contiguity != "on" && contiguity != "off") {
        std::cerr << "tessera-cli optimize: --contiguity must be on or off\n";
        return 2;
    }
    options.contiguity = contiguity == "on";
    options.seed = vm["seed"].as<std::uint64_t>();
    options.timeLimitSeconds = vm["time-limit"].as<double>();
    options.workBudget = vm["work"].as<long long>();
    options.disruptionWeight = vm["disruption"].as<double>();
    options.rebalanceFromCurrent = vm.count("rebalance") > 0;
    if (vm.count("max-moved-units"))
        options.moveCap = vm["max-moved-units"].as<double>();
    if (vm.count("max-moved-accounts")) {
        options.moveCap = vm["max-moved-accounts"].as<double>();
        options.moveCapInAccounts = true;
    }
    const std::string method = vm["method"].as<std::string>();
    options.path = method == "exact" ? SolverPath::Exact : method == "heuristic" ? SolverPath::Heuristic : SolverPath::Automatic;

    DistrictingProblem problem;
    std::vector<LonLat> positions;
    Project project;
    std::unique_ptr<ProjectStore> store;
    const Scenario *scenario = nullptr;
    if (projectMode) {
        if (!vm.count("scenario")) {
            std::cerr << "tessera-cli optimize: --scenario NAME is required with a project\n";
            return 2;
        }
        auto opened = ProjectStore::open(vm["project"].as<std::string>(), ProjectStore::OpenMode::ReadWrite);
        if (!opened)
            return fail(opened.error());
        store = std::move(*opened);
        auto loaded = store->load();
        if (!loaded)
            return fail(loaded.error());
        project = std::move(*loaded);
        scenario = project.findScenario(vm["scenario"].as<std::string>());
        if (!scenario)
            return fail(makeError(ErrorCode::NotFound, "no scenario called '" + vm["scenario"].as<std::string>() + "'", store->path()));
        if (vm.count("free-centres") && vm.count("rep-centers")) {
            std::cerr << "tessera-cli optimize: --free-centres and --rep-centers exclude each other\n";
            return 2;
        }
        std::vector<std::string> names;
        for (const BalanceSpec &spec : balance)
            names.push_back(spec.field);
        for (const Unit &unit : project.units().units())
            positions.push_back(unit.centroid);
        options.territories = vm.count("territories") ? vm["territories"].as<int>() : static_cast<int>(scenario->territories.size());
        const bool freeCentres = vm.count("free-centres") || vm.count("centers");
        auto built = plan::scenarioProblem(project, *scenario, names, options,
                                           freeCentres ? plan::CentrePlacement::Free : plan::CentrePlacement::RepHomes);
        if (!built)
            return fail(built.error());
        problem = std::move(built->problem);
        for (const std::string &rep : built->repsOutside)
            std::cerr << "note: " << rep << " cannot live inside their territory (home unit locked elsewhere or shared)\n";
        if (vm.count("rep-centers") && options.centres != CentreMode::Fixed)
            return fail(makeError(ErrorCode::InvalidArgument, "--rep-centers needs a rep with a home on every territory of the new plan"));
    } else {
        const std::string units = vm["units"].as<std::string>();
        const std::string id = vm["id"].as<std::string>();
        auto built = isCsvPath(units) ? problemFromCsv(units, id, balance, positions)
                                             : problemFromLayer(units, id, balance, !vm.count("adjacency"), positions);
        if (!built)
            return fail(built.error());
        problem = std::move(*built);
        if (!vm.count("territories")) {
            std::cerr << "tessera-cli optimize: --territories K is required\n";
            return 2;
        }
        options.territories = vm["territories"].as<int>();
        if (options.rebalanceFromCurrent || options.moveCap >= 0) {
            std::cerr << "tessera-cli optimize: rebalancing needs a project scenario as the current plan\n";
            return 2;
        }
    }
    if (vm.count("adjacency")) {
        auto graph = readAdjacency(vm["adjacency"].as<std::string>(), problem);
        if (!graph)
            return fail(graph.error());
        problem.adjacency = std::move(*graph);
    } else if (!projectMode && isCsvPath(vm["units"].as<std::string>()) && options.contiguity) {
        std::cerr << "tessera-cli optimize: a CSV of unit points needs --adjacency PAIRS.csv (or --contiguity off)\n";
        return 2;
    }
    if (vm.count("centers")) {
        auto centres = readCentres(vm["centers"].as<std::string>());
        if (!centres)
            return fail(centres.error());
        options.centres = CentreMode::Fixed;
        problem.points = projectToPlane(positions, *centres, &problem.fixedCentres);
    }
    if (vm.count("bridge-islands")) {
        const auto added = bridgeComponents(problem);
        if (!added.empty())
            std::cerr << "note: joined " << added.size() << " island(s) or exclave(s) to their nearest unit\n";
    }
    for (const BalanceSpec &spec : balance)
        options.balance.push_back({problem.attributeIndex(spec.field), spec.tolerance});

    auto result = optimizeTerritories(problem, options);
    if (!result)
        return fail(result.error());

    if (vm.count("out")) {
        const std::string path = vm["out"].as<std::string>();
        std::ofstream out(path);
        if (!out)
            return fail(makeError(ErrorCode::IoError, "cannot write", path));
        out << "unit_id,territory\n";
        for (std::size_t i = 0; i < problem.unitCount(); ++i)
            out << problem.unitKeys[i] << ',' << result->territory[i] + 1 << '\n';
        if (!out)
            return fail(makeError(ErrorCode::IoError, "writing failed", path));
    }
    if (projectMode) {
        auto applied = plan::applyOptimizerResult(*scenario, *result, options.territories);
        if (!applied)
            return fail(applied.error());
        Scenario next = std::move(*applied);
        next.id = 0;
        next.name = vm.count("out-scenario") ? vm["out-scenario"].as<std::string>() : scenario->name + " optimized";
        if (project.findScenario(next.name))
            return fail(makeError(ErrorCode::InvalidArgument, "a scenario called '" + next.name + "' exists already", store->path()));
        next.baseline = scenario->id;
        const auto now = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
        next.createdAt = next.modifiedAt = now;
        nlohmann::json parameters{{"optimizer", {{"territories", options.territories}, {"seed", options.seed},
                                                 {"compactness", compactness}, {"contiguity", options.contiguity},
                                                 {"balance", balanceTexts}}}};
        next.parametersJson = parameters.dump();
        if (auto saved = store->saveScenario(next); !saved)
            return fail(saved.error());
    }

    if (vm.count("json")) {
        nlohmann::json balanceJson = nlohmann::json::object();
        for (std::size_t g = 0; g < options.balance.size(); ++g)
            balanceJson[problem.attributeNames[static_cast<std::size_t>(options.balance[g].attribute)]] = result->worstDeviation[g];
        nlohmann::json out{{"objective", result->objective},
                           {"lower_bound", result->lowerBound},
                           {"gap", result->gap},
                           {"bound", result->boundLabel},
                           {"proven_optimal", result->provenOptimal},
                           {"exact", result->exact},
                           {"seconds", result->seconds},
                           {"balance", balanceJson},
                           {"balanced", result->balanced},
                           {"contiguous", result->contiguous},
                           {"cut_edges", result->cutEdges},
                           {"moved_units", result->movedUnits},
                           {"moved_accounts", result->movedAccounts}};
        std::cout << out.dump() << '\n';
    } else {
        std::cout << "territories: " << options.territories << "  units: " << problem.unitCount() << '\n'
                  << "objective: " << result->objective << "  lower bound: " << result->lowerBound << " ("
                  << result->boundLabel << ")  gap: " << result->gap * 100 << " %"
                  << (result->provenOptimal ? "  (proven optimal)" : "") << '\n';
        for (std::size_t g = 0; g < options.balance.size(); ++g)
            std::cout << "balance " << problem.attributeNames[static_cast<std::size_t>(options.balance[g].attribute)]
                      << ": worst deviation " << result->worstDeviation[g] * 100 << " % (tolerance "
                      << options.balance[g].tolerance * 100 << " %)\n";
        std::cout << "contiguous: " << (result->contiguous ? "yes" : "no") << "  cut edges: " << result->cutEdges
                  << "  moved units: " << result->movedUnits << "  seconds: " << result->seconds << '\n';
    }
    if (vm.count("explain"))
        for (const MoveExplanation &e : result->explanations)
            std::cout << e.toString(problem.unitKeys) << '\n';
    if (!result->balanced || (options.contiguity && !result->contiguous)) {
        std::cerr << "tessera-cli optimize: no plan within every tolerance"
                  << (options.contiguity ? " and contiguous" : "") << " was found within the budget\n";
        return 4;
    }
    return 0;
}

} // namespace tessera::cli
