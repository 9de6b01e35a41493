// tessera-cli optimize: balanced, compact, contiguous territories from a
// project scenario or directly from files (a polygon layer or a CSV of unit
// points with an adjacency CSV).
#include "app/cli/commandline.h"
#include "app/cli/diagnostics.h"
#include "app/cli/jsonformat.h"
#include "core/geometry/adjacencybuilder.h"
#include "core/io/adjacencyreader.h"
#include "core/io/csvreader.h"
#include "core/io/pointsreader.h"
#include "core/io/unitimporter.h"
#include "core/model/project.h"
#include "core/model/unitlayer.h"
#include "core/optimizer/districtingproblem.h"
#include "core/optimizer/planevaluation.h"
#include "core/optimizer/rebalancer.h"
#include "core/optimizer/territoryoptimizer.h"
#include "core/plan/movereasons.h"
#include "core/plan/optimizedplan.h"
#include "core/plan/skillassignment.h"
#include "core/plan/planproblem.h"
#include "core/plan/resultwording.h"
#include "core/problemsink.h"
#include "core/store/projectstore.h"

#include <boost/program_options.hpp>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

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

/// Unit points from a CSV: id, lon, lat and the balance attributes. Bad rows go to \a sink.
Result<DistrictingProblem> problemFromCsv(const std::string &path, const std::string &idField,
                                          const std::vector<BalanceSpec> &balance, std::vector<LonLat> &positions,
                                          ProblemSink *sink)
{
    io::PointsReadOptions options;
    options.idColumn = idField;
    for (const BalanceSpec &spec : balance)
        if (std::find(options.attributeColumns.begin(), options.attributeColumns.end(), spec.field)
            == options.attributeColumns.end())
            options.attributeColumns.push_back(spec.field);
    auto points = io::readPointsCsv(path, options, sink);
    if (!points)
        return points.error();
    DistrictingProblem problem;
    problem.unitKeys = std::move(points->ids);
    problem.attributeNames = std::move(points->attributeNames);
    problem.weights = std::move(points->attributes);
    positions = std::move(points->positions);
    problem.points = projectToPlane(positions, {}, nullptr);
    problem.adjacency = AdjacencyGraph(problem.unitCount(), {});
    return problem;
}

