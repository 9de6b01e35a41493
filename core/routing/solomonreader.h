#pragma once

#include "core/result.h"
#include "core/routing/routingproblem.h"

#include <string>

namespace tessera {

/// Reads Solomon's VRPTW text format: a name line, "VEHICLE" with the fleet size
/// and capacity, then "CUSTOMER" rows (id, x, y, demand, ready, due, service),
/// the depot first. Travel time = Euclidean distance in double precision.
class SolomonReader {
public:
    static Result<RoutingProblem> read(const std::string &path);
    static Result<RoutingProblem> parse(const std::string &text, const std::string &fileName);
};

} // namespace tessera
