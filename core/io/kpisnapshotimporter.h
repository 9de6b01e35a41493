#pragma once

#include "core/model/kpisnapshot.h"
#include "core/problemsink.h"
#include "core/result.h"

#include <string>
#include <vector>

namespace tessera {
class Project;
}

namespace tessera::io {

/// How an account KPI snapshot CSV is read.
struct KpiImportOptions {
    /// The date of every row (YYYY-MM-DD); empty = the file's date column.
    std::string date;
    /// Account id column; empty = "account_id", "account", "id".
    std::string idColumn;
    /// Date column; empty = "date", "snapshot_date" (ignored when date is set).
    std::string dateColumn;
};

/// Reads an account KPI snapshot: an account id column, an optional date
/// column, and numeric KPI columns (every other column; a column with no
/// number in it is ignored, with an Info). An empty cell means "no value".
/// Each bad row is reported with file, line and column: an account id the
/// project lacks, a repeated account for one date, a cell that is no number,
/// a non-finite or absurd value (core/valuelimits), a bad date. Any bad row
/// fails the whole import (InvalidInput), so nothing half-read is stored.
/// Returns one snapshot per date, oldest first, with the project's accounts as rows.
Result<std::vector<KpiSnapshot>> importKpiSnapshots(const std::string &path, const Project &project,
                                                    const KpiImportOptions &options, ProblemSink *sink);

} // namespace tessera::io
