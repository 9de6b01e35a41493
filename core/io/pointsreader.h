#pragma once

#include "core/io/csvreader.h"
#include "core/io/importstats.h"
#include "core/model/geo.h"
#include "core/problemsink.h"
#include "core/result.h"

#include <string>
#include <vector>

namespace tessera::io {

/// What a CSV of points must hold.
struct PointsReadOptions {
    /// Column with each point's id: required, every row needs a non-empty id
    /// that no other row has. Empty = no id column; a point's id is its line number.
    std::string idColumn = "id";
    /// Numeric columns read for every point; each value must be a number >= 0.
    std::vector<std::string> attributeColumns;
    /// How the file is parsed (delimiter detected); a points file always has a header.
    CsvOptions csv;
};

/// The points of a CSV file, in file order, bad rows left out.
struct PointTable {
    std::string file;
    std::vector<std::string> ids;
    std::vector<LonLat> positions;
    std::vector<std::string> attributeNames;         ///< as asked for in PointsReadOptions
    std::vector<std::vector<double>> attributes;     ///< [attribute][point]
    ImportStats stats;                               ///< rows read, kept and skipped

    std::size_t size() const { return ids.size(); }
};

/// Reads a CSV of points: a header, longitude and latitude columns found by
/// their usual names (lon, lng, long, longitude, x / lat, latitude, y), the id
/// column and the attribute columns. A missing file or column is fatal. Every
/// bad row (wrong field count, missing, empty or repeated id, a position that
/// is not a number or out of range, an attribute that is not a number or is
/// negative) is reported to \a sink as an Error naming file, line and column
/// and left out; reading goes on, so one run lists every bad row.
Result<PointTable> readPointsCsv(const std::string &path, const PointsReadOptions &options, ProblemSink *sink);

/// Fixed territory centres: a CSV of points with lon and lat columns, one row
/// per territory in order, no id column needed. Bad rows as readPointsCsv.
Result<std::vector<LonLat>> readCentresCsv(const std::string &path, ProblemSink *sink);

} // namespace tessera::io
