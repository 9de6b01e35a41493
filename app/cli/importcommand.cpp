// tessera-cli import: builds or updates a project from unit polygons, account
// and rep CSVs and an existing plan.
#include "app/cli/commandline.h"
#include "app/cli/diagnostics.h"
#include "core/io/kpisnapshotimporter.h"
#include "core/io/projectimporter.h"
#include "core/io/unitimporter.h"
#include "core/problemsink.h"
#include "core/store/newprojectfile.h"
#include "core/store/projectstore.h"

#include <boost/program_options.hpp>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

namespace tessera::cli {

namespace {

namespace po = boost::program_options;

const Diagnostics diagnostics("import");

int fail(const std::string &message)
{
    return diagnostics.fail(message);
}

/// "10%" or "0.1" as a fraction in [0, 1].
std::optional<double> parseShare(const std::string &text)
{
    std::string number = text;
    const bool percent = !number.empty() && number.back() == '%';
    if (percent)
        number.pop_back();
    char *end = nullptr;
    const double value = std::strtod(number.c_str(), &end);
    if (number.empty() || end != number.c_str() + number.size() || !std::isfinite(value))
        return std::nullopt;
    const double share = percent ? value / 100.0 : value;
    if (share < 0.0 || share > 1.0)
        return std::nullopt;
    return share;
}

std::string describe(const io::ImportStats &stats, const char *what)
{
    std::string out = std::to_string(stats.imported) + " " + what;
    if (stats.repaired || stats.skipped) {
        out += " (";
        if (stats.repaired)
            out += std::to_string(stats.repaired) + " repaired";
        if (stats.repaired && stats.skipped)
            out += ", ";
        if (stats.skipped)
            out += std::to_string(stats.skipped) + " of " + std::to_string(stats.read) + " skipped";
        out += ")";
    }
    return out;
}

/// " (2 added, 1 removed: A9)" for an update by id; empty when nothing changed.
std::string describe(const io::IdChanges &changes)
{
    if (changes.isEmpty())
        return {};
    std::string out = " (" + std::to_string(changes.added.size()) + " added, " + std::to_string(changes.removed.size())
                      + " removed";
    const std::size_t shown = std::min<std::size_t>(changes.removed.size(), 10);
    for (std::size_t i = 0; i < shown; ++i)
        out += (i ? ", " : ": ") + changes.removed[i];
    if (shown < changes.removed.size())
        out += ", …";
    return out + ")";
}

int listLayers(const std::string &path)
{
    auto layers = io::listLayers(path);
    if (!layers)
        return fail(layers.error().toString());
    for (const io::LayerInfo &layer : *layers) {
        std::cout << layer.name << ": " << layer.geometryType << (layer.isPolygon ? " (polygons)" : "") << ", "
                  << layer.featureCount << " features, CRS " << (layer.crs.empty() ? "not declared" : layer.crs)
                  << "\n  fields:";
        for (const io::FieldInfo &field : layer.fields) {
            const char *type = field.type == io::FieldInfo::Type::Integer ? "integer"
                               : field.type == io::FieldInfo::Type::Real  ? "real"
                               : field.type == io::FieldInfo::Type::String ? "text"
                                                                            : "other";
            std::cout << ' ' << field.name << " (" << type << ')';
        }
        std::cout << '\n';
    }
    return 0;
}

/// `import PROJECT --kpi FILE [--date D]`: stores account KPI snapshots by
/// date in an existing project, replacing a snapshot of the same date.
int importKpi(const std::string &path, const std::string &file, const io::KpiImportOptions &options, bool verbose)
{
    auto store = ProjectStore::open(path, ProjectStore::OpenMode::ReadWrite);
    if (!store)
        return fail(store.error().toString());
    auto project = (*store)->load(LoadOptions{.accounts = true, .scenarios = false});
    if (!project)
        return fail(project.error().toString());
    CollectingProblemSink problems;
    auto snapshots = io::importKpiSnapshots(file, *project, options, &problems);
    diagnostics.problems(problems, verbose ? problems.problems().size() : 50);
    if (!snapshots)
        return fail(snapshots.error().toString());
    std::vector<std::string> dates;
    for (const KpiSnapshot &snapshot : *snapshots) {
        const bool replaced = std::any_of(project->kpiSnapshots().begin(), project->kpiSnapshots().end(),
                                          [&](const KpiSnapshot &s) { return s.date == snapshot.date; });
        if (auto saved = (*store)->saveKpiSnapshot(snapshot); !saved)
            return fail(saved.error().toString());
        std::size_t accounts = 0;
        for (std::size_t a = 0; a < snapshot.values.rowCount(); ++a)
            for (int c = 0; c < static_cast<int>(snapshot.values.columnCount()); ++c)
                if (snapshot.hasValue(a, c)) {
                    ++accounts;
                    break;
                }
        std::string columns;
        for (const std::string &name : snapshot.values.columnNames())
            columns += (columns.empty() ? "" : ", ") + name;
        dates.push_back(snapshot.date + (replaced ? " (replaced)" : "") + ": " + std::to_string(accounts)
                        + " accounts, " + columns);
    }
    std::cout << "updated " << path << ": KPI snapshot";
    for (std::size_t i = 0; i < dates.size(); ++i)
        std::cout << (i ? "; " : " ") << dates[i];
    std::cout << '\n';
    return exitStatus(ExitCode::Ok);
}

} // namespace

int runImportCommand(const std::vector<std::string> &arguments)
{
    po::options_description visible(
        "Usage: tessera-cli import PROJECT --units FILE [OPTIONS]\n"
        "       tessera-cli import PROJECT --kpi FILE [--date YYYY-MM-DD]\n\n"
        "Creates PROJECT when it does not exist, or replaces in it what the options name\n"
        "(units, accounts, reps, a plan) and keeps the rest. Units come from any GDAL vector\n"
        "source (GeoJSON, TopoJSON, Shapefile, GeoPackage, KML) and are reprojected to WGS84;\n"
        "accounts and reps from CSV (delimiter, header and lat/lon columns detected).\n"
        "Adjacency is rebuilt and accounts re-placed whenever units or accounts change.\n"
        "Bad rows and features are listed and skipped; a fatal error saves nothing.\n\n"
        + exitStatusHelp() + "\nOptions");
    visible.add_options()
        ("help,h", "show this help")
        ("units", po::value<std::string>(), "unit polygons (any GDAL vector source)")
        ("layer", po::value<std::string>(), "layer to read (default: the first polygon layer)")
        ("id", po::value<std::string>(), "unit id field (default: 'id', else the feature id)")
        ("name", po::value<std::string>(), "unit name field (default: 'name', else the id)")
        ("attributes", po::value<std::string>(),
         "comma-separated numeric unit fields to import (default: every numeric field)")
        ("id-width", number(0, 20)->default_value(0),
         "pad integer unit ids with leading zeros to N digits (5 for FIPS counties, ZIP codes)")
        ("assume-crs", po::value<std::string>(),
         "CRS of the units' coordinates, overriding the one the file declares, e.g. EPSG:4326 "
         "(default: the declared CRS, else WGS84)")
        ("no-repair", "skip invalid polygons instead of repairing them")
        ("list-layers", "list the layers and fields of --units and exit")
        ("accounts", po::value<std::string>(), "accounts CSV (id, name, lat, lon, segment, requires, numeric columns)")
        ("reps", po::value<std::string>(), "reps CSV (id, name, lat, lon, capacity, skills)")
        ("plan", po::value<std::string>(),
         "existing plan CSV: unit_id,territory[,rep] or account_id,rep_id (account_id,territory[,rep_id])")
        ("scenario", text()->default_value("Current plan"), "name of the scenario --plan creates")
        ("kpi", po::value<std::string>(),
         "account KPI snapshot CSV (account id, numeric KPI columns, optional date column) for an existing "
         "project; a snapshot of the same date is replaced; nothing is stored when a row is bad")
        ("date", po::value<std::string>(), "date of the --kpi snapshot, YYYY-MM-DD (default: the file's date column)")
        ("kpi-id", po::value<std::string>(), "account id column of --kpi (default: account_id, account or id)")
        ("strict", "treat any skipped row or feature as a fatal error")
        ("max-skipped", po::value<std::string>()->default_value("10%"),
         "refuse the import (save nothing) when a file has more skipped rows or features than this share, "
         "e.g. 10% or 0.1")
        ("verbose,v", "list every problem (default: the first 50)");
    po::variables_map vm;
    if (const std::optional<int> exitCode = parseCommandLine("import", arguments, visible, vm))
        return *exitCode;
    if (vm.count("list-layers")) {
        if (!vm.count("units"))
            return diagnostics.usage("--list-layers needs --units FILE");
        return listLayers(vm["units"].as<std::string>());
    }
    if (!vm.count("project"))
        return diagnostics.usage("missing PROJECT");
    if (vm.count("date") && !vm.count("kpi"))
        return diagnostics.usage("--date needs --kpi FILE");
    if (vm.count("kpi")) {
        if (vm.count("units") || vm.count("accounts") || vm.count("reps") || vm.count("plan"))
            return diagnostics.usage("--kpi is imported on its own, without --units, --accounts, --reps or --plan");
        io::KpiImportOptions kpi;
        if (vm.count("date"))
            kpi.date = vm["date"].as<std::string>();
        if (vm.count("kpi-id"))
            kpi.idColumn = vm["kpi-id"].as<std::string>();
        return importKpi(vm["project"].as<std::string>(), vm["kpi"].as<std::string>(), kpi, vm.count("verbose") > 0);
    }
    if (vm.count("scenario") && !vm["scenario"].defaulted() && !vm.count("plan"))
        return diagnostics.usage("--scenario needs --plan");

    const std::string path = vm["project"].as<std::string>();
    const std::optional<double> maxSkipped = parseShare(vm["max-skipped"].as<std::string>());
    if (!maxSkipped)
        return diagnostics.usage("--max-skipped must be a share such as 10% or 0.1");
    io::ProjectImportOptions options;
    if (vm.count("units"))
        options.unitsPath = vm["units"].as<std::string>();
    if (vm.count("layer"))
        options.units.layer = vm["layer"].as<std::string>();
    if (vm.count("id"))
        options.units.idField = vm["id"].as<std::string>();
    if (vm.count("name"))
        options.units.nameField = vm["name"].as<std::string>();
    if (vm.count("attributes"))
        options.units.attributeFields = splitList(vm["attributes"].as<std::string>());
    options.units.idWidth = vm["id-width"].as<int>();
    if (vm.count("assume-crs"))
        options.units.assumedCrs = vm["assume-crs"].as<std::string>();
    options.units.repairInvalid = !vm.count("no-repair");
    if (vm.count("accounts"))
        options.accountsPath = vm["accounts"].as<std::string>();
    if (vm.count("reps"))
        options.repsPath = vm["reps"].as<std::string>();
    if (vm.count("plan"))
        options.planPath = vm["plan"].as<std::string>();
    options.plan.scenarioName = vm["scenario"].as<std::string>();

    std::error_code ec;
    const bool exists = std::filesystem::exists(path, ec);
    if (options.unitsPath.empty() && options.accountsPath.empty() && options.repsPath.empty()
        && options.planPath.empty())
        return diagnostics.usage("nothing to import (give --units, --accounts, --reps or --plan)");
    if (!exists && options.unitsPath.empty())
        return fail(path + ": the project does not exist yet; create it with --units");

    // Open (and lock) an existing project before the long work, so a locked or
    // foreign file fails at once.
    std::unique_ptr<ProjectStore> store;
    Project current;
    if (exists) {
        auto opened = ProjectStore::open(path, ProjectStore::OpenMode::ReadWrite);
        if (!opened)
            return fail(opened.error().toString());
        store = std::move(*opened);
        auto loaded = store->load();
        if (!loaded)
            return fail(loaded.error().toString());
        current = std::move(*loaded);
    }

    CollectingProblemSink problems;
    io::ProjectImportReport report;
    auto imported = io::importIntoProject(current, options, report, &problems);
    if (!imported)
        return fail(imported.error().toString()); // nothing imported: the problems so far do not matter
    const int errors = problems.count(Problem::Severity::Error);
    if (vm.count("strict") && errors > 0) {
        for (const Problem &problem : problems.problems())
            if (problem.severity == Problem::Severity::Error)
                return fail(problem.toString() + " (--strict: nothing saved)");
    }
    diagnostics.problems(problems, vm.count("verbose") ? problems.problems().size() : 50);
    // A snapshot with most rows damaged must not replace good data.
    const struct {
        const char *what;
        const io::ImportStats &stats;
        const std::string &file;
    } sources[] = {{"units", report.units, options.unitsPath},
                 {"accounts", report.accounts, options.accountsPath},
                 {"reps", report.reps, options.repsPath},
                 {"plan rows", report.plan, options.planPath}};
    for (const auto &part : sources)
        if (part.stats.read > 0 && double(part.stats.skipped) > *maxSkipped * double(part.stats.read))
            return fail(part.file + ": " + std::to_string(part.stats.skipped) + " of " + std::to_string(part.stats.read)
                        + " " + part.what + " were skipped, more than --max-skipped "
                        + vm["max-skipped"].as<std::string>() + " allows; nothing saved");

    if (!store) {
        if (auto written = writeNewProjectFile(path, *imported); !written)
            return fail(written.error().toString());
    } else if (auto saved = store->save(*imported); !saved) {
        return fail(saved.error().toString());
    }

    std::vector<std::string> parts;
    if (report.unitsReplaced)
        parts.push_back(describe(report.units, "units") + describe(report.unitIds) + ", " + std::to_string(report.adjacencyEdges)
                        + " adjacencies, " + std::to_string(report.islands) + " islands");
    if (report.accountsReplaced)
        parts.push_back(describe(report.accounts, "accounts") + describe(report.accountIds));
    if (report.repsReplaced)
        parts.push_back(describe(report.reps, "reps") + describe(report.repIds));
    if (report.planImported)
        parts.push_back("plan '" + options.plan.scenarioName + "': "
                        + describe(report.plan, report.planByAccount ? "accounts assigned" : "units assigned"));
    if (!imported->accounts().isEmpty())
        parts.push_back(std::to_string(report.accountsOutside) + " accounts outside every unit");
    std::cout << (exists ? "updated " : "created ") << path << ": ";
    for (std::size_t i = 0; i < parts.size(); ++i)
        std::cout << (i ? "; " : "") << parts[i];
    std::cout << "; " << errors << " errors, " << problems.count(Problem::Severity::Warning) << " warnings\n";
    return exitStatus(ExitCode::Ok);
}

} // namespace tessera::cli
