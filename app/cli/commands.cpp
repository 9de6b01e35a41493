#include "app/cli/commands.h"

#include <iostream>

namespace tessera::cli {

// Declared here rather than in a shared header: each is defined in its own
// <name>command.cpp and only this table needs them.
int runAuditCommand(const std::vector<std::string> &arguments);
int runExportCommand(const std::vector<std::string> &arguments);
int runHealthCommand(const std::vector<std::string> &arguments);
int runImportCommand(const std::vector<std::string> &arguments);
int runInfoCommand(const std::vector<std::string> &arguments);
int runLocateCommand(const std::vector<std::string> &arguments);
int runMetricsCommand(const std::vector<std::string> &arguments);
int runOptimizeCommand(const std::vector<std::string> &arguments);
int runProposeCommand(const std::vector<std::string> &arguments);
int runScenarioCommand(const std::vector<std::string> &arguments);
int runRouteCommand(const std::vector<std::string> &arguments);
int runWhatIfCommand(const std::vector<std::string> &arguments);

std::span<const Command> commands()
{
    static const Command table[] = {
        {"audit", "fairness of a scenario against a baseline: per rep gains and losses, Gini and CV", runAuditCommand},
        {"export", "the plan as GIS data, CRM tables or slides (PNG, SVG, PDF, PPTX)", runExportCommand},
        {"health", "breaches of the plan health rules (utilisation, balance, KPIs, contiguity)", runHealthCommand},
        {"import", "create or update a project from unit polygons, accounts, reps and a plan", runImportCommand},
        {"info", "counts, extent, islands and unplaced accounts of a project", runInfoCommand},
        {"locate", "where to place K reps: p-median site selection, capacitated or not", runLocateCommand},
        {"metrics", "balance, workload, compactness, contiguity and disruption of a scenario", runMetricsCommand},
        {"optimize", "balanced, compact, contiguous territories from a scenario or from files", runOptimizeCommand},
        {"propose", "at most N unit moves that reduce a scenario's health breaches, each with its reason", runProposeCommand},
        {"route", "a rep's day routes over a week, or a Solomon VRPTW instance", runRouteCommand},
        {"scenario", "list, clone, rename, delete, mark the baseline of and compare scenarios", runScenarioCommand},
        {"version", "print the version",
         [](const std::vector<std::string> &) {
             std::cout << "tessera-cli " TESSERA_VERSION "\n";
             return 0;
         }},
        {"whatif", "apply what-if transforms to a scenario as a new scenario, or again to changed data", runWhatIfCommand},
    };
    return table;
}

} // namespace tessera::cli
