#include "app/cli/commandline.h"

#include "app/cli/diagnostics.h"
#include "core/store/projectstore.h"

#include <boost/program_options/parsers.hpp>
#include <boost/program_options/positional_options.hpp>

#include <algorithm>
#include <cctype>
#include <iostream>
#include <sstream>

namespace po = boost::program_options;

namespace tessera::cli {

std::optional<int> parseCommandLine(const std::string &command, const std::vector<std::string> &arguments,
                                    const po::options_description &visible, po::variables_map &values,
                                    const po::options_description *aliases, bool takesProject)
{
    po::options_description hidden;
    if (takesProject)
        hidden.add_options()("project", po::value<std::string>(), "project file");
    po::options_description all;
    all.add(visible).add(hidden);
    if (aliases)
        all.add(*aliases);
    po::positional_options_description positional;
    if (takesProject)
        positional.add("project", 1);
    try {
        po::store(po::command_line_parser(arguments).options(all).positional(positional).run(), values);
        po::notify(values);
    } catch (const std::exception &error) {
        return Diagnostics(command).usage(error.what());
    }
    if (values.count("help")) {
        std::cout << visible << '\n';
        return exitStatus(ExitCode::Ok);
    }
    return std::nullopt;
}

std::optional<Project> loadProjectReadOnly(const std::string &command, const std::string &path)
{
    auto store = ProjectStore::open(path, ProjectStore::OpenMode::ReadOnly);
    if (!store) {
        Diagnostics(command).fail(store.error());
        return std::nullopt;
    }
    auto loaded = (*store)->load();
    if (!loaded) {
        Diagnostics(command).fail(loaded.error());
        return std::nullopt;
    }
    return std::move(*loaded);
}

void TextValue::xparse(boost::any &value, const std::vector<std::string> &tokens) const
{
    po::typed_value<std::string>::xparse(value, tokens);
    if (boost::any_cast<std::string>(value).find_first_not_of(" \t") == std::string::npos)
        throw po::error_with_option_name("option '%canonical_option%' needs a non-empty value");
}

TextValue *text()
{
    return new TextValue();
}

bool isCsvPath(const std::string &path)
{
    if (path.size() < 4)
        return false;
    std::string tail = path.substr(path.size() - 4);
    std::transform(tail.begin(), tail.end(), tail.begin(), [](unsigned char ch) { return char(std::tolower(ch)); });
    return tail == ".csv";
}

std::vector<std::string> splitList(const std::string &text)
{
    std::vector<std::string> items;
    std::stringstream stream(text);
    std::string item;
    while (std::getline(stream, item, ','))
        if (!item.empty())
            items.push_back(item);
    return items;
}

} // namespace tessera::cli