/// Unit polygons from any GDAL layer, with adjacency from shared boundaries.
Result<DistrictingProblem> problemFromLayer(const std::string &path, const std::string &idField,
                                            const std::vector<BalanceSpec> &balance, bool buildGraph,
                                            std::vector<LonLat> &positions, ProblemSink *sink)
{
    UnitLayer units;
    io::UnitImportOptions options;
    options.idField = idField;
    auto stats = io::importUnits(path, options, units, sink);
    if (!stats)
        return stats.error();
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

/// The plan as CSV unit_id,territory (territory names, as `import --plan` reads them).
Result<void> writePlan(const std::string &path, const std::vector<std::string> &unitKeys,
                       const std::vector<int> &territory, const std::vector<std::string> &territoryNames)
{
    std::ofstream out(path);
    if (!out)
        return makeError(ErrorCode::IoError, "cannot write", path);
    out << "unit_id,territory\n";
    for (std::size_t i = 0; i < unitKeys.size(); ++i)
        out << io::quotedCsvField(unitKeys[i]) << ','
            << io::quotedCsvField(territoryNames[static_cast<std::size_t>(territory[i])]) << '\n';
    if (!out)
        return makeError(ErrorCode::IoError, "writing failed", path);
    return {};
}

/// The names of the balanced attributes, in goal order.
std::vector<std::string> goalNames(const DistrictingProblem &problem, const OptimizerOptions &options)
{
    std::vector<std::string> names;
    for (const BalanceGoal &goal : options.balance)
        names.push_back(problem.attributeNames[static_cast<std::size_t>(goal.attribute)]);
    return names;
}

/// [{"territory", "pieces", "attribute", "deviation", "text"}]: the territories breaking a constraint.
jsonformat::Json breachesJson(const std::vector<RebalanceBreach> &breaches, const std::vector<std::string> &territoryNames,
                              const DistrictingProblem &problem, const OptimizerOptions &options)
{
    using jsonformat::Json;
    const std::vector<std::string> names = goalNames(problem, options);
    Json out = Json::array();
    for (const RebalanceBreach &breach : breaches) {
        const auto t = static_cast<std::size_t>(breach.territory);
        out.push_back(Json{{"territory", t < territoryNames.size() ? Json(territoryNames[t]) : Json(nullptr)},
                           {"pieces", breach.pieces},
                           {"attribute", breach.goal >= 0 ? Json(names[static_cast<std::size_t>(breach.goal)]) : Json(nullptr)},
                           {"deviation", breach.goal >= 0 ? jsonformat::number(breach.deviation) : Json(nullptr)},
                           {"text", describeBreach(breach, territoryNames, names, options.balance)}});
    }
    return out;
}

/// `optimize --rebalance --curve`: worst deviation against moved units. Writes nothing.
int printRebalanceCurve(const DistrictingProblem &problem, const OptimizerOptions &options, const Scenario &scenario,
                        bool json, const Diagnostics &diagnostics)
{
    RebalanceOptions settings;
    settings.balance = options.balance;
    settings.contiguity = options.contiguity;
    settings.seed = options.seed;
    settings.workBudget = options.workBudget;
    settings.timeLimitSeconds = options.timeLimitSeconds;
    const auto start = std::chrono::steady_clock::now();
    auto points = Rebalancer(problem, options.territories, settings).curve();
    if (!points)
        return diagnostics.fail(points.error());
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::vector<std::string> territoryNames;
    for (const Territory &territory : scenario.territories)
        territoryNames.push_back(territory.name);
    const std::vector<std::string> names = goalNames(problem, options);
    const bool reached = !points->empty() && points->back().outcome.balanced;
    if (json) {
        using jsonformat::Json;
        Json out;
        out["scenario"] = scenario.name;
        out["units"] = problem.unitCount();
        Json list = Json::array();
        for (const RebalanceCurvePoint &point : *points) {
            Json deviation = Json::object();
            for (std::size_t g = 0; g < names.size(); ++g)
                deviation[names[g]] = jsonformat::number(point.outcome.worstDeviation[g]);
            list.push_back(Json{{"max_moved_units", point.maxMoves},
                                {"fewest_moves", point.fewest},
                                {"moved_units", point.outcome.movedUnits},
                                {"worst_deviation", deviation},
                                {"balanced", point.outcome.balanced},
                                {"contiguous", point.outcome.contiguous},
                                {"proven_fewest", point.outcome.exact}});
        }
        out["points"] = list;
        Json tolerance = Json::object();
        for (std::size_t g = 0; g < names.size(); ++g)
            tolerance[names[g]] = options.balance[g].tolerance;
        out["tolerance"] = tolerance;
        out["tolerance_reached"] = reached;
        out["seconds"] = jsonformat::number(seconds);
        jsonformat::print(out);
    } else {
        std::cout << "max moves  moved   worst deviation (";
        for (std::size_t g = 0; g < names.size(); ++g)
            std::cout << (g ? ", " : "") << names[g];
        std::cout << ")\n";
        for (const RebalanceCurvePoint &point : *points) {
            std::ostringstream line;
            line.setf(std::ios::fixed);
            line.precision(2);
            line << (point.fewest ? "fewest" : std::to_string(point.maxMoves));
            std::string head = line.str();
            line.str("");
            head.resize(std::max<std::size_t>(head.size(), 11), ' ');
            line << head << std::to_string(point.outcome.movedUnits);
            std::string row = line.str();
            row.resize(std::max<std::size_t>(row.size(), 18), ' ');
            std::cout << row << "  ";
            for (std::size_t g = 0; g < names.size(); ++g) {
                std::ostringstream cell;
                cell.setf(std::ios::fixed);
                cell.precision(2);
                cell << point.outcome.worstDeviation[g] * 100 << " %";
                std::cout << (g ? "  " : "") << cell.str();
            }
            std::cout << (point.outcome.balanced ? "  within tolerance" : "") << (point.outcome.exact ? " (proven fewest)" : "")
                      << '\n';
        }
    }
    if (!points->empty() && !points->front().outcome.contiguous && options.contiguity)
        diagnostics.note("the current plan has territories in pieces; the first moves reconnect them");
    if (!reached) {
        for (const RebalanceBreach &breach : points->back().outcome.breaches)
            diagnostics.warning(describeBreach(breach, territoryNames, names, options.balance));
        diagnostics.warning("moving border units alone does not reach every tolerance");
        return exitStatus(ExitCode::NotWithinTolerance);
    }
    return exitStatus(ExitCode::Ok);
}

} // namespace

