#pragma once

#include "app/cli/command.h"

#include <span>

namespace tessera::cli {

// One function per subcommand, each in its own <name>command.cpp.

/// Every subcommand, in the order `tessera-cli --help` lists them.
std::span<const Command> commands();

} // namespace tessera::cli
