#pragma once

#include "core/model/project.h"

#include <boost/program_options/options_description.hpp>
#include <boost/program_options/variables_map.hpp>

#include <optional>
#include <string>
#include <vector>

namespace tessera::cli {

/// Parses a subcommand's \a arguments against \a visible (what --help shows),
/// \a aliases (old spellings still accepted, not shown) and, when
/// \a takesProject, one positional PROJECT (stored as "project"). Prints the
/// help or the usage error itself. Returns the exit code the command must stop
/// with (0 after --help, 2 on a usage error), or nothing when it carries on.
std::optional<int> parseCommandLine(const std::string &command, const std::vector<std::string> &arguments,
                                    const boost::program_options::options_description &visible,
                                    boost::program_options::variables_map &values,
                                    const boost::program_options::options_description *aliases = nullptr,
                                    bool takesProject = true);

/// Opens \a path read-only and loads the whole project. On failure prints
/// "tessera-cli COMMAND: error: <error naming the file>" and returns nothing.
std::optional<Project> loadProjectReadOnly(const std::string &command, const std::string &path);

/// Whether \a path names a CSV file (by its extension, any case): the
/// commands that take units read a CSV of points, anything else through GDAL.
bool isCsvPath(const std::string &path);

/// The items of a comma-separated list, empty items dropped.
std::vector<std::string> splitList(const std::string &text);

} // namespace tessera::cli
