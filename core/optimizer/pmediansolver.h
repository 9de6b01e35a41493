#pragma once

#include "core/feedback.h"
#include "core/optimizer/locationoptions.h"
#include "core/optimizer/locationproblem.h"
#include "core/optimizer/locationresult.h"
#include "core/result.h"

namespace tessera {

class PmedianCostModel;

/// Uncapacitated p-median: variable neighbourhood search whose local search is
/// the fast swap of Resende & Werneck (gain / loss / extra tables updated only
/// for the customers a swap affects), with multi-start, plus a Lagrangian lower
/// bound so every result states its gap. Stops early when the bound proves the
/// solution optimal. Deterministic for a given seed and budget.
class PmedianSolver {
public:
    explicit PmedianSolver(LocationOptions options = {});

    /// Capacities in \a problem are ignored (see PmedianCapacitatedSolver).
    /// Returns Error{Cancelled} when \a feedback asks to stop.
    Result<LocationResult> solve(const LocationProblem &problem, Feedback *feedback = nullptr) const;

    /// The same search on a prepared cost model (shared with the capacitated
    /// solver, which seeds from it); \a withBound = false skips the bound.
    Result<LocationResult> solve(const LocationProblem &problem, const PmedianCostModel &model, bool withBound,
                                 Feedback *feedback) const;

private:
    LocationOptions mOptions;
};

} // namespace tessera
