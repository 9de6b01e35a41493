#include "core/optimizer/pmedianlagrangianbound.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <queue>

namespace tessera {

PmedianLagrangianBound::PmedianLagrangianBound(const PmedianCostModel &model, const LocationProblem &problem)
    : mModel(model), mProblem(problem), mP(problem.p), mCapacitated(problem.isCapacitated())
{
    const std::size_t n = model.customers();
    mLambda.assign(n, 0.0);
    for (std::size_t i = 0; i < n; ++i)
        mLambda[i] = model.cost(i, model.order(i)[std::min(model.sites() - 1, std::size_t(1))]);
    mBestLambda = mLambda;
    if (mCapacitated) {
        mIntegerKnapsack = true;
        for (std::size_t i = 0; i < n && mIntegerKnapsack; ++i) {
            const double q = problem.demand(i);
            mIntegerKnapsack = q == std::floor(q);
        }
        double largest = 0.0;
        for (double c : problem.capacities) {
            if (c != std::floor(c))
                mIntegerKnapsack = false;
            largest = std::max(largest, c);
        }
        if (largest > 200000.0)
            mIntegerKnapsack = false;
    }
}

void PmedianLagrangianBound::setStartFromAssignment(const std::vector<std::size_t> &assignment)
{
    for (std::size_t i = 0; i < mLambda.size() && i < assignment.size(); ++i)
        mLambda[i] = mModel.cost(i, assignment[i]);
    mBestLambda = mLambda;
}

void PmedianLagrangianBound::setStartMultipliers(const std::vector<double> &lambda)
{
    for (std::size_t i = 0; i < mLambda.size() && i < lambda.size(); ++i)
        mLambda[i] = lambda[i];
    mBestLambda = mLambda;
}

double PmedianLagrangianBound::knapsackColumn(std::size_t site, bool integer, std::vector<std::size_t> *taken)
{
    // Items: customers whose reduced cost c_ij - lambda_i is negative.
    const std::size_t n = mModel.customers();
    mItems.clear();
    double allValue = 0.0, allDemand = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
        const double v = mModel.cost(i, site) - mLambda[i];
        if (v < 0.0) {
            mItems.push_back(i);
            allValue += v;
            allDemand += mProblem.demand(i);
        }
    }
    const double capacity = mProblem.capacities[site];
    if (taken)
        taken->clear();
    if (allDemand <= capacity) {
        if (taken)
            *taken = mItems;
        return allValue;
    }
    if (!integer) {
        // LP relaxation: best value per unit of demand first.
        std::sort(mItems.begin(), mItems.end(), [&](std::size_t a, std::size_t b) {
            const double qa = mProblem.demand(a), qb = mProblem.demand(b);
            const double va = mModel.cost(a, site) - mLambda[a], vb = mModel.cost(b, site) - mLambda[b];
            // va/qa < vb/qb without dividing by zero demands
            const double left = va * qb, right = vb * qa;
            if (left != right)
                return left < right;
            return a < b;
        });
        double left = capacity, value = 0.0;
        for (std::size_t i : mItems) {
            const double q = mProblem.demand(i);
            const double v = mModel.cost(i, site) - mLambda[i];
            if (q <= left) {
                value += v;
                left -= q;
                if (taken)
                    taken->push_back(i);
            } else {
                value += v * (left / q);
                break;
            }
        }
        return value;
    }
    // Exact 0-1 knapsack by dynamic programming over capacity.
    const auto cap = static_cast<std::size_t>(capacity);
    const std::size_t k = mItems.size();
    mDp.assign(cap + 1, 0.0);
    mTake.assign(k * (cap + 1), 0);
    for (std::size_t t = 0; t < k; ++t) {
        const std::size_t i = mItems[t];
        const auto q = static_cast<std::size_t>(mProblem.demand(i));
        const double v = mModel.cost(i, site) - mLambda[i];
        unsigned char *take = mTake.data() + t * (cap + 1);
        if (q > cap)
            continue;
        for (std::size_t c = cap; c + 1 > q; --c) {
            const double with = mDp[c - q] + v;
            if (with < mDp[c]) {
                mDp[c] = with;
                take[c] = 1;
            }
            if (c == 0)
                break;
        }
    }
    const double value = mDp[cap];
    if (taken) {
        std::size_t c = cap;
        for (std::size_t t = k; t-- > 0;) {
            if (mTake[t * (cap + 1) + c]) {
                taken->push_back(mItems[t]);
                c -= static_cast<std::size_t>(mProblem.demand(mItems[t]));
            }
        }
    }
    return value;
}

