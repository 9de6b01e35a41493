#pragma once

#include "core/optimizer/distancematrix.h"
#include "core/result.h"

#include <cstddef>
#include <vector>

namespace tessera {

/// A site-selection ("where to place K reps") problem: open exactly p of the
/// candidate sites and assign every customer to one open site, minimising
/// sum_i weight_i * distance(i, site(i)). With capacities, the demand assigned
/// to a site may not exceed its capacity (single sourcing: the capacitated
/// p-median problem).
struct LocationProblem {
    /// customers x candidate sites; row i, column j = distance from customer i to site j.
    DistanceMatrix distances;
    /// Objective weight per customer; empty means 1 for every customer.
    std::vector<double> weights;
    /// Demand per customer counted against site capacities; empty means the weights
    /// (or 1 when there are no weights). Only used when capacities is non-empty.
    std::vector<double> demands;
    /// Capacity per candidate site; empty means uncapacitated.
    std::vector<double> capacities;
    /// Number of sites to open (1 <= p <= number of sites).
    std::size_t p = 1;

    std::size_t customerCount() const { return distances.rows(); }
    std::size_t siteCount() const { return distances.columns(); }
    bool isCapacitated() const { return !capacities.empty(); }

    double weight(std::size_t customer) const { return weights.empty() ? 1.0 : weights[customer]; }
    double demand(std::size_t customer) const
    {
        return !demands.empty() ? demands[customer] : weight(customer);
    }
    /// weight_i * d_ij, the objective term of assigning customer i to site j.
    double cost(std::size_t customer, std::size_t site) const
    {
        return weight(customer) * distances.at(customer, site);
    }

    /// Checks sizes, non-negative finite values, 1 <= p <= sites and, with
    /// capacities, that the p largest capacities can hold the total demand.
    Result<void> validate() const;
};

} // namespace tessera
