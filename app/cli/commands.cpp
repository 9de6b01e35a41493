#include "app/cli/commands.h"

#include <iostream>

namespace tessera::cli {

// Declared here rather than in a shared header: each is defined in its own
// <name>command.cpp and only this table needs them.

std::span<const Command> commands()
{
    static const Command table[] = {
        {"version", "print the version",
         [](const std::vector<std::string> &) {
             std::cout << "tessera-cli " TESSERA_VERSION "\n";
             return 0;
         }},
    };
    return table;
}

} // namespace tessera::cli