double PmedianLagrangianBound::evaluate(std::vector<double> &subgradient)
{
    const std::size_t n = mModel.customers();
    const std::size_t m = mModel.sites();
    mRho.assign(m, 0.0);
    double lambdaSum = 0.0;
    for (std::size_t i = 0; i < n; ++i)
        lambdaSum += mLambda[i];
    subgradient.assign(n, 1.0);
    std::vector<std::size_t> chosen;

    if (!mCapacitated) {
        for (std::size_t i = 0; i < n; ++i) {
            const std::uint32_t *ord = mModel.order(i);
            const double *row = mModel.costRow(i);
            const double l = mLambda[i];
            for (std::size_t k = 0; k < m; ++k) {
                const double c = row[ord[k]];
                if (c >= l)
                    break;
                mRho[ord[k]] += c - l;
            }
        }
        std::vector<std::size_t> index(m);
        std::iota(index.begin(), index.end(), std::size_t(0));
        auto less = [&](std::size_t a, std::size_t b) { return mRho[a] != mRho[b] ? mRho[a] < mRho[b] : a < b; };
        std::nth_element(index.begin(), index.begin() + static_cast<std::ptrdiff_t>(mP - 1), index.end(), less);
        chosen.assign(index.begin(), index.begin() + static_cast<std::ptrdiff_t>(mP));
        std::vector<char> isChosen(m, 0);
        double sum = lambdaSum;
        for (std::size_t j : chosen) {
            isChosen[j] = 1;
            sum += mRho[j];
        }
        for (std::size_t i = 0; i < n; ++i) {
            const std::uint32_t *ord = mModel.order(i);
            const double *row = mModel.costRow(i);
            const double l = mLambda[i];
            for (std::size_t k = 0; k < m; ++k) {
                if (row[ord[k]] >= l)
                    break;
                if (isChosen[ord[k]])
                    subgradient[i] -= 1.0;
            }
        }
        std::sort(chosen.begin(), chosen.end());
        mLastSites = chosen;
        return sum;
    }

    // Capacitated: fractional knapsacks first (each a lower bound of its 0-1
    // knapsack), then exact knapsacks lazily in increasing order of the
    // fractional value until no remaining column can enter the p best.
    std::vector<double> fractional(m);
    for (std::size_t j = 0; j < m; ++j)
        fractional[j] = knapsackColumn(j, false, nullptr);
    std::vector<std::size_t> index(m);
    std::iota(index.begin(), index.end(), std::size_t(0));
    std::sort(index.begin(), index.end(), [&](std::size_t a, std::size_t b) {
        return fractional[a] != fractional[b] ? fractional[a] < fractional[b] : a < b;
    });
    std::vector<double> exact(m, 0.0);
    std::vector<std::size_t> computed;
    std::priority_queue<std::pair<double, std::size_t>> worstOfBest; // max-heap of the p best exact values
    for (std::size_t j : index) {
        if (worstOfBest.size() == mP && fractional[j] >= worstOfBest.top().first)
            break;
        exact[j] = mIntegerKnapsack ? knapsackColumn(j, true, nullptr) : fractional[j];
        computed.push_back(j);
        worstOfBest.emplace(exact[j], j);
        if (worstOfBest.size() > mP)
            worstOfBest.pop();
    }
    std::sort(computed.begin(), computed.end(), [&](std::size_t a, std::size_t b) {
        return exact[a] != exact[b] ? exact[a] < exact[b] : a < b;
    });
    chosen.assign(computed.begin(), computed.begin() + static_cast<std::ptrdiff_t>(std::min(mP, computed.size())));
    double sum = lambdaSum;
    std::vector<std::size_t> taken;
    for (std::size_t j : chosen) {
        sum += exact[j];
        knapsackColumn(j, mIntegerKnapsack, &taken);
        for (std::size_t i : taken)
            subgradient[i] -= 1.0;
    }
    std::sort(chosen.begin(), chosen.end());
    mLastSites = chosen;
    return sum;
}

double PmedianLagrangianBound::improve(double upperBound, std::size_t iterations, Feedback *feedback, Deadline deadline)
{
    std::vector<double> g;
    mLambda = mBestLambda;
    for (std::size_t it = 0; it < iterations; ++it) {
        if (isCancelled(feedback) || (mIterations > 0 && deadline.passed())) // one step always: a finite bound
            break;
        const double value = evaluate(g);
        ++mIterations;
        if (mObserver)
            mObserver(mLastSites);
        if (value > mBestBound + 1e-12 * std::max(1.0, std::fabs(value))) {
            if (value > mBestBound + 1e-6 * std::max(1.0, std::fabs(mBestBound)))
                mSinceImprovement = 0;
            mBestBound = value;
            mBestLambda = mLambda;
        } else if (++mSinceImprovement >= 30) {
            mTheta *= 0.5;
            mSinceImprovement = 0;
        }
        if (mModel.roundBound(mBestBound) >= upperBound - 1e-9 * std::max(1.0, std::fabs(upperBound)))
            break;
        if (mTheta < 5e-4)
            break;
        double norm = 0.0;
        for (double x : g)
            norm += x * x;
        if (norm == 0.0)
            break; // the relaxed solution is feasible: the bound is exact for these multipliers
        const double target = std::max(upperBound, value + 1e-9 * std::max(1.0, std::fabs(value)));
        const double step = mTheta * (target - value) / norm;
        for (std::size_t i = 0; i < g.size(); ++i)
            mLambda[i] += step * g[i];
    }
    return mBestBound;
}

} // namespace tessera