int runOptimizeCommand(const std::vector<std::string> &arguments)
{
    po::options_description visible(
        "Usage: tessera-cli optimize PROJECT --scenario NAME [--out-scenario NAME] --balance FIELD[:TOL] ... [options]\n"
        "       tessera-cli optimize --units LAYER_OR_CSV [--id FIELD] [--adjacency PAIRS.csv] --balance FIELD[:TOL] ...\n"
        "                            --territories K [--out PLAN.csv] [options]\n\n"
        "Builds K balanced, compact and (by default) contiguous territories. LAYER_OR_CSV is any GDAL polygon\n"
        "layer, or a CSV of unit points (id, lon, lat, attributes) whose adjacency comes from --adjacency\n"
        "(CSV of unit id pairs, header a,b[,length_km]). A tolerance is written 3% or 0.03 (± around the mean).\n"
        "Every bad row or feature of the input files is listed; any error stops the run before it writes.\n"
        "--out writes unit_id,territory with territory names. JSON keys: docs/cli.md.\n\n"
        + exitStatusHelp({ExitCode::Infeasible, ExitCode::NotWithinTolerance}) + "\nOptions");
    std::vector<std::string> balanceTexts;
    visible.add_options()("help,h", "show this help")
        ("scenario", text(), "scenario to start from (project mode)")
        ("out-scenario", text(), "name of the new scenario (default: '<scenario> optimized')")
        ("units", text(), "polygon layer or CSV of unit points (file mode)")
        ("id", po::value<std::string>()->default_value("id"), "unit id field (file mode)")
        ("adjacency", text(), "CSV of adjacent unit id pairs (a,b); overrides polygon adjacency")
        ("balance", po::value<std::vector<std::string>>(&balanceTexts)->composing(), "FIELD[:TOL] to balance; repeatable")
        ("territories,k", number(1, 100000), "number of territories (project mode: default = the scenario's)")
        ("centers", text(), "CSV of fixed centres (lon, lat), one per territory")
        ("free-centres", "project mode: let the optimizer choose the centres (by default the unit holding each "
                         "rep's home is the centre of the rep's territory when every territory has a rep)")
        ("rep-centers", "project mode: centres at the reps' homes (the default; fails when a territory has no rep)")
        ("compactness", po::value<std::string>()->default_value("travel"), "travel | boundary")
        ("distance", po::value<std::string>()->default_value("squared"), "travel distance: squared | plain")
        ("contiguity", po::value<std::string>()->default_value("on"), "on | off")
        ("bridge-islands", "join islands and exclaves to the nearest unit before solving")
        ("rebalance", "start from the current plan and move boundary units only (project mode)")
        ("max-moved-units", number(0.0, 1e15), "hard cap on moved units (implies --rebalance)")
        ("max-moved-accounts", number(0.0, 1e15), "hard cap on moved accounts (implies --rebalance)")
        ("fewest-moves", "rebalance to every tolerance moving as few units as possible (implies --rebalance; the "
                         "default of --rebalance without a cap)")
        ("curve", "with --rebalance: print the trade-off between moved units and worst deviation for N = 0, 5, 10, "
                  "20, 40, ... until the tolerance is met, and the fewest moves; writes nothing")
        ("disruption", number(0.0, 1e15)->default_value(0.0), "weight of disruption against the current plan")
        ("max-utilisation", text(), "project mode: every rep's workload (account hours plus travel from home) at most "
                                    "PCT of their capacity, written 110% or 1.1")
        ("min-utilisation", text(), "with --max-utilisation: every rep's workload at least PCT of their capacity "
                                    "(utilisation balanced within the two limits)")
        ("method", po::value<std::string>()->default_value("auto"), "auto | exact | heuristic")
        ("seed", po::value<std::uint64_t>()->default_value(1), "random seed (same seed, same plan)")
        ("time-limit", number(0.0, 1e6)->default_value(60.0), "wall-clock limit in seconds")
        ("work", number(0LL, 1000000000000000LL)->default_value(0), "work budget in evaluated moves (0 = automatic)")
        ("stall", number(0.0, 1e6)->default_value(0.0), "stop improving after S seconds without a better plan (0 = no such rule)")
        ("idle-rounds", number(-1LL, 1000000000000LL)->default_value(0),
         "stop improving after N rounds in a row without a better plan (0 = automatic: 4000; -1 = no such rule: "
         "improve until the time limit)")
        ("out", text(), "write the plan as CSV unit_id,territory")
        ("keep-best", "keep (save and write) the best plan found even when it misses a tolerance or contiguity; "
                      "without it such a run writes nothing")
        ("explain", "print why each moved unit moved")
        ("json", "print the result figures as one JSON object");
    po::variables_map vm;
    if (const std::optional<int> exitCode = parseCommandLine("optimize", arguments, visible, vm))
        return *exitCode;
    const Diagnostics diagnostics("optimize");
    const bool projectMode = vm.count("project") > 0;
    if (projectMode == (vm.count("units") > 0))
        return diagnostics.usage("give either PROJECT --scenario NAME or --units FILE");
    std::vector<BalanceSpec> balance;
    for (const std::string &text : balanceTexts) {
        auto spec = parseBalance(text);
        if (!spec)
            return diagnostics.usage(spec.error().toString());
        balance.push_back(*spec);
    }

    OptimizerOptions options;
    const std::string compactness = vm["compactness"].as<std::string>();
    if (compactness != "travel" && compactness != "boundary")
        return diagnostics.usage("--compactness must be travel or boundary");
    options.compactness = compactness == "travel" ? CompactnessObjective::Travel : CompactnessObjective::Boundary;
    const std::string distance = vm["distance"].as<std::string>();
    if (distance != "squared" && distance != "plain")
        return diagnostics.usage("--distance must be squared or plain");
    options.squaredDistance = distance != "plain";
    const std::string contiguity = vm["contiguity"].as<std::string>();
    if (contiguity != "on" && contiguity != "off")
        return diagnostics.usage("--contiguity must be on or off");
    options.contiguity = contiguity == "on";
    options.seed = vm["seed"].as<std::uint64_t>();
    options.timeLimitSeconds = vm["time-limit"].as<double>();
    options.workBudget = vm["work"].as<long long>();
    options.disruptionWeight = vm["disruption"].as<double>();
    options.stallSeconds = vm["stall"].as<double>();
    options.idleRounds = vm["idle-rounds"].as<long long>();
    if (vm.count("out")) {
        // Refuse an unwritable --out before the solve, not after it.
        const std::filesystem::path out(vm["out"].as<std::string>());
        const std::filesystem::path folder = out.has_parent_path() ? out.parent_path() : std::filesystem::path(".");
        if (!std::filesystem::is_directory(folder) || ::access(folder.c_str(), W_OK) != 0)
            return diagnostics.fail(makeError(ErrorCode::IoError, "cannot write here (no such folder or no permission)",
                                              out.string()));
    }
    options.rebalanceFromCurrent = vm.count("rebalance") > 0 || vm.count("fewest-moves") > 0 || vm.count("curve") > 0;
    if (vm.count("fewest-moves") && (vm.count("max-moved-units") || vm.count("max-moved-accounts")))
        return diagnostics.usage("--fewest-moves and a cap on moves exclude each other");
    if (vm.count("max-moved-units"))
        options.moveCap = vm["max-moved-units"].as<double>();
    if (vm.count("max-moved-accounts")) {
        options.moveCap = vm["max-moved-accounts"].as<double>();
        options.moveCapInAccounts = true;
    }
    for (const char *name : {"max-utilisation", "min-utilisation"}) {
        if (!vm.count(name))
            continue;
        if (!projectMode)
            return diagnostics.usage(std::string("--") + name + " needs a project scenario (reps, capacities and accounts)");
        std::string limit = vm[name].as<std::string>();
        const bool percent = !limit.empty() && limit.back() == '%';
        if (percent)
            limit.pop_back();
        const auto value = io::parseNumber(limit);
        if (!value || !(*value > 0))
            return diagnostics.usage(std::string("--") + name + " must be a positive percentage like 110% or 1.1");
        (std::string(name) == "max-utilisation" ? options.utilisationMax : options.utilisationMin) = percent ? *value / 100.0 : *value;
    }
    if (options.utilisationMin > 0 && !(options.utilisationMax >= options.utilisationMin))
        return diagnostics.usage("--min-utilisation needs --max-utilisation at or above it");
    const std::string method = vm["method"].as<std::string>();
    if (method != "auto" && method != "exact" && method != "heuristic")
        return diagnostics.usage("--method must be auto, exact or heuristic");
    options.path = method == "exact" ? SolverPath::Exact : method == "heuristic" ? SolverPath::Heuristic : SolverPath::Automatic;

    DistrictingProblem problem;
    std::vector<LonLat> positions;
    Project project;
    std::unique_ptr<ProjectStore> store;
    const Scenario *scenario = nullptr;
    if (projectMode) {
        if (!vm.count("scenario"))
            return diagnostics.usage("--scenario NAME is required with a project");
        auto opened = ProjectStore::open(vm["project"].as<std::string>(), ProjectStore::OpenMode::ReadWrite);
        if (!opened)
            return diagnostics.fail(opened.error());
        store = std::move(*opened);
        auto loaded = store->load();
        if (!loaded)
            return diagnostics.fail(loaded.error());
        project = std::move(*loaded);
        scenario = project.findScenario(vm["scenario"].as<std::string>());
        if (!scenario)
            return diagnostics.fail(makeError(ErrorCode::NotFound, "no scenario called '" + vm["scenario"].as<std::string>() + "'", store->path()));
        if (vm.count("free-centres") && vm.count("rep-centers")) {
            return diagnostics.usage("--free-centres and --rep-centers exclude each other");
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
            return diagnostics.fail(built.error());
        problem = std::move(built->problem);
        for (const std::string &rep : built->repsOutside)
            diagnostics.note(rep + " cannot live inside their territory (home unit locked elsewhere or shared)");
        if (vm.count("rep-centers") && options.centres != CentreMode::Fixed)
            return diagnostics.fail(makeError(ErrorCode::InvalidArgument, "--rep-centers needs a rep with a home on every territory of the new plan"));
    } else {
        const std::string units = vm["units"].as<std::string>();
        const std::string id = vm["id"].as<std::string>();
        if (!vm.count("territories"))
            return diagnostics.usage("--territories K is required");
        if (options.rebalances())
            return diagnostics.usage("rebalancing needs a project scenario as the current plan");
        if (isCsvPath(units) && !vm.count("adjacency") && options.contiguity)
            return diagnostics.usage("a CSV of unit points needs --adjacency PAIRS.csv (or --contiguity off)");
        CollectingProblemSink problems;
        auto built = isCsvPath(units) ? problemFromCsv(units, id, balance, positions, &problems)
                                      : problemFromLayer(units, id, balance, !vm.count("adjacency"), positions, &problems);
        if (!built)
            return diagnostics.fail(built.error());
        if (diagnostics.problems(problems) > 0)
            return diagnostics.fail(units + ": bad rows or features; nothing written");
        problem = std::move(*built);
        options.territories = vm["territories"].as<int>();
    }
    if (vm.count("adjacency")) {
        const std::string path = vm["adjacency"].as<std::string>();
        CollectingProblemSink problems;
        auto edges = io::readAdjacencyCsv(path, problem.unitKeys, &problems);
        if (!edges)
            return diagnostics.fail(edges.error());
        if (diagnostics.problems(problems) > 0)
            return diagnostics.fail(path + ": bad rows; nothing written");
        problem.adjacency = AdjacencyGraph(problem.unitCount(), std::move(*edges));
    }
    if (vm.count("centers")) {
        const std::string path = vm["centers"].as<std::string>();
        CollectingProblemSink problems;
        auto centres = io::readCentresCsv(path, &problems);
        if (!centres)
            return diagnostics.fail(centres.error());
        if (diagnostics.problems(problems) > 0)
            return diagnostics.fail(path + ": bad rows; nothing written");
        options.centres = CentreMode::Fixed;
        problem.points = projectToPlane(positions, *centres, &problem.fixedCentres);
    }
    if (vm.count("bridge-islands")) {
        const auto added = bridgeComponents(problem);
        if (!added.empty())
            diagnostics.note("joined " + std::to_string(added.size()) + " island(s) or exclave(s) to their nearest unit");
    }
    for (const BalanceSpec &spec : balance)
        options.balance.push_back({problem.attributeIndex(spec.field), spec.tolerance});

    if (vm.count("curve"))
        return printRebalanceCurve(problem, options, *scenario, vm.count("json") > 0, diagnostics);

    auto result = optimizeTerritories(problem, options);
    if (!result) {
        Error error = result.error();
        if (error.context.empty())
            error.context = projectMode ? vm["project"].as<std::string>() : vm["units"].as<std::string>();
        return diagnostics.fail(error);
    }

    // A plan outside a tolerance is kept only on request: a failed run must
    // leave the project and the files as they were, so a retry can run again.
    const bool withinConstraints = result->balanced && (!options.contiguity || result->contiguous);
    const bool keep = withinConstraints || vm.count("keep-best") > 0;
    std::vector<std::string> territoryNames; // per territory index, for --out and the JSON
    std::string savedName;                   // project mode: the new scenario
    if (projectMode && keep) {
        auto applied = plan::applyOptimizerResult(*scenario, *result, options.territories);
        if (!applied)
            return diagnostics.fail(applied.error());
        Scenario next = std::move(*applied);
        // The account-level step: accounts requiring skills go to a rep who has them.
        const plan::SkillRepair skills = plan::repairSkillMismatches(project, next);
        next.id = 0;
        next.name = vm.count("out-scenario") ? vm["out-scenario"].as<std::string>() : scenario->name + " optimized";
        if (project.findScenario(next.name))
            return diagnostics.fail(makeError(ErrorCode::InvalidArgument, "a scenario called '" + next.name + "' exists already", store->path()));
        next.baseline = scenario->id;
        const auto now = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
        next.createdAt = next.modifiedAt = now;
        nlohmann::json parameters{{"optimizer", {{"territories", options.territories}, {"seed", options.seed},
                                                 {"compactness", compactness}, {"contiguity", options.contiguity},
                                                 {"balance", balanceTexts},
                                                 {"rebalance", options.rebalanceFromCurrent}}}};
        // The optimizer's reason for every move is kept for the compare view and `scenario diff`.
        next.parametersJson = plan::withAccountReasons(
            plan::withMoveReasons(parameters.dump(), *scenario, next, result->explanations,
                                  districting::graphHasLengths(problem)),
            skills.moves);
        if (auto saved = store->saveScenario(next); !saved)
            return diagnostics.fail(saved.error());
        savedName = next.name;
        for (const Territory &territory : next.territories)
            territoryNames.push_back(territory.name);
    } else if (projectMode) {
        for (const Territory &territory : scenario->territories)
            territoryNames.push_back(territory.name);
        while (static_cast<int>(territoryNames.size()) < options.territories)
            territoryNames.push_back("Territory " + std::to_string(territoryNames.size() + 1));
    } else {
        for (int t = 0; t < options.territories; ++t)
            territoryNames.push_back("Territory " + std::to_string(t + 1));
    }
    if (vm.count("out") && keep) {
        if (auto written = writePlan(vm["out"].as<std::string>(), problem.unitKeys, result->territory, territoryNames);
            !written)
            return diagnostics.fail(written.error());
    }

    if (vm.count("json")) {
        using jsonformat::Json;
        Json out;
        out["scenario"] = projectMode ? Json(savedName) : Json(nullptr);
        out["units"] = problem.unitCount();
        out["territories"] = options.territories;
        // Rebalancing minimises moves: it has no bound on the objective (null).
        const bool noBound = options.rebalanceFromCurrent && !options.moveCapInAccounts;
        const double undefined = std::numeric_limits<double>::quiet_NaN();
        jsonformat::addSolveFigures(out, {result->objective, noBound ? undefined : result->lowerBound,
                                          noBound ? undefined : result->gap, result->boundLabel,
                                          result->provenOptimal, result->seconds});
        out["exact"] = result->exact;
        Json balanceJson = Json::object();
        for (std::size_t g = 0; g < options.balance.size(); ++g)
            balanceJson[problem.attributeNames[static_cast<std::size_t>(options.balance[g].attribute)]] =
                Json{{"worst_deviation", jsonformat::number(result->worstDeviation[g])},
                     {"tolerance", options.balance[g].tolerance}};
        out["balance"] = balanceJson;
        if (problem.hasWorkload())
            out["utilisation"] = Json{{"highest_pct", jsonformat::number(100 * result->worstUtilisation)},
                                      {"lowest_pct", jsonformat::number(100 * result->leastUtilisation)},
                                      {"limit_pct", options.utilisationMax > 0 ? Json(100 * options.utilisationMax) : Json(nullptr)},
                                      {"floor_pct", options.utilisationMin > 0 ? Json(100 * options.utilisationMin) : Json(nullptr)}};
        out["balanced"] = result->balanced;
        out["contiguous"] = result->contiguous;
        out["cut_edges"] = result->cutEdges;
        out["boundary_km"] = jsonformat::number(result->boundaryKm);
        out["moved_units"] = result->movedUnits;
        out["moved_accounts"] = jsonformat::number(result->movedAccounts);
        out["breaches"] = breachesJson(result->breaches, territoryNames, problem, options);
        jsonformat::print(out);
    } else {
        std::cout << "territories: " << options.territories << "  units: " << problem.unitCount() << '\n';
        for (const std::string &line : plan::resultLines(problem, options, *result, territoryNames))
            std::cout << line << '\n';
        if (problem.hasWorkload())
            std::cout << "utilisation: highest " << groupedNumber(100 * result->worstUtilisation, 1) << " % (limit "
                      << groupedNumber(100 * options.utilisationMax, 1) << " %), lowest "
                      << groupedNumber(100 * result->leastUtilisation, 1) << " %\n";
        std::cout << "cut edges: " << result->cutEdges << "  seconds: " << groupedNumber(result->seconds, 2) << '\n';
    }
    if (vm.count("explain")) {
        std::vector<std::string> currentNames;
        if (scenario)
            for (const Territory &territory : scenario->territories)
                currentNames.push_back(territory.name);
        for (const MoveExplanation &e : result->explanations)
            std::cout << e.toString(problem.unitKeys, currentNames, territoryNames) << '\n';
    }
    for (const RebalanceBreach &breach : result->breaches)
        diagnostics.warning(describeBreach(breach, territoryNames, goalNames(problem, options), options.balance));
    if (!result->balanced || (options.contiguity && !result->contiguous)) {
        diagnostics.warning(std::string("no plan within every tolerance") + (options.contiguity ? " and contiguous" : "")
                            + " was found within the budget; "
                            + (keep ? "the best plan found was written"
                                    : "nothing was written (--keep-best keeps the best plan found)"));
        return exitStatus(ExitCode::NotWithinTolerance);
    }
    return exitStatus(ExitCode::Ok);
}

} // namespace tessera::cli
