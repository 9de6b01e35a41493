#include "core/io/adjacencyreader.h"

#include "core/io/csvfields.h"

#include <unordered_map>

namespace tessera::io {

Result<std::vector<AdjacencyEdge>> readAdjacencyCsv(const std::string &path, const std::vector<std::string> &unitKeys,
                                                    ProblemSink *sink)
{
    using namespace csvfields;
    CsvOptions csvOptions;
    csvOptions.hasHeader = true;
    auto read = readCsv(path, csvOptions);
    if (!read)
        return read.error();
    const CsvTable &table = *read;
    if (table.columns.size() < 2)
        return makeError(ErrorCode::InvalidInput, "an adjacency file needs two columns a,b", table.file);
    std::unordered_map<std::string, int> index;
    for (std::size_t i = 0; i < unitKeys.size(); ++i)
        index.emplace(unitKeys[i], static_cast<int>(i));
    std::vector<AdjacencyEdge> edges;
    for (const CsvRecord &record : table.records) {
        bool ok = true;
        int ends[2] = {-1, -1};
        for (int side = 0; side < 2; ++side) {
            const std::string key = cell(record, side);
            const std::string &column = table.columns[static_cast<std::size_t>(side)];
            if (key.empty()) {
                reportRow(sink, table, record.line, column, "missing unit id; row skipped");
                ok = false;
            } else if (const auto found = index.find(key); found == index.end()) {
                reportRow(sink, table, record.line, column, "unknown unit id '" + key + "'; row skipped");
                ok = false;
            } else {
                ends[side] = found->second;
            }
        }
        double length = 0.0;
        if (table.columns.size() > 2 && !cell(record, 2).empty()) {
            const auto value = parseNumber(cell(record, 2), decimalComma(table));
            if (!value || !(*value >= 0)) {
                reportRow(sink, table, record.line, table.columns[2],
                          "length '" + cell(record, 2) + "' is not a number >= 0; row skipped");
                ok = false;
            } else {
                length = *value;
            }
        }
        if (ok)
            edges.push_back({UnitId(ends[0]), UnitId(ends[1]), length});
    }
    return edges;
}

} // namespace tessera::io
