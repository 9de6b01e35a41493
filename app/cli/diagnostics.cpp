#include "app/cli/diagnostics.h"

#include <iostream>

namespace tessera::cli {

std::string exitStatusHelp(std::initializer_list<ExitCode> further)
{
    std::string text = "Exit status: 0 done, 1 bad input or failed (nothing written), 2 bad usage";
    for (const ExitCode code : further) {
        switch (code) {
        case ExitCode::Infeasible:
            text += ",\n  3 infeasible (the request cannot be met, e.g. more territories than units)";
            break;
        case ExitCode::NotWithinTolerance:
            text += ",\n  4 plan written, but not within every tolerance (or not contiguous)";
            break;
        default:
            break;
        }
    }
    return text + ".\n";
}

Diagnostics::Diagnostics(std::string command)
    : mCommand(std::move(command))
{
}

int Diagnostics::fail(const Error &error) const
{
    print("error", error.toString());
    return exitStatus(error.code == ErrorCode::Infeasible ? ExitCode::Infeasible : ExitCode::Failed);
}

int Diagnostics::fail(const std::string &message) const
{
    print("error", message);
    return exitStatus(ExitCode::Failed);
}

int Diagnostics::usage(const std::string &message) const
{
    print("error", message + " (see tessera-cli " + mCommand + " --help)");
    return exitStatus(ExitCode::Usage);
}

void Diagnostics::warning(const std::string &message) const { print("warning", message); }

void Diagnostics::note(const std::string &message) const { print("note", message); }

void Diagnostics::problem(const Problem &problem) const
{
    switch (problem.severity) {
    case Problem::Severity::Info:
        print("note", problem.toString());
        break;
    case Problem::Severity::Warning:
        print("warning", problem.toString());
        break;
    case Problem::Severity::Error:
        print("error", problem.toString());
        break;
    }
}

int Diagnostics::problems(const CollectingProblemSink &sink, std::size_t limit) const
{
    std::size_t shown = 0;
    for (const Problem &p : sink.problems()) {
        if (shown++ == limit)
            break;
        problem(p);
    }
    if (sink.problems().size() > limit)
        note("... and " + std::to_string(sink.problems().size() - limit) + " more problems (use --verbose)");
    return sink.count(Problem::Severity::Error);
}

void Diagnostics::print(const char *severity, const std::string &message) const
{
    std::cerr << "tessera-cli " << mCommand << ": " << severity << ": " << message << '\n';
}

} // namespace tessera::cli
