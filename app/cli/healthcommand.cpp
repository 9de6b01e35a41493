// tessera-cli health: every breach of the project's plan health rules by a
// scenario, worst first (rules in docs/health.md).
#include "app/cli/commandline.h"
#include "app/cli/diagnostics.h"
#include "app/cli/jsonformat.h"
#include "core/health/healthcheck.h"
#include "core/metrics/metricsengine.h"
#include "core/metrics/skillmatch.h"
#include "core/plan/scenariometrics.h"
#include "core/model/project.h"
#include "core/store/projectstore.h"

#include <boost/program_options.hpp>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

namespace tessera::cli {

namespace {

namespace po = boost::program_options;
using jsonformat::Json;
using jsonformat::number;

std::string territoryName(const MetricsEngine &engine, TerritoryId territory)
{
    return territory.isValid() ? engine.territoryList()[static_cast<std::size_t>(territory.value())].name : "-";
}

std::string repName(const Project &project, RepId rep)
{
    return rep.isValid() ? project.reps()[static_cast<std::size_t>(rep.value())].name : "-";
}

Json toJson(const Project &project, const Scenario &scenario, const HealthRules &rules, const HealthReport &report,
            const MetricsEngine &engine)
{
    Json out;
    out["scenario"] = scenario.name;
    Json ruleList = Json::array();
    for (const HealthRule &rule : rules.rules)
        ruleList.push_back({{"name", rule.name},
                            {"kind", HealthRule::kindKey(rule.kind)},
                            {"description", rule.describe()},
                            {"enabled", rule.enabled}});
    out["rules"] = ruleList;
    Json breaches = Json::array();
    for (const HealthBreach &b : report.breaches)
        breaches.push_back({{"rule", rules.rules[b.rule].name},
                            {"territory", jsonformat::territoryName(engine.territoryList(), b.territory)},
                            {"rep", jsonformat::rep(project, b.rep)},
                            {"value", number(b.value)},
                            {"threshold", number(b.threshold)},
                            {"severity", number(b.severity)}});
    out["breaches"] = breaches;
    if (const KpiSnapshot *snapshot = project.latestKpiSnapshot())
        out["kpi_snapshot_date"] = snapshot->date;
    Json skipped = Json::array();
    for (const SkippedRule &s : report.skipped)
        skipped.push_back({{"rule", rules.rules[s.rule].name}, {"reason", s.reason}});
    out["skipped_rules"] = skipped;
    out["skill_mismatches"] = jsonformat::skillMismatches(
        project, engine.territoryList(), SkillMatch::measure(project, engine.territoryList(), engine.alignment()));
    return out;
}

std::string figure(const HealthRule &rule, double value)
{
    char text[32];
    if (rule.kind == HealthRuleKind::NotContiguous)
        std::snprintf(text, sizeof text, value == 1.0 ? "%.0f piece" : "%.0f pieces", value);
    else if (rule.kind == HealthRuleKind::SkillMismatch)
        std::snprintf(text, sizeof text, value == 1.0 ? "%.0f account" : "%.0f accounts", value);
    else if (rule.kind == HealthRuleKind::KpiBelow)
        std::snprintf(text, sizeof text, "%.3g", value);
    else
        std::snprintf(text, sizeof text, "%.1f %%", value * 100.0);
    return text;
}

void printTable(std::ostream &out, const Project &project, const Scenario &scenario, const HealthRules &rules,
                const HealthReport &report, const MetricsEngine &engine)
{
    out << "Scenario: " << scenario.name << " — " << report.breaches.size()
        << (report.breaches.size() == 1 ? " breach" : " breaches") << ", worst first\n";
    if (const KpiSnapshot *snapshot = project.latestKpiSnapshot())
        out << "KPIs as of " << snapshot->date << " (the latest of " << project.kpiSnapshots().size()
            << (project.kpiSnapshots().size() == 1 ? " snapshot)\n" : " snapshots)\n");
    for (const HealthBreach &b : report.breaches) {
        const HealthRule &rule = rules.rules[b.rule];
        out << "  " << rule.describe() << ": " << territoryName(engine, b.territory) << " ("
            << repName(project, b.rep) << ") at " << figure(rule, b.value) << ", limit " << figure(rule, b.threshold)
            << '\n';
    }
    for (const SkippedRule &s : report.skipped)
        out << "  not checked: " << rules.rules[s.rule].describe() << ": " << s.reason << '\n';
}

std::optional<std::string> readFile(const std::string &path)
{
    std::ifstream in(path);
    if (!in)
        return std::nullopt;
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

} // namespace

int runHealthCommand(const std::vector<std::string> &arguments)
{
    po::options_description visible(
        "Usage: tessera-cli health PROJECT [--scenario NAME] [--rules FILE [--save-rules]] [--json]\n\n"
        "Lists every breach of the plan health rules by a scenario (default: the first),\n"
        "worst first: rep utilisation, balance against the reference, KPIs (ratios of\n"
        "account columns) and contiguity. The rules are the project's (or the defaults);\n"
        "--rules reads a JSON array of rules instead and --save-rules stores it in the\n"
        "project. Rule fields and JSON keys: docs/health.md.\n\n"
        + exitStatusHelp() + "\nOptions");
    visible.add_options()("help,h", "show this help")("scenario", text(), "scenario name")(
        "rules", text(), "JSON file with the rules to check")(
        "save-rules", "store the --rules in the project")("json", "print one JSON object");
    po::variables_map vm;
    if (const std::optional<int> exitCode = parseCommandLine("health", arguments, visible, vm))
        return *exitCode;
    const Diagnostics diagnostics("health");
    if (!vm.count("project"))
        return diagnostics.usage("missing PROJECT");
    if (vm.count("save-rules") && !vm.count("rules"))
        return diagnostics.usage("--save-rules needs --rules FILE");
    const std::string path = vm["project"].as<std::string>();
    const std::optional<Project> loaded = loadProjectReadOnly("health", path);
    if (!loaded)
        return exitStatus(ExitCode::Failed);
    const Project &project = *loaded;
    if (project.scenarios().empty())
        return diagnostics.fail(path + ": the project has no scenario");
    const Scenario *scenario = &project.scenarios().front();
    if (vm.count("scenario")) {
        scenario = project.findScenario(vm["scenario"].as<std::string>());
        if (!scenario)
            return diagnostics.fail(path + ": no scenario named '" + vm["scenario"].as<std::string>() + "'");
    }

    Result<HealthRules> rules = HealthRules::fromSettings(project.settingsJson());
    if (vm.count("rules")) {
        const std::string rulesPath = vm["rules"].as<std::string>();
        const std::optional<std::string> text = readFile(rulesPath);
        if (!text)
            return diagnostics.fail(rulesPath + ": cannot read the file");
        rules = HealthRules::fromJson(*text, rulesPath);
    }
    if (!rules)
        return diagnostics.fail(rules.error());

    const HealthCheck check(*rules);
    // A what-if scenario is checked on its transformed data, with its added reps.
    auto measured = ScenarioMetrics::measure(project, *scenario, check.metricOptions(project));
    if (!measured)
        return diagnostics.fail(path + ": " + measured.error().toString());
    const Project &data = measured->dataOr(project);
    const MetricsEngine &engine = *measured->engine;
    const HealthReport report = check.check(engine);

    if (vm.count("save-rules")) {
        const Result<std::string> settings = rules->storedIn(project.settingsJson());
        if (!settings)
            return diagnostics.fail(settings.error());
        auto store = ProjectStore::open(path, ProjectStore::OpenMode::ReadWrite);
        if (!store)
            return diagnostics.fail(store.error());
        if (const Result<void> saved = (*store)->saveSettings(*settings); !saved)
            return diagnostics.fail(saved.error());
    }
    if (vm.count("json"))
        jsonformat::print(toJson(data, measured->scenario, *rules, report, engine));
    else
        printTable(std::cout, data, measured->scenario, *rules, report, engine);
    return exitStatus(ExitCode::Ok);
}

} // namespace tessera::cli
