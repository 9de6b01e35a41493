#pragma once

#include "core/feedback.h"
#include "core/geometry/adjacencybuilder.h"
#include "core/io/accountimporter.h"
#include "core/io/importstats.h"
#include "core/io/planimporter.h"
#include "core/io/repimporter.h"
#include "core/io/unitimporter.h"
#include "core/model/project.h"
#include "core/result.h"

#include <string>
#include <vector>

namespace tessera {
class ProblemSink;
}

namespace tessera::io {

/// What to import into a project. An empty path leaves that part of the
/// project as it is.
struct ProjectImportOptions {
    std::string unitsPath;       ///< GDAL vector source; replaces the units and rebuilds adjacency
    UnitImportOptions units;
    std::string accountsPath;    ///< CSV; replaces the accounts
    AccountImportOptions accounts;
    std::string repsPath;        ///< CSV; replaces the reps
    RepImportOptions reps;
    std::string planPath;        ///< CSV unit → territory or account → rep; adds (or replaces) a scenario
    PlanImportOptions plan;
    geometry::AdjacencyOptions adjacency; ///< used when the units change
};

/// Ids a replacing layer brings in and takes away, by id (key), in file order
/// (added) and in the previous project's order (removed).
struct IdChanges {
    std::vector<std::string> added;
    std::vector<std::string> removed;
    bool isEmpty() const { return added.empty() && removed.empty(); }
};

/// What an import did, for the CLI summary and the GUI.
struct ProjectImportReport {
    ImportStats units;
    ImportStats accounts;
    ImportStats reps;
    ImportStats plan;
    bool unitsReplaced = false;
    bool accountsReplaced = false;
    bool repsReplaced = false;
    bool planImported = false;
    bool planByAccount = false;       ///< the plan assigned accounts (account → rep), not units
    std::size_t accountsPlaced = 0;   ///< accounts inside a unit after the import
    std::size_t accountsOutside = 0;  ///< accounts outside every unit (each reported)
    std::size_t adjacencyEdges = 0;
    std::size_t islands = 0;          ///< units with no neighbour
    std::size_t scenariosRemapped = 0; ///< existing scenarios carried over to new units/reps
    IdChanges unitIds;    ///< filled when units replace existing units
    IdChanges accountIds; ///< filled when accounts replace existing accounts
    IdChanges repIds;     ///< filled when reps replace existing reps
};

/// Imports into a copy of \a current and returns it; \a current is never
/// touched, so a fatal error (returned as Error) leaves the project as it
/// was and the caller swaps in the result only on success.
///
/// Replacing units rebuilds adjacency and re-places the accounts; existing
/// scenarios keep each unit's territory by unit id (units that are new stay
/// unassigned; account overrides are dropped when accounts or units change).
/// Replacing reps re-links territories to reps by rep id.
Result<Project> importIntoProject(const Project &current, const ProjectImportOptions &options,
                                  ProjectImportReport &report, ProblemSink *sink = nullptr,
                                  Feedback *feedback = nullptr);

} // namespace tessera::io
