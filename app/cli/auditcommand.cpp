// tessera-cli audit: who gains and who loses when a plan changes: per rep
// figures against a baseline, and the spread (max/min, CV, Gini) of potential
// and workload in both plans.
#include "app/cli/commandline.h"
#include "app/cli/diagnostics.h"
#include "app/cli/jsonformat.h"
#include "core/health/fairnessaudit.h"
#include "core/io/auditworkbook.h"
#include "core/metrics/metricsengine.h"
#include "core/model/project.h"
#include "core/plan/scenariometrics.h"

#include <boost/program_options.hpp>

#if TESSERA_CLI_SLIDES
#include "ui/export/auditreportpdf.h"

#include <QGuiApplication>
#endif

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <iostream>

namespace tessera::cli {

namespace {

namespace po = boost::program_options;
using jsonformat::Json;
using jsonformat::number;

Json figuresJson(const RepFigures &f)
{
    return {{"serves", f.serves},
            {"potential", number(f.potential)},
            {"accounts", f.accounts},
            {"workload_hours", number(f.workloadHours)},
            {"travel_hours", number(f.travelHours)},
            {"capacity_hours", number(f.capacityHours)},
            {"utilisation", number(f.utilisation)},
            {"skill_mismatches", f.skillMismatches}};
}

Json spreadJson(const Spread &s)
{
    return {{"total", number(s.total)},
            {"mean", number(s.mean)},
            {"min", number(s.min)},
            {"max", number(s.max)},
            {"max_min_ratio", number(s.maxMinRatio)},
            {"cv", number(s.coefficientOfVariation)},
            {"gini", number(s.gini)}};
}

Json lorenzJson(const std::vector<std::pair<double, double>> &curve)
{
    Json points = Json::array();
    for (const auto &[holders, share] : curve)
        points.push_back(Json::array({number(holders), number(share)}));
    return points;
}

Json toJson(const Project &project, const Scenario &scenario, const Scenario &baseline, const FairnessAudit &audit)
{
    Json out;
    out["scenario"] = scenario.name;
    out["baseline"] = baseline.name;
    out["potential_attribute"] = audit.potentialAttribute;
    Json reps = Json::array();
    for (const RepAudit &a : audit.reps) {
        Json rep = jsonformat::rep(project, a.rep);
        rep["scenario"] = figuresJson(a.current);
        rep["baseline"] = figuresJson(a.baseline);
        rep["accounts_gained"] = a.accountsGained;
        rep["accounts_lost"] = a.accountsLost;
        rep["revenue_gained"] = number(a.revenueGained);
        rep["revenue_lost"] = number(a.revenueLost);
        rep["kept_share"] = number(a.keptShare);
        reps.push_back(std::move(rep));
    }
    out["reps"] = reps;
    out["potential"] = {{"scenario", spreadJson(audit.potential)}, {"baseline", spreadJson(audit.baselinePotential)}};
    out["workload"] = {{"scenario", spreadJson(audit.workload)}, {"baseline", spreadJson(audit.baselineWorkload)}};
    out["lorenz"] = {{"potential", {{"scenario", lorenzJson(audit.potentialLorenz)},
                                    {"baseline", lorenzJson(audit.baselinePotentialLorenz)}}},
                     {"workload", {{"scenario", lorenzJson(audit.workloadLorenz)},
                                   {"baseline", lorenzJson(audit.baselineWorkloadLorenz)}}}};
    return out;
}

std::string figure(double value, const char *format = "%.0f")
{
    if (!std::isfinite(value))
        return "-";
    char text[48];
    std::snprintf(text, sizeof text, format, value);
    return text;
}

void printTable(std::ostream &out, const Project &project, const Scenario &scenario, const Scenario &baseline,
                const FairnessAudit &audit)
{
    out << "Fairness audit: " << scenario.name << " against " << baseline.name << " (potential: "
        << audit.potentialAttribute << ")\n\n";
    char line[256];
    std::snprintf(line, sizeof line, "%-20s %14s %14s %11s %11s %7s %7s %7s\n", "rep", "potential", "was",
                  "workload h", "was h", "util", "gained", "kept");
    out << line;
    for (const RepAudit &a : audit.reps) {
        const std::string name = project.reps()[static_cast<std::size_t>(a.rep.value())].name;
        std::snprintf(line, sizeof line, "%-20.20s %14s %14s %11s %11s %7s %7zu %7s\n", name.c_str(),
                      figure(a.current.potential).c_str(), figure(a.baseline.potential).c_str(),
                      figure(a.current.workloadHours).c_str(), figure(a.baseline.workloadHours).c_str(),
                      (figure(a.current.utilisation * 100.0) + (std::isfinite(a.current.utilisation) ? "%" : "")).c_str(),
                      a.accountsGained,
                      (figure(a.keptShare * 100.0) + (std::isfinite(a.keptShare) ? "%" : "")).c_str());
        out << line;
    }
    auto spreadLine = [&out](const char *what, const Spread &now, const Spread &before) {
        out << "  " << what << ": max/min " << figure(now.maxMinRatio, "%.3f") << " (was "
            << figure(before.maxMinRatio, "%.3f") << "), CV " << figure(now.coefficientOfVariation, "%.3f")
            << " (was " << figure(before.coefficientOfVariation, "%.3f") << "), Gini " << figure(now.gini, "%.3f")
            << " (was " << figure(before.gini, "%.3f") << ")\n";
    };
    out << "\nAcross reps:\n";
    spreadLine("potential", audit.potential, audit.baselinePotential);
    spreadLine("workload", audit.workload, audit.baselineWorkload);
}

bool endsWith(const std::string &text, const std::string &suffix)
{
    if (text.size() < suffix.size())
        return false;
    for (std::size_t i = 0; i < suffix.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(text[text.size() - suffix.size() + i])) != suffix[i])
            return false;
    return true;
}

/// Writes the report to \a out (.xlsx or .pdf).
Result<void> writeReport(const Project &project, const Scenario &scenario, const Scenario &baseline,
                         const FairnessAudit &audit, const std::string &out)
{
    if (endsWith(out, ".xlsx"))
        return io::writeAuditWorkbook(project, scenario.name, baseline.name, audit, out);
#if TESSERA_CLI_SLIDES
    // Painting needs a QGuiApplication, never a display; Qt's chatter stays off stderr.
    qInstallMessageHandler([](QtMsgType type, const QMessageLogContext &, const QString &message) {
        if (type == QtCriticalMsg || type == QtFatalMsg)
            std::cerr << "tessera-cli audit: " << message.toStdString() << '\n';
    });
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    static int argc = 1;
    static char name[] = "tessera-cli";
    static char *argv[] = {name, nullptr};
    QGuiApplication application(argc, argv);
    return ui::AuditReportPdf::write(project, QString::fromStdString(scenario.name),
                                     QString::fromStdString(baseline.name), audit, QString::fromStdString(out));
#else
    return makeError(ErrorCode::InvalidArgument, "this build writes no PDF (built without the GUI); use .xlsx", out);
#endif
}

} // namespace

