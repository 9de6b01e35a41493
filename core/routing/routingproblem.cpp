#include "core/routing/routingproblem.h"

#include <cmath>

namespace tessera {

double RoutingProblem::depotOpen() const
{
    return nodes.empty() || nodes[0].windows.empty() ? 0.0 : nodes[0].windows.front().open;
}

double RoutingProblem::depotClose() const
{
    return nodes.empty() || nodes[0].windows.empty() ? std::numeric_limits<double>::infinity()
                                                     : nodes[0].windows.front().close;
}

Result<void> RoutingProblem::validate() const
{
    const std::size_t n = nodes.size();
    if (n == 0)
        return makeError(ErrorCode::InvalidInput, "the problem has no depot");
    if (travel.size() != n * n)
        return makeError(ErrorCode::InvalidInput, "the travel matrix is not nodes x nodes");
    if (!distance.empty() && distance.size() != n * n)
        return makeError(ErrorCode::InvalidInput, "the distance matrix is not nodes x nodes");
    for (double value : travel)
        if (!std::isfinite(value) || value < 0.0)
            return makeError(ErrorCode::InvalidInput, "travel times must be finite and >= 0");
    if (!(capacity > 0.0))
        return makeError(ErrorCode::InvalidInput, "the vehicle capacity must be > 0");
    if (maxVehicles < 1)
        return makeError(ErrorCode::InvalidInput, "at least one vehicle is needed");
    for (std::size_t i = 0; i < n; ++i) {
        const RoutingNode &node = nodes[i];
        const std::string where = "node " + (node.key.empty() ? std::to_string(i) : node.key);
        if (!std::isfinite(node.demand) || node.demand < 0.0 || !std::isfinite(node.service) || node.service < 0.0)
            return makeError(ErrorCode::InvalidInput, "demand and service time must be finite and >= 0", where);
        if (!(node.priority > 0.0) || !std::isfinite(node.priority))
            return makeError(ErrorCode::InvalidInput, "priority must be > 0", where);
        for (std::size_t w = 0; w < node.windows.size(); ++w) {
            const TimeWindow &window = node.windows[w];
            if (std::isnan(window.open) || std::isnan(window.close) || window.open > window.close)
                return makeError(ErrorCode::InvalidInput, "a time window closes before it opens", where);
            if (w > 0 && window.open < node.windows[w - 1].close)
                return makeError(ErrorCode::InvalidInput, "time windows must be sorted and disjoint", where);
        }
    }
    return {};
}

} // namespace tessera
