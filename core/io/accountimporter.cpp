#include "core/io/accountimporter.h"

#include "core/io/csvfields.h"
#include "core/model/accountlayer.h"

#include <string_view>
#include <unordered_map>

namespace tessera::io {

Result<ImportStats> importAccounts(const std::string &path, const AccountImportOptions &options,
                                   AccountLayer &accounts, ProblemSink *sink, Feedback *feedback)
{
    auto table = readCsv(path, options.csv, feedback);
    if (!table)
        return table.error();
    return importAccounts(*table, options, accounts, sink, feedback);
}

Result<ImportStats> importAccounts(const CsvTable &table, const AccountImportOptions &options,
                                   AccountLayer &accounts, ProblemSink *sink, Feedback *feedback)
{
    using namespace csvfields;
    if (table.records.empty())
        return makeError(ErrorCode::InvalidInput, "the file has no data rows", table.file);

    const auto lat = resolveColumn(table, options.latColumn, {"lat", "latitude", "y"}, "latitude");
    if (!lat)
        return lat.error();
    const auto lon = resolveColumn(table, options.lonColumn, {"lon", "lng", "long", "longitude", "x"}, "longitude");
    if (!lon)
        return lon.error();
    if (*lat < 0 || *lon < 0)
        return makeError(ErrorCode::InvalidInput,
                         std::string("no ") + (*lat < 0 ? "latitude" : "longitude")
                             + " column (looked for "
                             + (*lat < 0 ? "lat, latitude, y" : "lon, lng, long, longitude, x")
                             + "; name the column in the options)",
                         table.file);
    const auto id = resolveColumn(table, options.idColumn, {"id", "account_id", "account", "key", "code"}, "id");
    if (!id)
        return id.error();
    const auto name = resolveColumn(table, options.nameColumn, {"name", "account_name"}, "name");
    if (!name)
        return name.error();
    const auto segment = resolveColumn(table, options.segmentColumn, {"segment"}, "segment");
    if (!segment)
        return segment.error();
    const auto requires_ = resolveColumn(table, options.requiresColumn, {"requires", "required_skills"},
                                         "requires");
    if (!requires_)
        return requires_.error();

    std::vector<int> attributeColumns;
    if (options.attributeColumns) {
        for (const std::string &column : *options.attributeColumns) {
            const auto index = resolveColumn(table, column, {}, "attribute");
            if (!index)
                return index.error();
            attributeColumns.push_back(*index);
        }
    } else {
        for (int c = 0; c < int(table.columns.size()); ++c) {
            if (c == *lat || c == *lon || c == *id || c == *name || c == *segment || c == *requires_)
                continue;
            if (isNumericColumn(table, c))
                attributeColumns.push_back(c);
            else
                reportRow(sink, table, 0, table.columns[static_cast<std::size_t>(c)],
                          "text column, not imported as an attribute", Problem::Severity::Info);
        }
    }
    if (*id < 0)
        reportRow(sink, table, 0, {}, "no id column; each account's id is its line number", Problem::Severity::Info);
    reportLayout(sink, table, {{"id", *id}, {"name", *name}, {"lat", *lat}, {"lon", *lon}, {"segment", *segment},
                                {"requires", *requires_}},
                 &attributeColumns);

    AccountLayer out;
    std::vector<int> tableColumns;
    for (int c : attributeColumns)
        tableColumns.push_back(out.attributes().addColumn(table.columns[static_cast<std::size_t>(c)]));

    ImportStats stats;
    std::unordered_map<std::string_view, long> lineOfKey; // views into table's cells
    lineOfKey.reserve(table.records.size());
    out.reserve(table.records.size());
    std::vector<double> values(attributeColumns.size());
    std::size_t done = 0;
    for (const CsvRecord &record : table.records) {
        ++stats.read;
        if ((++done & 4095) == 0) {
            if (isCancelled(feedback))
                return makeError(ErrorCode::Cancelled, "import cancelled", table.file);
            reportProgress(feedback, double(done) / double(table.records.size()), "reading accounts");
        }
        auto skipped = [&] { ++stats.skipped; };
        if (!checkFieldCount(table, record, sink)) {
            skipped();
            continue;
        }
        std::string key = *id >= 0 ? cell(record, *id) : std::to_string(record.line);
        const std::string_view keyView = *id >= 0 ? std::string_view(record.fields[static_cast<std::size_t>(*id)])
                                                  : std::string_view();
        if (key.empty()) {
            reportRow(sink, table, record.line, table.columns[static_cast<std::size_t>(*id)],
                      "missing value; row skipped");
            skipped();
            continue;
        }
        if (const auto it = keyView.empty() ? lineOfKey.end() : lineOfKey.find(keyView); it != lineOfKey.end()) {
            reportRow(sink, table, record.line, *id >= 0 ? table.columns[static_cast<std::size_t>(*id)] : "",
                      "duplicate id '" + key + "' (first on line " + std::to_string(it->second) + "); row skipped");
            skipped();
            continue;
        }
        const auto latitude = coordinate(table, record, *lat, true, sink);
        if (!latitude) {
            skipped();
            continue;
        }
        const auto longitude = coordinate(table, record, *lon, false, sink);
        if (!longitude) {
            skipped();
            continue;
        }
        bool ok = true;
        for (std::size_t a = 0; a < attributeColumns.size() && ok; ++a) {
            const int c = attributeColumns[a];
            if (options.emptyAttributeIsZero && cell(record, c).empty()) {
                values[a] = 0.0;
                continue;
            }
            const auto value = requiredNumber(table, record, c, sink);
            ok = value.has_value();
            if (ok)
                values[a] = *value;
        }
        if (!ok) {
            skipped();
            continue;
        }
        Account account;
        account.key = key;
        account.name = *name >= 0 ? cell(record, *name) : std::string();
        account.segment = *segment >= 0 ? cell(record, *segment) : std::string();
        account.location = LonLat{*longitude, *latitude};
        if (*requires_ >= 0)
            account.requiredSkills = splitTags(cell(record, *requires_));
        const AccountId accountId = out.add(std::move(account));
        for (std::size_t a = 0; a < attributeColumns.size(); ++a)
            out.attributes().setValue(static_cast<std::size_t>(accountId.value()), tableColumns[a], values[a]);
        if (!keyView.empty())
            lineOfKey.emplace(keyView, record.line);
        ++stats.imported;
    }
    if (stats.imported == 0)
        return makeError(ErrorCode::InvalidInput,
                         "no valid account row (" + std::to_string(stats.skipped) + " rows skipped)", table.file);
    reportProgress(feedback, 1.0, "reading accounts");
    accounts = std::move(out);
    return stats;
}

} // namespace tessera::io
