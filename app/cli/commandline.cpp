#include "app/cli/commandline.h"

#include "core/store/projectstore.h"

#include <boost/program_options/parsers.hpp>
#include <boost/program_options/positional_options.hpp>

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

} // namespace tessera::cli
