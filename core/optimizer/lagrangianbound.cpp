#include "core/optimizer/lagrangianbound.h"

#include "core/optimizer/locationproblem.h"
#include "core/optimizer/planevaluation.h"
#include "core/optimizer/pmediancostmodel.h"
#include "core/optimizer/pmedianlagrangianbound.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace tessera {

namespace {

/// Uniform bucket grid over points for radius queries.
class PointGrid {
public:
    PointGrid(const std::vector<PlanePoint> &points, double cell) : mPoints(points), mCell(cell)
    {
        mMinX = mMinY = std::numeric_limits<double>::infinity();
        double maxX = -mMinX, maxY = -mMinY;
        for (const PlanePoint &p : points) {
            mMinX = std::min(mMinX, p.x);
            mMinY = std::min(mMinY, p.y);
            maxX = std::max(maxX, p.x);
            maxY = std::max(maxY, p.y);
        }
        mCols = std::max(1, static_cast<int>((maxX - mMinX) / mCell) + 1);
        mRows = std::max(1, static_cast<int>((maxY - mMinY) / mCell) + 1);
        std::vector<int> count(static_cast<std::size_t>(mCols) * mRows + 1, 0);
        for (const PlanePoint &p : points)
            ++count[cellOf(p) + 1];
        std::partial_sum(count.begin(), count.end(), count.begin());
        mStart = count;
        mItems.resize(points.size());
        std::vector<int> fill(count.begin(), count.end() - 1);
        for (std::size_t i = 0; i < points.size(); ++i)
            mItems[static_cast<std::size_t>(fill[cellOf(points[i])]++)] = static_cast<int>(i);
    }

    template<typename F>
    void forEachWithin(const PlanePoint &c, double r, F &&f) const
    {
        const int x0 = std::max(0, static_cast<int>((c.x - r - mMinX) / mCell));
        const int x1 = std::min(mCols - 1, static_cast<int>((c.x + r - mMinX) / mCell));
        const int y0 = std::max(0, static_cast<int>((c.y - r - mMinY) / mCell));
        const int y1 = std::min(mRows - 1, static_cast<int>((c.y + r - mMinY) / mCell));
        for (int y = y0; y <= y1; ++y)
            for (int x = x0; x <= x1; ++x) {
                const std::size_t cell = static_cast<std::size_t>(y) * mCols + x;
                for (int k = mStart[cell]; k < mStart[cell + 1]; ++k)
                    f(mItems[static_cast<std::size_t>(k)]);
            }
    }

private:
    std::size_t cellOf(const PlanePoint &p) const
    {
        const int x = std::clamp(static_cast<int>((p.x - mMinX) / mCell), 0, mCols - 1);
        const int y = std::clamp(static_cast<int>((p.y - mMinY) / mCell), 0, mRows - 1);
        return static_cast<std::size_t>(y) * mCols + x;
    }

    const std::vector<PlanePoint> &mPoints;
    double mCell = 1.0;
    double mMinX = 0, mMinY = 0;
    int mCols = 1, mRows = 1;
    std::vector<int> mStart;
    std::vector<int> mItems;
};

CompactnessBound boundaryBound(const DistrictingProblem &problem, const OptimizerOptions &options)
{
    CompactnessBound bound;
    const bool lengths = districting::graphHasLengths(problem);
    auto [component, pieces] = problem.adjacency.unitCount() == problem.unitCount()
                                   ? problem.adjacency.components()
                                   : std::pair<std::vector<int>, int>({}, static_cast<int>(problem.unitCount()));
    (void)component;
    const int need = std::max(0, options.territories - pieces);
    std::vector<double> values;
    for (const AdjacencyEdge &e : problem.adjacency.edges())
        values.push_back(lengths ? e.sharedLengthKm : 1.0);
    std::sort(values.begin(), values.end());
    for (int e = 0; e < need && e < static_cast<int>(values.size()); ++e)
        bound.value += values[static_cast<std::size_t>(e)];
    bound.label = "vs spanning relaxation (k-1 shortest boundaries)";
    return bound;
}

/// Units x centres at most this many: the relaxation is also solved on the
/// dense cost matrix (some 12 bytes per pair) with exact knapsacks.
constexpr double DenseRelaxationPairs = 1.5e6;

/// The same relaxation as a capacitated p-median on the dense cost matrix,
/// bounded by PmedianLagrangianBound (0-1 knapsacks when the demands allow,
/// and its own step rule). On the sample region it halves the gap left by the
/// grid version (33 % to 17 % at k = 12, ±5 %).
double denseRelaxationBound(const DistrictingProblem &problem, const OptimizerOptions &options,
                            const std::vector<PlanePoint> &sites, std::size_t open, const std::vector<double> &travelWeight,
                            const std::vector<double> *capWeight, double capacity, double upperBound,
                            const std::vector<double> &startMultipliers, Feedback *feedback, Deadline deadline)
{
    const std::size_t n = problem.unitCount(), m = sites.size();
    LocationProblem relaxation;
    relaxation.distances = DistanceMatrix(n, m);
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < m; ++j)
            relaxation.distances.set(i, j, districting::travelCost(options, 1.0, problem.points[i], sites[j]));
    relaxation.weights = travelWeight;
    if (capWeight) {
        relaxation.demands = *capWeight;
        relaxation.capacities.assign(m, capacity);
    }
    relaxation.p = open;
    if (!relaxation.validate())
        return -std::numeric_limits<double>::infinity();
    const PmedianCostModel model(relaxation);
    PmedianLagrangianBound bound(model, relaxation);
    if (startMultipliers.size() == n)
        bound.setStartMultipliers(startMultipliers);
    // A work budget of about 1e8 (unit, centre) evaluations.
    const auto iterations = static_cast<std::size_t>(std::clamp(1e8 / (double(n) * double(m)), 50.0, 1000.0));
    return bound.improve(upperBound, iterations, feedback, deadline);
}

} // namespace

