#include "core/routing/routeset.h"

#include <algorithm>

namespace tessera {

RouteSet::RouteSet(const RoutingProblem &problem)
    : mProblem(&problem)
    , mRouteOf(problem.size(), -1)
    , mPositionOf(problem.size(), -1)
    , mUnassignedIndex(problem.size(), -1)
{
    for (const RoutingNode &node : problem.nodes)
        mHasGroups = mHasGroups || node.group >= 0;
}

double RouteSet::travel() const
{
    double sum = 0.0;
    for (const Route &route : mRoutes)
        sum += route.travel;
    return sum;
}

double RouteSet::unassignedWeight() const
{
    double sum = 0.0;
    for (int node : mUnassigned)
        sum += mProblem->nodes[node].priority;
    return sum;
}

double RouteSet::earliestStartSlow(int node, double arrival) const
{
    const auto &windows = mProblem->nodes[node].windows;
    if (windows.empty())
        return arrival;
    for (const TimeWindow &window : windows)
        if (arrival <= window.close)
            return std::max(arrival, window.open);
    return Infeasible;
}

double RouteSet::latestStart(int node, double bound) const
{
    const auto &windows = mProblem->nodes[node].windows;
    if (windows.empty())
        return bound;
    for (auto it = windows.rbegin(); it != windows.rend(); ++it)
        if (bound >= it->open)
            return std::min(bound, it->close);
    return -Infeasible;
}

double RouteSet::replaceDelta(int routeIndex, int first, int last, const int *segment, int length,
                              double segmentLoad) const
{
    const Route &route = mRoutes[routeIndex];
    const double removedLoad = route.load[last] - route.load[first - 1];
    if (route.load.back() - removedLoad + segmentLoad > mProblem->capacity + 1e-9)
        return Infeasible;
    const auto &nodes = mProblem->nodes;
    int previous = route.nodes[first - 1];
    double clock = route.start[first - 1] + nodes[previous].service;
    double delta = 0.0;
    for (int k = 0; k < length; ++k) {
        const int node = segment[k];
        const double leg = mProblem->time(previous, node);
        const double start = earliestStart(node, clock + leg);
        if (start == Infeasible)
            return Infeasible;
        delta += leg;
        clock = start + nodes[node].service;
        previous = node;
    }
    const int next = route.nodes[last + 1];
    const double leg = mProblem->time(previous, next);
    if (earliestStart(next, clock + leg) > route.latest[last + 1] + 1e-9)
        return Infeasible;
    if (mHasGroups) {
        for (int k = 0; k < length; ++k) {
            const int group = nodes[segment[k]].group;
            if (group < 0)
                continue;
            for (std::size_t p = 1; p + 1 < route.nodes.size(); ++p)
                if ((static_cast<int>(p) < first || static_cast<int>(p) > last) && nodes[route.nodes[p]].group == group)
                    return Infeasible;
        }
    }
    delta += leg;
    for (int k = first - 1; k <= last; ++k)
        delta -= mProblem->time(route.nodes[k], route.nodes[k + 1]);
    return delta;
}

double RouteSet::twoOptStarDelta(int routeA, int cutA, int routeB, int cutB) const
{
    const Route &a = mRoutes[routeA];
    const Route &b = mRoutes[routeB];
    const double q = mProblem->capacity + 1e-9;
    if (a.load[cutA] + b.load.back() - b.load[cutB] > q || b.load[cutB] + a.load.back() - a.load[cutA] > q)
        return Infeasible;
    const auto &nodes = mProblem->nodes;
    const int a1 = a.nodes[cutA], a2 = a.nodes[cutA + 1], b1 = b.nodes[cutB], b2 = b.nodes[cutB + 1];
    if (earliestStart(b2, a.start[cutA] + nodes[a1].service + mProblem->time(a1, b2)) > b.latest[cutB + 1] + 1e-9)
        return Infeasible;
    if (earliestStart(a2, b.start[cutB] + nodes[b1].service + mProblem->time(b1, a2)) > a.latest[cutA + 1] + 1e-9)
        return Infeasible;
    if (mHasGroups) {
        auto clash = [&](const Route &head, int headCut, const Route &tail, int tailCut) {
            for (int i = 1; i <= headCut; ++i)
                for (std::size_t j = tailCut + 1; j + 1 < tail.nodes.size(); ++j)
                    if (nodes[head.nodes[i]].group >= 0 && nodes[head.nodes[i]].group == nodes[tail.nodes[j]].group)
                        return true;
            return false;
        };
        if (clash(a, cutA, b, cutB) || clash(b, cutB, a, cutA))
            return Infeasible;
    }
    return mProblem->time(a1, b2) + mProblem->time(b1, a2) - mProblem->time(a1, a2) - mProblem->time(b1, b2);
}

void RouteSet::applyTwoOptStar(int routeA, int cutA, int routeB, int cutB)
{
    std::vector<int> newA(mRoutes[routeA].nodes.begin(), mRoutes[routeA].nodes.begin() + cutA + 1);
    newA.insert(newA.end(), mRoutes[routeB].nodes.begin() + cutB + 1, mRoutes[routeB].nodes.end());
    std::vector<int> newB(mRoutes[routeB].nodes.begin(), mRoutes[routeB].nodes.begin() + cutB + 1);
    newB.insert(newB.end(), mRoutes[routeA].nodes.begin() + cutA + 1, mRoutes[routeA].nodes.end());
    setRouteNodes(routeA, std::move(newA));
    setRouteNodes(routeB, std::move(newB));
}

bool RouteSet::groupFree(int routeIndex, int group, int ignoreNode) const
{
    if (group < 0)
        return true;
    for (int node : mRoutes[routeIndex].nodes)
        if (node != ignoreNode && node != 0 && mProblem->nodes[node].group == group)
            return false;
    return true;
}

double RouteSet::sequenceTravel(const std::vector<int> &sequence) const
{
    const auto &nodes = mProblem->nodes;
    double clock = mProblem->depotOpen();
    double travel = 0.0;
    double load = 0.0;
    for (std::size_t k = 1; k < sequence.size(); ++k) {
        const double leg = mProblem->time(sequence[k - 1], sequence[k]);
        travel += leg;
        const double start = earliestStart(sequence[k], clock + nodes[sequence[k - 1]].service + leg);
        if (start == Infeasible)
            return Infeasible;
        clock = start;
        load += nodes[sequence[k]].demand;
    }
    if (load > mProblem->capacity + 1e-9 || clock > mProblem->depotClose() + 1e-9)
        return Infeasible;
    return travel;
}

void RouteSet::update(int routeIndex)
{
    Route &route = mRoutes[routeIndex];
    const auto &nodes = mProblem->nodes;
    const std::size_t size = route.nodes.size();
    route.start.resize(size);
    route.latest.resize(size);
    route.load.resize(size);
    route.start[0] = mProblem->depotOpen();
    route.load[0] = 0.0;
    route.travel = 0.0;
    for (std::size_t k = 1; k < size; ++k) {
        const int previous = route.nodes[k - 1];
        const int node = route.nodes[k];
        const double leg = mProblem->time(previous, node);
        route.travel += leg;
        const double arrival = route.start[k - 1] + nodes[previous].service + leg;
        route.start[k] = k + 1 == size ? arrival : earliestStart(node, arrival);
        route.load[k] = route.load[k - 1] + nodes[node].demand;
    }
    route.latest[size - 1] = mProblem->depotClose();
    for (std::size_t k = size - 1; k-- > 0;) {
        const int node = route.nodes[k];
        const double bound = route.latest[k + 1] - mProblem->time(node, route.nodes[k + 1]) - nodes[node].service;
        route.latest[k] = k == 0 ? bound : latestStart(node, bound);
    }
}

void RouteSet::reindex(int routeIndex)
{
    const Route &route = mRoutes[routeIndex];
    for (std::size_t k = 1; k + 1 < route.nodes.size(); ++k) {
        mRouteOf[route.nodes[k]] = routeIndex;
        mPositionOf[route.nodes[k]] = static_cast<int>(k);
    }
}

void RouteSet::insert(int routeIndex, int position, int node)
{
    if (mUnassignedIndex[node] >= 0) {
        const int index = mUnassignedIndex[node];
        mUnassigned[index] = mUnassigned.back();
        mUnassignedIndex[mUnassigned[index]] = index;
        mUnassigned.pop_back();
        mUnassignedIndex[node] = -1;
    }
    Route &route = mRoutes[routeIndex];
    route.nodes.insert(route.nodes.begin() + position + 1, node);
    update(routeIndex);
    reindex(routeIndex);
}

void RouteSet::unassign(int node)
{
    if (mUnassignedIndex[node] >= 0)
        return;
    mUnassignedIndex[node] = static_cast<int>(mUnassigned.size());
    mUnassigned.push_back(node);
    mRouteOf[node] = -1;
    mPositionOf[node] = -1;
}

void RouteSet::remove(int node)
{
    const int routeIndex = mRouteOf[node];
    if (routeIndex < 0)
        return;
    Route &route = mRoutes[routeIndex];
    route.nodes.erase(route.nodes.begin() + mPositionOf[node]);
    update(routeIndex);
    reindex(routeIndex);
    unassign(node);
}

void RouteSet::remove(const std::vector<int> &nodes)
{
    if (nodes.empty())
        return;
    const int routeIndex = mRouteOf[nodes.front()];
    Route &route = mRoutes[routeIndex];
    for (int node : nodes)
        route.nodes[mPositionOf[node]] = -1;
    route.nodes.erase(std::remove(route.nodes.begin(), route.nodes.end(), -1), route.nodes.end());
    update(routeIndex);
    reindex(routeIndex);
    for (int node : nodes)
        unassign(node);
}

int RouteSet::openRoute()
{
    Route route;
    route.nodes = {0, 0};
    mRoutes.push_back(std::move(route));
    update(routeCount() - 1);
    return routeCount() - 1;
}

void RouteSet::setRouteNodes(int routeIndex, std::vector<int> nodes)
{
    mRoutes[routeIndex].nodes = std::move(nodes);
    update(routeIndex);
    reindex(routeIndex);
}

void RouteSet::dropEmptyRoutes()
{
    const auto end = std::remove_if(mRoutes.begin(), mRoutes.end(), [](const Route &r) { return r.customers() == 0; });
    if (end == mRoutes.end())
        return;
    mRoutes.erase(end, mRoutes.end());
    for (int r = 0; r < routeCount(); ++r)
        reindex(r);
}

RoutingSolution RouteSet::toSolution() const
{
    RoutingSolution solution;
    for (const Route &route : mRoutes) {
        if (route.customers() == 0)
            continue;
        solution.routes.emplace_back(route.nodes.begin() + 1, route.nodes.end() - 1);
        solution.travel += route.travel;
        for (std::size_t k = 1; k < route.nodes.size(); ++k)
            solution.distance += mProblem->dist(route.nodes[k - 1], route.nodes[k]);
    }
    solution.unassigned = mUnassigned;
    std::sort(solution.unassigned.begin(), solution.unassigned.end());
    return solution;
}

} // namespace tessera
