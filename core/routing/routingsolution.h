#pragma once

#include <vector>

namespace tessera {

/// Routes of a routing problem: node indices in visiting order, the depot not
/// listed. Customers no route serves are in \c unassigned.
struct RoutingSolution {
    std::vector<std::vector<int>> routes;
    std::vector<int> unassigned;
    double travel = 0.0;      ///< sum of travel times (the objective)
    double distance = 0.0;    ///< sum of distances (the distance matrix, or travel)
    double seconds = 0.0;     ///< wall time the solver used
    long long iterations = 0; ///< ruin-and-recreate iterations run

    int vehicles() const
    {
        int count = 0;
        for (const auto &route : routes)
            count += route.empty() ? 0 : 1;
        return count;
    }
};

} // namespace tessera