CompactnessBound compactnessLowerBound(const DistrictingProblem &problem, const OptimizerOptions &options,
                                       double upperBound, const std::vector<double> &startMultipliers, int iterations,
                                       Feedback *feedback, double pairBudget, Deadline deadline, double pairWorkBudget)
{
    if (options.compactness == CompactnessObjective::Boundary)
        return boundaryBound(problem, options);

    CompactnessBound bound;
    bound.label = "vs relaxation without contiguity";
    const std::size_t n = problem.unitCount();
    const int k = options.territories;
    if (n == 0 || k <= 0)
        return bound;
    const std::vector<double> tw = districting::travelWeights(problem, options);
    const bool fixed = options.centres == CentreMode::Fixed;
    const std::vector<PlanePoint> &sites = fixed ? problem.fixedCentres : problem.points;
    const std::size_t m = sites.size();

    const std::vector<double> *capWeight = nullptr;
    double capacity = std::numeric_limits<double>::infinity();
    if (!options.balance.empty()) {
        const BalanceGoal &goal = options.balance.front();
        capWeight = &problem.weights[static_cast<std::size_t>(goal.attribute)];
        const double total = std::accumulate(capWeight->begin(), capWeight->end(), 0.0);
        capacity = (1 + goal.tolerance) * total / k;
    }

    double minX = std::numeric_limits<double>::infinity(), maxX = -minX, minY = minX, maxY = -minX;
    for (const PlanePoint &p : sites) {
        minX = std::min(minX, p.x);
        maxX = std::max(maxX, p.x);
        minY = std::min(minY, p.y);
        maxY = std::max(maxY, p.y);
    }
    const double extent = std::max({maxX - minX, maxY - minY, 1e-6});
    const double cell = std::max(extent / std::sqrt(static_cast<double>(m) / 2.0 + 1.0), 1e-6);
    const PointGrid grid(sites, cell);

    std::vector<double> lambda = startMultipliers;
    if (lambda.size() != n)
        lambda.assign(n, 0.0);
    // Any multipliers give a valid bound, so each one is capped at the cost of
    // serving its unit from half a territory width away. Higher multipliers
    // let many distant centres count the same heavy unit, which the few
    // subgradient steps affordable at national scale cannot undo (European
    // layer, k = 500: 96 % gap with a cap at 3 widths, 84 % at half a width);
    // the cap also keeps the enumerated pairs near n x units per territory.
    // When the pairs still overflow the budget, the reach shrinks and the
    // iteration is repeated, so there is always at least one bound.
    const double territoryWidth = std::sqrt(std::max((maxX - minX) * (maxY - minY), 1e-6) / k);
    double reach = 0.5 * territoryWidth;
    auto capLambda = [&]() {
        for (std::size_t i = 0; i < n; ++i)
            lambda[i] = std::min(lambda[i], tw[i] * (options.squaredDistance ? reach * reach : reach));
    };
    capLambda();
    std::vector<double> bestLambda = lambda;
    auto radius = [&](std::size_t i) {
        const double r = lambda[i] / tw[i];
        return r <= 0 ? -1.0 : (options.squaredDistance ? std::sqrt(r) : r);
    };

    // 16 bytes per (unit, centre) pair: the reduced cost and weight are
    // recomputed when the knapsack is filled, which halves the memory of the
    // pairs (the European layer at k = 39 holds millions of them).
    struct Item {
        double ratio;
        int unit;
    };
    std::vector<std::vector<Item>> column(m);
    std::vector<double> value(m);
    std::vector<std::size_t> takenWhole(m);  // items taken whole, in ratio order
    std::vector<double> lastFraction(m);     // fraction of the next item (0 = none)
    auto reducedCost = [&](std::size_t i, std::size_t j) {
        return districting::travelCost(options, tw[i], problem.points[i], sites[j]) - lambda[i];
    };
    double best = -std::numeric_limits<double>::infinity();
    double theta = 1.0;
    int sinceImproved = 0;

    // Work budget over all iterations, in enumerated pairs: wide territories
    // (many pairs per iteration) get fewer subgradient steps.
    double pairWork = 0;
    for (int it = 0; it < std::max(1, iterations); ++it) {
        if (isCancelled(feedback) || (bound.iterations > 0 && deadline.passed()))
            break;
        for (auto &c : column)
            c.clear();
        double pairs = 0;
        bool overflow = false;
        for (std::size_t i = 0; i < n && !overflow; ++i) {
            const double r = radius(i);
            if (r < 0)
                continue;
            grid.forEachWithin(problem.points[i], r, [&](int j) {
                if (!fixed && static_cast<std::size_t>(j) == i)
                    return;
                const double rc = reducedCost(i, static_cast<std::size_t>(j));
                if (rc < 0) {
                    const double w = capWeight ? (*capWeight)[i] : 0.0;
                    column[static_cast<std::size_t>(j)].push_back({w > 0 ? rc / w : -std::numeric_limits<double>::infinity(), static_cast<int>(i)});
                    pairs += 1;
                }
            });
            overflow = pairs > pairBudget;
        }
        if (overflow) {
            // Memory guard: tighten the multipliers' cap and try again.
            if (reach < 0.05 * territoryWidth)
                break;
            reach /= 1.5;
            capLambda();
            --it;
            continue;
        }
        // Fractional knapsack per column.
        for (std::size_t j = 0; j < m; ++j) {
            std::vector<Item> &items = column[j];
            std::sort(items.begin(), items.end(), [](const Item &a, const Item &b) {
                return a.ratio < b.ratio || (a.ratio == b.ratio && a.unit < b.unit);
            });
            double cap = capacity;
            double v = 0;
            takenWhole[j] = 0;
            lastFraction[j] = 0;
            if (!fixed) {
                v -= lambda[j];
                if (capWeight)
                    cap -= (*capWeight)[j];
            }
            for (const Item &item : items) {
                const auto i = static_cast<std::size_t>(item.unit);
                const double weight = capWeight ? (*capWeight)[i] : 0.0;
                if (cap <= 0 && weight > 0)
                    break;
                const double fraction = weight <= 0 ? 1.0 : std::min(1.0, cap / weight);
                v += fraction * reducedCost(i, j);
                if (weight > 0)
                    cap -= fraction * weight;
                if (fraction < 1.0) {
                    lastFraction[j] = fraction;
                    break;
                }
                ++takenWhole[j];
            }
            value[j] = v;
        }
        std::vector<std::size_t> order(m);
        std::iota(order.begin(), order.end(), 0);
        const std::size_t open = fixed ? m : static_cast<std::size_t>(k);
        std::nth_element(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(std::min(open, m) - 1), order.end(),
                         [&](std::size_t a, std::size_t b) { return value[a] < value[b] || (value[a] == value[b] && a < b); });
        double L = std::accumulate(lambda.begin(), lambda.end(), 0.0);
        std::vector<double> coverage(n, 0.0);
        for (std::size_t s = 0; s < std::min(open, m); ++s) {
            L += value[order[s]];
            const std::size_t j = order[s];
            if (!fixed)
                coverage[j] += 1.0;
            const std::vector<Item> &items = column[j];
            for (std::size_t t = 0; t < takenWhole[j]; ++t)
                coverage[static_cast<std::size_t>(items[t].unit)] += 1.0;
            if (lastFraction[j] > 0)
                coverage[static_cast<std::size_t>(items[takenWhole[j]].unit)] += lastFraction[j];
        }
        ++bound.iterations;
        if (!std::isfinite(best) || L > best + 1e-12 * std::abs(best)) {
            best = L;
            bestLambda = lambda;
            sinceImproved = 0;
        } else if (++sinceImproved >= 4) {
            theta *= 0.5;
            sinceImproved = 0;
        }
        double norm = 0;
        for (std::size_t i = 0; i < n; ++i)
            norm += (1 - coverage[i]) * (1 - coverage[i]);
        pairWork += pairs;
        if (norm < 1e-12 || !(upperBound > L) || pairWork > pairWorkBudget)
            break;
        const double step = theta * (upperBound - L) / norm;
        for (std::size_t i = 0; i < n; ++i)
            lambda[i] = std::max(0.0, lambda[i] + step * (1 - coverage[i]));
        capLambda();
        reportProgress(feedback, ProgressReport{static_cast<double>(it + 1) / std::max(1, iterations), "lower bound", {},
                                                std::max(0.0, best)});
    }
    if (double(n) * double(m) <= DenseRelaxationPairs && !isCancelled(feedback) && !deadline.passed()) {
        const std::size_t open = fixed ? m : static_cast<std::size_t>(k);
        best = std::max(best, denseRelaxationBound(problem, options, sites, open, tw, capWeight, capacity, upperBound,
                                                   startMultipliers, feedback, deadline));
    }
    bound.value = std::max(0.0, best);
    return bound;
}

} // namespace tessera
