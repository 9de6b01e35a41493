#include "core/routing/localsearch.h"

#include <algorithm>

namespace tessera {

namespace {
constexpr double Epsilon = 1e-7;
}

double LocalSearch::run(RouteSet &routes, const std::vector<int> &order)
{
    const double before = routes.travel();
    bool improved = true;
    int rounds = 0;
    while (improved && rounds++ < 50) {
        improved = false;
        for (int u : order) {
            if (routes.routeOf(u) < 0)
                continue;
            while (improveCustomer(routes, u))
                improved = true;
        }
    }
    routes.dropEmptyRoutes();
    return before - routes.travel();
}

bool LocalSearch::improveCustomer(RouteSet &routes, int u)
{
    for (int v : mNeighbours[u]) {
        if (v == u || routes.routeOf(v) < 0)
            continue;
        if (routes.routeOf(u) != routes.routeOf(v)) {
            if (relocate(routes, u, v) || exchange(routes, u, v) || twoOptStar(routes, u, v))
                return true;
        } else if (intraRoute(routes, u, v)) {
            return true;
        }
    }
    return false;
}

bool LocalSearch::relocate(RouteSet &routes, int u, int v)
{
    const int ru = routes.routeOf(u), pu = routes.positionOf(u);
    const int rv = routes.routeOf(v), pv = routes.positionOf(v);
    const auto &nodes = routes.route(ru).nodes;
    int segment[3];
    double load = 0.0;
    for (int length = 1; length <= 3; ++length) {
        if (pu + length - 1 > static_cast<int>(nodes.size()) - 2)
            break;
        segment[length - 1] = nodes[pu + length - 1];
        load += mProblem.nodes[segment[length - 1]].demand;
        const double removal = routes.removalDelta(ru, pu, pu + length - 1);
        if (removal == RouteSet::Infeasible)
            continue;
        for (int position : {pv, pv - 1}) { // after v, before v
            const double insertion = routes.replaceDelta(rv, position + 1, position, segment, length, load);
            if (insertion == RouteSet::Infeasible || removal + insertion > -Epsilon)
                continue;
            std::vector<int> moved(segment, segment + length);
            std::vector<int> target = routes.route(rv).nodes;
            target.insert(target.begin() + position + 1, moved.begin(), moved.end());
            std::vector<int> source = routes.route(ru).nodes;
            source.erase(source.begin() + pu, source.begin() + pu + length);
            routes.setRouteNodes(ru, std::move(source));
            routes.setRouteNodes(rv, std::move(target));
            return true;
        }
    }
    return false;
}

bool LocalSearch::exchange(RouteSet &routes, int u, int v)
{
    const int ru = routes.routeOf(u), pu = routes.positionOf(u);
    const int rv = routes.routeOf(v), pv = routes.positionOf(v);
    const double du = mProblem.nodes[u].demand, dv = mProblem.nodes[v].demand;
    const double intoV = routes.replaceDelta(rv, pv, pv, &u, 1, du);
    if (intoV == RouteSet::Infeasible)
        return false;
    const double intoU = routes.replaceDelta(ru, pu, pu, &v, 1, dv);
    if (intoU == RouteSet::Infeasible || intoU + intoV > -Epsilon)
        return false;
    std::vector<int> a = routes.route(ru).nodes, b = routes.route(rv).nodes;
    a[pu] = v;
    b[pv] = u;
    routes.setRouteNodes(ru, std::move(a));
    routes.setRouteNodes(rv, std::move(b));
    return true;
}

bool LocalSearch::twoOptStar(RouteSet &routes, int u, int v)
{
    const int ru = routes.routeOf(u), pu = routes.positionOf(u);
    const int rv = routes.routeOf(v), pv = routes.positionOf(v);
    // edge u -> v: cut after u and before v; edge v -> u: cut before u and after v
    const int cuts[2][2] = {{pu, pv - 1}, {pu - 1, pv}};
    for (const auto &cut : cuts) {
        const double delta = routes.twoOptStarDelta(ru, cut[0], rv, cut[1]);
        if (delta != RouteSet::Infeasible && delta < -Epsilon) {
            routes.applyTwoOptStar(ru, cut[0], rv, cut[1]);
            return true;
        }
    }
    return false;
}

bool LocalSearch::intraRoute(RouteSet &routes, int u, int v)
{
    const int r = routes.routeOf(u);
    const auto &nodes = routes.route(r).nodes;
    const double current = routes.route(r).travel;
    const int pu = routes.positionOf(u), pv = routes.positionOf(v);
    // relocate u right after v
    if (pu != pv + 1) {
        std::vector<int> moved = nodes;
        moved.erase(moved.begin() + pu);
        const int target = pv < pu ? pv + 1 : pv;
        moved.insert(moved.begin() + target, u);
        const double travel = routes.sequenceTravel(moved);
        if (travel < current - Epsilon) {
            routes.setRouteNodes(r, std::move(moved));
            return true;
        }
    }
    // 2-opt: reverse the stretch between u and v
    const int first = std::min(pu, pv), last = std::max(pu, pv);
    if (last - first >= 1) {
        std::vector<int> reversed = nodes;
        std::reverse(reversed.begin() + first, reversed.begin() + last + 1);
        const double travel = routes.sequenceTravel(reversed);
        if (travel < current - Epsilon) {
            routes.setRouteNodes(r, std::move(reversed));
            return true;
        }
    }
    return false;
}

} // namespace tessera
