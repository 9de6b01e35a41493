#pragma once

#include "core/feedback.h"
#include "core/io/csvreader.h"
#include "core/io/importstats.h"
#include "core/model/rep.h"
#include "core/model/scenario.h"
#include "core/result.h"

#include <string>
#include <vector>

namespace tessera {
class UnitLayer;
class ProblemSink;
}

namespace tessera::io {

/// How an existing plan is read: unit → territory (`unit_id,territory[,rep]`)
/// or account → rep (`account_id,rep_id` or `account_id,territory[,rep_id]`).
struct PlanImportOptions {
    CsvOptions csv;                       ///< delimiter and header (detected by default)
    std::string scenarioName = "Current plan"; ///< name of the scenario created
    /// Unit id column; empty = unit_id, unit, id, geoid, fips or zip, else the first column.
    std::string unitColumn;
    /// Territory column; empty = territory or territory_name, else the second column.
    std::string territoryColumn;
    /// Rep column (rep id or rep name); empty = rep, rep_id or rep_name, else
    /// the third column when there is one.
    std::string repColumn;
    /// Account id column; empty = account_id or account. A file with one is
    /// an account plan (see importAccountPlan()).
    std::string accountColumn;
};

/// Reads a plan into \a scenario: one territory per distinct territory name
/// (in order of first appearance, coloured from palette::territoryColor()), units
/// assigned by id, the territory's rep matched by rep id, then by name.
/// Unknown unit ids, units listed twice, unknown reps and territories given
/// two different reps are reported with file, line and column. Units the plan
/// does not mention stay unassigned (one Info problem with their count).
Result<ImportStats> importPlan(const std::string &path, const PlanImportOptions &options, const UnitLayer &units,
                               const std::vector<Rep> &reps, Scenario &scenario, ProblemSink *sink = nullptr,
                               Feedback *feedback = nullptr);

/// The same from an already parsed table.
Result<ImportStats> importPlan(const CsvTable &table, const PlanImportOptions &options, const UnitLayer &units,
                               const std::vector<Rep> &reps, Scenario &scenario, ProblemSink *sink = nullptr,
                               Feedback *feedback = nullptr);

} // namespace tessera::io
