#pragma once

#include "core/feedback.h"
#include "core/io/csvreader.h"
#include "core/io/importstats.h"
#include "core/model/rep.h"
#include "core/result.h"

#include <string>
#include <vector>

namespace tessera {
class ProblemSink;
}

namespace tessera::io {

/// How reps are read from a CSV file (columns match case-insensitively).
struct RepImportOptions {
    CsvOptions csv;             ///< delimiter and header (detected by default)
    /// Rep id column; empty = id, rep_id, rep or key; with none, the line number.
    std::string idColumn;
    /// Name column; empty = name or rep_name (else the id).
    std::string nameColumn;
    /// Home latitude column; empty = lat, latitude, home_lat or y. Fatal when none.
    std::string latColumn;
    /// Home longitude column; empty = lon, lng, long, longitude, home_lon or x.
    std::string lonColumn;
    /// Capacity in hours; empty = capacity, capacity_hours or hours
    /// (optional; an empty cell means "not set").
    std::string capacityColumn;
    /// Skills, separated by ';' or '|' inside the cell; empty = skills or skill.
    std::string skillsColumn;
};

/// Reads reps from \a path into \a reps (replacing its content only on
/// success; ids are assigned in file order). Bad rows are reported with file,
/// line and column, and skipped; fatal errors leave \a reps untouched.
Result<ImportStats> importReps(const std::string &path, const RepImportOptions &options, std::vector<Rep> &reps,
                               ProblemSink *sink = nullptr, Feedback *feedback = nullptr);

/// The same from an already parsed table.
Result<ImportStats> importReps(const CsvTable &table, const RepImportOptions &options, std::vector<Rep> &reps,
                               ProblemSink *sink = nullptr, Feedback *feedback = nullptr);

} // namespace tessera::io
