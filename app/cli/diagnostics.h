#pragma once

#include "core/problemsink.h"
#include "core/result.h"

#include <cstddef>
#include <initializer_list>
#include <limits>
#include <string>

namespace tessera::cli {

/// The exit status of every `tessera-cli` command (docs/cli.md lists them).
enum class ExitCode {
    Ok = 0,                 ///< done
    Failed = 1,             ///< bad input or the work failed; nothing was written
    Usage = 2,              ///< bad command line (unknown option, missing or meaningless argument)
    Infeasible = 3,         ///< the request cannot be met (more territories than units, capacities below demand)
    NotWithinTolerance = 4  ///< optimize: a plan was written, but it misses a tolerance or contiguity
};

/// The integer a command returns for \a code.
constexpr int exitStatus(ExitCode code) { return static_cast<int>(code); }

/// The "Exit status:" paragraph of a command's --help: 0, 1 and 2, then \a further.
std::string exitStatusHelp(std::initializer_list<ExitCode> further = {});

/// Prints one command's diagnostics to stderr, one line each, in one form:
/// "tessera-cli COMMAND: error: FILE:LINE: column 'x': message" (warning:, note:
/// likewise). Fatal errors, usage errors and reported problems all go through it.
class Diagnostics {
public:
    explicit Diagnostics(std::string command);

    /// Prints \a error as an error; returns 3 when it is Infeasible, else 1.
    int fail(const Error &error) const;
    /// Prints \a message as an error; returns 1.
    int fail(const std::string &message) const;
    /// Prints "error: MESSAGE (see tessera-cli COMMAND --help)"; returns 2.
    int usage(const std::string &message) const;
    void warning(const std::string &message) const;
    void note(const std::string &message) const;
    /// Prints \a problem with its severity (Error as error:, Warning as warning:, Info as note:).
    void problem(const Problem &problem) const;
    /// Prints the first \a limit problems of \a sink and a count of the rest;
    /// returns how many of them are errors.
    int problems(const CollectingProblemSink &sink, std::size_t limit = std::numeric_limits<std::size_t>::max()) const;

private:
    void print(const char *severity, const std::string &message) const;

    std::string mCommand;
};

} // namespace tessera::cli
