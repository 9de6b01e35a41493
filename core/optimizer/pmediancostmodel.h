#pragma once

#include "core/optimizer/locationproblem.h"

#include <cstdint>
#include <vector>

namespace tessera {

/// The solvers' view of a LocationProblem: the weighted cost matrix
/// c_ij = w_i d_ij and, per customer, the sites sorted by cost (ties by index),
/// so that "every site closer than X" is a prefix scan.
class PmedianCostModel {
public:
    explicit PmedianCostModel(const LocationProblem &problem);

    std::size_t customers() const { return mCustomers; }
    std::size_t sites() const { return mSites; }
    double cost(std::size_t i, std::size_t j) const { return mCost[i * mSites + j]; }
    const double *costRow(std::size_t i) const { return mCost.data() + i * mSites; }
    /// Sites sorted by cost from customer i, nearest first.
    const std::uint32_t *order(std::size_t i) const { return mOrder.data() + i * mSites; }
    /// True when every cost is a whole number, so bounds may be rounded up.
    bool isIntegral() const { return mIntegral; }

    /// Objective of assigning each customer to its nearest site of \a openSites.
    double evaluate(const std::vector<std::size_t> &openSites, std::vector<std::size_t> *assignment = nullptr) const;

    /// A bound rounded up when the objective is integral.
    double roundBound(double bound) const;

private:
    std::size_t mCustomers = 0;
    std::size_t mSites = 0;
    std::vector<double> mCost;
    std::vector<std::uint32_t> mOrder;
    bool mIntegral = false;
};

} // namespace tessera
