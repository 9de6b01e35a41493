#pragma once

#include "core/feedback.h"
#include "core/optimizer/districtingproblem.h"
#include "core/optimizer/optimizeroptions.h"
#include "core/optimizer/optimizerresult.h"

#include <chrono>
#include <cstdint>
#include <functional>
#include <vector>

namespace tessera {

/// The scalable districting heuristic: seeding (k-means++ per piece of the
/// geography, or fixed centres), balanced assignment by additive weights (the
/// duals of the transportation LP, i.e. a power diagram), contiguity repair by
/// growth from each centre, then local search with O(1) move evaluation:
/// boundary 1-moves under a rising balance penalty (strategic oscillation)
/// followed by compactness moves under hard balance bounds, with an
/// articulation check by early-stopping BFS; Hess/Cooper location steps for
/// chosen centres. One object = one problem; run() is one deterministic start.
class DistrictingSearch {
public:
    using Clock = std::chrono::steady_clock;

    DistrictingSearch(const DistrictingProblem &problem, const OptimizerOptions &options);

    /// One start with its own seed and move budget. \a deadline is the
    /// wall-clock safety stop. Returns false when cancelled.
    bool run(std::uint64_t seed, std::int64_t moveBudget, Clock::time_point deadline, Feedback *feedback);

    /// Why refine() stopped.
    enum class RefineStop { WorkBudget, TimeLimit, Stall, IdleRounds, Cancelled };

    /// Anytime improvement of \a plan by iterated local search: each round
    /// kicks a few border units of one territory into a neighbour (a chain
    /// that keeps both connected), re-balances, re-optimises compactness (and
    /// the centres when they are chosen) and keeps the result only when it is
    /// balanced, contiguous and better; otherwise it returns to the best plan.
    /// Stops at \a moveBudget evaluated moves, at \a deadline, after
    /// \a stallSeconds without improvement (0 = no such rule) or after
    /// \a idleRounds rounds without improvement. Deterministic for a seed
    /// and budget unless a time rule stops it. \a onImproved is called with
    /// every new best objective.
    RefineStop refine(const std::vector<int> &plan, std::uint64_t seed, std::int64_t moveBudget, Clock::time_point deadline,
                      double stallSeconds, std::int64_t idleRounds, Feedback *feedback,
                      const std::function<void(double)> &onImproved = {});
    /// Internal objective of the current plan: compactness + disruption.
    double objectiveValue() const;
    /// Rounds run and improvements found by the last refine().
    std::int64_t refineRounds() const { return mRefineRounds; }
    std::int64_t refineImprovements() const { return mRefineImprovements; }

    /// Starts from \a plan (territory per unit) instead of building one.
    void setStartPlan(std::vector<int> plan) { mStartPlan = std::move(plan); }

    const std::vector<int> &plan() const { return mAssign; }
    /// Centre unit per territory (chosen centres), -1 with fixed centres.
    std::vector<int> centreUnits() const;
    const OptimizerStats &stats() const { return mStats; }

private:
    struct Rng {
        std::uint64_t state;
        std::uint64_t next();
        /// Uniform in [0, bound).
        std::uint64_t below(std::uint64_t bound) { return bound ? next() % bound : 0; }
        double unit() { return static_cast<double>(next() >> 11) * (1.0 / 9007199254740992.0); }
    };

    struct Snapshot {
        std::vector<int> assign;
        std::vector<std::vector<double>> load;
        std::vector<double> work;
        std::vector<int> count;
        std::vector<int> centreUnit;
        std::vector<PlanePoint> centre;
        std::vector<char> isCentre;
        double moved = 0;
    };
    Snapshot snapshot() const;
    void restore(const Snapshot &state);
    /// Sets the search state to \a plan (centres from it when they are chosen).
    void loadPlan(const std::vector<int> &plan);
    /// The ILS kick: up to \a size border units of a random territory into one neighbour.
    int kick(Rng &rng, int size);
    bool isContiguousPlan();

