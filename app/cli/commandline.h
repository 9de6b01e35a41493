#pragma once

#include "core/model/project.h"

#include <boost/program_options/errors.hpp>
#include <boost/program_options/options_description.hpp>
#include <boost/program_options/value_semantic.hpp>
#include <boost/program_options/variables_map.hpp>

#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace tessera::cli {

/// A numeric option that must lie in [min, max] (NaN never does). The check
/// runs as the command line is parsed, so a nonsense value is a usage error
/// naming the option before any file is read.
template<typename T>
class BoundedValue : public boost::program_options::typed_value<T> {
public:
    BoundedValue(T min, T max) : boost::program_options::typed_value<T>(nullptr), mMin(min), mMax(max) {}

    void xparse(boost::any &value, const std::vector<std::string> &tokens) const override
    {
        boost::program_options::typed_value<T>::xparse(value, tokens);
        const T parsed = boost::any_cast<T>(value);
        if (!(parsed >= mMin && parsed <= mMax)) {
            boost::program_options::error_with_option_name error(
                "the argument ('%value%') for option '%canonical_option%' must be a number from " + format(mMin)
                + " to " + format(mMax));
            error.set_substitute("value", tokens.empty() ? std::string() : tokens.front());
            throw error;
        }
    }

private:
    static std::string format(T v)
    {
        std::ostringstream out;
        out << v;
        return out.str();
    }
    T mMin, mMax;
};

/// The one way commands declare a numeric option: po::value<T>() with limits.
template<typename T>
BoundedValue<T> *number(T min, T max)
{
    return new BoundedValue<T>(min, max);
}

/// A text option that may not be empty or blank (a scenario name, a path).
class TextValue : public boost::program_options::typed_value<std::string> {
public:
    TextValue() : boost::program_options::typed_value<std::string>(nullptr) {}
    void xparse(boost::any &value, const std::vector<std::string> &tokens) const override;
};

/// Declares a text option that refuses an empty or blank value.
TextValue *text();

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
