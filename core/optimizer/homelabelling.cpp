#include "core/optimizer/homelabelling.h"

#include "core/optimizer/planevaluation.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>

namespace tessera {

namespace {

/// Minimum-cost perfect matching of rows to columns of a k x k matrix by
/// shortest augmenting paths with potentials (Jonker-Volgenant style, O(k^3)).
/// Rows left when \a deadline passes are matched greedily to the cheapest free
/// column. Returns the column of each row.
std::vector<int> assignRows(const std::vector<double> &cost, int k, Deadline deadline)
{
    const double inf = std::numeric_limits<double>::infinity();
    const auto K = static_cast<std::size_t>(k);
    auto at = [&](int row, int col) { return cost[static_cast<std::size_t>(row) * K + static_cast<std::size_t>(col)]; };
    // 1-based arrays; column 0 is the virtual start of each augmenting path.
    std::vector<double> u(K + 1, 0.0), v(K + 1, 0.0), minv(K + 1);
    std::vector<int> rowOf(K + 1, 0), way(K + 1, 0);
    std::vector<char> used(K + 1);
    int row = 1;
    for (; row <= k; ++row) {
        if (deadline.passed())
            break;
        rowOf[0] = row;
        int col0 = 0;
        std::fill(minv.begin(), minv.end(), inf);
        std::fill(used.begin(), used.end(), 0);
        do {
            used[static_cast<std::size_t>(col0)] = 1;
            const int r0 = rowOf[static_cast<std::size_t>(col0)];
            double delta = inf;
            int col1 = 0;
            for (int c = 1; c <= k; ++c) {
                const auto cc = static_cast<std::size_t>(c);
                if (used[cc])
                    continue;
                const double reduced = at(r0 - 1, c - 1) - u[static_cast<std::size_t>(r0)] - v[cc];
                if (reduced < minv[cc]) {
                    minv[cc] = reduced;
                    way[cc] = col0;
                }
                if (minv[cc] < delta) {
                    delta = minv[cc];
                    col1 = c;
                }
            }
            for (int c = 0; c <= k; ++c) {
                const auto cc = static_cast<std::size_t>(c);
                if (used[cc]) {
                    u[static_cast<std::size_t>(rowOf[cc])] += delta;
                    v[cc] -= delta;
                } else {
                    minv[cc] -= delta;
                }
            }
            col0 = col1;
        } while (rowOf[static_cast<std::size_t>(col0)] != 0);
        do {
            const int col1 = way[static_cast<std::size_t>(col0)];
            rowOf[static_cast<std::size_t>(col0)] = rowOf[static_cast<std::size_t>(col1)];
            col0 = col1;
        } while (col0 != 0);
    }
    std::vector<int> colOf(K, -1);
    for (int c = 1; c <= k; ++c)
        if (rowOf[static_cast<std::size_t>(c)] > 0)
            colOf[static_cast<std::size_t>(rowOf[static_cast<std::size_t>(c)] - 1)] = c - 1;
    // Deadline: the rest greedily, each to its cheapest free column.
    for (int r = row; r <= k; ++r) {
        int pick = -1;
        for (int c = 1; c <= k; ++c)
            if (rowOf[static_cast<std::size_t>(c)] == 0 && (pick < 0 || at(r - 1, c - 1) < at(r - 1, pick - 1)))
                pick = c;
        rowOf[static_cast<std::size_t>(pick)] = r;
        colOf[static_cast<std::size_t>(r - 1)] = pick - 1;
    }
    return colOf;
}

} // namespace

std::vector<int> labelsByHome(const DistrictingProblem &problem, const OptimizerOptions &options,
                              const std::vector<int> &plan, Deadline deadline)
{
    const int k = options.territories;
    if (k <= 0 || problem.fixedCentres.size() != static_cast<std::size_t>(k) || plan.size() != problem.unitCount())
        return {};
    // Travel of every territory when served from every home.
    const std::vector<double> weights = districting::travelWeights(problem, options);
    std::vector<double> cost(static_cast<std::size_t>(k) * static_cast<std::size_t>(k), 0.0);
    for (std::size_t i = 0; i < plan.size(); ++i) {
        const int t = plan[i];
        if (t < 0 || t >= k)
            continue;
        for (int h = 0; h < k; ++h)
            cost[static_cast<std::size_t>(t) * static_cast<std::size_t>(k) + static_cast<std::size_t>(h)] +=
                districting::travelCost(options, weights[i], problem.points[i], problem.fixedCentres[static_cast<std::size_t>(h)]);
    }
    // Scaled to O(1) so the potentials stay well conditioned.
    const double largest = *std::max_element(cost.begin(), cost.end());
    if (!std::isfinite(largest))
        return {};
    if (largest > 0)
        for (double &c : cost)
            c /= largest;
    std::vector<int> rename = assignRows(cost, k, deadline);
    if (std::find(rename.begin(), rename.end(), -1) != rename.end())
        rename.clear();
    return rename;
}

} // namespace tessera
