#pragma once

#include "core/io/csvreader.h"
#include "core/model/project.h"
#include "core/result.h"

#include <boost/program_options/options_description.hpp>
#include <boost/program_options/variables_map.hpp>

#include <optional>
#include <string>
#include <vector>

namespace tessera::cli {

/// Parses a subcommand's \a arguments against \a visible plus an optional
/// positional PROJECT (stored as "project"). Prints the help or the usage
/// error itself. Returns the exit code the command must stop with (0 after
/// --help, 2 on a usage error), or nothing when the command carries on.
std::optional<int> parseCommandLine(const std::string &command, const std::vector<std::string> &arguments,
                                    const boost::program_options::options_description &visible,
                                    boost::program_options::variables_map &values);

/// Opens \a path read-only and loads the whole project. On failure prints
/// "tessera-cli COMMAND: <error naming the file>" and returns nothing.
std::optional<Project> loadProjectReadOnly(const std::string &command, const std::string &path);

/// Whether \a path names a CSV file (by its extension, any case): the
/// commands that take units read a CSV of points, anything else through GDAL.
bool isCsvPath(const std::string &path);

/// Columns of the point coordinates in a CSV table.
struct LonLatColumns {
    int lon = -1;
    int lat = -1;
};

/// Finds the lon/lat columns by their usual names (lon, lng, long,
/// longitude, x / lat, latitude, y); NotFound naming \a table's file otherwise.
Result<LonLatColumns> findLonLatColumns(const io::CsvTable &table);

} // namespace tessera::cli
