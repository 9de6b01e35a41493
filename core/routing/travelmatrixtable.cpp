#include "core/routing/travelmatrixtable.h"

#include "core/io/csvreader.h"

#include <cmath>

namespace tessera {

namespace {

std::string pairKey(const std::string &from, const std::string &to) { return from + '\x1f' + to; }

Result<TravelMatrixTable> fromTable(Result<io::CsvTable> table, ProblemSink *sink);

} // namespace

Result<TravelMatrixTable> TravelMatrixTable::read(const std::string &path, ProblemSink *sink)
{
    io::CsvOptions options;
    options.hasHeader = true;
    return fromTable(io::readCsv(path, options), sink);
}

Result<TravelMatrixTable> TravelMatrixTable::parse(std::string_view text, const std::string &fileName, ProblemSink *sink)
{
    io::CsvOptions options;
    options.hasHeader = true;
    return fromTable(io::parseCsv(text, fileName, options), sink);
}

const TravelMatrixTable::Entry *TravelMatrixTable::find(const std::string &from, const std::string &to) const
{
    const auto it = mEntries.find(pairKey(from, to));
    return it == mEntries.end() ? nullptr : &it->second;
}

void TravelMatrixTable::set(const std::string &from, const std::string &to, const Entry &entry)
{
    mEntries[pairKey(from, to)] = entry;
}

namespace {

Result<TravelMatrixTable> fromTable(Result<io::CsvTable> table, ProblemSink *sink)
{
    if (!table)
        return table.error();
    const int fromColumn = table->columnIndex("from");
    const int toColumn = table->columnIndex("to");
    const int minutesColumn = table->columnIndex("minutes");
    const int kmColumn = table->columnIndex("km");
    if (fromColumn < 0 || toColumn < 0 || minutesColumn < 0)
        return makeError(ErrorCode::InvalidInput, "a travel matrix needs the columns from, to, minutes (and optionally km)",
                         table->file);
    const bool decimalComma = table->delimiter == ';';
    TravelMatrixTable result;
    long bad = 0;
    for (const io::CsvRecord &record : table->records) {
        auto field = [&](int column) -> std::string {
            return column >= 0 && column < static_cast<int>(record.fields.size()) ? record.fields[column] : std::string();
        };
        auto complain = [&](const std::string &column, const std::string &message) {
            ++bad;
            if (!sink)
                return;
            Problem problem;
            problem.severity = Problem::Severity::Warning;
            problem.file = table->file;
            problem.line = record.line;
            problem.column = column;
            problem.message = message + "; row skipped";
            sink->report(problem);
        };
        const std::string from = field(fromColumn), to = field(toColumn);
        if (from.empty() || to.empty()) {
            complain(from.empty() ? "from" : "to", "missing place");
            continue;
        }
        const auto minutes = io::parseNumber(field(minutesColumn), decimalComma);
        if (!minutes || !std::isfinite(*minutes) || *minutes < 0.0) {
            complain("minutes", "'" + field(minutesColumn) + "' is not a travel time in minutes (a number >= 0)");
            continue;
        }
        TravelMatrixTable::Entry entry;
        entry.minutes = *minutes;
        if (kmColumn >= 0 && !field(kmColumn).empty()) {
            const auto km = io::parseNumber(field(kmColumn), decimalComma);
            if (!km || !std::isfinite(*km) || *km < 0.0) {
                complain("km", "'" + field(kmColumn) + "' is not a distance in km (a number >= 0)");
                continue;
            }
            entry.km = *km;
        }
        result.set(from, to, entry);
    }
    if (result.size() == 0)
        return makeError(ErrorCode::InvalidInput,
                         "no usable row" + (bad > 0 ? " (" + std::to_string(bad) + " bad rows)" : std::string()),
                         table->file);
    return result;
}

} // namespace

} // namespace tessera
