#pragma once

#include <string>
#include <vector>

namespace tessera::cli {

/// One `tessera-cli` subcommand: receives its own arguments (without the
/// program and command names) and returns the process exit code.
using CommandFunction = int (*)(const std::vector<std::string> &arguments);

struct Command {
    const char *name;
    const char *summary;
    CommandFunction run;
};

} // namespace tessera::cli
