#pragma once

#include "core/routing/routeset.h"

#include <vector>

namespace tessera {

/// First-improvement local search on a RouteSet over granular neighbourhoods
/// (each customer with its nearest customers): relocate of one to three
/// consecutive customers (or-opt) between and within routes, exchange of two
/// customers, 2-opt* between routes and 2-opt within a route. Inter-route moves
/// are checked in O(1) (segment length) with the route set's forward/backward
/// times; intra-route moves re-time the route.
class LocalSearch {
public:
    LocalSearch(const RoutingProblem &problem, const std::vector<std::vector<int>> &neighbours)
        : mProblem(problem), mNeighbours(neighbours) {}

    /// Improves \a routes until no move helps; returns the travel saved.
    double run(RouteSet &routes, const std::vector<int> &order);

private:
    bool improveCustomer(RouteSet &routes, int u);
    bool relocate(RouteSet &routes, int u, int v);
    bool exchange(RouteSet &routes, int u, int v);
    bool twoOptStar(RouteSet &routes, int u, int v);
    bool intraRoute(RouteSet &routes, int u, int v);

    const RoutingProblem &mProblem;
    const std::vector<std::vector<int>> &mNeighbours;
};

} // namespace tessera
