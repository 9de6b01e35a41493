#pragma once

#include <cstdint>

namespace tessera {

/// What the routing solver minimises.
enum class RoutingObjective {
    Distance, ///< total travel, any number of vehicles up to the fleet
    Vehicles  ///< fewest vehicles first, then total travel
};

/// Settings of VrptwSolver. With a work budget (maxIterations > 0) the
/// annealing schedule follows the iteration count and the run is
/// deterministic for a seed; with a time limit only, it follows the clock.
struct RoutingOptions {
    RoutingObjective objective = RoutingObjective::Distance;
    std::uint64_t seed = 1;
    /// Wall-clock limit in seconds; 0 = none (then maxIterations must be > 0).
    double timeLimitSeconds = 2.0;
    /// Count the time limit in this process's CPU seconds instead of wall
    /// seconds (benchmarks on a shared machine; the search is single-threaded).
    bool cpuClock = false;
    /// Ruin-and-recreate iterations; 0 = until the time limit.
    long long maxIterations = 0;
    /// Share of the budget the vehicles objective spends removing routes.
    double fleetShare = 0.6;
    /// Average number of customers one ruin removes (SISR's c-bar).
    double averageRemoved = 10.0;
    /// Longest string one ruin removes from a route (SISR's L-max).
    int maxStringLength = 10;
    /// Probability of skipping an insertion position (SISR's blinks).
    double blinkRate = 0.01;
    /// Annealing temperatures as fractions of the mean depot-customer travel.
    double startTemperature = 0.3;
    double finalTemperature = 0.003;
    /// Run the local search (relocate, or-opt, exchange, 2-opt*, 2-opt) on every new best.
    bool localSearch = true;
};

} // namespace tessera
