// tessera-cli info: what a project holds, for people (text) and scripts (--json).
#include "app/cli/commandline.h"
#include "app/cli/diagnostics.h"
#include "app/cli/jsonformat.h"
#include "core/model/project.h"

#include <boost/program_options.hpp>

#include <iostream>
#include <string>
#include <vector>

namespace tessera::cli {

namespace {

namespace po = boost::program_options;

/// Accounts listed by key in the "outside every unit" figure.
constexpr std::size_t OutsideKeysShown = 10;

} // namespace

int runInfoCommand(const std::vector<std::string> &arguments)
{
    po::options_description visible(
        "Usage: tessera-cli info PROJECT [--json]\n\n"
        "Prints the counts of units, accounts, reps, territories and scenarios, the\n"
        "bounding box, the islands (units with no neighbour) and the accounts outside\n"
        "every unit.\n\n"
        + exitStatusHelp() + "\nOptions");
    visible.add_options()("help,h", "show this help")("json", "print one JSON object");
    po::variables_map vm;
    if (const std::optional<int> exitCode = parseCommandLine("info", arguments, visible, vm))
        return *exitCode;
    if (!vm.count("project"))
        return Diagnostics("info").usage("missing PROJECT");
    const std::string path = vm["project"].as<std::string>();
    const std::optional<Project> loaded = loadProjectReadOnly("info", path);
    if (!loaded)
        return exitStatus(ExitCode::Failed);
    const Project &project = *loaded;

    std::vector<std::string> islandKeys;
    for (const UnitId island : project.adjacency().islands())
        if (island.value() < static_cast<std::int32_t>(project.units().size()))
            islandKeys.push_back(project.units().unit(island).key);
    std::size_t outside = 0;
    std::vector<std::string> outsideKeys;
    for (const Account &account : project.accounts().accounts()) {
        if (account.unit.isValid())
            continue;
        ++outside;
        if (outsideKeys.size() < OutsideKeysShown)
            outsideKeys.push_back(account.key);
    }
    std::size_t territories = 0;
    for (const Scenario &scenario : project.scenarios())
        territories += scenario.territories.size();
    const BoundingBox box = project.units().bounds();

    if (vm.count("json")) {
        using jsonformat::Json;
        Json out;
        out["project"] = path;
        out["units"] = project.units().size();
        out["accounts"] = project.accounts().size();
        out["reps"] = project.reps().size();
        out["territories"] = territories;
        out["scenarios"] = project.scenarios().size();
        out["bbox"] = jsonformat::bbox(box);
        out["adjacency_edges"] = project.adjacency().edgeCount();
        out["islands"] = {{"count", islandKeys.size()}, {"keys", islandKeys}};
        out["accounts_outside"] = {{"count", outside}, {"keys", outsideKeys}};
        Json list = Json::array();
        for (const Scenario &scenario : project.scenarios())
            list.push_back({{"name", scenario.name},
                            {"territories", scenario.territories.size()},
                            {"unassigned_units", scenario.alignment.unassignedCount()}});
        out["scenario_list"] = list;
        jsonformat::print(out);
        return exitStatus(ExitCode::Ok);
    }

    std::cout << "Project:     " << path << '\n';
    std::cout << "Units:       " << project.units().size() << '\n';
    if (box.isValid()) {
        // An extent crossing 180° has maxLon > 180 (BoundingBox); people read -179, not 181.
        const bool crosses = box.maxLon > 180.0;
        std::cout << "Extent:      " << box.minLon << ", " << box.minLat << " .. "
                  << (crosses ? box.maxLon - 360.0 : box.maxLon) << ", " << box.maxLat << " (lon, lat"
                  << (crosses ? "; crosses 180°" : "") << ")\n";
    }
    std::cout << "Adjacency:   " << project.adjacency().edgeCount() << " edges\n";
    std::cout << "Islands:     " << islandKeys.size();
    for (std::size_t i = 0; i < islandKeys.size() && i < 20; ++i)
        std::cout << (i ? ", " : ": ") << islandKeys[i];
    if (islandKeys.size() > 20)
        std::cout << ", ...";
    std::cout << '\n';
    std::cout << "Accounts:    " << project.accounts().size() << " (" << outside << " outside every unit";
    for (std::size_t i = 0; i < outsideKeys.size(); ++i)
        std::cout << (i ? ", " : ": ") << outsideKeys[i];
    if (outside > outsideKeys.size())
        std::cout << ", ...";
    std::cout << ")\n";
    std::cout << "Reps:        " << project.reps().size() << '\n';
    std::cout << "Scenarios:   " << project.scenarios().size() << '\n';
    for (const Scenario &scenario : project.scenarios())
        std::cout << "  " << scenario.name << ": " << scenario.territories.size() << " territories, "
                  << scenario.alignment.unassignedCount() << " units unassigned\n";
    std::cout << "Territories: " << territories << '\n';
    return exitStatus(ExitCode::Ok);
}

} // namespace tessera::cli
