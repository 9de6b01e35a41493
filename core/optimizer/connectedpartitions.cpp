#include "core/optimizer/connectedpartitions.h"

#include "core/optimizer/planevaluation.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <unordered_map>
#include <utility>

namespace tessera {

namespace {

using Mask = std::uint64_t;
constexpr double Infinity = std::numeric_limits<double>::infinity();
/// Sub-problems kept at most (about 50 bytes each); beyond, the search stops
/// as if its work budget ran out.
constexpr std::size_t MaxStates = 4'000'000;

Mask bit(int i) { return Mask{1} << i; }
int lowest(Mask m) { return std::countr_zero(m); }

struct MaskHash {
    std::size_t operator()(Mask m) const
    {
        m ^= m >> 33;
        m *= 0xff51afd7ed558ccdULL;
        m ^= m >> 33;
        return static_cast<std::size_t>(m);
    }
};

/// The dynamic programme behind enumerateConnectedPartitions(). Units are
/// renumbered in breadth-first order from a peripheral unit, so the first unit
/// left (whose territory each step chooses) lies on the edge of what is left
/// and the rest tends to stay in one piece.
class ConnectedPartitionSearch {
public:
    ConnectedPartitionSearch(const DistrictingProblem &problem, const OptimizerOptions &options);
    EnumeratedPartition run(Deadline deadline, std::int64_t workBudget, Feedback *feedback);
    bool cancelled() const { return mCancelled; }

private:
    /// A sub-problem's best cost and the territory of its first unit (part 0:
    /// the region is split into separate pieces solved one by one). A search
    /// under a limit that finds nothing below it leaves only that lower bound.
    struct Entry {
        double cost = Infinity;
        Mask part = 0;
        bool exact = true;
    };

    /// One sub-problem under way: its best so far and what the best whole
    /// plan leaves it (incumbent minus the boundary fixed around it).
    struct Frame {
        Entry best;
        bool found = false;
        double offset = 0.0;
        double limit(double incumbent) const { return std::min(best.cost, incumbent - offset); }
    };

    /// Best cost of \a region in \a parts territories when it is below
    /// \a budget (exact), else a lower bound (not exact).
    Entry solve(Mask region, int parts, double budget);
    Entry solvePieces(const std::vector<Mask> &pieces, int parts, double budget);
    void distribute(const std::vector<Mask> &pieces, const std::vector<std::pair<int, int>> &ranges, std::size_t index,
                    int left, std::vector<int> &share, Frame &frame);
    Entry solveConnected(Mask region, int parts, double budget);
    void grow(Mask region, int parts, Mask set, Mask candidates, Mask excluded, double boundary, double *sums, Frame &frame);
    void visit(Mask region, int parts, Mask set, const double *sums, Frame &frame);
    double contextCost() const;
    Entry settle(Frame &frame, double budget) const;
    void noteIncumbent(Mask set, Mask rest, int parts, double cost);
    bool reconstruct(Mask region, int parts, std::vector<Mask> &out) const;
    const Entry *find(Mask region, int parts) const;

    std::vector<Mask> piecesOf(Mask region) const;
    Mask closure(Mask from, Mask allowed) const;
    double weightOf(Mask set, std::size_t goal) const;
    std::pair<int, int> partRange(Mask piece) const;
    bool withinTolerance(double load, std::size_t goal) const;
    bool withinTolerance(Mask territory) const;
    double cut(Mask set, Mask rest) const;
    void stop(bool budget);
    std::vector<int> planOf(const std::vector<Mask> &parts) const;

    int mUnits = 0;
    int mTerritories = 0;
    std::size_t mGoals = 0;
    bool mHasLengths = false;
    std::vector<int> mUnit;           ///< original index of each internal index
    std::vector<Mask> mNeighbours;    ///< internal indices
    std::vector<double> mLength;      ///< mUnits x mUnits shared lengths
    std::vector<double> mWeight;      ///< goal-major: mWeight[g * mUnits + i]
    std::vector<double> mMean, mTolerance, mLower, mUpper; ///< per goal; bounds with rounding slack

