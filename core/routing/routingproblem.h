#pragma once

#include "core/result.h"

#include <cstddef>
#include <limits>
#include <string>
#include <vector>

namespace tessera {

/// A window in which a visit may START; times in the problem's unit (minutes
/// for rep plans, Solomon's abstract time units for the benchmarks).
struct TimeWindow {
    double open = 0.0;
    double close = std::numeric_limits<double>::infinity();

    bool operator==(const TimeWindow &) const = default;
};

/// One node of a vehicle routing problem. Node 0 is the depot (the rep's home).
struct RoutingNode {
    std::string key;          ///< user-facing id (Solomon customer number, account key)
    double demand = 0.0;      ///< load counted against the vehicle capacity
    double service = 0.0;     ///< time spent at the node
    /// Start-of-service windows, sorted and disjoint; empty means "any time".
    /// For the depot: [departure earliest, return latest] (its first window).
    std::vector<TimeWindow> windows;
    /// Nodes that share a group (>= 0) may not be on the same route (visits of
    /// one account on one day). -1: no group.
    int group = -1;
    /// Weight of leaving the node unserved (priority); > 0.
    double priority = 1.0;
};

/// A vehicle routing problem with time windows (VRPTW): one depot, identical
/// vehicles, a travel-time matrix (also the objective) and an optional
/// distance matrix used only for reporting.
struct RoutingProblem {
    std::vector<RoutingNode> nodes;
    /// nodes x nodes, row-major: travel time i -> j.
    std::vector<double> travel;
    /// nodes x nodes, row-major, optional: distance i -> j for reports.
    std::vector<double> distance;
    double capacity = std::numeric_limits<double>::infinity();
    int maxVehicles = std::numeric_limits<int>::max();

    std::size_t size() const { return nodes.size(); }
    std::size_t customerCount() const { return nodes.empty() ? 0 : nodes.size() - 1; }
    double time(int from, int to) const { return travel[static_cast<std::size_t>(from) * nodes.size() + to]; }
    double dist(int from, int to) const
    {
        const std::size_t index = static_cast<std::size_t>(from) * nodes.size() + to;
        return distance.empty() ? travel[index] : distance[index];
    }
    /// The depot's opening (earliest departure) and closing (latest return).
    double depotOpen() const;
    double depotClose() const;

    /// Sizes agree, values are finite and non-negative, windows sorted; names
    /// the first offending node.
    Result<void> validate() const;
};

} // namespace tessera
