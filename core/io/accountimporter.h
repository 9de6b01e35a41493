#pragma once

#include "core/feedback.h"
#include "core/io/csvreader.h"
#include "core/io/importstats.h"
#include "core/result.h"

#include <optional>
#include <string>
#include <vector>

namespace tessera {
class AccountLayer;
class ProblemSink;
}

namespace tessera::io {

/// How accounts are read from a CSV file. Column names match
/// case-insensitively; in a file without header, columns may be given as
/// 1-based numbers.
struct AccountImportOptions {
    CsvOptions csv;             ///< delimiter and header (detected by default)
    /// Account id column; empty = id, account_id, account, key or code; with
    /// none of them the line number becomes the id. Ids are kept as text.
    std::string idColumn;
    /// Name column; empty = name or account_name (optional).
    std::string nameColumn;
    /// Segment column; empty = segment (optional).
    std::string segmentColumn;
    /// Skills the serving rep must have, separated by ';' or '|' inside the
    /// cell; empty = requires or required_skills (optional).
    std::string requiresColumn;
    /// Latitude column; empty = lat, latitude or y. Fatal when none is found.
    std::string latColumn;
    /// Longitude column; empty = lon, lng, long, longitude or x.
    std::string lonColumn;
    /// Numeric attribute columns; unset = every other column whose values are
    /// mostly numbers (text columns are reported as not imported).
    std::optional<std::vector<std::string>> attributeColumns;
    /// An empty attribute cell counts as 0 instead of rejecting the row.
    bool emptyAttributeIsZero = false;
};

/// Reads accounts from \a path into \a accounts (replacing its content only
/// on success; accounts are not placed into units here). Every bad row is
/// reported to \a sink with file, line and column, and skipped. Fatal errors
/// (missing file, broken encoding, no lat/lon column, no rows, no valid
/// row) leave \a accounts untouched.
Result<ImportStats> importAccounts(const std::string &path, const AccountImportOptions &options,
                                   AccountLayer &accounts, ProblemSink *sink = nullptr,
                                   Feedback *feedback = nullptr);

/// The same from an already parsed table (tests, in-memory sources).
Result<ImportStats> importAccounts(const CsvTable &table, const AccountImportOptions &options,
                                   AccountLayer &accounts, ProblemSink *sink = nullptr,
                                   Feedback *feedback = nullptr);

} // namespace tessera::io
