// Ejection chains for the utilisation limits: a territory above its limit
// hands work along a shortest path of neighbouring territories to one with
// room, and one below its floor draws work from the nearest one with work to
// spare; one boundary unit per link, each move keeping the giving side
// contiguous and both sides within their limits.
#include "core/optimizer/districtingsearch.h"

#include "core/optimizer/planevaluation.h"

#include <algorithm>
#include <deque>
#include <limits>

namespace tessera {

bool DistrictingSearch::moveWorkAlong(int from, int to)
{
    // The unit of \a from touching \a to whose move frees most hours there
    // while fitting into \a to; ties by unit index (deterministic).
    const auto f = static_cast<std::size_t>(from), t = static_cast<std::size_t>(to);
    const double room = mWorkLimit[t] - mWork[t];
    const double spare = mWork[f] - mWorkFloor[f]; // what \a from may give without falling below its floor
    std::size_t best = mN;
    double bestFreed = 0;
    for (std::size_t i = 0; i < mN; ++i) {
        if (mAssign[i] != from || mProblem.isLocked(i) || (mIsCentre.size() == mN && mIsCentre[i]) || mCount[f] <= 1)
            continue;
        const double freed = mProblem.workloadHours[f][i];
        if (freed <= bestFreed || mProblem.workloadHours[t][i] > room || freed > spare)
            continue;
        bool touches = false;
        for (UnitId v : mProblem.adjacency.neighbours(UnitId(static_cast<std::int32_t>(i))))
            touches = touches || mAssign[static_cast<std::size_t>(v.value())] == to;
        if (!touches)
            continue;
        if (mCapped && mProblem.hasCurrentPlan()) {
            const int home = mProblem.currentPlan[i];
            const double dv = districting::moveVolume(mProblem, mOptions, i) * ((to != home) - (from != home));
            if (dv > 0 && mMoved + dv > mMoveCap + 1e-9)
                continue;
        }
        ++mStats.evaluatedMoves;
        if (mOptions.contiguity && !removalKeepsConnected(i, from))
            continue;
        best = i;
        bestFreed = freed;
    }
    if (best == mN)
        return false;
    moveUnit(best, to);
    return true;
}

int DistrictingSearch::workChainRebalance()
{
    if (!mUtilisation || mProblem.adjacency.unitCount() != mN)
        return 0;
    // Territory adjacency from the unit graph.
    std::vector<std::vector<char>> adjacent(static_cast<std::size_t>(mK), std::vector<char>(static_cast<std::size_t>(mK), 0));
    for (const AdjacencyEdge &e : mProblem.adjacency.edges()) {
        const int a = mAssign[static_cast<std::size_t>(e.a.value())], b = mAssign[static_cast<std::size_t>(e.b.value())];
        if (a != b && a >= 0 && b >= 0) {
            adjacent[static_cast<std::size_t>(a)][static_cast<std::size_t>(b)] = 1;
            adjacent[static_cast<std::size_t>(b)][static_cast<std::size_t>(a)] = 1;
        }
    }
    int chains = 0;
    // Push: from a territory above its limit towards one with room.
    for (int over = 0; over < mK; ++over) {
        for (int attempt = 0; attempt < 64 && !workFits(over, mWork[static_cast<std::size_t>(over)]); ++attempt) {
            if ((mStats.evaluatedMoves & 63) == 0 && shouldStop())
                return chains;
            // Breadth-first search to the nearest territory with room for a unit.
            std::vector<int> parent(static_cast<std::size_t>(mK), -2);
            std::deque<int> queue{over};
            parent[static_cast<std::size_t>(over)] = -1;
            int found = -1;
            while (!queue.empty() && found < 0) {
                const int a = queue.front();
                queue.pop_front();
                for (int b = 0; b < mK; ++b) {
                    if (!adjacent[static_cast<std::size_t>(a)][static_cast<std::size_t>(b)] || parent[static_cast<std::size_t>(b)] != -2)
                        continue;
                    parent[static_cast<std::size_t>(b)] = a;
                    if (mWork[static_cast<std::size_t>(b)] < 0.98 * mWorkLimit[static_cast<std::size_t>(b)]) {
                        found = b;
                        break;
                    }
                    queue.push_back(b);
                }
            }
            if (found < 0)
                break;
            // Realise the chain from its end, so every link has room to receive.
            bool moved = true;
            for (int b = found; moved && parent[static_cast<std::size_t>(b)] >= 0; b = parent[static_cast<std::size_t>(b)])
                moved = moveWorkAlong(parent[static_cast<std::size_t>(b)], b);
            if (!moved)
                break;
            ++chains;
        }
    }
    // Pull: into a territory below its floor from the nearest one with work to spare.
    for (int under = 0; under < mK; ++under) {
        for (int attempt = 0; attempt < 64 && !workAboveFloor(under, mWork[static_cast<std::size_t>(under)]); ++attempt) {
            if ((mStats.evaluatedMoves & 63) == 0 && shouldStop())
                return chains;
            std::vector<int> parent(static_cast<std::size_t>(mK), -2);
            std::deque<int> queue{under};
            parent[static_cast<std::size_t>(under)] = -1;
            int found = -1;
            while (!queue.empty() && found < 0) {
                const int a = queue.front();
                queue.pop_front();
                for (int b = 0; b < mK; ++b) {
                    if (!adjacent[static_cast<std::size_t>(a)][static_cast<std::size_t>(b)] || parent[static_cast<std::size_t>(b)] != -2)
                        continue;
                    parent[static_cast<std::size_t>(b)] = a;
                    if (mWork[static_cast<std::size_t>(b)] > 1.02 * mWorkFloor[static_cast<std::size_t>(b)] + 1e-9) {
                        found = b;
                        break;
                    }
                    queue.push_back(b);
                }
            }
            if (found < 0)
                break;
            // Realise the chain from the donor, so every link has work to give.
            bool moved = true;
            for (int b = found; moved && parent[static_cast<std::size_t>(b)] >= 0; b = parent[static_cast<std::size_t>(b)])
                moved = moveWorkAlong(b, parent[static_cast<std::size_t>(b)]);
            if (!moved)
                break;
            ++chains;
        }
    }
    return chains;
}

} // namespace tessera
