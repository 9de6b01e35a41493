#pragma once

#include "core/result.h"

#include <optional>
#include <string>
#include <type_traits>

namespace tessera::glpk {

/// Runs \a body, which calls GLPK, so that an internal GLPK error becomes an
/// error result instead of ending the process. GLPK reports a failed internal
/// assertion (badly scaled data reaching the simplex) or an argument out of
/// range by calling abort(); run() sets GLPK's error hook, which, as GLPK's
/// manual prescribes, frees this thread's GLPK environment and longjmps back
/// here. Every GLPK call in core/ goes through run().
///
/// What \a body must respect, because the jump skips its frames:
/// - after an error every GLPK object (glp_prob, glp_graph, glp_tree) of this
///   thread is already freed: an owner outside \a body must drop its pointer
///   without deleting it;
/// - C++ objects that live inside \a body are not destroyed on an error
///   (their memory is lost, never corrupted): keep big buffers outside it.
/// A run() inside another one on the same thread joins the outer one.
/// Returns an Internal error carrying GLPK's own message and \a what.
Result<void> run(const std::string &what, void (*body)(void *), void *context);

template<typename F>
Result<void> run(const std::string &what, F &&body)
{
    return run(what, [](void *context) { (*static_cast<std::remove_reference_t<F> *>(context))(); },
               static_cast<void *>(&body));
}

/// run() for a solver entry point: \a solve returns a Result<T>, and a GLPK
/// failure anywhere inside it becomes that Result's error.
template<typename T, typename F>
Result<T> guarded(const std::string &what, F &&solve)
{
    std::optional<Result<T>> result;
    if (auto ok = run(what, [&] { result.emplace(solve()); }); !ok)
        return ok.error();
    return std::move(*result);
}

} // namespace tessera::glpk
