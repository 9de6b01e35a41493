#include "core/io/repimporter.h"

#include "core/io/csvfields.h"

#include <unordered_map>

namespace tessera::io {

Result<ImportStats> importReps(const std::string &path, const RepImportOptions &options, std::vector<Rep> &reps,
                               ProblemSink *sink, Feedback *feedback)
{
    auto table = readCsv(path, options.csv, feedback);
    if (!table)
        return table.error();
    return importReps(*table, options, reps, sink, feedback);
}

Result<ImportStats> importReps(const CsvTable &table, const RepImportOptions &options, std::vector<Rep> &reps,
                               ProblemSink *sink, Feedback *feedback)
{
    using namespace csvfields;
    if (table.records.empty())
        return makeError(ErrorCode::InvalidInput, "the file has no data rows", table.file);
    const auto lat = resolveColumn(table, options.latColumn, {"lat", "latitude", "home_lat", "y"}, "latitude");
    if (!lat)
        return lat.error();
    const auto lon = resolveColumn(table, options.lonColumn, {"lon", "lng", "long", "longitude", "home_lon", "x"},
                                   "longitude");
    if (!lon)
        return lon.error();
    if (*lat < 0 || *lon < 0)
        return makeError(ErrorCode::InvalidInput,
                         std::string("no ") + (*lat < 0 ? "latitude" : "longitude")
                             + " column for the rep's home (looked for "
                             + (*lat < 0 ? "lat, latitude, home_lat, y" : "lon, lng, long, longitude, home_lon, x")
                             + ")",
                         table.file);
    const auto id = resolveColumn(table, options.idColumn, {"id", "rep_id", "rep", "key"}, "id");
    if (!id)
        return id.error();
    const auto name = resolveColumn(table, options.nameColumn, {"name", "rep_name"}, "name");
    if (!name)
        return name.error();
    const auto capacity = resolveColumn(table, options.capacityColumn, {"capacity", "capacity_hours", "hours"},
                                        "capacity");
    if (!capacity)
        return capacity.error();
    const auto skills = resolveColumn(table, options.skillsColumn, {"skills", "skill"}, "skills");
    if (!skills)
        return skills.error();

    reportLayout(sink, table,
                 {{"id", *id}, {"name", *name}, {"lat", *lat}, {"lon", *lon}, {"capacity", *capacity}, {"skills", *skills}},
                 nullptr);
    std::vector<Rep> out;
    ImportStats stats;
    std::unordered_map<std::string, long> lineOfKey;
    for (const CsvRecord &record : table.records) {
        ++stats.read;
        if (isCancelled(feedback))
            return makeError(ErrorCode::Cancelled, "import cancelled", table.file);
        if (!checkFieldCount(table, record, sink)) {
            ++stats.skipped;
            continue;
        }
        std::string key = *id >= 0 ? cell(record, *id) : std::to_string(record.line);
        if (key.empty()) {
            reportRow(sink, table, record.line, table.columns[static_cast<std::size_t>(*id)],
                      "missing value; row skipped");
            ++stats.skipped;
            continue;
        }
        if (const auto it = lineOfKey.find(key); it != lineOfKey.end()) {
            reportRow(sink, table, record.line, *id >= 0 ? table.columns[static_cast<std::size_t>(*id)] : "",
                      "duplicate id '" + key + "' (first on line " + std::to_string(it->second) + "); row skipped");
            ++stats.skipped;
            continue;
        }
        const auto latitude = coordinate(table, record, *lat, true, sink);
        const auto longitude = latitude ? coordinate(table, record, *lon, false, sink) : std::nullopt;
        if (!latitude || !longitude) {
            ++stats.skipped;
            continue;
        }
        double hours = 0.0;
        if (*capacity >= 0 && !cell(record, *capacity).empty()) {
            const auto value = requiredNumber(table, record, *capacity, sink);
            if (!value) {
                ++stats.skipped;
                continue;
            }
            if (*value < 0.0) {
                reportRow(sink, table, record.line, table.columns[static_cast<std::size_t>(*capacity)],
                          "negative capacity " + cell(record, *capacity) + "; row skipped");
                ++stats.skipped;
                continue;
            }
            hours = *value;
        }
        Rep rep;
        rep.id = RepId(static_cast<std::int32_t>(out.size()));
        rep.key = key;
        rep.name = *name >= 0 && !cell(record, *name).empty() ? cell(record, *name) : key;
        rep.home = LonLat{*longitude, *latitude};
        rep.capacityHours = hours;
        if (*skills >= 0)
            rep.skills = splitTags(cell(record, *skills));
        out.push_back(std::move(rep));
        lineOfKey.emplace(std::move(key), record.line);
        ++stats.imported;
    }
    if (stats.imported == 0)
        return makeError(ErrorCode::InvalidInput,
                         "no valid rep row (" + std::to_string(stats.skipped) + " rows skipped)", table.file);
    reps = std::move(out);
    return stats;
}

} // namespace tessera::io
