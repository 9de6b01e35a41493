#include "app/cli/commandline.h"

#include "core/store/projectstore.h"

#include <boost/program_options/parsers.hpp>
#include <boost/program_options/positional_options.hpp>

#include <algorithm>
#include <cctype>
#include <iostream>

namespace po = boost::program_options;

namespace tessera::cli {

std::optional<int> parseCommandLine(const std::string &command, const std::vector<std::string> &arguments,
                                    const po::options_description &visible, po::variables_map &values)
{
    po::options_description hidden;
    hidden.add_options()("project", po::value<std::string>(), "project file");
    po::options_description all;
    all.add(visible).add(hidden);
    po::positional_options_description positional;
    positional.add("project", 1);
    try {
        po::store(po::command_line_parser(arguments).options(all).positional(positional).run(), values);
        po::notify(values);
    } catch (const std::exception &error) {
        std::cerr << "tessera-cli " << command << ": " << error.what() << " (see tessera-cli " << command
                  << " --help)\n";
        return 2;
    }
    if (values.count("help")) {
        std::cout << visible << '\n';
        return 0;
    }
    return std::nullopt;
}

std::optional<Project> loadProjectReadOnly(const std::string &command, const std::string &path)
{
    auto store = ProjectStore::open(path, ProjectStore::OpenMode::ReadOnly);
    if (!store) {
        std::cerr << "tessera-cli " << command << ": " << store.error().toString() << '\n';
        return std::nullopt;
    }
    auto loaded = (*store)->load();
    if (!loaded) {
        std::cerr << "tessera-cli " << command << ": " << loaded.error().toString() << '\n';
        return std::nullopt;
    }
    return std::move(*loaded);
}

bool isCsvPath(const std::string &path)
{
    if (path.size() < 4)
        return false;
    std::string tail = path.substr(path.size() - 4);
    std::transform(tail.begin(), tail.end(), tail.begin(), [](unsigned char ch) { return char(std::tolower(ch)); });
    return tail == ".csv";
}

Result<LonLatColumns> findLonLatColumns(const io::CsvTable &table)
{
    auto firstOf = [&table](std::initializer_list<const char *> names) {
        for (const char *name : names)
            if (const int index = table.columnIndex(name); index >= 0)
                return index;
        return -1;
    };
    LonLatColumns columns{firstOf({"lon", "lng", "long", "longitude", "x"}), firstOf({"lat", "latitude", "y"})};
    if (columns.lon < 0 || columns.lat < 0)
        return makeError(ErrorCode::NotFound, "no lon/lat columns (lon, lng, longitude, x / lat, latitude, y)",
                         table.file);
    return columns;
}

} // namespace tessera::cli
