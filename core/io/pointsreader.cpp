#include "core/io/pointsreader.h"

#include "core/io/csvfields.h"

#include <unordered_map>

namespace tessera::io {

Result<PointTable> readPointsCsv(const std::string &path, const PointsReadOptions &options, ProblemSink *sink)
{
    using namespace csvfields;
    CsvOptions csvOptions = options.csv;
    csvOptions.hasHeader = true;
    auto read = readCsv(path, csvOptions);
    if (!read)
        return read.error();
    const CsvTable &table = *read;
    const auto lon = resolveColumn(table, {}, {"lon", "lng", "long", "longitude", "x"}, "longitude");
    const auto lat = resolveColumn(table, {}, {"lat", "latitude", "y"}, "latitude");
    if (!lon || !lat || *lon < 0 || *lat < 0)
        return makeError(ErrorCode::NotFound, "no lon/lat columns (lon, lng, longitude, x / lat, latitude, y)",
                         table.file);
    int id = -1;
    if (!options.idColumn.empty()) {
        id = table.columnIndex(options.idColumn);
        if (id < 0)
            return makeError(ErrorCode::NotFound, "no column '" + options.idColumn + "'", table.file);
    }
    std::vector<int> attributeColumns;
    PointTable points;
    points.file = table.file;
    for (const std::string &name : options.attributeColumns) {
        const int column = table.columnIndex(name);
        if (column < 0)
            return makeError(ErrorCode::NotFound, "no column '" + name + "'", table.file);
        attributeColumns.push_back(column);
        points.attributeNames.push_back(name);
    }
    points.attributes.assign(attributeColumns.size(), {});

    std::unordered_map<std::string, long> lineOfId;
    std::vector<double> values(attributeColumns.size());
    for (const CsvRecord &record : table.records) {
        ++points.stats.read;
        // Every check runs, so a row with several faults reports each of them.
        const bool complete = checkFieldCount(table, record, sink);
        bool ok = complete;
        const std::string key = id >= 0 ? cell(record, id) : std::to_string(record.line);
        if (id >= 0 && complete) {
            const std::string &column = table.columns[static_cast<std::size_t>(id)];
            if (key.empty()) {
                reportRow(sink, table, record.line, column, "missing id; row skipped");
                ok = false;
            } else if (const auto seen = lineOfId.find(key); seen != lineOfId.end()) {
                reportRow(sink, table, record.line, column,
                          "duplicate id '" + key + "' (first on line " + std::to_string(seen->second)
                              + "); row skipped");
                ok = false;
            } else {
                lineOfId.emplace(key, record.line);
            }
        }
        std::optional<double> longitude, latitude;
        if (complete) {
            longitude = coordinate(table, record, *lon, false, sink);
            latitude = coordinate(table, record, *lat, true, sink);
            ok = ok && longitude && latitude;
        }
        for (std::size_t a = 0; a < attributeColumns.size() && complete; ++a) {
            const auto value = requiredNumber(table, record, attributeColumns[a], sink);
            if (value && *value < 0)
                reportRow(sink, table, record.line, points.attributeNames[a],
                          "negative value " + cell(record, attributeColumns[a]) + "; row skipped");
            if (!value || *value < 0)
                ok = false;
            else
                values[a] = *value;
        }
        if (!ok) {
            ++points.stats.skipped;
            continue;
        }
        ++points.stats.imported;
        points.ids.push_back(key);
        points.positions.push_back({*longitude, *latitude});
        for (std::size_t a = 0; a < values.size(); ++a)
            points.attributes[a].push_back(values[a]);
    }
    return points;
}

Result<std::vector<LonLat>> readCentresCsv(const std::string &path, ProblemSink *sink)
{
    PointsReadOptions options;
    options.idColumn.clear();
    auto points = readPointsCsv(path, options, sink);
    if (!points)
        return points.error();
    return std::move(points->positions);
}

} // namespace tessera::io
