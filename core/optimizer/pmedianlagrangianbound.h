#pragma once

#include "core/feedback.h"
#include "core/optimizer/deadline.h"
#include "core/optimizer/locationproblem.h"
#include "core/optimizer/pmediancostmodel.h"

#include <cstddef>
#include <functional>
#include <vector>

namespace tessera {

/// Lagrangian lower bound for the (capacitated) p-median problem: the
/// constraints "every customer is assigned exactly once" are relaxed with
/// multipliers lambda_i. Each site then has an independent value
///   rho_j = min sum_i (c_ij - lambda_i) x_ij  (uncapacitated: take every negative
///   term; capacitated: a 0-1 knapsack on the site's capacity),
/// and L(lambda) = sum_i lambda_i + (sum of the p smallest rho_j) <= optimum for
/// every lambda. Subgradient optimisation with Polyak steps improves lambda.
/// Any value returned is a valid bound, whatever the number of iterations.
class PmedianLagrangianBound {
public:
    /// \a problem provides capacities and demands; costs come from \a model.
    PmedianLagrangianBound(const PmedianCostModel &model, const LocationProblem &problem);

    /// Starts from lambda_i = the cost of customer i in a known solution (its
    /// assignment), which is a good first point.
    void setStartFromAssignment(const std::vector<std::size_t> &assignment);

    /// Starts from the given multipliers (one per customer), e.g. each
    /// customer's cost in a known solution whose sites are not candidates.
    void setStartMultipliers(const std::vector<double> &lambda);

    /// Runs at most \a iterations subgradient steps towards \a upperBound (the best
    /// known objective) and returns the best bound found so far (unrounded).
    /// Stops early when the bound reaches the upper bound (rounded up for
    /// integral costs), when \a feedback asks to cancel or at \a deadline.
    double improve(double upperBound, std::size_t iterations, Feedback *feedback = nullptr, Deadline deadline = {});

    double bestBound() const { return mBestBound; }
    std::size_t iterationsDone() const { return mIterations; }
    /// Whether the capacitated bound used exact 0-1 knapsacks (else their LP relaxation).
    bool usesIntegerKnapsacks() const { return mIntegerKnapsack; }

    /// Called after every subgradient step with the p sites of that step's
    /// Lagrangian solution (a Lagrangian heuristic can repair them).
    void setSitesObserver(std::function<void(const std::vector<std::size_t> &)> observer)
    {
        mObserver = std::move(observer);
    }

    /// The p sites of the last Lagrangian solution (a good seed for heuristics).
    const std::vector<std::size_t> &lastSites() const { return mLastSites; }

private:
    double evaluate(std::vector<double> &subgradient);
    double knapsackColumn(std::size_t site, bool integer, std::vector<std::size_t> *taken);

    const PmedianCostModel &mModel;
    const LocationProblem &mProblem;
    std::size_t mP = 1;
    bool mCapacitated = false;
    bool mIntegerKnapsack = false;
    std::vector<double> mLambda;
    std::vector<double> mBestLambda;
    double mBestBound = -1e300;
    double mTheta = 2.0;
    std::size_t mSinceImprovement = 0;
    std::size_t mIterations = 0;
    std::vector<std::size_t> mLastSites;
    std::function<void(const std::vector<std::size_t> &)> mObserver;
    // scratch
    std::vector<double> mRho;
    std::vector<std::size_t> mItems;
    std::vector<double> mDp;
    std::vector<unsigned char> mTake;
};

} // namespace tessera
