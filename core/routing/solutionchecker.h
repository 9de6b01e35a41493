#pragma once

#include "core/routing/routingproblem.h"
#include "core/routing/routingsolution.h"

#include <string>
#include <vector>

namespace tessera {

/// One stop of a checked route, times in the problem's unit.
struct ScheduledStop {
    int node = 0;
    double arrival = 0.0;
    double start = 0.0;     ///< start of service (arrival + wait)
    double departure = 0.0; ///< start + service
};

/// A route as the checker timed it: earliest departure from the depot, every
/// visit started as soon as its window allows.
struct RouteSchedule {
    std::vector<ScheduledStop> stops;
    double departDepot = 0.0;
    double returnDepot = 0.0;
    double travel = 0.0;
    double distance = 0.0;
    double load = 0.0;
};

/// What the checker found.
struct CheckReport {
    bool feasible = true;
    std::vector<std::string> violations; ///< one line per broken rule
    int vehicles = 0;
    double travel = 0.0;
    double distance = 0.0;
    std::vector<RouteSchedule> schedules;
};

/// Verifies a routing solution from scratch, sharing no code with the solver:
/// every customer served exactly once or listed unassigned (when \a allowUnassigned),
/// capacity, time windows, return to the depot in time, the vehicle count, no
/// two nodes of one group on a route; recomputes travel and distance.
class SolutionChecker {
public:
    explicit SolutionChecker(const RoutingProblem &problem) : mProblem(problem) {}

    CheckReport check(const RoutingSolution &solution, bool allowUnassigned = false) const;

private:
    const RoutingProblem &mProblem;
};

} // namespace tessera
