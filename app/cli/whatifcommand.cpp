// tessera-cli whatif: apply what-if transforms (demand shocks, headcount
// changes, a new territory count, a capped re-optimization) to a scenario and
// store the result, with the transforms, as a new scenario; or apply a
// scenario's stored transforms again to the current input data.
#include "app/cli/commandline.h"
#include "app/cli/diagnostics.h"
#include "core/io/csvreader.h"
#include "core/plan/scenariodiff.h"
#include "core/plan/whatifapplier.h"
#include "core/store/projectstore.h"

#include <boost/program_options.hpp>
#include <nlohmann/json.hpp>

#include <cmath>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace tessera::cli {

nlohmann::ordered_json scenarioDiffJson(const ScenarioDiff &diff);
void printScenarioDiff(const ScenarioDiff &diff);

namespace {

namespace po = boost::program_options;
using Json = nlohmann::ordered_json;

std::vector<std::string> split(const std::string &text, char separator)
{
    std::vector<std::string> parts;
    std::stringstream stream(text);
    std::string part;
    while (std::getline(stream, part, separator))
        parts.push_back(part);
    return parts;
}

Result<double> number(const std::string &text, const std::string &what, const std::string &option)
{
    auto value = io::parseNumber(text);
    if (!value || !std::isfinite(*value))
        return makeError(ErrorCode::InvalidArgument, what + " '" + text + "' is not a number", option);
    return *value;
}

/// ATTR:FACTOR[:FIELD=VALUE]; ATTR may carry a unit: or account: prefix.
Result<whatif::Transform> parseScale(const std::string &text)
{
    const std::string option = "--scale " + text;
    whatif::ScaleAttribute scale;
    std::string rest = text;
    if (const auto equals = text.find('='); equals != std::string::npos) {
        const auto colon = text.rfind(':', equals);
        if (colon == std::string::npos)
            return makeError(ErrorCode::InvalidArgument, "write ATTR:FACTOR[:FIELD=VALUE]", option);
        scale.selection.field = text.substr(colon + 1, equals - colon - 1);
        scale.selection.value = text.substr(equals + 1);
        rest = text.substr(0, colon);
    }
    const auto colon = rest.rfind(':');
    if (colon == std::string::npos)
        return makeError(ErrorCode::InvalidArgument, "write ATTR:FACTOR[:FIELD=VALUE]", option);
    scale.attribute = rest.substr(0, colon);
    auto factor = number(rest.substr(colon + 1), "factor", option);
    if (!factor)
        return factor.error();
    scale.factor = *factor;
    return whatif::Transform(scale);
}

/// NAME:LON:LAT[:CAPACITY]
Result<whatif::Transform> parseAddRep(const std::string &text)
{
    const std::string option = "--add-rep " + text;
    const auto parts = split(text, ':');
    if (parts.size() != 3 && parts.size() != 4)
        return makeError(ErrorCode::InvalidArgument, "write NAME:LON:LAT[:CAPACITY]", option);
    whatif::AddRep rep;
    rep.name = parts[0];
    auto lon = number(parts[1], "longitude", option);
    auto lat = number(parts[2], "latitude", option);
    if (!lon)
        return lon.error();
    if (!lat)
        return lat.error();
    rep.lon = *lon;
    rep.lat = *lat;
    if (parts.size() == 4) {
        auto capacity = number(parts[3], "capacity", option);
        if (!capacity)
            return capacity.error();
        rep.capacityHours = *capacity;
    }
    return whatif::Transform(rep);
}

/// ID[:dissolve|:vacant]
whatif::Transform parseRemoveRep(const std::string &text)
{
    for (const char *mode : {":dissolve", ":vacant"}) {
        const std::string suffix(mode);
        if (text.size() > suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0)
            return whatif::RemoveRep{text.substr(0, text.size() - suffix.size()), suffix == ":dissolve"};
    }
    return whatif::RemoveRep{text, true};
}

/// ID:LON:LAT
Result<whatif::Transform> parseMoveRep(const std::string &text)
{
    const std::string option = "--move-rep " + text;
    const auto parts = split(text, ':');
    if (parts.size() != 3)
        return makeError(ErrorCode::InvalidArgument, "write ID:LON:LAT", option);
    auto lon = number(parts[1], "longitude", option);
    auto lat = number(parts[2], "latitude", option);
    if (!lon)
        return lon.error();
    if (!lat)
        return lat.error();
    return whatif::Transform(whatif::MoveRep{parts[0], *lon, *lat});
}

/// ATTR:TOL with TOL written 3% or 0.03.
Result<whatif::Transform> parseTolerance(const std::string &text)
{
    const std::string option = "--tolerance " + text;
    const auto colon = text.rfind(':');
    if (colon == std::string::npos)
        return makeError(ErrorCode::InvalidArgument, "write ATTR:TOL (3% or 0.03)", option);
    std::string tolerance = text.substr(colon + 1);
    const bool percent = !tolerance.empty() && tolerance.back() == '%';
    if (percent)
        tolerance.pop_back();
    auto value = number(tolerance, "tolerance", option);
    if (!value)
        return value.error();
    return whatif::Transform(whatif::SetTolerance{text.substr(0, colon), percent ? *value / 100.0 : *value});
}

/// The transforms of the command line, in the documented order.
Result<std::vector<whatif::Transform>> transformsFrom(const po::variables_map &vm)
{
    std::vector<whatif::Transform> out;
    const auto each = [&vm](const char *option) {
        return vm.count(option) ? vm[option].as<std::vector<std::string>>() : std::vector<std::string>();
    };
    for (const std::string &text : each("scale")) {
        auto t = parseScale(text);
        if (!t)
            return t.error();
        out.push_back(*t);
    }
    for (const std::string &text : each("move-rep")) {
        auto t = parseMoveRep(text);
        if (!t)
            return t.error();
        out.push_back(*t);
    }
    for (const std::string &text : each("add-rep")) {
        auto t = parseAddRep(text);
        if (!t)
            return t.error();
        out.push_back(*t);
    }
    for (const std::string &text : each("remove-rep"))
        out.push_back(parseRemoveRep(text));
    for (const std::string &text : each("tolerance")) {
        auto t = parseTolerance(text);
        if (!t)
            return t.error();
        out.push_back(*t);
    }
    if (vm.count("territories"))
        out.push_back(whatif::SetTerritoryCount{vm["territories"].as<int>()});
    const bool capUnits = vm.count("max-moved-units") > 0, capAccounts = vm.count("max-moved-accounts") > 0;
    if (capUnits && capAccounts)
        return makeError(ErrorCode::InvalidArgument, "give --max-moved-units or --max-moved-accounts, not both");
    if (vm.count("reoptimize") || capUnits || capAccounts) {
        whatif::Reoptimize reoptimize;
        if (capUnits || capAccounts) {
            reoptimize.maxMoved = vm[capUnits ? "max-moved-units" : "max-moved-accounts"].as<double>();
            reoptimize.inAccounts = capAccounts;
            if (!std::isfinite(reoptimize.maxMoved) || reoptimize.maxMoved < 0)
                return makeError(ErrorCode::InvalidArgument, "the disruption cap must be a number >= 0");
        }
        out.push_back(reoptimize);
    }
    for (const whatif::Transform &transform : out)
        if (auto valid = whatif::validate(transform); !valid)
            return valid.error();
    return out;
}

} // namespace

