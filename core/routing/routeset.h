#pragma once

#include "core/routing/routingproblem.h"
#include "core/routing/routingsolution.h"

#include <algorithm>
#include <limits>
#include <vector>

namespace tessera {

/// The working solution of the routing solver: routes with, per position, the
/// earliest start of service (forward) and the latest start that keeps the rest
/// of the route feasible (backward), plus prefix loads. With them, inserting or
/// removing a segment, exchanging two customers or joining a route's head to
/// another route's tail (2-opt*) is checked for time windows and capacity in
/// O(1) per move (O(segment length) for a segment).
class RouteSet {
public:
    static constexpr double Infeasible = std::numeric_limits<double>::infinity();

    struct Route {
        std::vector<int> nodes;     ///< depot, customers..., depot
        std::vector<double> start;  ///< earliest start of service per position
        std::vector<double> latest; ///< latest start of service per position
        std::vector<double> load;   ///< load up to and including each position
        double travel = 0.0;
        int customers() const { return static_cast<int>(nodes.size()) - 2; }
    };

    explicit RouteSet(const RoutingProblem &problem);

    const RoutingProblem &problem() const { return *mProblem; }
    int routeCount() const { return static_cast<int>(mRoutes.size()); }
    const Route &route(int index) const { return mRoutes[index]; }
    int routeOf(int node) const { return mRouteOf[node]; }
    int positionOf(int node) const { return mPositionOf[node]; }
    const std::vector<int> &unassigned() const { return mUnassigned; }
    double travel() const;
    /// Sum of the priorities of unassigned customers.
    double unassignedWeight() const;

    /// Earliest start of service at \a node for an arrival at \a arrival (Infeasible if none).
    double earliestStart(int node, double arrival) const
    {
        const auto &windows = mProblem->nodes[node].windows;
        if (windows.size() == 1)
            return arrival <= windows[0].close ? std::max(arrival, windows[0].open) : Infeasible;
        return earliestStartSlow(node, arrival);
    }
    /// Latest start of service at \a node not after \a bound (-Infeasible if none).
    double latestStart(int node, double bound) const;

    /// Extra travel of replacing positions [first, last] of \a route by \a segment
    /// (customers in order; last = first - 1 inserts, length 0 removes), or
    /// Infeasible when a time window, the capacity or a group forbids it.
    double replaceDelta(int route, int first, int last, const int *segment, int length, double segmentLoad) const;
    double insertionDelta(int route, int position, int node) const
    {
        return replaceDelta(route, position + 1, position, &node, 1, mProblem->nodes[node].demand);
    }
    double removalDelta(int route, int first, int last) const
    {
        return replaceDelta(route, first, last, nullptr, 0, 0.0);
    }
    /// 2-opt*: route a keeps positions [0, cutA] and takes b's tail after cutB, and
    /// vice versa. Extra travel or Infeasible.
    double twoOptStarDelta(int routeA, int cutA, int routeB, int cutB) const;
    /// Applies the 2-opt* move twoOptStarDelta evaluated.
    void applyTwoOptStar(int routeA, int cutA, int routeB, int cutB);
    /// Time windows alone (capacity and groups are the caller's) for inserting
    /// \a node after \a position: the hot path of greedy insertion.
    bool timeFeasible(int routeIndex, int position, int node) const
    {
        const Route &route = mRoutes[routeIndex];
        const int previous = route.nodes[position];
        const int next = route.nodes[position + 1];
        const double start = earliestStart(
            node, route.start[position] + mProblem->nodes[previous].service + mProblem->time(previous, node));
        if (start == Infeasible)
            return false;
        return earliestStart(next, start + mProblem->nodes[node].service + mProblem->time(node, next))
               <= route.latest[position + 1] + 1e-9;
    }
    bool hasGroups() const { return mHasGroups; }
    /// Whether \a route may hold another member of \a group (always when group < 0).
    bool groupFree(int route, int group, int ignoreNode = -1) const;
    /// Time-window feasibility and travel of an arbitrary node sequence (depots included).
    double sequenceTravel(const std::vector<int> &nodes) const;

    void insert(int route, int position, int node); ///< after \a position
    void remove(int node);                          ///< makes it unassigned
    void remove(const std::vector<int> &nodes);     ///< several of one route, re-timed once
    void unassign(int node);                        ///< marks a fresh node unassigned
    int openRoute();                                ///< an empty route; returns its index
    void setRouteNodes(int route, std::vector<int> nodes); ///< replaces a route (depots included)
    void dropEmptyRoutes();

    RoutingSolution toSolution() const;

private:
    double earliestStartSlow(int node, double arrival) const;
    void update(int route);
    void reindex(int route);

    const RoutingProblem *mProblem;
    std::vector<Route> mRoutes;
    std::vector<int> mRouteOf;
    std::vector<int> mPositionOf;
    std::vector<int> mUnassigned;
    std::vector<int> mUnassignedIndex;
    bool mHasGroups = false;
};

} // namespace tessera
