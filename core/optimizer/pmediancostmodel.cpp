#include "core/optimizer/pmediancostmodel.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace tessera {

PmedianCostModel::PmedianCostModel(const LocationProblem &problem)
    : mCustomers(problem.customerCount()), mSites(problem.siteCount())
{
    mCost.resize(mCustomers * mSites);
    mOrder.resize(mCustomers * mSites);
    mIntegral = true;
    for (std::size_t i = 0; i < mCustomers; ++i) {
        double *row = mCost.data() + i * mSites;
        for (std::size_t j = 0; j < mSites; ++j) {
            row[j] = problem.cost(i, j);
            if (mIntegral && row[j] != std::floor(row[j]))
                mIntegral = false;
        }
        std::uint32_t *order = mOrder.data() + i * mSites;
        std::iota(order, order + mSites, 0u);
        std::stable_sort(order, order + mSites, [row](std::uint32_t a, std::uint32_t b) { return row[a] < row[b]; });
    }
}

double PmedianCostModel::evaluate(const std::vector<std::size_t> &openSites, std::vector<std::size_t> *assignment) const
{
    std::vector<char> open(mSites, 0);
    for (std::size_t j : openSites)
        open[j] = 1;
    if (assignment)
        assignment->assign(mCustomers, 0);
    double total = 0.0;
    for (std::size_t i = 0; i < mCustomers; ++i) {
        const std::uint32_t *ord = order(i);
        for (std::size_t k = 0; k < mSites; ++k) {
            if (open[ord[k]]) {
                total += cost(i, ord[k]);
                if (assignment)
                    (*assignment)[i] = ord[k];
                break;
            }
        }
    }
    return total;
}

double PmedianCostModel::roundBound(double bound) const
{
    if (!mIntegral)
        return bound;
    // Guard against floating-point noise before rounding up.
    const double tolerance = 1e-6 * std::max(1.0, std::fabs(bound));
    return std::ceil(bound - tolerance);
}

} // namespace tessera
