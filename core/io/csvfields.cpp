#include "core/io/csvfields.h"

#include "core/valuelimits.h"

namespace tessera::io::csvfields {

Result<int> resolveColumn(const CsvTable &table, const std::string &requested,
                          std::initializer_list<const char *> candidates, const char *role)
{
    if (!requested.empty()) {
        int index = table.columnIndex(requested);
        if (index < 0 && !table.hasHeader) {
            // Headerless files: a 1-based column number is accepted too.
            if (const auto number = parseNumber(requested); number && *number >= 1
                && *number <= double(table.columns.size()) && *number == double(int(*number)))
                index = int(*number) - 1;
        }
        if (index < 0) {
            std::string names;
            for (std::size_t i = 0; i < table.columns.size(); ++i)
                names += (i ? ", " : "") + table.columns[i];
            return makeError(ErrorCode::NotFound,
                             std::string("no ") + role + " column '" + requested + "' (columns: " + names + ")",
                             table.file);
        }
        return index;
    }
    for (const char *candidate : candidates)
        if (const int index = table.columnIndex(candidate); index >= 0)
            return index;
    return -1;
}

void reportRow(ProblemSink *sink, const CsvTable &table, long line, const std::string &column, std::string message,
               Problem::Severity severity)
{
    if (!sink)
        return;
    Problem problem;
    problem.severity = severity;
    problem.file = table.file;
    problem.line = line;
    problem.column = column;
    problem.message = std::move(message);
    sink->report(problem);
}

bool checkFieldCount(const CsvTable &table, const CsvRecord &record, ProblemSink *sink)
{
    const std::size_t expected = table.columns.size();
    std::size_t found = record.fields.size();
    while (found > expected && record.fields[found - 1].empty())
        --found;
    if (found == expected)
        return true;
    const std::string column = found < expected ? table.columns[found] : "column " + std::to_string(expected + 1);
    reportRow(sink, table, record.line, column,
              "wrong field count: expected " + std::to_string(expected) + ", found "
                  + std::to_string(record.fields.size()) + "; row skipped");
    return false;
}

std::string cell(const CsvRecord &record, int column)
{
    if (column < 0 || static_cast<std::size_t>(column) >= record.fields.size())
        return {};
    return record.fields[static_cast<std::size_t>(column)];
}

std::optional<double> requiredNumber(const CsvTable &table, const CsvRecord &record, int column, ProblemSink *sink)
{
    const std::string text = cell(record, column);
    const std::string &name = table.columns.at(static_cast<std::size_t>(column));
    if (text.empty()) {
        reportRow(sink, table, record.line, name, "missing value; row skipped");
        return std::nullopt;
    }
    const auto value = parseNumber(text, decimalComma(table));
    if (!value) {
        reportRow(sink, table, record.line, name, "not a number: '" + text + "'; row skipped");
        return std::nullopt;
    }
    if (!isAcceptedValue(*value)) {
        reportRow(sink, table, record.line, name, outOfRangeMessage(*value) + "; row skipped");
        return std::nullopt;
    }
    return value;
}

std::optional<double> coordinate(const CsvTable &table, const CsvRecord &record, int column, bool isLatitude,
                                 ProblemSink *sink)
{
    const auto value = requiredNumber(table, record, column, sink);
    if (!value)
        return std::nullopt;
    const double limit = isLatitude ? 90.0 : 180.0;
    if (*value < -limit || *value > limit) {
        reportRow(sink, table, record.line, table.columns.at(static_cast<std::size_t>(column)),
                  std::string(isLatitude ? "latitude " : "longitude ") + cell(record, column) + " is out of range [-"
                      + (isLatitude ? "90, 90" : "180, 180") + "]; row skipped");
        return std::nullopt;
    }
    return value;
}

void reportLayout(ProblemSink *sink, const CsvTable &table, std::initializer_list<std::pair<const char *, int>> roles,
                  const std::vector<int> *attributeColumns)
{
    std::string delimiter;
    switch (table.delimiter) {
    case '\t':
        delimiter = "tab";
        break;
    default:
        delimiter = std::string("'") + table.delimiter + "'";
    }
    std::string text = "delimiter " + delimiter + (table.hasHeader ? ", header" : ", no header") + "; "
                       + std::to_string(table.records.size()) + " rows;";
    for (const auto &[role, column] : roles)
        if (column >= 0)
            text += std::string(" ") + role + " '" + table.columns.at(static_cast<std::size_t>(column)) + "',";
    if (attributeColumns) {
        text += " attributes: ";
        for (std::size_t i = 0; i < attributeColumns->size(); ++i)
            text += (i ? ", " : "") + table.columns.at(static_cast<std::size_t>((*attributeColumns)[i]));
        if (attributeColumns->empty())
            text += "none";
    } else {
        text.pop_back(); // the last ','
    }
    reportRow(sink, table, 0, {}, text, Problem::Severity::Info);
}

std::vector<std::string> splitTags(const std::string &text)
{
    std::vector<std::string> tags;
    std::string current;
    auto flush = [&] {
        const auto first = current.find_first_not_of(" \t");
        if (first != std::string::npos) {
            const auto last = current.find_last_not_of(" \t");
            tags.push_back(current.substr(first, last - first + 1));
        }
        current.clear();
    };
    for (char c : text) {
        if (c == ';' || c == '|')
            flush();
        else
            current += c;
    }
    flush();
    return tags;
}

bool isNumericColumn(const CsvTable &table, int column)
{
    std::size_t numeric = 0;
    std::size_t text = 0;
    for (const CsvRecord &record : table.records) {
        const std::string value = cell(record, column);
        if (value.empty())
            continue;
        if (parseNumber(value, decimalComma(table)))
            ++numeric;
        else
            ++text;
    }
    return numeric > 0 && numeric > text;
}

} // namespace tessera::io::csvfields
