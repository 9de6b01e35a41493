#pragma once

#include <cstddef>
#include <cstdint>

namespace tessera {

/// Settings of the p-median solvers. The result is a function of the problem,
/// the seed and the work budgets; the time limit is only a safety stop.
struct LocationOptions {
    /// Seed of the search's random generator; same seed, same budgets, same result.
    std::uint64_t seed = 1;
    /// Wall-clock safety stop in seconds (0 = none). Hitting it is reported as
    /// LocationStop::TimeLimit and makes the result machine dependent.
    double timeLimitSeconds = 0.0;
    /// Independent starts of the search (first: greedy, others random).
    std::size_t starts = 1;
    /// VNS iterations per start without improvement before the start ends; 0 =
    /// automatic, 40 * p clamped to [200, 4000]. Each iteration costs one shake
    /// plus one local search.
    std::size_t vnsIterationsWithoutImprovement = 0;
    /// Largest shaking neighbourhood (number of random swaps); 0 = automatic,
    /// p / 4 clamped to [5, 25].
    std::size_t vnsMaxShake = 0;
    /// Subgradient iterations of the Lagrangian lower bound (per call).
    std::size_t boundIterations = 1000;
    /// Capacitated: independent VNS starts (first from the uncapacitated and
    /// Lagrangian seeds, the others from random sites).
    std::size_t capacitatedStarts = 4;
    /// Capacitated: use the exact GLPK branch-and-bound when customers * sites
    /// is at most this (0 = never).
    std::size_t exactMaxVariables = 12000;
    /// Capacitated: wall-clock safety stop of the final GLPK run in seconds (0 =
    /// none beyond timeLimitSeconds). The node budget below is the binding limit;
    /// this only fires on a far slower machine or a pathological instance.
    double mipTimeLimitSeconds = 120.0;
    /// Capacitated: branch-and-bound nodes of the final GLPK run (exact path or
    /// nearest-sites model); a work budget, unlike the time limit. 0 = automatic,
    /// mipWork / (assignment columns of the model) clamped to [100, 20000].
    std::size_t mipNodeLimit = 0;
    /// Capacitated: work of the final GLPK run in node * column units, used when
    /// mipNodeLimit is 0 (4e6: 1,600 nodes on 50 x 50, 400 on 100 x 100).
    std::size_t mipWork = 4000000;
    /// Capacitated: GLPK group sub-solves of the partial optimisation step (a
    /// work budget; 0 = until no group improves).
    std::size_t subproblemSolves = 400;
    /// Capacitated, at most 200 customers: exact (GLPK) assignments of site sets
    /// whose heuristic value is within 3 % of the incumbent during the search (a
    /// work budget; 0 = heuristic assignments only).
    std::size_t exactAssignments = 2000;
    /// Capacitated: relative gap at which GLPK may stop (0 = prove optimality).
    double mipGap = 0.0;
    /// Capacitated heuristic: each customer may use only its this many nearest
    /// sites in the MIP improvement step (the exact path uses all).
    std::size_t mipNearestSites = 12;
    /// Capacitated: post our heuristic solution to GLPK and fix columns by the
    /// bound (off = plain textbook model, for comparison runs).
    bool mipWarmStart = true;
};

} // namespace tessera