int runAuditCommand(const std::vector<std::string> &arguments)
{
    po::options_description visible(
        "Usage: tessera-cli audit PROJECT [--scenario NAME] [--baseline NAME] [--potential ATTR]\n"
        "                         [--out REPORT.pdf|REPORT.xlsx] [--json]\n\n"
        "Fairness and disruption audit of a scenario (default: the first) against a\n"
        "baseline (default: the scenario's or the project's baseline): per rep the\n"
        "potential, workload, utilisation and travel in both plans, the accounts and\n"
        "revenue gained and lost and the share of their accounts they keep; across reps\n"
        "the max/min ratio, coefficient of variation and Gini coefficient of potential\n"
        "and workload, with Lorenz curves in the JSON. --out writes the report as a\n"
        "PDF (tables and Lorenz curves) or an Excel workbook. Keys: docs/health.md.\n\n"
        + exitStatusHelp() + "\nOptions");
    visible.add_options()("help,h", "show this help")("scenario", text(), "scenario name")(
        "baseline", text(), "scenario to audit against")(
        "potential", text(), "attribute measuring potential (default revenue_potential)")(
        "out", text(), "write the report to a .pdf or .xlsx file")("json", "print one JSON object");
    po::variables_map vm;
    if (const std::optional<int> exitCode = parseCommandLine("audit", arguments, visible, vm))
        return *exitCode;
    const Diagnostics diagnostics("audit");
    if (!vm.count("project"))
        return diagnostics.usage("missing PROJECT");
    const std::string out = vm.count("out") ? vm["out"].as<std::string>() : std::string();
    if (!out.empty() && !endsWith(out, ".pdf") && !endsWith(out, ".xlsx"))
        return diagnostics.usage("--out must name a .pdf or .xlsx file");
    const std::string path = vm["project"].as<std::string>();
    const std::optional<Project> loaded = loadProjectReadOnly("audit", path);
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
    const Scenario *baseline = FairnessAudit::defaultBaseline(project, *scenario);
    if (vm.count("baseline")) {
        baseline = project.findScenario(vm["baseline"].as<std::string>());
        if (!baseline)
            return diagnostics.fail(path + ": no scenario named '" + vm["baseline"].as<std::string>() + "'");
    }
    if (!baseline)
        return diagnostics.usage("no baseline: name one with --baseline");

    const std::string potential =
        vm.count("potential") ? vm["potential"].as<std::string>() : MetricOptions().revenueAttribute;
    const Result<MetricOptions> options = FairnessAudit::metricOptions(project, potential);
    if (!options)
        return diagnostics.fail(path + ": " + options.error().toString());
    // Each plan on its own input data: a what-if scenario with its scaled
    // figures and added reps (added reps come last, so rep ids agree).
    auto current = ScenarioMetrics::measure(project, *scenario, *options, baseline);
    if (!current)
        return diagnostics.fail(path + ": " + current.error().toString());
    auto before = ScenarioMetrics::measure(project, *baseline, *options);
    if (!before)
        return diagnostics.fail(path + ": " + before.error().toString());
    const Result<FairnessAudit> audit = FairnessAudit::measure(*current->engine, *before->engine, potential);
    if (!audit)
        return diagnostics.fail(audit.error());
    // Named from the roster that has every rep of either plan.
    const Project &named = current->dataOr(project).reps().size() >= before->dataOr(project).reps().size()
                               ? current->dataOr(project)
                               : before->dataOr(project);
    if (!out.empty())
        if (const Result<void> written = writeReport(named, *scenario, *baseline, *audit, out); !written)
            return diagnostics.fail(written.error());
    if (vm.count("json"))
        jsonformat::print(toJson(named, *scenario, *baseline, *audit));
    else
        printTable(std::cout, named, *scenario, *baseline, *audit);
    return exitStatus(ExitCode::Ok);
}

} // namespace tessera::cli
