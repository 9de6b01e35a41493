#pragma once

#include "core/feedback.h"
#include "core/result.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tessera::io {

/// How a CSV file is read. Everything is detected by default.
struct CsvOptions {
    /// Field delimiter; 0 = detect among ',', ';', tab and '|' from the first
    /// lines (the candidate giving the most consistent field count wins).
    char delimiter = 0;
    /// Whether the first record is a header; unset = detect (a first record
    /// with no numeric field above a column that is numeric below it, or one
    /// naming a well-known column, is a header).
    std::optional<bool> hasHeader;
    /// Records looked at for detection. Cost: one extra parse of this many lines.
    int sniffRecords = 50;
};

/// One record and the 1-based line it starts on (a quoted field may span lines).
struct CsvRecord {
    long line = 0;
    std::vector<std::string> fields;
};

/// A parsed CSV file. Column names come from the header, or are "column1",
/// "column2", ... when the file has none.
struct CsvTable {
    std::string file;                 ///< the path or name used in messages
    char delimiter = ',';
    bool hasHeader = false;
    std::vector<std::string> columns;
    std::vector<CsvRecord> records;   ///< data records, header excluded

    /// Index of the column named \a name (case-insensitive, trimmed), or -1.
    int columnIndex(std::string_view name) const;
};

/// Reads \a path: UTF-8 with or without BOM, RFC 4180 quoting (delimiters,
/// newlines and doubled quotes inside quoted fields), CRLF or LF. Blank lines
/// are ignored. Fatal errors (missing file, UTF-16, broken UTF-8, an
/// unterminated quote, no records) name the file and line.
Result<CsvTable> readCsv(const std::string &path, const CsvOptions &options = {}, Feedback *feedback = nullptr);

/// Parses \a text as if read from a file called \a fileName.
Result<CsvTable> parseCsv(std::string_view text, const std::string &fileName, const CsvOptions &options = {});

/// Parses a number: surrounding blanks allowed; a decimal comma is accepted
/// when \a decimalComma is set (files delimited by ';' often use one).
std::optional<double> parseNumber(std::string_view text, bool decimalComma = false);

/// \a text as one field of a comma-delimited CSV record: quoted (quotes
/// doubled) when it holds a comma, a quote or a line break, else unchanged.
/// What readCsv reads back as \a text.
std::string quotedCsvField(std::string_view text);

/// Lower-cased, trimmed copy of \a text (ASCII only), for matching column names.
std::string normalizedName(std::string_view text);

} // namespace tessera::io
