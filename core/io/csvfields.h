#pragma once

#include "core/io/csvreader.h"
#include "core/problemsink.h"

#include <initializer_list>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace tessera::io {

/// Helpers shared by the CSV importers: finding columns by name and turning
/// bad cells into problems that name file, line and column.
namespace csvfields {

/// The column the user asked for (\a requested, which must exist: NotFound
/// otherwise, listing the columns), else the first of \a candidates present,
/// else -1.
Result<int> resolveColumn(const CsvTable &table, const std::string &requested,
                          std::initializer_list<const char *> candidates, const char *role);

/// Reports an Error problem for \a record of \a table.
void reportRow(ProblemSink *sink, const CsvTable &table, long line, const std::string &column, std::string message,
               Problem::Severity severity = Problem::Severity::Error);

/// Whether the record has as many fields as the header. Extra trailing empty
/// fields are tolerated. A wrong count is reported (naming the first missing
/// or first extra column) and false is returned.
bool checkFieldCount(const CsvTable &table, const CsvRecord &record, ProblemSink *sink);

/// The trimmed cell, or empty when the record is too short.
std::string cell(const CsvRecord &record, int column);

/// Reads a required number; reports "missing value" or "not a number" and
/// returns nothing on failure.
std::optional<double> requiredNumber(const CsvTable &table, const CsvRecord &record, int column, ProblemSink *sink);

/// Reads a latitude (\a isLatitude) or longitude and checks its range.
std::optional<double> coordinate(const CsvTable &table, const CsvRecord &record, int column, bool isLatitude,
                                 ProblemSink *sink);

/// Whether the majority of the non-empty cells of \a column parse as numbers.
bool isNumericColumn(const CsvTable &table, int column);

/// Reports (as Info) how the table was read and which column plays which
/// role, e.g. "delimiter ';', header; lat 'Latitude', lon 'Lng', attributes: revenue"
/// (no attribute part when \a attributeColumns is null).
void reportLayout(ProblemSink *sink, const CsvTable &table, std::initializer_list<std::pair<const char *, int>> roles,
                  const std::vector<int> *attributeColumns);

/// The tags of a cell such as "es; oncology|senior": split at ';' or '|',
/// trimmed, empty ones dropped (rep skills, skills an account requires).
std::vector<std::string> splitTags(const std::string &text);

/// Whether the table's numbers may use a decimal comma (not comma-delimited).
inline bool decimalComma(const CsvTable &table) { return table.delimiter != ','; }

} // namespace csvfields

} // namespace tessera::io
