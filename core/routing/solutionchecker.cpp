#include "core/routing/solutionchecker.h"

#include <cmath>
#include <set>
#include <sstream>

namespace tessera {

namespace {

// Earliest start of service at or after \a arrival within the node's windows; NaN if none.
double earliestStart(const RoutingNode &node, double arrival, double tolerance)
{
    if (node.windows.empty())
        return arrival;
    for (const TimeWindow &window : node.windows) {
        if (arrival <= window.close + tolerance)
            return std::max(arrival, window.open);
    }
    return std::nan("");
}

} // namespace

CheckReport SolutionChecker::check(const RoutingSolution &solution, bool allowUnassigned) const
{
    CheckReport report;
    const std::size_t n = mProblem.size();
    const double tolerance = 1e-6;
    auto fail = [&](const std::string &text) {
        report.feasible = false;
        report.violations.push_back(text);
    };
    auto name = [&](int node) {
        return mProblem.nodes[node].key.empty() ? std::to_string(node) : mProblem.nodes[node].key;
    };

    std::vector<int> seen(n, 0);
    for (std::size_t r = 0; r < solution.routes.size(); ++r) {
        const auto &route = solution.routes[r];
        if (route.empty())
            continue;
        ++report.vehicles;
        RouteSchedule schedule;
        schedule.departDepot = mProblem.depotOpen();
        double clock = schedule.departDepot;
        int previous = 0;
        std::set<int> groups;
        for (int node : route) {
            if (node <= 0 || static_cast<std::size_t>(node) >= n) {
                fail("route " + std::to_string(r + 1) + " holds an invalid node " + std::to_string(node));
                previous = 0;
                continue;
            }
            ++seen[node];
            const RoutingNode &data = mProblem.nodes[node];
            if (data.group >= 0 && !groups.insert(data.group).second)
                fail("route " + std::to_string(r + 1) + " visits group " + std::to_string(data.group) + " twice ("
                     + name(node) + ")");
            const double legTime = mProblem.travel[static_cast<std::size_t>(previous) * n + node];
            schedule.travel += legTime;
            schedule.distance += mProblem.distance.empty() ? legTime
                                                           : mProblem.distance[static_cast<std::size_t>(previous) * n + node];
            ScheduledStop stop;
            stop.node = node;
            stop.arrival = clock + legTime;
            stop.start = earliestStart(data, stop.arrival, tolerance);
            if (std::isnan(stop.start)) {
                std::ostringstream text;
                text << "route " << r + 1 << " reaches " << name(node) << " at " << stop.arrival
                     << ", after its last time window";
                fail(text.str());
                stop.start = stop.arrival;
            }
            stop.departure = stop.start + data.service;
            clock = stop.departure;
            schedule.load += data.demand;
            schedule.stops.push_back(stop);
            previous = node;
        }
        const double back = mProblem.travel[static_cast<std::size_t>(previous) * n];
        schedule.travel += back;
        schedule.distance += mProblem.distance.empty() ? back : mProblem.distance[static_cast<std::size_t>(previous) * n];
        schedule.returnDepot = clock + back;
        if (schedule.returnDepot > mProblem.depotClose() + tolerance) {
            std::ostringstream text;
            text << "route " << r + 1 << " returns at " << schedule.returnDepot << ", after the depot closes at "
                 << mProblem.depotClose();
            fail(text.str());
        }
        if (schedule.load > mProblem.capacity + tolerance) {
            std::ostringstream text;
            text << "route " << r + 1 << " carries " << schedule.load << " > capacity " << mProblem.capacity;
            fail(text.str());
        }
        report.travel += schedule.travel;
        report.distance += schedule.distance;
        report.schedules.push_back(std::move(schedule));
    }
    for (int node : solution.unassigned) {
        if (node <= 0 || static_cast<std::size_t>(node) >= n) {
            fail("unassigned list holds an invalid node " + std::to_string(node));
            continue;
        }
        ++seen[node];
        if (!allowUnassigned)
            fail("customer " + name(node) + " is not served");
    }
    for (std::size_t node = 1; node < n; ++node) {
        if (seen[node] == 0)
            fail("customer " + name(static_cast<int>(node)) + " is missing");
        else if (seen[node] > 1)
            fail("customer " + name(static_cast<int>(node)) + " appears " + std::to_string(seen[node]) + " times");
    }
    if (report.vehicles > mProblem.maxVehicles)
        fail("uses " + std::to_string(report.vehicles) + " vehicles, more than the fleet of "
             + std::to_string(mProblem.maxVehicles));
    return report;
}

} // namespace tessera