    double cost(std::size_t unit, int territory) const;
    double penalty(int territory, int goal, double load) const;
    /// Penalty of territory \a t carrying \a hours of workload: 0 within the
    /// utilisation limit, quadratic in the excess above it.
    double workPenalty(int t, double hours) const;
    /// Penalty change of the utilisation limit when \a i goes t -> s (and \a j, when < n, s -> t).
    double workDelta(int t, int s, std::size_t i, std::size_t j) const;
    bool workFits(int t, double hours) const;
    bool workAboveFloor(int t, double hours) const;
    /// Balance goals or a utilisation limit to meet.
    bool hasConstraints() const { return !mGoalWeights.empty() || mUtilisation; }
    void seedCentres(Rng &rng);
    void balancedAssignment();
    void recomputeLoads();
    void repairContiguity();
    bool removalKeepsConnected(std::size_t unit, int territory);
    void moveUnit(std::size_t unit, int to);
    /// One local-search phase; returns false when cancelled.
    bool localSearch(bool balancePhase, Rng &rng);
    /// Boundary swaps between a territory out of bounds and its neighbours; returns swaps made.
    int balanceSwaps();
    /// Transfer LP between adjacent territories, realised by boundary units; returns units moved.
    int transferRebalance();
    /// Ejection chains: for each territory out of bounds, a shortest path in the
    /// territory adjacency graph to a territory with room, realised by one
    /// boundary move per link (intermediate loads barely change); returns chains made.
    int chainRebalance();
    /// The same for the utilisation limits: work flows from a territory above
    /// its limit to the nearest one with room, and into one below its floor
    /// from the nearest one with work to spare; returns chains made.
    int workChainRebalance();
    /// Moves the unit of \a from touching \a to that frees most hours while
    /// fitting into \a to and keeping \a from connected; false when none does.
    bool moveWorkAlong(int from, int to);
    /// Merges the stuck territory \a t into its lightest neighbour and splits the
    /// heaviest territory in two by region growing (chosen centres only).
    bool dissolveAndSplit(int t);
    double balanceDelta(int t, int s, double shiftPerGoalSign, std::size_t i, std::size_t j) const;
    bool allBalanced() const;
    void updateCentrePoints();
    void updateNearestCentres();
    bool shouldStop();

    const DistrictingProblem &mProblem;
    const OptimizerOptions &mOptions;
    std::size_t mN = 0;
    int mK = 0;
    std::vector<double> mTravelWeight;
    std::vector<const std::vector<double> *> mGoalWeights;
    std::vector<double> mTarget, mLower, mUpper, mTolerance;
    bool mBoundary = false;
    bool mHasLengths = false;
    double mDisruptionUnit = 1.0;
    double mMoveCap = -1;
    bool mCapped = false;

    std::vector<int> mStartPlan;
    std::vector<int> mAssign;
    std::vector<std::vector<double>> mLoad; ///< [goal][territory]
    bool mUtilisation = false;              ///< a utilisation limit applies
    std::vector<double> mWork;              ///< workload hours per territory (utilisation limit only)
    std::vector<double> mWorkLimit;         ///< limit × capacity per territory; infinite without capacity
    std::vector<double> mWorkFloor;         ///< lower limit × capacity per territory; 0 without one
    std::vector<int> mCount;
    std::vector<int> mCentreUnit;
    std::vector<PlanePoint> mCentre;
    std::vector<char> mIsCentre;
    std::vector<std::vector<int>> mNearest; ///< per unit, nearest centres (contiguity off)
    double mMoved = 0;
    double mScale = 1.0;
    double mPenaltyWeight = 0.05;
    int mTransfers = 0;
    int mSplits = 0;
    std::vector<char> mStuck; ///< per territory: below bounds and no ejection chain reaches it

    std::vector<std::uint32_t> mStamp;
    std::uint32_t mStampValue = 0;
    std::vector<int> mQueue;

    std::int64_t mBudget = 0;
    Clock::time_point mDeadline;
    Feedback *mFeedback = nullptr;
    bool mStopped = false;
    OptimizerStats mStats;
    std::int64_t mRefineRounds = 0;
    std::int64_t mRefineImprovements = 0;
};

} // namespace tessera
