// tessera-cli scenario: list, clone, rename, delete, mark the baseline and
// compare the scenarios of a project. Each verb is one transaction: on any
// error it prints one line, exits non-zero and leaves the project unchanged.
#include "core/store/projectstore.h"

#include <boost/program_options.hpp>
#include <nlohmann/json.hpp>

#include <ctime>
#include <iomanip>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace tessera::cli {

int runScenarioDiff(const std::string &project, const std::string &before, const std::string &after, bool json);

namespace {

namespace po = boost::program_options;
using Json = nlohmann::ordered_json;

constexpr const char *Usage =
    "Usage: tessera-cli scenario VERB PROJECT [ARGUMENTS] [--json]\n\n"
    "Verbs:\n"
    "  list PROJECT            the scenarios: name, territories, baseline, modified, notes\n"
    "  clone PROJECT FROM TO   copy scenario FROM as a new scenario TO\n"
    "  rename PROJECT OLD NEW  rename a scenario\n"
    "  delete PROJECT NAME     delete a scenario and its history\n"
    "  baseline PROJECT NAME   mark NAME as the baseline every other scenario is compared against\n"
    "  diff PROJECT A B        moved units and accounts, per-territory and per-rep changes from A to B\n\n"
    "Exit status: 0 done, 1 error (nothing changed), 2 bad usage.\n\nOptions";

int fail(const std::string &message)
{
    std::cerr << "tessera-cli scenario: " << message << '\n';
    return 1;
}

int usage(const std::string &message)
{
    std::cerr << "tessera-cli scenario: " << message << " (see tessera-cli scenario --help)\n";
    return 2;
}

std::string isoTime(std::int64_t seconds)
{
    const std::time_t time = static_cast<std::time_t>(seconds);
    std::tm utc {};
    gmtime_r(&time, &utc);
    std::ostringstream out;
    out << std::put_time(&utc, "%Y-%m-%dT%H:%M:%SZ");
    return out.str();
}

std::unique_ptr<ProjectStore> openStore(const std::string &path, ProjectStore::OpenMode mode, std::string &error)
{
    auto store = ProjectStore::open(path, mode);
    if (!store) {
        error = store.error().toString();
        return nullptr;
    }
    return std::move(*store);
}

int list(ProjectStore &store, bool json)
{
    auto scenarios = store.listScenarios();
    if (!scenarios)
        return fail(scenarios.error().toString());
    if (json) {
        Json out = Json::array();
        for (const ScenarioInfo &info : *scenarios)
            out.push_back(Json{{"name", info.name},
                               {"territories", info.territoryCount},
                               {"baseline", info.isBaseline},
                               {"modified", isoTime(info.modifiedAt)},
                               {"created", isoTime(info.createdAt)},
                               {"notes", info.notes}});
        std::cout << out.dump(2) << '\n';
        return 0;
    }
    for (const ScenarioInfo &info : *scenarios) {
        std::cout << info.name << (info.isBaseline ? " (baseline)" : "") << ": " << info.territoryCount
                  << " territories, modified " << isoTime(info.modifiedAt) << '\n';
        if (!info.notes.empty())
            std::cout << "  " << info.notes << '\n';
    }
    return 0;
}

} // namespace

int runScenarioCommand(const std::vector<std::string> &arguments)
{
    po::options_description visible(Usage);
    visible.add_options()("help,h", "show this help")("json", "print JSON (list, diff)");
    po::options_description hidden;
    hidden.add_options()("operand", po::value<std::vector<std::string>>(), "verb, project and names");
    po::options_description all;
    all.add(visible).add(hidden);
    po::positional_options_description positional;
    positional.add("operand", -1);
    po::variables_map vm;
    try {
        po::store(po::command_line_parser(arguments).options(all).positional(positional).run(), vm);
        po::notify(vm);
    } catch (const std::exception &error) {
        return usage(error.what());
    }
    if (vm.count("help")) {
        std::cout << visible << '\n';
        return 0;
    }
    const std::vector<std::string> operands
        = vm.count("operand") ? vm["operand"].as<std::vector<std::string>>() : std::vector<std::string>();
    if (operands.empty())
        return usage("missing VERB");
    const std::string &verb = operands[0];
    const bool json = vm.count("json") > 0;
    const std::size_t expected = verb == "list" ? 2 : verb == "clone" || verb == "rename" || verb == "diff" ? 4
                                 : verb == "delete" || verb == "baseline"                         ? 3
                                                                                                  : 0;
    if (expected == 0)
        return usage("unknown verb '" + verb + "'");
    if (operands.size() != expected)
        return usage(verb + " takes " + std::to_string(expected - 1) + " argument(s), got "
                     + std::to_string(operands.size() - 1));
    const std::string &path = operands[1];
    if (verb == "diff")
        return runScenarioDiff(path, operands[2], operands[3], json);

    std::string error;
    const bool writes = verb != "list";
    auto store = openStore(path, writes ? ProjectStore::OpenMode::ReadWrite : ProjectStore::OpenMode::ReadOnly, error);
    if (!store)
        return fail(error);
    if (verb == "list")
        return list(*store, json);

    auto scenario = store->findScenario(operands[2]);
    if (!scenario)
        return fail(scenario.error().toString());
    Result<void> done;
    if (verb == "clone") {
        auto cloned = store->cloneScenario(scenario->id, operands[3]);
        if (!cloned)
            return fail(cloned.error().toString());
        std::cout << "Cloned '" << operands[2] << "' as '" << operands[3] << "'\n";
        return 0;
    }
    if (verb == "rename")
        done = store->renameScenario(scenario->id, operands[3]);
    else if (verb == "delete")
        done = store->deleteScenario(scenario->id);
    else
        done = store->setBaselineScenario(scenario->id);
    if (!done)
        return fail(done.error().toString());
    if (verb == "rename")
        std::cout << "Renamed '" << operands[2] << "' to '" << operands[3] << "'\n";
    else if (verb == "delete")
        std::cout << "Deleted '" << operands[2] << "'\n";
    else
        std::cout << "'" << operands[2] << "' is the baseline\n";
    return 0;
}

} // namespace tessera::cli