    std::vector<std::unordered_map<Mask, Entry, MaskHash>> mMemo; ///< per territories left
    std::size_t mStates = 0;
    std::vector<Mask> mPath;                       ///< territories chosen on the way to the current sub-problem
    double mPathCost = 0.0;                        ///< their boundary
    std::vector<std::pair<Mask, int>> mPending;    ///< separate pieces still to be solved
    std::vector<Mask> mIncumbent;
    double mIncumbentCost = Infinity;

    Deadline mDeadline;
    std::int64_t mBudget = 0;
    std::int64_t mWork = 0;
    Feedback *mFeedback = nullptr;
    bool mStopped = false, mCancelled = false, mTimeLimitHit = false, mWorkBudgetHit = false;
};

ConnectedPartitionSearch::ConnectedPartitionSearch(const DistrictingProblem &problem, const OptimizerOptions &options)
    : mUnits(static_cast<int>(problem.unitCount())), mTerritories(options.territories), mGoals(options.balance.size()),
      mHasLengths(districting::graphHasLengths(problem))
{
    const auto n = static_cast<std::size_t>(mUnits);
    const AdjacencyGraph &graph = problem.adjacency;
    auto neighboursOf = [&](std::size_t u) { return graph.neighbours(UnitId(static_cast<std::int32_t>(u))); };
    auto bfs = [&](std::size_t from, std::vector<char> &seen, std::vector<int> &order) {
        std::size_t head = order.size();
        order.push_back(static_cast<int>(from));
        seen[from] = 1;
        for (; head < order.size(); ++head)
            for (UnitId v : neighboursOf(static_cast<std::size_t>(order[head])))
                if (!seen[static_cast<std::size_t>(v.value())]) {
                    seen[static_cast<std::size_t>(v.value())] = 1;
                    order.push_back(v.value());
                }
    };
    // Each piece of the graph from the unit last reached by a search from its
    // first unit (a peripheral unit), pieces in order of their first unit.
    std::vector<char> placed(n, 0);
    for (std::size_t u = 0; u < n; ++u) {
        if (placed[u])
            continue;
        std::vector<char> seen(n, 0);
        std::vector<int> probe;
        bfs(u, seen, probe);
        std::vector<char> seen2(n, 0);
        bfs(static_cast<std::size_t>(probe.back()), seen2, mUnit);
        for (int v : probe)
            placed[static_cast<std::size_t>(v)] = 1;
    }
    std::vector<int> internal(n, 0);
    for (std::size_t i = 0; i < n; ++i)
        internal[static_cast<std::size_t>(mUnit[i])] = static_cast<int>(i);

    mNeighbours.assign(n, 0);
    mLength.assign(n * n, 0.0);
    for (std::size_t i = 0; i < n; ++i) {
        const auto u = static_cast<std::size_t>(mUnit[i]);
        const auto nb = neighboursOf(u);
        const auto len = graph.sharedLengths(UnitId(static_cast<std::int32_t>(u)));
        for (std::size_t e = 0; e < nb.size(); ++e) {
            const auto j = static_cast<std::size_t>(internal[static_cast<std::size_t>(nb[e].value())]);
            mNeighbours[i] |= bit(static_cast<int>(j));
            mLength[i * n + j] = mHasLengths ? len[e] : 1.0;
        }
    }

    // Balance windows by planevaluation's rule: |load - mean| / mean within
    // tolerance + 1e-9, mean over all units (no per-territory targets here).
    mWeight.assign(mGoals * n, 0.0);
    for (std::size_t g = 0; g < mGoals; ++g) {
        const BalanceGoal &goal = options.balance[g];
        const std::vector<double> &w = problem.weights[static_cast<std::size_t>(goal.attribute)];
        double total = 0;
        for (std::size_t u = 0; u < n; ++u)
            total += w[u];
        for (std::size_t i = 0; i < n; ++i)
            mWeight[g * n + i] = w[static_cast<std::size_t>(mUnit[i])];
        const double mean = total / mTerritories;
        const double slack = 1e-12 * std::abs(mean);
        mMean.push_back(mean);
        mTolerance.push_back(goal.tolerance);
        mLower.push_back(mean - (goal.tolerance + 1e-9) * std::abs(mean) - slack);
        mUpper.push_back(mean + (goal.tolerance + 1e-9) * std::abs(mean) + slack);
    }
}

EnumeratedPartition ConnectedPartitionSearch::run(Deadline deadline, std::int64_t workBudget, Feedback *feedback)
{
    mDeadline = deadline;
    mBudget = workBudget > 0 ? workBudget : std::numeric_limits<std::int64_t>::max();
    mFeedback = feedback;
    mMemo.assign(static_cast<std::size_t>(mTerritories) + 1, {});
    const Mask all = mUnits == 64 ? ~Mask{0} : bit(mUnits) - 1;
    const Entry top = solve(all, mTerritories, Infinity);

    EnumeratedPartition out;
    out.work = mWork;
    out.states = static_cast<std::int64_t>(mStates);
    out.timeLimitHit = mTimeLimitHit;
    out.workBudgetHit = mWorkBudgetHit;
    if (mStopped) {
        out.outcome = EnumerationOutcome::Unknown;
        if (!mIncumbent.empty()) {
            out.plan = planOf(mIncumbent);
            out.value = mIncumbentCost;
        }
        return out;
    }
    if (top.exact && !(top.cost < Infinity) && mIncumbent.empty()) {
        out.outcome = EnumerationOutcome::Infeasible;
        return out;
    }
    // Complete: the best plan found is optimal, whether the search kept it
    // as its incumbent or (first found whole at the top) in its memory.
    std::vector<Mask> parts = mIncumbent;
    double value = mIncumbentCost;
    if (top.exact && top.cost < value) {
        parts.clear();
        if (!reconstruct(all, mTerritories, parts)) {
            // Cannot happen after a complete search; say nothing rather than guess.
            out.outcome = EnumerationOutcome::Unknown;
            return out;
        }
        value = top.cost;
    }
    out.outcome = EnumerationOutcome::Optimal;
    out.plan = planOf(parts);
    out.value = value;
    return out;
}

ConnectedPartitionSearch::Entry ConnectedPartitionSearch::solve(Mask region, int parts, double budget)
{
    if (mStopped)
        return {Infinity, 0, false};
    if (region == 0)
        return {parts == 0 ? 0.0 : Infinity, 0, true};
    if (parts <= 0)
        return {Infinity, 0, true};
    if (!(budget > 0))
        return {0.0, 0, false};
    auto &memo = mMemo[static_cast<std::size_t>(parts)];
    if (auto it = memo.find(region); it != memo.end() && (it->second.exact || it->second.cost >= budget))
        return it->second;

    Entry entry;
    const std::vector<Mask> pieces = piecesOf(region);
    if (pieces.size() > 1) {
        entry = solvePieces(pieces, parts, budget);
    } else {
        const auto [low, high] = partRange(region);
        if (parts < low || parts > high)
            entry = {Infinity, 0, true};
        else if (parts == 1)
            entry = {withinTolerance(region) ? 0.0 : Infinity, region, true};
        else
            entry = solveConnected(region, parts, budget);
    }
    if (mStopped)
        return {Infinity, 0, false}; // incomplete: not remembered
    // Deeper sub-problems have fewer territories left, so this map was not
    // touched meanwhile; a weaker bound found before is replaced.
    if (auto it = memo.find(region); it != memo.end()) {
        it->second = entry;
    } else {
        if (++mStates > MaxStates) {
            stop(true);
            return {Infinity, 0, false};
        }
        memo.emplace(region, entry);
    }
    return entry;
}

ConnectedPartitionSearch::Entry ConnectedPartitionSearch::solvePieces(const std::vector<Mask> &pieces, int parts, double budget)
{
    // Separate pieces share no boundary: the best plan gives each piece a
    // whole number of territories and solves it on its own.
    std::vector<std::pair<int, int>> ranges;
    int low = 0, high = 0;
    for (Mask piece : pieces) {
        ranges.push_back(partRange(piece));
        low += ranges.back().first;
        high += ranges.back().second;
        if (ranges.back().first > ranges.back().second)
            return {Infinity, 0, true};
    }
    if (parts < low || parts > high)
        return {Infinity, 0, true};
    Frame frame;
    frame.best = {budget, 0, true};
    frame.offset = contextCost();
    std::vector<int> share(pieces.size(), 0);
    distribute(pieces, ranges, 0, parts, share, frame);
    return settle(frame, budget);
}

void ConnectedPartitionSearch::distribute(const std::vector<Mask> &pieces, const std::vector<std::pair<int, int>> &ranges,
                                          std::size_t index, int left, std::vector<int> &share, Frame &frame)
{
    if (mStopped)
        return;
    if (index == pieces.size()) {
        if (left != 0)
            return;
        double total = 0;
        for (std::size_t i = 0; i < pieces.size(); ++i) {
            const double limit = frame.limit(mIncumbentCost) - total;
            if (!(limit > 0))
                return; // pieces cost at least 0
            const std::size_t pendingBefore = mPending.size();
            for (std::size_t j = 0; j < pieces.size(); ++j)
                if (j != i)
                    mPending.emplace_back(pieces[j], share[j]);
            const Entry piece = solve(pieces[i], share[i], limit);
            mPending.resize(pendingBefore);
            if (mStopped || !piece.exact || !(piece.cost < limit))
                return;
            total += piece.cost;
        }
        if (total < frame.best.cost) {
            frame.best = {total, 0, true};
            frame.found = true;
        }
        return;
    }
    int restLow = 0, restHigh = 0;
    for (std::size_t j = index + 1; j < pieces.size(); ++j) {
        restLow += ranges[j].first;
        restHigh += ranges[j].second;
    }
    for (int m = ranges[index].first; m <= ranges[index].second; ++m) {
        if (left - m < restLow || left - m > restHigh)
            continue;
        share[index] = m;
        distribute(pieces, ranges, index + 1, left - m, share, frame);
    }
}

ConnectedPartitionSearch::Entry ConnectedPartitionSearch::solveConnected(Mask region, int parts, double budget)
{
    Frame frame;
    frame.best = {budget, 0, true};
    frame.offset = contextCost();
    const int first = lowest(region);
    const auto n = static_cast<std::size_t>(mUnits);
    // Running weights per goal, one row per unit added.
    std::vector<double> sums((n + 2) * std::max<std::size_t>(mGoals, 1), 0.0);
    for (std::size_t g = 0; g < mGoals; ++g) {
        sums[g] = mWeight[g * n + static_cast<std::size_t>(first)];
        if (sums[g] > mUpper[g])
            return settle(frame, budget);
    }
    const Mask set = bit(first);
    visit(region, parts, set, sums.data(), frame);
    grow(region, parts, set, mNeighbours[static_cast<std::size_t>(first)] & region, 0, 0.0, sums.data(), frame);
    return settle(frame, budget);
}

void ConnectedPartitionSearch::grow(Mask region, int parts, Mask set, Mask candidates, Mask excluded, double boundary,
                                    double *sums, Frame &frame)
{
    // Every connected set containing \a set once: each candidate is either
    // added (its new neighbours become candidates) or excluded for good.
    // Edges from the set to excluded units are cut whatever is added later, so
    // \a boundary (their length) bounds every extension's cost from below.
    const auto n = static_cast<std::size_t>(mUnits);
    if (!(boundary < frame.limit(mIncumbentCost)))
        return;
    if (mGoals > 0 && candidates) {
        // Too light even with everything still reachable: no window is met.
        const Mask reach = closure(candidates, region & ~set & ~excluded);
        for (std::size_t g = 0; g < mGoals; ++g)
            if (sums[g] + weightOf(reach, g) < mLower[g])
                return;
    }
    double *next = sums + mGoals;
    while (candidates && !mStopped && boundary < frame.limit(mIncumbentCost)) {
        const int v = lowest(candidates);
        candidates &= ~bit(v);
        bool fits = true;
        for (std::size_t g = 0; g < mGoals; ++g) {
            next[g] = sums[g] + mWeight[g * n + static_cast<std::size_t>(v)];
            fits = fits && next[g] <= mUpper[g]; // weights are >= 0: no superset fits either
        }
        if (fits) {
            const Mask grown = set | bit(v);
            visit(region, parts, grown, next, frame);
            grow(region, parts, grown, candidates | (mNeighbours[static_cast<std::size_t>(v)] & region & ~grown & ~excluded),
                 excluded, boundary + cut(bit(v), excluded), next, frame);
        }
        excluded |= bit(v);
        boundary += cut(set, bit(v));
    }
}

void ConnectedPartitionSearch::visit(Mask region, int parts, Mask set, const double *sums, Frame &frame)
{
    if (++mWork > mBudget) {
        stop(true);
        return;
    }
    if ((mWork & 1023) == 0) {
        if (isCancelled(mFeedback)) {
            mCancelled = true;
            stop(false);
        } else if (mDeadline.passed()) {
            stop(false);
        }
    }
    if (mStopped || set == region)
        return;
    for (std::size_t g = 0; g < mGoals; ++g)
        if (!withinTolerance(sums[g], g))
            return;
    const Mask rest = region & ~set;
    const double boundary = cut(set, rest);
    const double limit = frame.limit(mIncumbentCost);
    if (!(boundary < limit))
        return; // the rest costs at least 0
    const double pathCost = mPathCost;
    mPath.push_back(set);
    mPathCost += boundary;
    const Entry restBest = solve(rest, parts - 1, limit - boundary);
    mPath.pop_back();
    mPathCost = pathCost;
    if (mStopped || !restBest.exact || !(boundary + restBest.cost < frame.best.cost))
        return;
    frame.best = {boundary + restBest.cost, set, true};
    frame.found = true;
    noteIncumbent(set, rest, parts - 1, boundary + restBest.cost);
}

double ConnectedPartitionSearch::contextCost() const
{
    // Boundary already fixed around the current sub-problem: the territories
    // chosen on the way, plus what the pieces set aside are known to cost.
    double total = mPathCost;
    for (const auto &[piece, share] : mPending)
        if (const Entry *e = find(piece, share))
            total += e->cost;
    return total;
}

ConnectedPartitionSearch::Entry ConnectedPartitionSearch::settle(Frame &frame, double budget) const
{
    // Each option was searched below min(its best so far, what the incumbent
    // left): nothing below min(best, bound) was missed.
    const double bound = std::min(budget, mIncumbentCost - frame.offset);
    if (frame.found && frame.best.cost <= bound)
        return frame.best;
    if (!(bound < Infinity))
        return {Infinity, 0, true}; // no limit and nothing found: none exists
    return {bound, 0, false};
}

void ConnectedPartitionSearch::noteIncumbent(Mask set, Mask rest, int parts, double cost)
{
    // A whole plan is known when every piece set aside on the way is solved.
    double total = mPathCost + cost;
    for (const auto &[piece, share] : mPending) {
        const Entry *e = find(piece, share);
        if (!e || !e->exact || !(e->cost < Infinity))
            return;
        total += e->cost;
    }
    if (!(total < mIncumbentCost))
        return;
    std::vector<Mask> plan = mPath;
    plan.push_back(set);
    if (!reconstruct(rest, parts, plan))
        return;
    for (const auto &[piece, share] : mPending)
        if (!reconstruct(piece, share, plan))
            return;
    mIncumbent = std::move(plan);
    mIncumbentCost = total;
}

bool ConnectedPartitionSearch::reconstruct(Mask region, int parts, std::vector<Mask> &out) const
{
    if (region == 0)
        return parts == 0;
    const Entry *e = find(region, parts);
    if (!e || !e->exact || !(e->cost < Infinity))
        return false;
    if (e->part != 0) {
        out.push_back(e->part);
        return reconstruct(region & ~e->part, parts - 1, out);
    }
    // Split into pieces: the first share of territories (in solvePieces'
    // order) whose remembered costs add up to the best.
    const std::vector<Mask> pieces = piecesOf(region);
    std::vector<std::pair<int, int>> ranges;
    for (Mask piece : pieces)
        ranges.push_back(partRange(piece));
    std::vector<int> share(pieces.size(), 0), bestShare;
    double best = Infinity;
    // Lookup-only twin of distribute().
    auto walk = [&](auto &self, std::size_t index, int left) -> void {
        if (index == pieces.size()) {
            if (left != 0)
                return;
            double total = 0;
            for (std::size_t i = 0; i < pieces.size() && total < Infinity; ++i) {
                const Entry *p = find(pieces[i], share[i]);
                total += p && p->exact ? p->cost : Infinity;
            }
            if (total < best) {
                best = total;
                bestShare = share;
            }
            return;
        }
        for (int m = ranges[index].first; m <= ranges[index].second && m <= left; ++m) {
            share[index] = m;
            self(self, index + 1, left - m);
        }
    };
    walk(walk, 0, parts);
    if (bestShare.empty())
        return false;
    for (std::size_t i = 0; i < pieces.size(); ++i)
        if (!reconstruct(pieces[i], bestShare[i], out))
            return false;
    return true;
}

const ConnectedPartitionSearch::Entry *ConnectedPartitionSearch::find(Mask region, int parts) const
{
    if (parts < 0 || static_cast<std::size_t>(parts) >= mMemo.size())
        return nullptr;
    const auto &memo = mMemo[static_cast<std::size_t>(parts)];
    const auto it = memo.find(region);
    return it == memo.end() ? nullptr : &it->second;
}

std::vector<Mask> ConnectedPartitionSearch::piecesOf(Mask region) const
{
    std::vector<Mask> pieces;
    for (Mask left = region; left;) {
        const Mask piece = closure(bit(lowest(left)), left);
        pieces.push_back(piece);
        left &= ~piece;
    }
    return pieces;
}

Mask ConnectedPartitionSearch::closure(Mask from, Mask allowed) const
{
    Mask reach = from & allowed;
    for (Mask frontier = reach; frontier;) {
        Mask next = 0;
        for (Mask f = frontier; f; f &= f - 1)
            next |= mNeighbours[static_cast<std::size_t>(lowest(f))];
        frontier = next & allowed & ~reach;
        reach |= frontier;
    }
    return reach;
}

double ConnectedPartitionSearch::weightOf(Mask set, std::size_t goal) const
{
    const double *w = mWeight.data() + goal * static_cast<std::size_t>(mUnits);
    double total = 0;
    for (; set; set &= set - 1)
        total += w[lowest(set)];
    return total;
}

std::pair<int, int> ConnectedPartitionSearch::partRange(Mask piece) const
{
    // Whole territories a piece can hold: m with m * lower <= weight <= m * upper
    // for every goal, and at most one per unit (bounds with slack: a relaxation).
    int low = 1, high = std::popcount(piece);
    for (std::size_t g = 0; g < mGoals; ++g) {
        const double w = weightOf(piece, g);
        if (mUpper[g] <= 0) {
            if (w > 0)
                return {1, 0};
            continue;
        }
        low = std::max(low, static_cast<int>(std::ceil(w / mUpper[g] - 1e-9)));
        if (mLower[g] > 0)
            high = std::min(high, static_cast<int>(std::floor(w / mLower[g] + 1e-9)));
    }
    return {low, high};
}

bool ConnectedPartitionSearch::withinTolerance(double load, std::size_t goal) const
{
    // metrics::deviation against the mean, as evaluatePlan applies it.
    const double mean = mMean[goal];
    if (mean == 0.0)
        return load == 0.0;
    return std::abs((load - mean) / std::abs(mean)) <= mTolerance[goal] + 1e-9;
}

bool ConnectedPartitionSearch::withinTolerance(Mask territory) const
{
    for (std::size_t g = 0; g < mGoals; ++g)
        if (!withinTolerance(weightOf(territory, g), g))
            return false;
    return true;
}

double ConnectedPartitionSearch::cut(Mask set, Mask rest) const
{
    double total = 0;
    const auto n = static_cast<std::size_t>(mUnits);
    for (Mask s = set; s; s &= s - 1) {
        const auto u = static_cast<std::size_t>(lowest(s));
        const Mask across = mNeighbours[u] & rest;
        if (!mHasLengths) {
            total += std::popcount(across);
            continue;
        }
        for (Mask a = across; a; a &= a - 1)
            total += mLength[u * n + static_cast<std::size_t>(lowest(a))];
    }
    return total;
}

void ConnectedPartitionSearch::stop(bool budget)
{
    mStopped = true;
    if (budget)
        mWorkBudgetHit = true;
    else if (!mCancelled)
        mTimeLimitHit = true;
}

std::vector<int> ConnectedPartitionSearch::planOf(const std::vector<Mask> &parts) const
{
    // Territories numbered by their first unit, so equal plans read alike.
    std::vector<std::pair<int, Mask>> ordered;
    for (Mask part : parts) {
        int first = mUnits;
        for (Mask p = part; p; p &= p - 1)
            first = std::min(first, mUnit[static_cast<std::size_t>(lowest(p))]);
        ordered.emplace_back(first, part);
    }
    std::sort(ordered.begin(), ordered.end());
    std::vector<int> plan(static_cast<std::size_t>(mUnits), -1);
    for (std::size_t t = 0; t < ordered.size(); ++t)
        for (Mask p = ordered[t].second; p; p &= p - 1)
            plan[static_cast<std::size_t>(mUnit[static_cast<std::size_t>(lowest(p))])] = static_cast<int>(t);
    return plan;
}

} // namespace

bool connectedPartitionsApply(const DistrictingProblem &problem, const OptimizerOptions &options)
{
    const std::size_t n = problem.unitCount();
    if (options.compactness != CompactnessObjective::Boundary || !options.contiguity)
        return false;
    if (n == 0 || n > 64 || problem.adjacency.unitCount() != n || options.territories < 1
        || static_cast<std::size_t>(options.territories) > n)
        return false;
    if (options.rebalanceFromCurrent || options.moveCap >= 0 || options.utilisationMax > 0 || options.utilisationMin > 0
        || (options.disruptionWeight > 0 && problem.hasCurrentPlan()))
        return false;
    if (std::any_of(problem.locked.begin(), problem.locked.end(), [](int t) { return t >= 0; }))
        return false;
    for (const BalanceGoal &goal : options.balance) {
        if (goal.attribute < 0 || static_cast<std::size_t>(goal.attribute) >= problem.weights.size()
            || problem.weights[static_cast<std::size_t>(goal.attribute)].size() != n)
            return false;
        if (std::any_of(goal.targets.begin(), goal.targets.end(), [](double t) { return std::isfinite(t); }))
            return false; // territories with their own targets are not interchangeable
        for (double w : problem.weights[static_cast<std::size_t>(goal.attribute)])
            if (!(w >= 0) || !std::isfinite(w))
                return false; // growth stops at the upper bound only for non-negative weights
    }
    return true;
}

Result<EnumeratedPartition> enumerateConnectedPartitions(const DistrictingProblem &problem, const OptimizerOptions &options,
                                                         Deadline deadline, std::int64_t workBudget, Feedback *feedback)
{
    if (!connectedPartitionsApply(problem, options))
        return EnumeratedPartition{};
    ConnectedPartitionSearch search(problem, options);
    EnumeratedPartition out = search.run(deadline, workBudget, feedback);
    if (search.cancelled())
        return makeError(ErrorCode::Cancelled, "optimization cancelled");
    return out;
}

} // namespace tessera
