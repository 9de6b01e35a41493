#include "core/optimizer/locationproblem.h"

#include "core/valuelimits.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <string>

namespace tessera {

Result<void> LocationProblem::validate() const
{
    const std::size_t n = customerCount();
    const std::size_t m = siteCount();
    if (n == 0)
        return makeError(ErrorCode::InvalidArgument, "the problem has no customer");
    if (m == 0)
        return makeError(ErrorCode::InvalidArgument, "the problem has no candidate site");
    if (p < 1 || p > m)
        return makeError(ErrorCode::Infeasible,
                         "cannot open " + std::to_string(p) + " sites among " + std::to_string(m) + " candidates");
    if (!weights.empty() && weights.size() != n)
        return makeError(ErrorCode::InvalidArgument, "weights: expected " + std::to_string(n) + " values");
    if (!demands.empty() && demands.size() != n)
        return makeError(ErrorCode::InvalidArgument, "demands: expected " + std::to_string(n) + " values");
    if (!capacities.empty() && capacities.size() != m)
        return makeError(ErrorCode::InvalidArgument, "capacities: expected " + std::to_string(m) + " values");
    for (std::size_t i = 0; i < n; ++i) {
        if (!(weight(i) >= 0.0) || !isAcceptedValue(weight(i)))
            return makeError(ErrorCode::InvalidInput, "customer " + std::to_string(i + 1) + ": weight "
                                                          + (weight(i) < 0.0 ? formatValueForMessage(weight(i)) + " is negative"
                                                                             : outOfRangeMessage(weight(i))));
        if (isCapacitated() && (!(demand(i) >= 0.0) || !isAcceptedValue(demand(i))))
            return makeError(ErrorCode::InvalidInput, "customer " + std::to_string(i + 1) + ": demand "
                                                          + (demand(i) < 0.0 ? formatValueForMessage(demand(i)) + " is negative"
                                                                             : outOfRangeMessage(demand(i))));
        const double *row = distances.row(i);
        for (std::size_t j = 0; j < m; ++j) {
            if (!(row[j] >= 0.0) || !std::isfinite(row[j]))
                return makeError(ErrorCode::InvalidInput, "distance from customer " + std::to_string(i + 1) + " to site "
                                                              + std::to_string(j + 1) + " is negative or invalid");
        }
    }
    if (isCapacitated()) {
        double total = 0.0, largest = 0.0;
        for (std::size_t i = 0; i < n; ++i) {
            total += demand(i);
            largest = std::max(largest, demand(i));
        }
        std::vector<double> sorted = capacities;
        for (double c : sorted) {
            if (!(c >= 0.0) || !isAcceptedValue(c))
                return makeError(ErrorCode::InvalidInput, "site capacity " + (c < 0.0 ? formatValueForMessage(c) + " is negative"
                                                                                     : outOfRangeMessage(c)));
        }
        std::sort(sorted.begin(), sorted.end(), std::greater<>());
        double best = 0.0;
        for (std::size_t k = 0; k < p; ++k)
            best += sorted[k];
        if (best + 1e-9 * std::max(1.0, total) < total)
            return makeError(ErrorCode::Infeasible, "total demand " + formatValueForMessage(total) + " exceeds the capacity "
                                                        + formatValueForMessage(best) + " of the " + std::to_string(p)
                                                        + " largest sites");
        if (largest > sorted.front())
            return makeError(ErrorCode::Infeasible, "a customer's demand exceeds every site capacity");
    }
    return {};
}

} // namespace tessera
