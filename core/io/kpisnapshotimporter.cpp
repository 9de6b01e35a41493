#include "core/io/kpisnapshotimporter.h"

#include "core/io/csvfields.h"
#include "core/io/csvreader.h"
#include "core/model/project.h"
#include "core/valuelimits.h"

#include <chrono>
#include <filesystem>
#include <map>
#include <set>
#include <unordered_map>

namespace tessera::io {

namespace {

/// Counts the problems passed on, so the import knows whether a row was bad.
class CountingSink : public ProblemSink {
public:
    explicit CountingSink(ProblemSink *next) : mNext(next) {}
    void report(const Problem &problem) override
    {
        if (problem.severity == Problem::Severity::Error)
            ++errors;
        if (mNext)
            mNext->report(problem);
    }
    int errors = 0;

private:
    ProblemSink *mNext;
};

} // namespace

Result<std::vector<KpiSnapshot>> importKpiSnapshots(const std::string &path, const Project &project,
                                                    const KpiImportOptions &options, ProblemSink *sink)
{
    if (!options.date.empty() && !KpiSnapshot::isValidDate(options.date))
        return makeError(ErrorCode::InvalidInput, "'" + options.date + "' is not a date written YYYY-MM-DD", path);
    auto table = readCsv(path);
    if (!table)
        return table.error();
    const Result<int> idColumn =
        csvfields::resolveColumn(*table, options.idColumn, {"account_id", "account", "id"}, "account id");
    if (!idColumn)
        return idColumn.error();
    if (*idColumn < 0)
        return makeError(ErrorCode::InvalidInput, "no account id column (account_id, account or id)", path);
    int dateColumn = -1;
    if (options.date.empty()) {
        const Result<int> found = csvfields::resolveColumn(*table, options.dateColumn, {"date", "snapshot_date"}, "date");
        if (!found)
            return found.error();
        dateColumn = *found;
        if (dateColumn < 0)
            return makeError(ErrorCode::InvalidInput,
                             "the file has no date column (date, snapshot_date); give the date with --date", path);
    }

    CountingSink counted(sink);
    std::vector<int> kpiColumns;
    for (int c = 0; c < static_cast<int>(table->columns.size()); ++c) {
        if (c == *idColumn || c == dateColumn)
            continue;
        if (csvfields::isNumericColumn(*table, c))
            kpiColumns.push_back(c);
        else
            csvfields::reportRow(&counted, *table, 0, table->columns[static_cast<std::size_t>(c)],
                                 "not a numeric column; ignored", Problem::Severity::Info);
    }
    if (kpiColumns.empty())
        return makeError(ErrorCode::InvalidInput, "no numeric KPI column besides the account id and date", path);

    std::unordered_map<std::string, std::size_t> accountByKey;
    for (const Account &account : project.accounts().accounts())
        accountByKey.emplace(account.key, static_cast<std::size_t>(account.id.value()));
    const std::size_t accountCount = project.accounts().size();
    const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                         std::chrono::system_clock::now().time_since_epoch()).count();

    std::map<std::string, KpiSnapshot> byDate;
    std::set<std::pair<std::string, std::size_t>> seen;
    const bool comma = csvfields::decimalComma(*table);
    for (const CsvRecord &record : table->records) {
        if (!csvfields::checkFieldCount(*table, record, &counted))
            continue;
        const std::string key = csvfields::cell(record, *idColumn);
        const auto account = accountByKey.find(key);
        if (account == accountByKey.end()) {
            csvfields::reportRow(&counted, *table, record.line, table->columns[static_cast<std::size_t>(*idColumn)],
                                 key.empty() ? "missing account id" : "unknown account id '" + key + "'");
            continue;
        }
        std::string date = options.date;
        if (dateColumn >= 0) {
            date = csvfields::cell(record, dateColumn);
            if (!KpiSnapshot::isValidDate(date)) {
                csvfields::reportRow(&counted, *table, record.line, table->columns[static_cast<std::size_t>(dateColumn)],
                                     "'" + date + "' is not a date written YYYY-MM-DD");
                continue;
            }
        }
        if (!seen.emplace(date, account->second).second) {
            csvfields::reportRow(&counted, *table, record.line, table->columns[static_cast<std::size_t>(*idColumn)],
                                 "account '" + key + "' appears twice for " + date);
            continue;
        }
        KpiSnapshot &snapshot = byDate[date];
        if (snapshot.date.empty()) {
            snapshot.date = date;
            snapshot.importedAt = now;
            snapshot.source = std::filesystem::path(path).filename().string();
            snapshot.values.resize(accountCount);
            for (int c : kpiColumns)
                snapshot.addColumn(table->columns[static_cast<std::size_t>(c)]);
        }
        for (std::size_t k = 0; k < kpiColumns.size(); ++k) {
            const std::string text = csvfields::cell(record, kpiColumns[k]);
            if (text.empty())
                continue;
            const std::string &column = table->columns[static_cast<std::size_t>(kpiColumns[k])];
            const std::optional<double> value = parseNumber(text, comma);
            if (!value)
                csvfields::reportRow(&counted, *table, record.line, column, "'" + text + "' is not a number");
            else if (!isAcceptedValue(*value))
                csvfields::reportRow(&counted, *table, record.line, column, outOfRangeMessage(*value));
            else
                snapshot.setValue(account->second, static_cast<int>(k), *value);
        }
    }
    if (counted.errors > 0)
        return makeError(ErrorCode::InvalidInput,
                         std::to_string(counted.errors) + (counted.errors == 1 ? " bad row" : " bad rows")
                             + "; no KPI snapshot imported",
                         path);
    if (byDate.empty())
        return makeError(ErrorCode::InvalidInput, "no KPI rows", path);
    std::vector<KpiSnapshot> snapshots;
    for (auto &[date, snapshot] : byDate)
        snapshots.push_back(std::move(snapshot));
    return snapshots;
}

} // namespace tessera::io
