// tessera-cli: the headless front end. It only dispatches to a subcommand.
#include "app/cli/commands.h"
#include "app/cli/diagnostics.h"

#include <cstring>
#include <iostream>
#include <string>
#include <vector>

namespace {

void printUsage(std::ostream &out)
{
    out << "Usage: tessera-cli COMMAND [OPTIONS]\n\nCommands:\n";
    for (const tessera::cli::Command &command : tessera::cli::commands())
        out << "  " << command.name << std::string(12 - std::min<std::size_t>(11, std::strlen(command.name)), ' ')
            << command.summary << '\n';
    out << "\nRun 'tessera-cli COMMAND --help' for a command's options and exit codes.\n"
        << tessera::cli::exitStatusHelp();
}

} // namespace

int main(int argc, char **argv)
{
    using tessera::cli::ExitCode;
    if (argc < 2) {
        std::cerr << "tessera-cli: error: missing COMMAND\n";
        printUsage(std::cerr);
        return exitStatus(ExitCode::Usage);
    }
    const std::string name = argv[1];
    if (name == "--help" || name == "-h" || name == "help") {
        printUsage(std::cout);
        return exitStatus(ExitCode::Ok);
    }
    for (const tessera::cli::Command &command : tessera::cli::commands()) {
        if (name == command.name)
            return command.run(std::vector<std::string>(argv + 2, argv + argc));
    }
    std::cerr << "tessera-cli: error: unknown command '" << name << "' (see tessera-cli --help)\n";
    return exitStatus(ExitCode::Usage);
}
