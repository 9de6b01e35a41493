// tessera-cli scenario: list, clone, rename, delete, mark the baseline,
// compare the scenarios of a project, list a scenario's saved history and
// restore an earlier state as a new scenario. Each verb is one transaction: on any
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
    "  diff PROJECT A B        moved units and accounts, per-territory and per-rep changes from A to B\n"
    "  history PROJECT NAME    the saved changes of NAME, oldest first, numbered from 1\n"
    "  restore PROJECT NAME ENTRY --as NEW\n"
    "                          add NAME as it was after history entry ENTRY as a new scenario NEW\n\n"
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

std::string localTime(std::int64_t seconds)
{
    const std::time_t time = static_cast<std::time_t>(seconds);
    std::tm local {};
    localtime_r(&time, &local);
    std::ostringstream out;
    out << std::put_time(&local, "%Y-%m-%d %H:%M %z");
    return out.str();
}

int history(ProjectStore &store, const ScenarioInfo &scenario, bool json)
{
    auto entries = store.history(scenario.id);
    if (!entries)
        return fail(entries.error().toString());
    if (json) {
        Json out = Json::array();
        for (std::size_t i = 0; i < entries->size(); ++i)
            out.push_back(Json{{"entry", i + 1},
                               {"saved", isoTime((*entries)[i].at)},
                               {"summary", (*entries)[i].summary}});
        std::cout << out.dump(2) << '\n';
        return 0;
    }
    if (entries->empty())
        std::cout << "'" << scenario.name << "' has no saved history\n";
    for (std::size_t i = 0; i < entries->size(); ++i)
        std::cout << i + 1 << "  " << localTime((*entries)[i].at) << "  " << (*entries)[i].summary << '\n';
    return 0;
}

// Adds the state after the entry-th saved change (1 = oldest) as scenario \a name.
int restore(ProjectStore &store, const ScenarioInfo &scenario, const std::string &entry, const std::string &name)
{
    std::size_t number = 0;
    try {
        std::size_t used = 0;
        number = std::stoul(entry, &used);
        if (used != entry.size())
            number = 0;
    } catch (const std::exception &) {
        number = 0;
    }
    auto entries = store.history(scenario.id);
    if (!entries)
        return fail(entries.error().toString());
    if (number == 0 || number > entries->size())
        return fail("'" + scenario.name + "' has no history entry '" + entry + "' (it has "
                    + std::to_string(entries->size()) + "; see tessera-cli scenario history)");
    const HistoryEntry &chosen = (*entries)[number - 1];
    auto state = store.scenarioAt(chosen.id);
    if (!state)
        return fail(state.error().toString());
    Scenario restored = std::move(state).value();
    restored.id = 0;
    restored.isBaseline = false;
    restored.createdAt = restored.modifiedAt = 0;
    restored.name = name;
    const std::string origin = "Restored from " + scenario.name + " as saved on " + isoTime(chosen.at) + " ("
                               + chosen.summary + ").";
    restored.notes = restored.notes.empty() ? origin : origin + "\n" + restored.notes;
    if (auto saved = store.saveScenario(restored, "restored from '" + scenario.name + "' as of " + isoTime(chosen.at));
        !saved)
        return fail(saved.error().toString());
    std::cout << "Restored '" << scenario.name << "' as of " << localTime(chosen.at) << " as '" << name << "'\n";
    return 0;
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
    visible.add_options()("help,h", "show this help")("json", "print JSON (list, diff, history)")(
        "as", po::value<std::string>()->value_name("NEW"), "name of the restored scenario (restore)");
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
    const std::size_t expected = verb == "list"                                                                ? 2
                                 : verb == "clone" || verb == "rename" || verb == "diff" || verb == "restore" ? 4
                                 : verb == "delete" || verb == "baseline" || verb == "history"               ? 3
                                                                                                              : 0;
    if (expected == 0)
        return usage("unknown verb '" + verb + "'");
    if (operands.size() != expected)
        return usage(verb + " takes " + std::to_string(expected - 1) + " argument(s), got "
                     + std::to_string(operands.size() - 1));
    if (verb == "restore" && (!vm.count("as") || vm["as"].as<std::string>().empty()))
        return usage("restore needs --as NEW, the name of the new scenario");
    const std::string &path = operands[1];
    if (verb == "diff")
        return runScenarioDiff(path, operands[2], operands[3], json);

    std::string error;
    const bool writes = verb != "list" && verb != "history";
    auto store = openStore(path, writes ? ProjectStore::OpenMode::ReadWrite : ProjectStore::OpenMode::ReadOnly, error);
    if (!store)
        return fail(error);
    if (verb == "list")
        return list(*store, json);

    auto scenario = store->findScenario(operands[2]);
    if (!scenario)
        return fail(scenario.error().toString());
    if (verb == "history")
        return history(*store, *scenario, json);
    if (verb == "restore")
        return restore(*store, *scenario, operands[3], vm["as"].as<std::string>());
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
