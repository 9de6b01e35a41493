#include "core/optimizer/glpkguard.h"

#include <glpk.h>

#include <csetjmp>
#include <vector>

namespace tessera::glpk {

namespace {

/// The innermost run() of this thread: where the error hook jumps to, and
/// the text GLPK printed just before its error (its only description of it).
struct Guard {
    std::jmp_buf target;
    std::string output;
};

thread_local Guard *tGuard = nullptr;

int captureOutput(void *, const char *text)
{
    if (tGuard) {
        tGuard->output += text;
        constexpr std::size_t keep = 2000; // the message is at the end
        if (tGuard->output.size() > 2 * keep)
            tGuard->output.erase(0, tGuard->output.size() - keep);
    }
    return 1; // nothing reaches the terminal: CLI output stays clean JSON
}

[[noreturn]] void onError(void *)
{
    Guard *guard = tGuard;
    // GLPK's state is undefined after an error; its manual says to free the
    // environment (every object of this thread) before jumping out.
    glp_free_env();
    std::longjmp(guard->target, 1);
}

/// GLPK's error report: the message and "Error detected in file F at line N".
std::string lastLines(const std::string &text)
{
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string::npos)
            end = text.size();
        if (end > start)
            lines.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    if (lines.empty())
        return "unknown error";
    const std::size_t first = lines.size() > 2 ? lines.size() - 2 : 0;
    std::string message = lines[first];
    for (std::size_t i = first + 1; i < lines.size(); ++i)
        message += "; " + lines[i];
    return message;
}

} // namespace

Result<void> run(const std::string &what, void (*body)(void *), void *context)
{
    if (tGuard) {
        body(context);
        return {};
    }
    Guard guard;
    tGuard = &guard;
    glp_term_hook(captureOutput, nullptr);
    glp_error_hook(onError, nullptr);
    if (setjmp(guard.target) == 0) {
        body(context);
        glp_error_hook(nullptr, nullptr);
        glp_term_hook(nullptr, nullptr);
        tGuard = nullptr;
        return {};
    }
    // Back from onError: the environment (and with it the hooks) is gone.
    tGuard = nullptr;
    return makeError(ErrorCode::Internal, what + ": the GLPK solver failed (" + lastLines(guard.output) + ")");
}

} // namespace tessera::glpk