int runWhatIfCommand(const std::vector<std::string> &arguments)
{
    po::options_description visible(
        "Usage: tessera-cli whatif PROJECT --scenario NAME --out-scenario NEW TRANSFORM... [--json]\n"
        "       tessera-cli whatif PROJECT --reapply NEW [--json]\n\n"
        "Applies what-if transforms to scenario NAME and stores the result as the new scenario NEW, together\n"
        "with the transforms, so --reapply can apply them again to NAME when the input data has changed.\n"
        "The transforms apply in this order: --scale, --move-rep, --add-rep, --remove-rep, --tolerance,\n"
        "--territories, then the re-optimization. The project's data and other scenarios never change:\n"
        "scaled attributes and added reps belong to NEW, and metrics, diff and export measure NEW on\n"
        "them. Any error leaves the project as it was. JSON keys: docs/cli.md.\n\n"
        + exitStatusHelp({ExitCode::Infeasible, ExitCode::NotWithinTolerance}) + "\nOptions");
    visible.add_options()("help,h", "show this help")
        ("scenario", text(), "scenario to start from")
        ("out-scenario", text(), "name of the new scenario")
        ("reapply", text(), "apply the stored transforms of this scenario again")
        ("scale", po::value<std::vector<std::string>>()->composing(),
         "ATTR:FACTOR[:FIELD=VALUE] multiply an attribute, optionally where FIELD=VALUE (segment, key, name "
         "or a numeric unit attribute; VALUE* matches a prefix); repeatable")
        ("add-rep", po::value<std::vector<std::string>>()->composing(),
         "NAME:LON:LAT[:CAPACITY_HOURS] a new rep with a territory of their own; repeatable")
        ("remove-rep", po::value<std::vector<std::string>>()->composing(),
         "ID[:dissolve|:vacant] a rep leaves (id or name); their territory is dissolved into its neighbours "
         "(default) or left vacant; repeatable")
        ("move-rep", po::value<std::vector<std::string>>()->composing(), "ID:LON:LAT a rep's new home; repeatable")
        ("tolerance", po::value<std::vector<std::string>>()->composing(),
         "ATTR:TOL balance tolerance (3% or 0.03) of the re-optimization; repeatable (default: population or "
         "accounts ±5 %)")
        ("territories,k", number(1, 100000), "a new plan with K territories")
        ("reoptimize", "rebalance the plan from its current state")
        ("max-moved-units", number(0.0, 1e15), "re-optimize moving at most N units")
        ("max-moved-accounts", number(0.0, 1e15), "re-optimize moving at most N accounts")
        ("seed", po::value<std::uint64_t>()->default_value(1), "random seed of the optimizer (same seed, same plan)")
        ("work", number(0LL, 1000000000000000LL)->default_value(0), "optimizer work budget in evaluated moves (0 = automatic)")
        ("json", "print the result as one JSON object");
    po::variables_map vm;
    if (const std::optional<int> exitCode = parseCommandLine("whatif", arguments, visible, vm))
        return *exitCode;
    const Diagnostics diagnostics("whatif");
    if (!vm.count("project"))
        return diagnostics.usage("missing PROJECT");
    const bool reapply = vm.count("reapply") > 0;
    auto transforms = transformsFrom(vm);
    if (!transforms)
        return diagnostics.usage(transforms.error().toString());
    if (reapply && (vm.count("scenario") || vm.count("out-scenario") || !transforms->empty()))
        return diagnostics.usage("--reapply NEW takes no --scenario, --out-scenario or transforms");
    if (!reapply && (!vm.count("scenario") || !vm.count("out-scenario")))
        return diagnostics.usage("give --scenario NAME --out-scenario NEW, or --reapply NEW");
    if (!reapply && transforms->empty())
        return diagnostics.usage("give at least one transform (--scale, --add-rep, --remove-rep, --move-rep, "
                                 "--tolerance, --territories, --reoptimize)");
    if (vm["work"].as<long long>() < 0)
        return diagnostics.usage("--work must be >= 0 (0 = automatic)");
    const std::string newName = reapply ? vm["reapply"].as<std::string>() : vm["out-scenario"].as<std::string>();
    if (newName.find_first_not_of(" \t") == std::string::npos)
        return diagnostics.usage("the new scenario needs a name");

    auto opened = ProjectStore::open(vm["project"].as<std::string>(), ProjectStore::OpenMode::ReadWrite);
    if (!opened)
        return diagnostics.fail(opened.error());
    ProjectStore &store = **opened;
    auto loaded = store.load();
    if (!loaded)
        return diagnostics.fail(loaded.error());
    const Project project = std::move(*loaded);
    const auto notFound = [&](const std::string &name) {
        return diagnostics.fail(makeError(ErrorCode::NotFound, "no scenario named '" + name + "'", store.path()));
    };

    const Scenario *source = nullptr;
    const Scenario *target = nullptr; // --reapply: the scenario to update
    whatif::ApplyOptions options;
    options.seed = vm["seed"].as<std::uint64_t>();
    options.workBudget = vm["work"].as<long long>();
    if (reapply) {
        target = project.findScenario(newName);
        if (!target)
            return notFound(newName);
        auto stored = whatif::fromJson(target->transformsJson);
        if (!stored)
            return diagnostics.fail(makeError(stored.error().code, stored.error().toString(), "scenario '" + newName + "'"));
        if (stored->empty())
            return diagnostics.fail(makeError(ErrorCode::InvalidArgument, "scenario '" + newName + "' has no what-if transforms"));
        *transforms = std::move(*stored);
        for (const Scenario &scenario : project.scenarios())
            if (target->baseline && scenario.id == *target->baseline)
                source = &scenario;
        if (!source)
            return diagnostics.fail(makeError(ErrorCode::NotFound, "scenario '" + newName
                                                                       + "' no longer has the scenario its transforms apply to"));
        // The seed and budget it was made with, so the same data gives the same plan.
        const auto parameters = nlohmann::json::parse(target->parametersJson, nullptr, false);
        if (parameters.is_object() && parameters.contains("whatif") && parameters["whatif"].is_object()) {
            options.seed = parameters["whatif"].value("seed", options.seed);
            options.workBudget = parameters["whatif"].value("work", options.workBudget);
        }
    } else {
        source = project.findScenario(vm["scenario"].as<std::string>());
        if (!source)
            return notFound(vm["scenario"].as<std::string>());
        if (project.findScenario(newName))
            return diagnostics.fail(makeError(ErrorCode::InvalidArgument, "a scenario called '" + newName + "' exists already",
                                              store.path()));
    }

    auto outcome = whatif::Applier(project).apply(*source, *transforms, options);
    if (!outcome)
        return diagnostics.fail(outcome.error());
    Scenario next = whatif::Applier::storable(*outcome);
    next.name = newName;
    next.baseline = source->id;
    if (target) {
        next.id = target->id;
        next.notes = target->notes;
        next.createdAt = target->createdAt;
        next.isBaseline = target->isBaseline;
        next.parametersJson = target->parametersJson;
    } else {
        next.id = 0;
        next.notes.clear();
        next.createdAt = 0;
        next.isBaseline = false;
        next.parametersJson = nlohmann::json{{"whatif", {{"seed", options.seed}, {"work", options.workBudget}}}}.dump();
    }
    const bool planChanged = !target || next.territories != target->territories || next.alignment != target->alignment;
    std::string summary = reapply ? "what-if transforms applied again" : "what-if from '" + source->name + "'";
    if (auto saved = store.saveScenario(next, summary); !saved)
        return diagnostics.fail(saved.error());

    outcome->scenario.name = next.name;
    auto diff = diffScenarios(project, *source, outcome->project, outcome->scenario);
    if (!diff)
        return diagnostics.fail(diff.error());
    if (vm.count("json")) {
        Json out;
        out["scenario"] = next.name;
        out["source"] = source->name;
        Json described = Json::array();
        for (const std::string &line : outcome->log)
            described.push_back(line);
        out["transforms"] = std::move(described);
        out["territories"] = next.territories.size();
        out["optimized"] = outcome->optimized;
        out["balanced"] = outcome->optimized ? Json(outcome->balanced) : Json(nullptr);
        out["contiguous"] = outcome->optimized ? Json(outcome->contiguous) : Json(nullptr);
        out["plan_changed"] = planChanged;
        out["changes"] = scenarioDiffJson(*diff);
        std::cout << out.dump(2) << '\n';
    } else {
        std::cout << (reapply ? "Applied the transforms of '" + next.name + "' again to '" + source->name + "'"
                              : "Stored '" + next.name + "' from '" + source->name + "'")
                  << (planChanged ? "" : " (plan unchanged)") << '\n';
        for (const std::string &line : outcome->log)
            std::cout << "  " << line << '\n';
        std::cout << '\n';
        printScenarioDiff(*diff);
    }
    if (outcome->optimized && (!outcome->balanced || !outcome->contiguous)) {
        diagnostics.warning("the re-optimized plan misses a balance tolerance or contiguity; it was stored as found");
        return exitStatus(ExitCode::NotWithinTolerance);
    }
    return exitStatus(ExitCode::Ok);
}

} // namespace tessera::cli
