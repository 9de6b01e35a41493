#include "core/optimizer/districtingsearch.h"

#include "core/optimizer/deadline.h"

#include "core/optimizer/glpkguard.h"
#include "core/optimizer/planevaluation.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <queue>

#include <glpk.h>

namespace tessera {

using districting::travelCost;

std::uint64_t DistrictingSearch::Rng::next()
{
    // splitmix64: identical on every platform and standard library.
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

DistrictingSearch::DistrictingSearch(const DistrictingProblem &problem, const OptimizerOptions &options)
    : mProblem(problem), mOptions(options), mN(problem.unitCount()), mK(options.territories)
{
    mTravelWeight = districting::travelWeights(problem, options);
    for (const BalanceGoal &goal : options.balance) {
        const std::vector<double> &w = problem.weights[static_cast<std::size_t>(goal.attribute)];
        const double total = std::accumulate(w.begin(), w.end(), 0.0);
        const double mean = total / mK;
        mGoalWeights.push_back(&w);
        mTarget.push_back(mean);
        mLower.push_back((1 - goal.tolerance) * mean);
        mUpper.push_back((1 + goal.tolerance) * mean);
        mTolerance.push_back(std::max(goal.tolerance, 1e-3));
    }
    mBoundary = options.compactness == CompactnessObjective::Boundary;
    mHasLengths = districting::graphHasLengths(problem);
    mDisruptionUnit = options.disruptionWeight > 0 ? options.disruptionWeight * districting::disruptionUnitCost(problem, options) : 0.0;
    mMoveCap = options.moveCap;
    mCapped = options.moveCap >= 0 && problem.hasCurrentPlan();
    mUtilisation = options.utilisationMax > 0 && problem.workloadHours.size() == static_cast<std::size_t>(mK);
    if (mUtilisation) {
        mWorkLimit.assign(static_cast<std::size_t>(mK), std::numeric_limits<double>::infinity());
        for (std::size_t t = 0; t < mWorkLimit.size(); ++t)
            if (problem.capacityHours[t] > 0)
                mWorkLimit[t] = options.utilisationMax * problem.capacityHours[t];
        mWorkFloor.assign(static_cast<std::size_t>(mK), 0.0);
        for (std::size_t t = 0; t < mWorkFloor.size(); ++t)
            mWorkFloor[t] = std::max(0.0, options.utilisationMin) * problem.capacityHours[t];
    }
    mStamp.assign(mN, 0);
}

std::vector<int> DistrictingSearch::centreUnits() const
{
    if (mOptions.centres == CentreMode::Fixed)
        return std::vector<int>(static_cast<std::size_t>(mK), -1);
    return mCentreUnit;
}

double DistrictingSearch::cost(std::size_t unit, int territory) const
{
    return travelCost(mOptions, mTravelWeight[unit], mProblem.points[unit], mCentre[static_cast<std::size_t>(territory)]);
}

double DistrictingSearch::penalty(int territory, int goal, double load) const
{
    (void)territory;
    const auto g = static_cast<std::size_t>(goal);
    const double dev = (load - mTarget[g]) / (mTarget[g] * mTolerance[g]);
    return dev * dev;
}

double DistrictingSearch::workPenalty(int t, double hours) const
{
    const double limit = mWorkLimit[static_cast<std::size_t>(t)], floor = mWorkFloor[static_cast<std::size_t>(t)];
    // Scaled like a balance goal: 1 when 5 % beyond a limit.
    if (hours > limit) {
        const double excess = (hours - limit) / (0.05 * limit);
        return excess * excess;
    }
    if (hours < floor) {
        const double shortfall = (floor - hours) / (0.05 * floor);
        return shortfall * shortfall;
    }
    return 0.0;
}

double DistrictingSearch::workDelta(int t, int s, std::size_t i, std::size_t j) const
{
    if (!mUtilisation)
        return 0.0;
    const auto ti = static_cast<std::size_t>(t), si = static_cast<std::size_t>(s);
    double toT = -mProblem.workloadHours[ti][i], toS = mProblem.workloadHours[si][i];
    if (j < mN) {
        toT += mProblem.workloadHours[ti][j];
        toS -= mProblem.workloadHours[si][j];
    }
    return workPenalty(t, mWork[ti] + toT) + workPenalty(s, mWork[si] + toS) - workPenalty(t, mWork[ti])
           - workPenalty(s, mWork[si]);
}

bool DistrictingSearch::workFits(int t, double hours) const
{
    const double limit = mWorkLimit[static_cast<std::size_t>(t)];
    return hours <= limit + 1e-9 * limit;
}

bool DistrictingSearch::workAboveFloor(int t, double hours) const
{
    const double floor = mWorkFloor[static_cast<std::size_t>(t)];
    return hours >= floor - 1e-9 * floor;
}

bool DistrictingSearch::shouldStop()
{
    if (mStopped)
        return true;
    if (isCancelled(mFeedback) || Clock::now() > mDeadline) {
        if (!isCancelled(mFeedback))
            mStats.timeLimitHit = true;
        mStopped = true;
    }
    return mStopped;
}

void DistrictingSearch::updateCentrePoints()
{
    mCentre = districting::centrePoints(mProblem, mOptions, mCentreUnit);
    mIsCentre.assign(mN, 0);
    if (mOptions.centres == CentreMode::Chosen)
        for (int c : mCentreUnit)
            if (c >= 0)
                mIsCentre[static_cast<std::size_t>(c)] = 1;
}

void DistrictingSearch::updateNearestCentres()
{
    // Candidate territories per unit when contiguity does not restrict moves
    // to neighbours: the few nearest centres.
    const std::size_t keep = static_cast<std::size_t>(std::min(mK, 8));
    mNearest.assign(mN, {});
    std::vector<std::pair<double, int>> d(static_cast<std::size_t>(mK));
    for (std::size_t i = 0; i < mN; ++i) {
        for (int t = 0; t < mK; ++t) {
            const double dx = mProblem.points[i].x - mCentre[static_cast<std::size_t>(t)].x;
            const double dy = mProblem.points[i].y - mCentre[static_cast<std::size_t>(t)].y;
            d[static_cast<std::size_t>(t)] = {dx * dx + dy * dy, t};
        }
        std::partial_sort(d.begin(), d.begin() + static_cast<std::ptrdiff_t>(keep), d.end());
        for (std::size_t c = 0; c < keep; ++c)
            mNearest[i].push_back(d[c].second);
    }
}

void DistrictingSearch::seedCentres(Rng &rng)
{
    mCentreUnit.assign(static_cast<std::size_t>(mK), -1);
    if (mOptions.centres == CentreMode::Fixed) {
        updateCentrePoints();
        return;
    }
    // Pieces of the geography: with contiguity every piece gets its share of
    // territories (largest remainder, at least one each).
    std::vector<int> component(mN, 0);
    int pieces = 1;
    if (mOptions.contiguity && mProblem.adjacency.unitCount() == mN)
        std::tie(component, pieces) = mProblem.adjacency.components();
    const std::vector<double> &share = mGoalWeights.empty() ? mTravelWeight : *mGoalWeights.front();
    std::vector<double> pieceWeight(static_cast<std::size_t>(pieces), 0.0);
    std::vector<int> pieceSize(static_cast<std::size_t>(pieces), 0);
    for (std::size_t i = 0; i < mN; ++i) {
        pieceWeight[static_cast<std::size_t>(component[i])] += share[i];
        ++pieceSize[static_cast<std::size_t>(component[i])];
    }
    const double total = std::accumulate(pieceWeight.begin(), pieceWeight.end(), 0.0);
    std::vector<int> quota(static_cast<std::size_t>(pieces), 0);
    if (pieces == 1) {
        quota[0] = mK;
    } else {
        std::vector<std::pair<double, int>> remainder;
        int given = 0;
        for (int c = 0; c < pieces; ++c) {
            const double exact = total > 0 ? pieceWeight[static_cast<std::size_t>(c)] / total * mK : 0.0;
            int q = std::max(1, static_cast<int>(std::floor(exact)));
            q = std::min(q, pieceSize[static_cast<std::size_t>(c)]);
            quota[static_cast<std::size_t>(c)] = q;
            given += q;
            remainder.emplace_back(-(exact - std::floor(exact)), c);
        }
        std::sort(remainder.begin(), remainder.end());
        for (std::size_t r = 0; given < mK && r < remainder.size() * 4; ++r) {
            const int c = remainder[r % remainder.size()].second;
            if (quota[static_cast<std::size_t>(c)] < pieceSize[static_cast<std::size_t>(c)]) {
                ++quota[static_cast<std::size_t>(c)];
                ++given;
            }
        }
        for (int c = pieces - 1; given > mK && c >= 0; --c)
            while (given > mK && quota[static_cast<std::size_t>(c)] > 1) {
                --quota[static_cast<std::size_t>(c)];
                --given;
            }
    }

    // Territories with locked units start at one of their locked units.
    std::vector<double> d2(mN, std::numeric_limits<double>::infinity());
    auto addCentre = [&](int t, std::size_t unit) {
        mCentreUnit[static_cast<std::size_t>(t)] = static_cast<int>(unit);
        const PlanePoint &c = mProblem.points[unit];
        for (std::size_t i = 0; i < mN; ++i) {
            if (component[i] != component[unit])
                continue;
            const double dx = mProblem.points[i].x - c.x, dy = mProblem.points[i].y - c.y;
            d2[i] = std::min(d2[i], dx * dx + dy * dy);
        }
        --quota[static_cast<std::size_t>(component[unit])];
    };
    if (!mProblem.locked.empty())
        for (std::size_t i = 0; i < mN; ++i) {
            const int t = mProblem.locked[i];
            if (t >= 0 && t < mK && mCentreUnit[static_cast<std::size_t>(t)] < 0)
                addCentre(t, i);
        }
    std::vector<char> used(mN, 0);
    for (std::size_t i = 0; i < mN; ++i)
        used[i] = mProblem.isLocked(i);
    for (int c : mCentreUnit)
        if (c >= 0)
            used[static_cast<std::size_t>(c)] = 1;
    // Weighted k-means++ within each piece.
    int t = 0;
    for (int c = 0; c < pieces; ++c) {
        while (quota[static_cast<std::size_t>(c)] > 0) {
            while (t < mK && mCentreUnit[static_cast<std::size_t>(t)] >= 0)
                ++t;
            if (isCancelled(mFeedback))
                return;
            if (t >= mK)
                break;
            double sum = 0;
            bool first = true;
            for (std::size_t i = 0; i < mN; ++i)
                if (component[i] == c && !used[i]) {
                    if (std::isfinite(d2[i]))
                        first = false;
                    sum += mTravelWeight[i] * (std::isfinite(d2[i]) ? d2[i] : 1.0);
                }
            double pick = rng.unit() * sum;
            std::size_t chosen = mN;
            for (std::size_t i = 0; i < mN; ++i) {
                if (component[i] != c || used[i])
                    continue;
                chosen = i;
                pick -= mTravelWeight[i] * (first || !std::isfinite(d2[i]) ? 1.0 : d2[i]);
                if (pick <= 0)
                    break;
            }
            if (chosen == mN) {
                quota[static_cast<std::size_t>(c)] = 0;
                break;
            }
            used[chosen] = 1;
            addCentre(t, chosen);
        }
    }
    // Any territory still without a centre (more quota than units) takes a free unit.
    for (int tt = 0; tt < mK; ++tt)
        if (mCentreUnit[static_cast<std::size_t>(tt)] < 0)
            for (std::size_t i = 0; i < mN; ++i)
                if (!used[i]) {
                    used[i] = 1;
                    mCentreUnit[static_cast<std::size_t>(tt)] = static_cast<int>(i);
                    break;
                }
    updateCentrePoints();
}

void DistrictingSearch::recomputeLoads()
{
    mLoad.assign(mGoalWeights.size(), std::vector<double>(static_cast<std::size_t>(mK), 0.0));
    mCount.assign(static_cast<std::size_t>(mK), 0);
    for (std::size_t i = 0; i < mN; ++i) {
        const int t = mAssign[i];
        if (t < 0)
            continue;
        ++mCount[static_cast<std::size_t>(t)];
        for (std::size_t g = 0; g < mGoalWeights.size(); ++g)
            mLoad[g][static_cast<std::size_t>(t)] += (*mGoalWeights[g])[i];
    }
    if (mUtilisation)
        mWork = districting::territoryWorkload(mProblem, mAssign, mK);
    mMoved = 0;
    if (mProblem.hasCurrentPlan())
        for (std::size_t i = 0; i < mN; ++i)
            if (mAssign[i] != mProblem.currentPlan[i])
                mMoved += districting::moveVolume(mProblem, mOptions, i);
}

void DistrictingSearch::balancedAssignment()
{
    // Assign each unit to argmin_t cost(i,t) + alpha_t * w_i over its nearest
    // centres; alpha_t are the balance duals of the transportation LP, found
    // by a damped subgradient on the primary goal's loads.
    const std::size_t candidates = static_cast<std::size_t>(std::min(mK, 12));
    std::vector<std::vector<int>> near(mN);
    std::vector<std::pair<double, int>> d(static_cast<std::size_t>(mK));
    for (std::size_t i = 0; i < mN; ++i) {
        if ((i & 1023) == 0 && isCancelled(mFeedback))
            return;
        for (int t = 0; t < mK; ++t)
            d[static_cast<std::size_t>(t)] = {cost(i, t), t};
        std::partial_sort(d.begin(), d.begin() + static_cast<std::ptrdiff_t>(candidates), d.end());
        for (std::size_t c = 0; c < candidates; ++c)
            near[i].push_back(d[c].second);
    }
    mAssign.assign(mN, -1);
    // The territory each centre unit heads (a scan of every territory per
    // centre made each pass O(k^2): 6.7 s at k = 10,000).
    std::vector<int> centreOf(mIsCentre.size() == mN ? mN : 0, -1);
    if (!centreOf.empty())
        for (int t = 0; t < mK; ++t)
            if (const int c = mCentreUnit[static_cast<std::size_t>(t)]; c >= 0 && static_cast<std::size_t>(c) < mN && mIsCentre[static_cast<std::size_t>(c)])
                centreOf[static_cast<std::size_t>(c)] = t;
    auto assignAll = [&](const std::vector<double> &alpha, const std::vector<double> *w) {
        for (std::size_t i = 0; i < mN; ++i) {
            if (mProblem.isLocked(i)) {
                mAssign[i] = mProblem.locked[i];
                continue;
            }
            if (!centreOf.empty() && mIsCentre[i]) {
                mAssign[i] = centreOf[i];
                continue;
            }
            double best = std::numeric_limits<double>::infinity();
            for (int t : near[i]) {
                const double v = cost(i, t) + (w ? alpha[static_cast<std::size_t>(t)] * (*w)[i] : 0.0);
                if (v < best) {
                    best = v;
                    mAssign[i] = t;
                }
            }
        }
    };
    std::vector<double> alpha(static_cast<std::size_t>(mK), 0.0);
    if (mGoalWeights.empty()) {
        assignAll(alpha, nullptr);
        recomputeLoads();
        return;
    }
    const std::vector<double> &w = *mGoalWeights.front();
    // Step scale: the mean cost per unit of weight to the nearest centre.
    double scale = 0, weight = 0;
    for (std::size_t i = 0; i < mN; ++i) {
        scale += cost(i, near[i].front());
        weight += w[i];
    }
    scale = weight > 0 ? scale / weight : 1.0;
    const int iterations = 80;
    for (int it = 0; it < iterations; ++it) {
        if (isCancelled(mFeedback))
            return;
        // At the deadline the last full assignment stands (after one pass).
        if (it > 0 && Clock::now() > mDeadline) {
            mStats.timeLimitHit = true;
            break;
        }
        assignAll(alpha, &w);
        recomputeLoads();
        const double step = scale * 2.0 * std::pow(0.97, it);
        for (int t = 0; t < mK; ++t) {
            const double dev = (mLoad[0][static_cast<std::size_t>(t)] - mTarget[0]) / mTarget[0];
            alpha[static_cast<std::size_t>(t)] += step * std::clamp(dev, -1.0, 1.0);
        }
    }
    assignAll(alpha, &w);
    recomputeLoads();
}

void DistrictingSearch::repairContiguity()
{
    if (mProblem.adjacency.unitCount() != mN)
        return;
    // Anchor of each territory: its centre unit, a locked unit, or its unit
    // nearest the centre point. Every territory keeps the piece holding it.
    std::vector<int> anchor(static_cast<std::size_t>(mK), -1);
    std::vector<char> isAnchor(mN, 0);
    for (int t = 0; t < mK; ++t) {
        if (mOptions.centres == CentreMode::Chosen && mCentreUnit[static_cast<std::size_t>(t)] >= 0)
            anchor[static_cast<std::size_t>(t)] = mCentreUnit[static_cast<std::size_t>(t)];
    }
    if (!mProblem.locked.empty())
        for (std::size_t i = 0; i < mN; ++i)
            if (mProblem.locked[i] >= 0 && anchor[static_cast<std::size_t>(mProblem.locked[i])] < 0)
                anchor[static_cast<std::size_t>(mProblem.locked[i])] = static_cast<int>(i);
    if (mOptions.centres == CentreMode::Fixed) {
        std::vector<char> fromLock(static_cast<std::size_t>(mK), 0);
        for (int t = 0; t < mK; ++t)
            fromLock[static_cast<std::size_t>(t)] = anchor[static_cast<std::size_t>(t)] >= 0;
        std::vector<double> bestD(static_cast<std::size_t>(mK), std::numeric_limits<double>::infinity());
        for (std::size_t i = 0; i < mN; ++i) {
            const int t = mAssign[i];
            if (t < 0 || fromLock[static_cast<std::size_t>(t)])
                continue;
            const double d = cost(i, t) / mTravelWeight[i];
            if (d < bestD[static_cast<std::size_t>(t)]) {
                bestD[static_cast<std::size_t>(t)] = d;
                anchor[static_cast<std::size_t>(t)] = static_cast<int>(i);
            }
        }
    }
    // Empty territories take the free unit nearest their centre.
    for (int c : anchor)
        if (c >= 0)
            isAnchor[static_cast<std::size_t>(c)] = 1;
    for (int t = 0; t < mK; ++t) {
        if (anchor[static_cast<std::size_t>(t)] >= 0)
            continue;
        double best = std::numeric_limits<double>::infinity();
        std::size_t pick = mN;
        for (std::size_t i = 0; i < mN; ++i) {
            if (isAnchor[i] || mProblem.isLocked(i))
                continue;
            const double d = cost(i, t) / mTravelWeight[i];
            if (d < best) {
                best = d;
                pick = i;
            }
        }
        if (pick < mN) {
            anchor[static_cast<std::size_t>(t)] = static_cast<int>(pick);
            isAnchor[pick] = 1;
            mAssign[pick] = t;
        }
    }
    // Keep what each anchor reaches inside its territory.
    std::vector<int> kept(mN, -1);
    std::vector<int> stack;
    for (int t = 0; t < mK; ++t) {
        const int a = anchor[static_cast<std::size_t>(t)];
        if (a < 0 || mAssign[static_cast<std::size_t>(a)] != t)
            continue;
        kept[static_cast<std::size_t>(a)] = t;
        stack.assign(1, a);
        while (!stack.empty()) {
            const int u = stack.back();
            stack.pop_back();
            for (UnitId v : mProblem.adjacency.neighbours(UnitId(u))) {
                const auto vi = static_cast<std::size_t>(v.value());
                if (kept[vi] < 0 && mAssign[vi] == t) {
                    kept[vi] = t;
                    stack.push_back(v.value());
                }
            }
        }
    }
    // Grow the kept parts over the orphans, cheapest first (Dijkstra-like),
    // so every territory stays connected. Locked orphans wait for their own territory.
    struct Item {
        double key;
        int unit;
        int territory;
        bool operator>(const Item &o) const
        {
            return key > o.key || (key == o.key && (unit > o.unit || (unit == o.unit && territory > o.territory)));
        }
    };
    std::priority_queue<Item, std::vector<Item>, std::greater<Item>> heap;
    auto offer = [&](std::size_t u) {
        for (UnitId v : mProblem.adjacency.neighbours(UnitId(static_cast<std::int32_t>(u)))) {
            const auto vi = static_cast<std::size_t>(v.value());
            if (kept[vi] >= 0)
                continue;
            const int t = kept[u];
            if (mProblem.isLocked(vi) && mProblem.locked[vi] != t)
                continue;
            double key = cost(vi, t);
            if (!mGoalWeights.empty())
                key *= 1.0 + std::max(0.0, mLoad[0][static_cast<std::size_t>(t)] / mTarget[0] - 1.0) * 10.0;
            if (mAssign[vi] == t)
                key *= 0.5;
            heap.push({key, v.value(), t});
        }
    };
    std::int64_t repaired = 0;
    for (std::size_t i = 0; i < mN; ++i)
        if (kept[i] >= 0)
            offer(i);
    while (!heap.empty()) {
        const Item item = heap.top();
        heap.pop();
        const auto u = static_cast<std::size_t>(item.unit);
        if (kept[u] >= 0)
            continue;
        kept[u] = item.territory;
        if (mAssign[u] != item.territory)
            ++repaired;
        offer(u);
    }
    // Units no territory can reach (a piece without a centre) go to the nearest centre.
    for (std::size_t i = 0; i < mN; ++i) {
        if (kept[i] >= 0)
            continue;
        if (mProblem.isLocked(i)) {
            kept[i] = mProblem.locked[i];
            continue;
        }
        double best = std::numeric_limits<double>::infinity();
        for (int t = 0; t < mK; ++t)
            if (cost(i, t) < best) {
                best = cost(i, t);
                kept[i] = t;
            }
    }
    mStats.repairs += repaired;
    mAssign = std::move(kept);
    recomputeLoads();
}

bool DistrictingSearch::removalKeepsConnected(std::size_t unit, int territory)
{
    // The neighbours of unit inside its territory must stay connected to each
    // other without it; BFS from one of them stops as soon as all are found.
    int targets = 0;
    int start = -1;
    if (++mStampValue == 0) {
        std::fill(mStamp.begin(), mStamp.end(), 0);
        mStampValue = 1;
    }
    const std::uint32_t targetMark = mStampValue;
    for (UnitId v : mProblem.adjacency.neighbours(UnitId(static_cast<std::int32_t>(unit)))) {
        if (mAssign[static_cast<std::size_t>(v.value())] == territory) {
            ++targets;
            start = v.value();
            mStamp[static_cast<std::size_t>(v.value())] = targetMark;
        }
    }
    if (targets <= 1)
        return true;
    if (++mStampValue == 0) {
        std::fill(mStamp.begin(), mStamp.end(), 0);
        mStampValue = 2;
    }
    const std::uint32_t seen = mStampValue;
    // Targets carry targetMark (= seen - 1); visited units carry seen.
    mQueue.clear();
    mQueue.push_back(start);
    mStamp[static_cast<std::size_t>(start)] = seen;
    int found = 1;
    mStamp[unit] = seen;
    for (std::size_t head = 0; head < mQueue.size() && found < targets; ++head) {
        const int u = mQueue[head];
        for (UnitId v : mProblem.adjacency.neighbours(UnitId(u))) {
            const auto vi = static_cast<std::size_t>(v.value());
            if (mStamp[vi] == seen || mAssign[vi] != territory)
                continue;
            if (mStamp[vi] == targetMark)
                ++found;
            mStamp[vi] = seen;
            mQueue.push_back(v.value());
        }
    }
    return found >= targets;
}

void DistrictingSearch::moveUnit(std::size_t unit, int to)
{
    const int from = mAssign[unit];
    for (std::size_t g = 0; g < mGoalWeights.size(); ++g) {
        mLoad[g][static_cast<std::size_t>(from)] -= (*mGoalWeights[g])[unit];
        mLoad[g][static_cast<std::size_t>(to)] += (*mGoalWeights[g])[unit];
    }
    if (mUtilisation) {
        mWork[static_cast<std::size_t>(from)] -= mProblem.workloadHours[static_cast<std::size_t>(from)][unit];
        mWork[static_cast<std::size_t>(to)] += mProblem.workloadHours[static_cast<std::size_t>(to)][unit];
    }
    --mCount[static_cast<std::size_t>(from)];
    ++mCount[static_cast<std::size_t>(to)];
    if (mProblem.hasCurrentPlan()) {
        const int home = mProblem.currentPlan[unit];
        const double v = districting::moveVolume(mProblem, mOptions, unit);
        mMoved += v * ((to != home) - (from != home));
    }
    mAssign[unit] = to;
    ++mStats.acceptedMoves;
    if (mOptions.centres == CentreMode::Chosen && mIsCentre.size() == mN && mIsCentre[unit]) {
        // A centre left its territory (balancing only): the member nearest the
        // old centre takes over.
        mIsCentre[unit] = 0;
        const PlanePoint old = mCentre[static_cast<std::size_t>(from)];
        double best = std::numeric_limits<double>::infinity();
        int pick = -1;
        for (std::size_t i = 0; i < mN; ++i) {
            if (mAssign[i] != from)
                continue;
            const double dx = mProblem.points[i].x - old.x, dy = mProblem.points[i].y - old.y;
            if (dx * dx + dy * dy < best) {
                best = dx * dx + dy * dy;
                pick = static_cast<int>(i);
            }
        }
        mCentreUnit[static_cast<std::size_t>(from)] = pick;
        if (pick >= 0) {
            mIsCentre[static_cast<std::size_t>(pick)] = 1;
            mCentre[static_cast<std::size_t>(from)] = mProblem.points[static_cast<std::size_t>(pick)];
        }
    }
}

bool DistrictingSearch::allBalanced() const
{
    for (std::size_t g = 0; g < mGoalWeights.size(); ++g)
        for (int t = 0; t < mK; ++t) {
            const double l = mLoad[g][static_cast<std::size_t>(t)];
            if (l < mLower[g] - 1e-9 * mTarget[g] || l > mUpper[g] + 1e-9 * mTarget[g])
                return false;
        }
    if (mUtilisation)
        for (int t = 0; t < mK; ++t)
            if (!workFits(t, mWork[static_cast<std::size_t>(t)]) || !workAboveFloor(t, mWork[static_cast<std::size_t>(t)]))
                return false;
    return true;
}

bool DistrictingSearch::localSearch(bool balancePhase, Rng &rng)
{
    const bool useGraph = mProblem.adjacency.unitCount() == mN;
    const bool contiguity = mOptions.contiguity && useGraph;
    if (!mOptions.contiguity || !useGraph)
        updateNearestCentres();
    std::vector<int> order(mN);
    std::iota(order.begin(), order.end(), 0);
    for (std::size_t i = mN; i > 1; --i)
        std::swap(order[i - 1], order[rng.below(i)]);

    // Normaliser: the compactness of an average territory.
    double total = 0;
    if (mBoundary) {
        for (const AdjacencyEdge &e : mProblem.adjacency.edges())
            if (mAssign[static_cast<std::size_t>(e.a.value())] != mAssign[static_cast<std::size_t>(e.b.value())])
                total += mHasLengths ? e.sharedLengthKm : 1.0;
    } else {
        for (std::size_t i = 0; i < mN; ++i)
            total += cost(i, mAssign[i]);
    }
    mScale = total > 0 ? total / mK : 1.0;
    const double eps = 1e-12 * std::max(1.0, mScale);
    const std::size_t goals = mGoalWeights.size();
    std::vector<int> candidates;
    std::vector<double> toLength(static_cast<std::size_t>(mK), 0.0);

    for (int pass = 0; pass < 10000; ++pass) {
        std::int64_t improved = 0;
        for (int ui : order) {
            const auto i = static_cast<std::size_t>(ui);
            if ((mStats.evaluatedMoves & 1023) == 0 && shouldStop())
                return !isCancelled(mFeedback);
            if (mStats.evaluatedMoves >= mBudget) {
                mStats.workBudgetHit = true;
                return true;
            }
            const int t = mAssign[i];
            if (mProblem.isLocked(i) || (!balancePhase && mIsCentre.size() == mN && mIsCentre[i]) || mCount[static_cast<std::size_t>(t)] <= 1)
                continue;
            candidates.clear();
            if (useGraph) {
                auto nb = mProblem.adjacency.neighbours(UnitId(ui));
                auto len = mProblem.adjacency.sharedLengths(UnitId(ui));
                for (std::size_t e = 0; e < nb.size(); ++e) {
                    const int s = mAssign[static_cast<std::size_t>(nb[e].value())];
                    if (s != t && std::find(candidates.begin(), candidates.end(), s) == candidates.end())
                        candidates.push_back(s);
                    toLength[static_cast<std::size_t>(s)] += mHasLengths ? len[e] : 1.0;
                }
            }
            if (!contiguity)
                for (int s : mNearest[i])
                    if (s != t && std::find(candidates.begin(), candidates.end(), s) == candidates.end())
                        candidates.push_back(s);
            if (candidates.empty()) {
                if (useGraph)
                    for (UnitId v : mProblem.adjacency.neighbours(UnitId(ui)))
                        toLength[static_cast<std::size_t>(mAssign[static_cast<std::size_t>(v.value())])] = 0;
                continue;
            }
            const double lengthToOwn = useGraph ? toLength[static_cast<std::size_t>(t)] : 0.0;
            const double costHere = mBoundary ? 0.0 : cost(i, t);
            const int home = mProblem.hasCurrentPlan() ? mProblem.currentPlan[i] : -1;
            const double volume = mProblem.hasCurrentPlan() ? districting::moveVolume(mProblem, mOptions, i) : 0.0;
            double bestDelta = -eps;
            int bestS = -1;
            for (int s : candidates) {
                ++mStats.evaluatedMoves;
                double delta = mBoundary ? lengthToOwn - toLength[static_cast<std::size_t>(s)] : cost(i, s) - costHere;
                if (home >= 0) {
                    const double dv = volume * ((s != home) - (t != home));
                    if (mCapped && dv > 0 && mMoved + dv > mMoveCap + 1e-9)
                        continue;
                    delta += mDisruptionUnit * dv;
                }
                if (balancePhase) {
                    delta /= mScale;
                    for (std::size_t g = 0; g < goals; ++g) {
                        const double w = (*mGoalWeights[g])[i];
                        const double lt = mLoad[g][static_cast<std::size_t>(t)], ls = mLoad[g][static_cast<std::size_t>(s)];
                        delta += mPenaltyWeight * (penalty(t, static_cast<int>(g), lt - w) + penalty(s, static_cast<int>(g), ls + w)
                                                   - penalty(t, static_cast<int>(g), lt) - penalty(s, static_cast<int>(g), ls));
                    }
                    delta += mPenaltyWeight * workDelta(t, s, i, mN);
                } else {
                    bool ok = true;
                    for (std::size_t g = 0; g < goals && ok; ++g) {
                        const double w = (*mGoalWeights[g])[i];
                        const double lt = mLoad[g][static_cast<std::size_t>(t)] - w, ls = mLoad[g][static_cast<std::size_t>(s)] + w;
                        const double slack = 1e-9 * mTarget[g];
                        ok = lt >= mLower[g] - slack && ls <= mUpper[g] + slack;
                    }
                    if (ok && mUtilisation)
                        ok = workFits(s, mWork[static_cast<std::size_t>(s)] + mProblem.workloadHours[static_cast<std::size_t>(s)][i])
                             && workAboveFloor(t, mWork[static_cast<std::size_t>(t)] - mProblem.workloadHours[static_cast<std::size_t>(t)][i]);
                    if (!ok)
                        continue;
                }
                if (delta < bestDelta) {
                    bestDelta = delta;
                    bestS = s;
                }
            }
            if (useGraph)
                for (UnitId v : mProblem.adjacency.neighbours(UnitId(ui)))
                    toLength[static_cast<std::size_t>(mAssign[static_cast<std::size_t>(v.value())])] = 0;
            if (bestS < 0)
                continue;
            if (contiguity && !removalKeepsConnected(i, t))
                continue;
            moveUnit(i, bestS);
            ++improved;
        }
        if (balancePhase) {
            if (allBalanced())
                return true;
            if (pass >= 2 && (improved * 20 < static_cast<std::int64_t>(mK) || pass % 6 == 2)) {
                if (mTransfers < 40) {
                    ++mTransfers;
                    improved += transferRebalance();
                }
                // Each step below is a pass over every territory: at large k
                // the deadline is checked between them, not only per move.
                if (shouldStop())
                    return !isCancelled(mFeedback);
                const int chains = chainRebalance() + workChainRebalance();
                if (chains == 0)
                    std::fill(mStuck.begin(), mStuck.end(), 1); // no chain helps: any territory may be re-created
                improved += chains;
                if (allBalanced())
                    return true;
                if (shouldStop())
                    return !isCancelled(mFeedback);
                const int swaps = balanceSwaps();
                improved += swaps;
                if (allBalanced())
                    return true;
            }
            if (pass % 4 == 3 && !mGoalWeights.empty() && mOptions.centres == CentreMode::Chosen && mStartPlan.empty() && !mCapped && mSplits < mK / 4 + 4) {
                // Territories far below their target that local moves cannot
                // feed (an island behind a single bridge, an enclave) are
                // dissolved and re-created by splitting the heaviest territory.
                for (int round = 0; round < 8 && !shouldStop(); ++round) {
                    int worstT = -1;
                    double worst = 0;
                    for (int tt = 0; tt < mK; ++tt) {
                        const double d = mLoad[0][static_cast<std::size_t>(tt)] / mTarget[0] - 1;
                        const bool stuck = static_cast<std::size_t>(tt) < mStuck.size() && mStuck[static_cast<std::size_t>(tt)];
                        if (stuck && d < -2 * mTolerance[0] && d < worst) {
                            worst = d;
                            worstT = tt;
                        }
                    }
                    if (worstT < 0 || !dissolveAndSplit(worstT))
                        break;
                    mStuck[static_cast<std::size_t>(worstT)] = 0;
                    ++mSplits;
                    ++improved;
                }
            }
            mPenaltyWeight = std::min(mPenaltyWeight * 1.6, 1e9);
            if (improved == 0 && mPenaltyWeight >= 1e9) {
                return true;
            }
        } else if (improved == 0) {
            return true;
        }
        reportProgress(mFeedback, std::min(0.99, static_cast<double>(mStats.evaluatedMoves) / static_cast<double>(std::max<std::int64_t>(1, mBudget))),
                       balancePhase ? "balancing territories" : "improving compactness");
    }
    return true;
}

double DistrictingSearch::balanceDelta(int t, int s, double sign, std::size_t i, std::size_t j) const
{
    // Penalty change when i goes t -> s and j goes s -> t (sign unused: kept for symmetry).
    (void)sign;
    double delta = 0;
    for (std::size_t g = 0; g < mGoalWeights.size(); ++g) {
        const double shift = (*mGoalWeights[g])[i] - (*mGoalWeights[g])[j];
        const double lt = mLoad[g][static_cast<std::size_t>(t)], ls = mLoad[g][static_cast<std::size_t>(s)];
        delta += penalty(t, static_cast<int>(g), lt - shift) + penalty(s, static_cast<int>(g), ls + shift)
                 - penalty(t, static_cast<int>(g), lt) - penalty(s, static_cast<int>(g), ls);
    }
    return delta + workDelta(t, s, i, j);
}

int DistrictingSearch::transferRebalance()
{
    // The transfer LP: flows of the primary goal's weight between adjacent
    // territories, at minimum total flow, that bring every territory within
    // half its tolerance; then each flow is realised by boundary units.
    if (mProblem.adjacency.unitCount() != mN || mGoalWeights.empty())
        return 0;
    std::vector<std::pair<int, int>> arcs;
    {
        std::vector<std::pair<int, int>> pairs;
        for (const AdjacencyEdge &e : mProblem.adjacency.edges()) {
            const int a = mAssign[static_cast<std::size_t>(e.a.value())], b = mAssign[static_cast<std::size_t>(e.b.value())];
            if (a != b)
                pairs.emplace_back(std::min(a, b), std::max(a, b));
        }
        std::sort(pairs.begin(), pairs.end());
        pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
        for (auto [a, b] : pairs) {
            arcs.emplace_back(a, b);
            arcs.emplace_back(b, a);
        }
    }
    if (arcs.empty())
        return 0;
    const std::vector<double> &w = *mGoalWeights.front();
    const double target = mTarget[0], half = 0.5 * mTolerance[0];
    std::vector<int> ia(1), ja(1);
    std::vector<double> ar(1);
    for (std::size_t a = 0; a < arcs.size(); ++a) {
        const int c = static_cast<int>(a) + 1;
        ia.push_back(arcs[a].first + 1); // leaves the first territory
        ja.push_back(c);
        ar.push_back(-1.0);
        ia.push_back(arcs[a].second + 1);
        ja.push_back(c);
        ar.push_back(1.0);
    }
    std::vector<double> flow(arcs.size(), 0.0);
    // A GLPK failure leaves every flow 0: the plan is then left as it is.
    (void)glpk::run("balancing flows", [&] {
        glp_prob *lp = glp_create_prob();
        glp_set_obj_dir(lp, GLP_MIN);
        glp_add_rows(lp, mK);
        glp_add_cols(lp, static_cast<int>(arcs.size()));
        for (int t = 0; t < mK; ++t) {
            const double load = mLoad[0][static_cast<std::size_t>(t)] / target;
            glp_set_row_bnds(lp, t + 1, GLP_DB, 1 - half - load, 1 + half - load);
        }
        for (std::size_t a = 0; a < arcs.size(); ++a) {
            glp_set_col_bnds(lp, static_cast<int>(a) + 1, GLP_LO, 0.0, 0.0);
            glp_set_obj_coef(lp, static_cast<int>(a) + 1, 1.0);
        }
        glp_load_matrix(lp, static_cast<int>(ia.size()) - 1, ia.data(), ja.data(), ar.data());
        glp_smcp parm;
        glp_init_smcp(&parm);
        parm.msg_lev = GLP_MSG_OFF;
        // The LP has a row per territory: at k = 10,000 it would overrun the deadline.
        if (mDeadline != Clock::time_point::max())
            parm.tm_lim = Deadline(mDeadline).millisecondsLeft();
        glp_term_out(GLP_OFF);
        const int status = glp_simplex(lp, &parm);
        ++mStats.lpSolves;
        if (status == 0 && glp_get_status(lp) == GLP_OPT)
            for (std::size_t a = 0; a < arcs.size(); ++a)
                flow[a] = glp_get_col_prim(lp, static_cast<int>(a) + 1) * target;
        glp_delete_prob(lp);
    });

    // Realise the flows, largest first.
    std::vector<std::size_t> order(arcs.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return flow[a] > flow[b] || (flow[a] == flow[b] && a < b); });
    std::vector<std::vector<int>> members(static_cast<std::size_t>(mK));
    for (std::size_t i = 0; i < mN; ++i)
        members[static_cast<std::size_t>(mAssign[i])].push_back(static_cast<int>(i));
    int moved = 0;
    for (std::size_t a : order) {
        if (flow[a] <= 0)
            break;
        const int t = arcs[a].first, s = arcs[a].second;
        double remaining = flow[a];
        for (int guard = 0; guard < 64 && remaining > 0; ++guard) {
            double best = std::numeric_limits<double>::infinity();
            int pick = -1;
            for (int u : members[static_cast<std::size_t>(t)]) {
                const auto ui = static_cast<std::size_t>(u);
                if (mAssign[ui] != t || mProblem.isLocked(ui) || w[ui] > remaining * 1.5 + 1e-9)
                    continue;
                bool touches = false;
                for (UnitId v : mProblem.adjacency.neighbours(UnitId(u)))
                    if (mAssign[static_cast<std::size_t>(v.value())] == s) {
                        touches = true;
                        break;
                    }
                if (!touches)
                    continue;
                double c = mBoundary ? 0.0 : cost(ui, s) - cost(ui, t);
                if (mProblem.hasCurrentPlan()) {
                    const int home = mProblem.currentPlan[ui];
                    const double dv = districting::moveVolume(mProblem, mOptions, ui) * ((s != home) - (t != home));
                    if (mCapped && dv > 0 && mMoved + dv > mMoveCap + 1e-9)
                        continue;
                    c += mDisruptionUnit * dv;
                }
                if (c < best && (!mOptions.contiguity || removalKeepsConnected(ui, t))) {
                    best = c;
                    pick = u;
                }
            }
            if (pick < 0 || mCount[static_cast<std::size_t>(t)] <= 1)
                break;
            moveUnit(static_cast<std::size_t>(pick), s);
            members[static_cast<std::size_t>(s)].push_back(pick);
            remaining -= w[static_cast<std::size_t>(pick)];
            ++moved;
        }
    }
    return moved;
}

int DistrictingSearch::chainRebalance()
{
    if (mProblem.adjacency.unitCount() != mN || mGoalWeights.empty())
        return 0;
    const std::vector<double> &w = *mGoalWeights.front();
    const double target = mTarget[0];
    std::vector<std::vector<int>> members(static_cast<std::size_t>(mK));
    for (std::size_t i = 0; i < mN; ++i)
        members[static_cast<std::size_t>(mAssign[i])].push_back(static_cast<int>(i));
    std::vector<int> order;
    for (int t = 0; t < mK; ++t) {
        const double l = mLoad[0][static_cast<std::size_t>(t)];
        if (l < mLower[0] || l > mUpper[0])
            order.push_back(t);
    }
    std::sort(order.begin(), order.end(), [&](int a, int b) {
        const double da = std::abs(mLoad[0][static_cast<std::size_t>(a)] - target), db = std::abs(mLoad[0][static_cast<std::size_t>(b)] - target);
        return da > db || (da == db && a < b);
    });
    std::vector<std::pair<int, int>> done; ///< (unit, territory it left) of the chain under way
    // Moves the best unit of territory a that touches b into b, aiming at weight amount.
    auto moveAcross = [&](int a, int b, double amount) -> double {
        double best = std::numeric_limits<double>::infinity();
        int pick = -1;
        for (int u : members[static_cast<std::size_t>(a)]) {
            const auto ui = static_cast<std::size_t>(u);
            if (mAssign[ui] != a || mProblem.isLocked(ui) || (mIsCentre.size() == mN && mIsCentre[ui]))
                continue;
            bool touches = false;
            for (UnitId v : mProblem.adjacency.neighbours(UnitId(u)))
                if (mAssign[static_cast<std::size_t>(v.value())] == b) {
                    touches = true;
                    break;
                }
            if (!touches)
                continue;
            if (mCapped) {
                const int home = mProblem.hasCurrentPlan() ? mProblem.currentPlan[ui] : -1;
                const double dv = districting::moveVolume(mProblem, mOptions, ui) * ((b != home) - (a != home));
                if (dv > 0 && mMoved + dv > mMoveCap + 1e-9)
                    continue;
            }
            const double c = std::abs(w[ui] - amount) / target + (mBoundary ? 0.0 : (cost(ui, b) - cost(ui, a)) / std::max(mScale, 1e-12) * 1e-3);
            if (c < best && (!mOptions.contiguity || removalKeepsConnected(ui, a))) {
                best = c;
                pick = u;
            }
        }
        if (pick < 0 || mCount[static_cast<std::size_t>(a)] <= 1)
            return -1;
        moveUnit(static_cast<std::size_t>(pick), b);
        members[static_cast<std::size_t>(b)].push_back(pick);
        done.emplace_back(pick, a);
        return w[static_cast<std::size_t>(pick)];
    };
    int chains = 0;
    mStuck.assign(static_cast<std::size_t>(mK), 0);
    std::vector<int> parent(static_cast<std::size_t>(mK));
    for (int d : order) {
        for (int attempt = 0; attempt < 64; ++attempt) {
            if (shouldStop())
                return chains;
            const double ld = mLoad[0][static_cast<std::size_t>(d)];
            const bool deficit = ld < mLower[0];
            if (!deficit && ld <= mUpper[0])
                break;
            // BFS from d over territories; deficit: predecessors (who can give to the
            // current territory); surplus: successors (who can take from it).
            std::fill(parent.begin(), parent.end(), -2);
            parent[static_cast<std::size_t>(d)] = -1;
            std::vector<int> queue{d};
            int found = -1;
            for (std::size_t q = 0; q < queue.size() && found < 0; ++q) {
                const int b = queue[q];
                for (int u : members[static_cast<std::size_t>(b)]) {
                    if (mAssign[static_cast<std::size_t>(u)] != b)
                        continue;
                    for (UnitId v : mProblem.adjacency.neighbours(UnitId(u))) {
                        const int a = mAssign[static_cast<std::size_t>(v.value())];
                        if (a == b || parent[static_cast<std::size_t>(a)] != -2)
                            continue;
                        parent[static_cast<std::size_t>(a)] = b;
                        queue.push_back(a);
                        const double la = mLoad[0][static_cast<std::size_t>(a)];
                        const double unitW = w[static_cast<std::size_t>(deficit ? v.value() : u)];
                        if (deficit ? la - unitW >= std::max(mLower[0], target - 0.25 * mTolerance[0] * target) : la + unitW <= std::min(mUpper[0], target + 0.25 * mTolerance[0] * target)) {
                            found = a;
                            break;
                        }
                    }
                    if (found >= 0)
                        break;
                }
            }
            if (found < 0) {
                if (attempt == 0 && deficit)
                    mStuck[static_cast<std::size_t>(d)] = 1;
                break;
            }
            // Path found -> ... -> d (deficit: units flow from found to d; surplus: d to found).
            std::vector<int> path{found};
            while (path.back() != d)
                path.push_back(parent[static_cast<std::size_t>(path.back())]);
            // path[0] = found, path.back() = d; links (path[j], path[j+1]).
            double amount = deficit ? std::min(mLower[0] - ld + 0.5 * mTolerance[0] * target, target * mTolerance[0]) : std::min(ld - mUpper[0] + 0.5 * mTolerance[0] * target, target * mTolerance[0]);
            bool ok = true;
            done.clear();
            if (deficit) {
                // Move into d first, then refill each intermediate from its predecessor.
                for (std::size_t j = path.size() - 1; j > 0 && ok; --j) {
                    const double moved = moveAcross(path[j - 1], path[j], amount);
                    ok = moved >= 0;
                    if (ok)
                        amount = moved;
                }
            } else {
                for (std::size_t j = path.size() - 1; j > 0 && ok; --j) {
                    const double moved = moveAcross(path[j], path[j - 1], amount);
                    ok = moved >= 0;
                    if (ok)
                        amount = moved;
                }
            }
            if (!ok) {
                // Undo the partial chain (reverse order restores every territory exactly).
                for (auto it = done.rbegin(); it != done.rend(); ++it) {
                    moveUnit(static_cast<std::size_t>(it->first), it->second);
                    members[static_cast<std::size_t>(it->second)].push_back(it->first);
                }
                if (attempt == 0 && deficit)
                    mStuck[static_cast<std::size_t>(d)] = 1;
                break;
            }
            ++chains;
        }
    }
    return chains;
}

bool DistrictingSearch::dissolveAndSplit(int t)
{
    if (mProblem.adjacency.unitCount() != mN || mGoalWeights.empty())
        return false;
    std::vector<int> members;
    int lightest = -1;
    for (std::size_t i = 0; i < mN; ++i) {
        if (mAssign[i] != t)
            continue;
        if (mProblem.isLocked(i))
            return false;
        members.push_back(static_cast<int>(i));
        for (UnitId v : mProblem.adjacency.neighbours(UnitId(static_cast<std::int32_t>(i)))) {
            const int s = mAssign[static_cast<std::size_t>(v.value())];
            if (s != t && (lightest < 0 || mLoad[0][static_cast<std::size_t>(s)] < mLoad[0][static_cast<std::size_t>(lightest)]))
                lightest = s;
        }
    }
    if (lightest < 0)
        return false;
    // The heaviest territory without locks gets split.
    std::vector<char> hasLock(static_cast<std::size_t>(mK), 0);
    for (std::size_t i = 0; i < mN; ++i)
        if (mProblem.isLocked(i))
            hasLock[static_cast<std::size_t>(mAssign[i])] = 1;
    int heaviest = -1;
    for (int u = 0; u < mK; ++u) {
        if (u == t || hasLock[static_cast<std::size_t>(u)] || mCount[static_cast<std::size_t>(u)] < 2)
            continue;
        double load = mLoad[0][static_cast<std::size_t>(u)];
        if (u == lightest)
            for (int m : members)
                load += (*mGoalWeights[0])[static_cast<std::size_t>(m)];
        if (heaviest < 0 || load > mLoad[0][static_cast<std::size_t>(heaviest)] + (heaviest == lightest ? 0.0 : 0.0))
            heaviest = u;
    }
    if (heaviest < 0)
        return false;
    // Merge t into its lightest neighbour.
    for (int m : members) {
        mIsCentre[static_cast<std::size_t>(m)] = 0;
        mAssign[static_cast<std::size_t>(m)] = lightest;
    }
    // Split the heaviest: seeds are its centre and its member farthest from it.
    std::vector<int> part;
    for (std::size_t i = 0; i < mN; ++i)
        if (mAssign[i] == heaviest)
            part.push_back(static_cast<int>(i));
    if (part.size() < 2) {
        recomputeLoads();
        return false;
    }
    const int seedA = mCentreUnit[static_cast<std::size_t>(heaviest)] >= 0 && mAssign[static_cast<std::size_t>(mCentreUnit[static_cast<std::size_t>(heaviest)])] == heaviest
                          ? mCentreUnit[static_cast<std::size_t>(heaviest)] : part.front();
    int seedB = -1;
    double far = -1;
    for (int u : part) {
        const double dx = mProblem.points[static_cast<std::size_t>(u)].x - mProblem.points[static_cast<std::size_t>(seedA)].x;
        const double dy = mProblem.points[static_cast<std::size_t>(u)].y - mProblem.points[static_cast<std::size_t>(seedA)].y;
        if (dx * dx + dy * dy > far) {
            far = dx * dx + dy * dy;
            seedB = u;
        }
    }
    // Two-seed region growing inside the part, the lighter side expands next.
    std::vector<int> side(mN, -2);
    for (int u : part)
        side[static_cast<std::size_t>(u)] = -1;
    using Entry = std::pair<double, int>;
    std::priority_queue<Entry, std::vector<Entry>, std::greater<Entry>> frontier[2];
    const int seeds[2] = {seedA, seedB};
    double load[2] = {0, 0};
    auto distance = [&](int u, int s) {
        const double dx = mProblem.points[static_cast<std::size_t>(u)].x - mProblem.points[static_cast<std::size_t>(s)].x;
        const double dy = mProblem.points[static_cast<std::size_t>(u)].y - mProblem.points[static_cast<std::size_t>(s)].y;
        return dx * dx + dy * dy;
    };
    for (int k = 0; k < 2; ++k)
        frontier[k].push({0.0, seeds[k]});
    std::size_t placed = 0;
    while (placed < part.size()) {
        int k = load[0] <= load[1] ? 0 : 1;
        if (frontier[k].empty())
            k = 1 - k;
        if (frontier[k].empty())
            break;
        const auto [d, u] = frontier[k].top();
        frontier[k].pop();
        (void)d;
        if (side[static_cast<std::size_t>(u)] != -1)
            continue;
        side[static_cast<std::size_t>(u)] = k;
        load[k] += (*mGoalWeights[0])[static_cast<std::size_t>(u)];
        ++placed;
        for (UnitId v : mProblem.adjacency.neighbours(UnitId(u)))
            if (side[static_cast<std::size_t>(v.value())] == -1)
                frontier[k].push({distance(v.value(), seeds[k]), v.value()});
    }
    for (int u : part)
        if (side[static_cast<std::size_t>(u)] == 1)
            mAssign[static_cast<std::size_t>(u)] = t;
    // New centres for the three territories involved.
    const std::vector<int> centres = districting::bestCentres(mProblem, mOptions, mTravelWeight, mAssign);
    for (int u : {t, lightest, heaviest}) {
        const int old = mCentreUnit[static_cast<std::size_t>(u)];
        if (old >= 0)
            mIsCentre[static_cast<std::size_t>(old)] = 0;
        mCentreUnit[static_cast<std::size_t>(u)] = centres[static_cast<std::size_t>(u)];
    }
    for (int u : {t, lightest, heaviest})
        if (mCentreUnit[static_cast<std::size_t>(u)] >= 0) {
            mIsCentre[static_cast<std::size_t>(mCentreUnit[static_cast<std::size_t>(u)])] = 1;
            mCentre[static_cast<std::size_t>(u)] = mProblem.points[static_cast<std::size_t>(mCentreUnit[static_cast<std::size_t>(u)])];
        }
    recomputeLoads();
    return true;
}

int DistrictingSearch::balanceSwaps()
{
    if (mProblem.adjacency.unitCount() != mN || !hasConstraints())
        return 0;
    const bool contiguity = mOptions.contiguity;
    std::vector<char> violating(static_cast<std::size_t>(mK), 0);
    for (std::size_t g = 0; g < mGoalWeights.size(); ++g)
        for (int t = 0; t < mK; ++t) {
            const double l = mLoad[g][static_cast<std::size_t>(t)];
            if (l < mLower[g] || l > mUpper[g])
                violating[static_cast<std::size_t>(t)] = 1;
        }
    if (mUtilisation)
        for (int t = 0; t < mK; ++t)
            if (!workFits(t, mWork[static_cast<std::size_t>(t)]) || !workAboveFloor(t, mWork[static_cast<std::size_t>(t)]))
                violating[static_cast<std::size_t>(t)] = 1;
    int swaps = 0;
    for (std::size_t i = 0; i < mN; ++i) {
        const int t = mAssign[i];
        if (!violating[static_cast<std::size_t>(t)] || mProblem.isLocked(i) || mCount[static_cast<std::size_t>(t)] <= 1)
            continue;
        if ((mStats.evaluatedMoves & 1023) == 0 && shouldStop())
            return swaps;
        double best = -1e-12;
        std::size_t bestJ = mN;
        for (UnitId vj : mProblem.adjacency.neighbours(UnitId(static_cast<std::int32_t>(i)))) {
            const auto j = static_cast<std::size_t>(vj.value());
            const int s = mAssign[j];
            if (s == t || mProblem.isLocked(j) || mCount[static_cast<std::size_t>(s)] <= 1)
                continue;
            ++mStats.evaluatedMoves;
            double compact = 0;
            if (!mBoundary)
                compact = (cost(i, s) - cost(i, t) + cost(j, t) - cost(j, s)) / mScale;
            double dis = 0;
            if (mProblem.hasCurrentPlan()) {
                const int hi = mProblem.currentPlan[i], hj = mProblem.currentPlan[j];
                const double dv = districting::moveVolume(mProblem, mOptions, i) * ((s != hi) - (t != hi))
                                  + districting::moveVolume(mProblem, mOptions, j) * ((t != hj) - (s != hj));
                if (mCapped && dv > 0 && mMoved + dv > mMoveCap + 1e-9)
                    continue;
                dis = mDisruptionUnit * dv / mScale;
            }
            const double delta = compact + dis + mPenaltyWeight * balanceDelta(t, s, 0, i, j);
            if (delta < best) {
                // j must still touch t once i has left.
                bool touches = false;
                for (UnitId v : mProblem.adjacency.neighbours(vj))
                    if (static_cast<std::size_t>(v.value()) != i && mAssign[static_cast<std::size_t>(v.value())] == t)
                        touches = true;
                if (!touches)
                    continue;
                best = delta;
                bestJ = j;
            }
        }
        if (bestJ == mN)
            continue;
        const int s = mAssign[bestJ];
        if (contiguity && !removalKeepsConnected(i, t))
            continue;
        moveUnit(i, s);
        if (contiguity && !removalKeepsConnected(bestJ, s)) {
            moveUnit(i, t);
            continue;
        }
        moveUnit(bestJ, t);
        ++swaps;
    }
    return swaps;
}

bool DistrictingSearch::run(std::uint64_t seed, std::int64_t moveBudget, Clock::time_point deadline, Feedback *feedback)
{
    Rng rng{seed * 0x2545F4914F6CDD1Dull + 0x9E3779B97F4A7C15ull};
    mBudget = moveBudget;
    mDeadline = deadline;
    mFeedback = feedback;
    mStopped = false;
    mStats = OptimizerStats{};
    mPenaltyWeight = 0.05;
    mTransfers = 0;
    mSplits = 0;
    mStuck.clear();

    const bool fromPlan = !mStartPlan.empty();
    if (fromPlan) {
        mAssign = mStartPlan;
        mCentreUnit = mOptions.centres == CentreMode::Chosen
                          ? districting::bestCentres(mProblem, mOptions, mTravelWeight, mAssign)
                          : std::vector<int>(static_cast<std::size_t>(mK), -1);
        updateCentrePoints();
        recomputeLoads();
    } else {
        reportProgress(feedback, 0.0, "seeding centres");
        seedCentres(rng);
        if (isCancelled(feedback))
            return false;
        reportProgress(feedback, 0.02, "balanced assignment");
        // Lloyd-style alternation of balanced assignment and centre updates.
        const int rounds = mOptions.centres == CentreMode::Chosen ? 4 : 1;
        for (int r = 0; r < rounds; ++r) {
            balancedAssignment();
            if (isCancelled(feedback))
                return false;
            if (mOptions.centres == CentreMode::Chosen && r + 1 < rounds) {
                std::vector<int> centres = districting::bestCentres(mProblem, mOptions, mTravelWeight, mAssign);
                for (int t = 0; t < mK; ++t)
                    if (centres[static_cast<std::size_t>(t)] >= 0)
                        mCentreUnit[static_cast<std::size_t>(t)] = centres[static_cast<std::size_t>(t)];
                updateCentrePoints();
            }
        }
        if (mOptions.contiguity) {
            reportProgress(feedback, 0.05, "repairing contiguity");
            repairContiguity();
        }
    }
    if (isCancelled(feedback))
        return false;

    // Balance first (rising penalty), then compactness under hard bounds,
    // alternating with location steps for chosen centres.
    if (hasConstraints() && !allBalanced()) {
        if (!localSearch(true, rng))
            return false;
    }
    for (int round = 0; round < 6 && !mStopped; ++round) {
        if (!localSearch(false, rng))
            return false;
        if (mOptions.centres != CentreMode::Chosen || mBoundary)
            break;
        std::vector<int> centres = districting::bestCentres(mProblem, mOptions, mTravelWeight, mAssign);
        if (centres == mCentreUnit)
            break;
        mCentreUnit = centres;
        updateCentrePoints();
        if (mStats.workBudgetHit)
            break;
    }
    // A budget or time stop can leave a few territories just out of bounds:
    // ejection chains (contiguity-safe) finish the balance.
    for (int round = 0; round < 32 && hasConstraints() && !allBalanced() && !isCancelled(feedback); ++round)
        if (chainRebalance() + workChainRebalance() == 0)
            break;
    if (mOptions.centres == CentreMode::Chosen) {
        mCentreUnit = districting::bestCentres(mProblem, mOptions, mTravelWeight, mAssign);
        updateCentrePoints();
    }
    return !isCancelled(feedback);
}

} // namespace tessera
