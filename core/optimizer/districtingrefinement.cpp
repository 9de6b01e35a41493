// The anytime part of DistrictingSearch: iterated local search from a good
// plan until a work budget, a deadline or a stall rule ends it.
#include "core/optimizer/districtingsearch.h"

#include "core/optimizer/planevaluation.h"

#include <algorithm>
#include <cmath>
#include <deque>

namespace tessera {

DistrictingSearch::Snapshot DistrictingSearch::snapshot() const
{
    return Snapshot{mAssign, mLoad, mWork, mCount, mCentreUnit, mCentre, mIsCentre, mMoved};
}

void DistrictingSearch::restore(const Snapshot &state)
{
    mAssign = state.assign;
    mLoad = state.load;
    mWork = state.work;
    mCount = state.count;
    mCentreUnit = state.centreUnit;
    mCentre = state.centre;
    mIsCentre = state.isCentre;
    mMoved = state.moved;
}

void DistrictingSearch::loadPlan(const std::vector<int> &plan)
{
    mAssign = plan;
    mCentreUnit = mOptions.centres == CentreMode::Chosen ? districting::bestCentres(mProblem, mOptions, mTravelWeight, mAssign)
                                                         : std::vector<int>(static_cast<std::size_t>(mK), -1);
    updateCentrePoints();
    recomputeLoads();
}

double DistrictingSearch::objectiveValue() const
{
    double value = 0;
    if (mBoundary) {
        for (const AdjacencyEdge &e : mProblem.adjacency.edges())
            if (mAssign[static_cast<std::size_t>(e.a.value())] != mAssign[static_cast<std::size_t>(e.b.value())])
                value += mHasLengths ? e.sharedLengthKm : 1.0;
    } else {
        for (std::size_t i = 0; i < mN; ++i)
            value += cost(i, mAssign[i]);
    }
    return value + mDisruptionUnit * mMoved;
}

bool DistrictingSearch::isContiguousPlan()
{
    if (!mOptions.contiguity || mProblem.adjacency.unitCount() != mN)
        return true;
    const std::vector<int> pieces = districting::territoryPieces(mProblem, mAssign, mK);
    return std::all_of(pieces.begin(), pieces.end(), [](int p) { return p <= 1; });
}

int DistrictingSearch::kick(Rng &rng, int size)
{
    const bool useGraph = mProblem.adjacency.unitCount() == mN;
    const bool contiguity = mOptions.contiguity && useGraph;
    auto movable = [&](std::size_t i) {
        return !mProblem.isLocked(i) && !(mIsCentre.size() == mN && mIsCentre[i]) && mCount[static_cast<std::size_t>(mAssign[i])] > 1;
    };
    if (!useGraph) {
        // No graph: random units to one of their nearest other centres.
        if (mNearest.size() != mN)
            updateNearestCentres();
        int moved = 0;
        for (int a = 0; a < 4 * size && moved < size; ++a) {
            const auto i = static_cast<std::size_t>(rng.below(mN));
            const std::vector<int> &near = mNearest[i];
            if (!movable(i) || near.size() < 2)
                continue;
            const int s = near[rng.below(near.size())];
            if (s == mAssign[i])
                continue;
            moveUnit(i, s);
            ++moved;
        }
        return moved;
    }
    // A border unit of a random territory t and the neighbour s it touches.
    std::vector<std::pair<int, int>> border;
    for (int attempt = 0; attempt < 8 && border.empty(); ++attempt) {
        const int t = static_cast<int>(rng.below(static_cast<std::uint64_t>(mK)));
        if (mCount[static_cast<std::size_t>(t)] <= 1)
            continue;
        for (std::size_t i = 0; i < mN; ++i) {
            if (mAssign[i] != t || !movable(i))
                continue;
            for (UnitId v : mProblem.adjacency.neighbours(UnitId(static_cast<std::int32_t>(i)))) {
                const int s = mAssign[static_cast<std::size_t>(v.value())];
                if (s != t) {
                    border.emplace_back(static_cast<int>(i), s);
                    break;
                }
            }
        }
    }
    if (border.empty())
        return 0;
    const auto [first, s] = border[rng.below(border.size())];
    const int t = mAssign[static_cast<std::size_t>(first)];
    // Grow the kicked region from that unit, so s receives one connected piece.
    std::deque<int> queue{first};
    ++mStampValue;
    mStamp[static_cast<std::size_t>(first)] = mStampValue;
    int moved = 0;
    while (!queue.empty() && moved < size) {
        const auto x = static_cast<std::size_t>(queue.front());
        queue.pop_front();
        if (mAssign[x] != t || !movable(x))
            continue;
        if (mCapped && mProblem.hasCurrentPlan()) {
            const int home = mProblem.currentPlan[x];
            const double dv = districting::moveVolume(mProblem, mOptions, x) * ((s != home) - (t != home));
            if (dv > 0 && mMoved + dv > mMoveCap + 1e-9)
                continue;
        }
        if (contiguity && !removalKeepsConnected(x, t))
            continue;
        moveUnit(x, s);
        ++moved;
        for (UnitId v : mProblem.adjacency.neighbours(UnitId(static_cast<std::int32_t>(x)))) {
            const auto y = static_cast<std::size_t>(v.value());
            if (mAssign[y] == t && mStamp[y] != mStampValue) {
                mStamp[y] = mStampValue;
                queue.push_back(static_cast<int>(y));
            }
        }
    }
    return moved;
}

DistrictingSearch::RefineStop DistrictingSearch::refine(const std::vector<int> &plan, std::uint64_t seed, std::int64_t moveBudget,
                                                        Clock::time_point deadline, double stallSeconds, std::int64_t idleRounds,
                                                        Feedback *feedback, const std::function<void(double)> &onImproved)
{
    Rng rng{seed * 0x9E3779B97F4A7C15ull + 0x2545F4914F6CDD1Dull};
    mBudget = moveBudget;
    mDeadline = deadline;
    mFeedback = feedback;
    mStopped = false;
    mStats = OptimizerStats{};
    mRefineRounds = 0;
    mRefineImprovements = 0;
    mStuck.assign(static_cast<std::size_t>(mK), 0);
    loadPlan(plan);

    Snapshot best = snapshot();
    double bestValue = objectiveValue();
    bool bestOk = allBalanced() && isContiguousPlan();
    Clock::time_point lastImprovement = Clock::now();
    std::int64_t idle = 0;
    RefineStop stop = RefineStop::IdleRounds;
    for (;;) {
        if (isCancelled(feedback)) {
            stop = RefineStop::Cancelled;
            break;
        }
        if (shouldStop()) {
            stop = RefineStop::TimeLimit;
            break;
        }
        if (mStats.evaluatedMoves >= mBudget) {
            mStats.workBudgetHit = true;
            stop = RefineStop::WorkBudget;
            break;
        }
        if (stallSeconds > 0 && std::chrono::duration<double>(Clock::now() - lastImprovement).count() >= stallSeconds) {
            stop = RefineStop::Stall;
            break;
        }
        if (idleRounds > 0 && idle >= idleRounds) {
            stop = RefineStop::IdleRounds;
            break;
        }
        ++mRefineRounds;
        // Stronger kicks the longer nothing improves (adaptive perturbation).
        const int size = 1 + static_cast<int>(rng.below(static_cast<std::uint64_t>(2 + std::min<std::int64_t>(idle / 8, 24))));
        kick(rng, size);
        mPenaltyWeight = 0.2;
        mTransfers = 39; // the transfer LP at most once per round
        mSplits = 1 << 20; // no dissolving: rounds stay local
        std::fill(mStuck.begin(), mStuck.end(), 0);
        if (hasConstraints() && !allBalanced() && !localSearch(true, rng)) {
            stop = RefineStop::Cancelled;
            break;
        }
        for (int round = 0; round < 3 && !mStopped; ++round) {
            if (!localSearch(false, rng))
                break;
            if (mOptions.centres != CentreMode::Chosen || mBoundary)
                break;
            std::vector<int> centres = districting::bestCentres(mProblem, mOptions, mTravelWeight, mAssign);
            if (centres == mCentreUnit)
                break;
            mCentreUnit = centres;
            updateCentrePoints();
        }
        for (int round = 0; round < 8 && hasConstraints() && !allBalanced() && !mStopped; ++round)
            if (chainRebalance() + workChainRebalance() == 0)
                break;
        const double value = objectiveValue();
        if (allBalanced() && (!bestOk || value < bestValue - 1e-9 * std::abs(bestValue)) && isContiguousPlan()) {
            best = snapshot();
            bestValue = value;
            bestOk = true;
            idle = 0;
            lastImprovement = Clock::now();
            ++mRefineImprovements;
            if (onImproved)
                onImproved(value);
        } else {
            restore(best);
            ++idle;
        }
    }
    restore(best);
    if (stop == RefineStop::TimeLimit)
        mStats.timeLimitHit = true;
    return stop;
}

} // namespace tessera
