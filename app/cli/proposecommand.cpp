// tessera-cli propose: at most N unit moves that reduce a scenario's health
// breaches, each with the breach it is proposed for; rejected moves become
// pins, an accepted proposal a new scenario (docs/health.md, "Proposing fixes").
#include "app/cli/commandline.h"
#include "app/cli/diagnostics.h"
#include "app/cli/jsonformat.h"
#include "core/health/fixproposal.h"
#include "core/model/project.h"
#include "core/store/projectstore.h"

#include <boost/program_options.hpp>
#include <nlohmann/json.hpp>

#include <chrono>
#include <iostream>

namespace tessera::cli {

namespace {

namespace po = boost::program_options;
using jsonformat::Json;
using jsonformat::number;

Json breachList(const Project &project, const Scenario &scenario, const HealthRules &rules, const HealthReport &report)
{
    Json list = Json::array();
    for (const HealthBreach &b : report.breaches)
        list.push_back({{"rule", rules.rules[b.rule].name},
                        {"territory", jsonformat::territoryName(scenario.territories, b.territory)},
                        {"rep", jsonformat::rep(project, b.rep)},
                        {"value", number(b.value)},
                        {"threshold", number(b.threshold)},
                        {"severity", number(b.severity)}});
    return list;
}

Json toJson(const Project &project, const Scenario &scenario, const HealthRules &rules, const FixProposal &proposal,
            int maxMoves, const std::string &saved)
{
    Json out;
    out["scenario"] = scenario.name;
    out["max_moves"] = maxMoves;
    out["balanced_attributes"] = proposal.balanced;
    Json moves = Json::array();
    for (const plan::AccountMove &m : proposal.accountMoves)
        moves.push_back({{"account", m.accountKey},
                         {"account_name", m.accountName},
                         {"from", jsonformat::territoryName(scenario.territories, m.from)},
                         {"to", jsonformat::territoryName(scenario.territories, m.to)},
                         {"reason", m.reason}});
    for (const ProposedMove &m : proposal.moves) {
        const bool named = m.rule < rules.rules.size();
        moves.push_back({{"unit", m.unitKey},
                         {"unit_name", m.unitName},
                         {"from", jsonformat::territoryName(scenario.territories, m.from)},
                         {"to", jsonformat::territoryName(scenario.territories, m.to)},
                         {"reason", m.reason},
                         {"rule", named ? Json(rules.rules[m.rule].name) : Json(nullptr)},
                         {"breach_territory",
                          named ? jsonformat::territoryName(scenario.territories, m.breachTerritory) : Json(nullptr)},
                         {"breach_before", number(m.breachBefore)},
                         {"breach_after", number(m.breachAfter)}});
    }
    out["moves"] = moves;
    out["breaches_before"] = proposal.before.breaches.size();
    out["breaches_after"] = proposal.after.breaches.size();
    out["breaches_before_list"] = breachList(project, scenario, rules, proposal.before);
    out["breaches_after_list"] = breachList(project, scenario, rules, proposal.after);
    out["out_scenario"] = saved.empty() ? Json(nullptr) : Json(saved);
    return out;
}

void printText(const Scenario &scenario, const FixProposal &proposal, const std::string &saved)
{
    const std::size_t count = proposal.accountMoves.size() + proposal.moves.size();
    std::cout << "Scenario: " << scenario.name << " — " << count
              << (count == 1 ? " proposed move" : " proposed moves") << "; breaches "
              << proposal.before.breaches.size() << " -> " << proposal.after.breaches.size() << '\n';
    for (const plan::AccountMove &m : proposal.accountMoves)
        std::cout << "  account " << m.accountKey << " (" << m.accountName << "): "
                  << (m.from.isValid() ? scenario.territories[static_cast<std::size_t>(m.from.value())].name : "-")
                  << " -> " << scenario.territories[static_cast<std::size_t>(m.to.value())].name << ": " << m.reason
                  << '\n';
    for (const ProposedMove &m : proposal.moves)
        std::cout << "  " << m.unitKey << " (" << m.unitName << "): "
                  << scenario.territories[static_cast<std::size_t>(m.from.value())].name << " -> "
                  << scenario.territories[static_cast<std::size_t>(m.to.value())].name << ": " << m.reason << '\n';
    if (!saved.empty())
        std::cout << "saved as scenario '" << saved << "'\n";
}

/// "UNIT" or "UNIT:REASON" of one --reject.
Pin parseReject(const std::string &text)
{
    const auto colon = text.find(':');
    Pin pin;
    pin.unit = text.substr(0, colon);
    if (colon != std::string::npos)
        pin.reason = text.substr(colon + 1);
    return pin;
}

/// What the accepted proposal was, kept in the new scenario's parameters.
std::string acceptedParameters(const Scenario &source, const FixProposal &proposal, int maxMoves, std::int64_t now)
{
    nlohmann::ordered_json json = nlohmann::ordered_json::parse(proposal.proposed.parametersJson, nullptr, false);
    if (!json.is_object())
        json = nlohmann::ordered_json::object();
    nlohmann::ordered_json moves = nlohmann::ordered_json::array();
    for (const plan::AccountMove &m : proposal.accountMoves)
        moves.push_back({{"account", m.accountKey}, {"reason", m.reason}});
    for (const ProposedMove &m : proposal.moves)
        moves.push_back({{"unit", m.unitKey}, {"reason", m.reason}});
    json["proposal"] = {{"source", source.name},
                        {"max_moves", maxMoves},
                        {"accepted_at", now},
                        {"breaches_before", proposal.before.breaches.size()},
                        {"breaches_after", proposal.after.breaches.size()},
                        {"moves", moves}};
    json.erase("move_reasons"); // the source's reasons describe other moves
    return json.dump();
}

} // namespace

int runProposeCommand(const std::vector<std::string> &arguments)
{
    std::vector<std::string> rejects;
    po::options_description visible(
        "Usage: tessera-cli propose PROJECT --scenario NAME --max-moves N [--out-scenario NEW]\n"
        "                           [--reject UNIT[:REASON]]... [--json]\n\n"
        "Proposes at most N account and unit moves that reduce the scenario's plan\n"
        "health breaches: accounts served by a rep lacking a skill they require go to\n"
        "the nearest rep who has it (as account overrides), then a minimal-disruption\n"
        "rebalance that balances the attributes of the breached\n"
        "balance rules (and workload when utilisation rules are breached), keeps\n"
        "territories contiguous and never moves a locked or pinned unit. Each move\n"
        "names the breach it reduces. --reject pins a unit where it is (stored in the\n"
        "scenario) and proposes again; --out-scenario saves the proposal as a new\n"
        "scenario. Details: docs/health.md.\n\n"
        + exitStatusHelp({ExitCode::Infeasible}) + "\nOptions");
    visible.add_options()("help,h", "show this help")("scenario", text(), "scenario name")(
        "max-moves", number(0, 1000000), "at most N units and accounts change territory")(
        "out-scenario", text(), "store the proposal as a new scenario NEW")(
        "reject", po::value<std::vector<std::string>>(&rejects)->composing(),
        "pin UNIT (its key) in its territory, with an optional reason; repeatable")(
        "seed", po::value<std::uint64_t>()->default_value(1), "optimizer seed")(
        "work", number(1LL, 1000000000000LL)->default_value(200000), "optimizer work budget in evaluated moves")(
        "json", "print one JSON object");
    po::variables_map vm;
    if (const std::optional<int> exitCode = parseCommandLine("propose", arguments, visible, vm))
        return *exitCode;
    const Diagnostics diagnostics("propose");
    if (!vm.count("project"))
        return diagnostics.usage("missing PROJECT");
    if (!vm.count("scenario"))
        return diagnostics.usage("--scenario NAME is required");
    if (!vm.count("max-moves"))
        return diagnostics.usage("--max-moves N is required");
    std::vector<Pin> newPins;
    for (const std::string &text : rejects) {
        newPins.push_back(parseReject(text));
        if (newPins.back().unit.empty())
            return diagnostics.usage("--reject needs a unit key: UNIT or UNIT:REASON");
    }

    const std::string path = vm["project"].as<std::string>();
    const bool writes = !newPins.empty() || vm.count("out-scenario");
    std::unique_ptr<ProjectStore> store;
    auto opened = ProjectStore::open(path, writes ? ProjectStore::OpenMode::ReadWrite : ProjectStore::OpenMode::ReadOnly);
    if (!opened)
        return diagnostics.fail(opened.error());
    store = std::move(*opened);
    auto loaded = store->load();
    if (!loaded)
        return diagnostics.fail(loaded.error());
    const Project project = std::move(*loaded);
    const Scenario *found = project.findScenario(vm["scenario"].as<std::string>());
    if (!found)
        return diagnostics.fail(path + ": no scenario named '" + vm["scenario"].as<std::string>() + "'");
    Scenario scenario = *found;
    const std::string outName = vm.count("out-scenario") ? vm["out-scenario"].as<std::string>() : std::string();
    if (!outName.empty() && project.findScenario(outName))
        return diagnostics.fail(path + ": a scenario called '" + outName + "' exists already");

    const auto now = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
    std::vector<Pin> pins = pinsOf(scenario.parametersJson);
    for (Pin &pin : newPins) {
        const UnitId unit = project.units().findByKey(pin.unit);
        if (!unit.isValid())
            return diagnostics.fail(path + ": --reject " + pin.unit + ": no unit with that key");
        const TerritoryId territory = scenario.alignment.territoryOf(unit);
        if (!territory.isValid())
            return diagnostics.fail(path + ": --reject " + pin.unit + ": the unit has no territory to stay in");
        pin.territory = scenario.territories[static_cast<std::size_t>(territory.value())].name;
        pin.rejectedAt = now;
        std::erase_if(pins, [&](const Pin &p) { return p.unit == pin.unit; });
        pins.push_back(pin);
    }
    scenario.parametersJson = withPins(scenario.parametersJson, pins);

    const Result<HealthRules> rules = HealthRules::fromSettings(project.settingsJson());
    if (!rules)
        return diagnostics.fail(rules.error());
    ProposalOptions options;
    options.maxMoves = vm["max-moves"].as<int>();
    options.seed = vm["seed"].as<std::uint64_t>();
    options.workBudget = vm["work"].as<long long>();
    auto proposal = proposeFixes(project, scenario, *rules, options);
    if (!proposal) {
        Error error = proposal.error();
        if (error.context.empty())
            error.context = path;
        if (error.code == ErrorCode::Infeasible) {
            diagnostics.fail(error);
            return exitStatus(ExitCode::Infeasible);
        }
        return diagnostics.fail(error);
    }
    for (const std::string &unit : proposal->pinsIgnored)
        diagnostics.note("pin of unit '" + unit + "' ignored: the project has no such unit");
    if (proposal->timeLimitHit)
        diagnostics.warning("the optimizer hit its time limit; the proposal depends on machine speed");

    // Only after a proposal was made: record the pins, then the accepted proposal.
    if (!newPins.empty())
        if (auto saved = store->saveScenario(scenario, "rejected proposed moves: pinned " + std::to_string(newPins.size())
                                                           + (newPins.size() == 1 ? " unit" : " units"));
            !saved)
            return diagnostics.fail(saved.error());
    if (!outName.empty()) {
        Scenario next = proposal->proposed;
        next.id = 0;
        next.name = outName;
        next.isBaseline = false;
        next.baseline = scenario.id;
        next.createdAt = next.modifiedAt = now;
        next.parametersJson = acceptedParameters(scenario, *proposal, options.maxMoves, now);
        if (auto saved = store->saveScenario(next, "accepted " + std::to_string(proposal->accountMoves.size() + proposal->moves.size())
                                                       + " proposed moves from '" + scenario.name + "'");
            !saved)
            return diagnostics.fail(saved.error());
    }
    if (vm.count("json"))
        jsonformat::print(toJson(project, scenario, *rules, *proposal, options.maxMoves, outName));
    else
        printText(scenario, *proposal, outName);
    return exitStatus(ExitCode::Ok);
}

} // namespace tessera::cli
