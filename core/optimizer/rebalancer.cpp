#include "core/optimizer/rebalancer.h"

#include "core/metrics/deviation.h"
#include "core/metrics/territorymetrics.h"
#include "core/optimizer/deadline.h"
#include "core/optimizer/planevaluation.h"
#include "core/optimizer/rebalancestate.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <sstream>

namespace tessera {

namespace {

using namespace rebalancing;

/// Restarts of the heuristic fewest-moves search (the first one unperturbed).
constexpr int MaxRestarts = 12;
/// Restarts of the best-balance-within-N search.
constexpr int WithinRestarts = 4;
/// Potential power of that search: high, so it chases the worst territory.
constexpr int WithinPower = 8;

/// Moves the detached pieces of every territory (all but its piece with most
/// units) unit by unit to a territory they touch, best balance first, so a
/// plan that starts in pieces ends contiguous. Each such unit is a move;
/// returns false when the cap or a locked unit stopped the repair.
bool repairPieces(State &s, int cap)
{
    if (!s.contiguity)
        return true;
    std::vector<int> piece(s.n), stack;
    for (;;) {
        std::fill(piece.begin(), piece.end(), -1);
        std::vector<int> pieceSize, mainPiece(static_cast<std::size_t>(s.k), -1);
        for (std::size_t start = 0; start < s.n; ++start) {
            if (piece[start] >= 0 || s.plan[start] < 0)
                continue;
            const int id = static_cast<int>(pieceSize.size());
            pieceSize.push_back(0);
            piece[start] = id;
            stack.assign(1, static_cast<int>(start));
            while (!stack.empty()) {
                const int x = stack.back();
                stack.pop_back();
                ++pieceSize.back();
                for (UnitId v : s.p.adjacency.neighbours(UnitId(x))) {
                    const auto vi = static_cast<std::size_t>(v.value());
                    if (piece[vi] < 0 && s.plan[vi] == s.plan[start]) {
                        piece[vi] = id;
                        stack.push_back(v.value());
                    }
                }
            }
            int &main = mainPiece[static_cast<std::size_t>(s.plan[start])];
            if (main < 0 || pieceSize[static_cast<std::size_t>(id)] > pieceSize[static_cast<std::size_t>(main)])
                main = id;
        }
        bool detached = false, progress = false;
        for (std::size_t u = 0; u < s.n; ++u) {
            if (s.plan[u] < 0 || piece[u] == mainPiece[static_cast<std::size_t>(s.plan[u])])
                continue;
            detached = true;
            if (s.p.isLocked(u))
                continue;
            int best = -1;
            double bestDelta = std::numeric_limits<double>::infinity();
            for (UnitId v : s.p.adjacency.neighbours(UnitId(static_cast<std::int32_t>(u)))) {
                const int to = s.plan[static_cast<std::size_t>(v.value())];
                if (to < 0 || to == s.plan[u])
                    continue;
                const double delta = s.deltaPotential(u, s.plan[u], to);
                if (delta < bestDelta - 1e-12 || (delta <= bestDelta + 1e-12 && to < best)) {
                    bestDelta = delta;
                    best = to;
                }
            }
            if (best < 0 || s.moved + s.moveCountChange(u, best) > cap)
                continue;
            s.move(u, best);
            progress = true;
        }
        if (!detached)
            return true;
        if (!progress)
            return false;
    }
}

/// An ejection chain of two moves (u: A → B, then v: B → C) that improves
/// the balance when no single move does; applies the best one found among the
/// most promising first moves. Returns whether it moved anything.
bool chainStep(State &s, int cap, Budget &budget)
{
    constexpr std::size_t FirstMoves = 48;
    std::vector<Candidate> firsts;
    std::vector<int> seen;
    for (std::size_t u = 0; u < s.n; ++u) {
        const int from = s.plan[u];
        if (from < 0 || s.p.isLocked(u))
            continue;
        seen.clear();
        for (UnitId v : s.p.adjacency.neighbours(UnitId(static_cast<std::int32_t>(u)))) {
            const int to = s.plan[static_cast<std::size_t>(v.value())];
            if (to < 0 || to == from || std::find(seen.begin(), seen.end(), to) != seen.end())
                continue;
            seen.push_back(to);
            ++budget.used;
            firsts.push_back({s.deltaPotential(u, from, to), 0, static_cast<int>(u), to});
        }
    }
    std::sort(firsts.begin(), firsts.end());
    double best = -1e-9;
    Candidate bestFirst, bestSecond;
    std::size_t tried = 0;
    for (const Candidate &first : firsts) {
        if (tried >= FirstMoves || budget.stop())
            break;
        const auto u = static_cast<std::size_t>(first.unit);
        if (!s.canLeave(u))
            continue;
        ++tried;
        const int from = s.plan[u];
        s.move(u, first.to); // the pair's move count is checked after both moves
        for (std::size_t v = 0; v < s.n; ++v) {
            if (v == u || s.plan[v] != first.to || s.p.isLocked(v))
                continue;
            seen.clear();
            for (UnitId w : s.p.adjacency.neighbours(UnitId(static_cast<std::int32_t>(v)))) {
                const int to = s.plan[static_cast<std::size_t>(w.value())];
                if (to < 0 || to == first.to || std::find(seen.begin(), seen.end(), to) != seen.end())
                    continue;
                seen.push_back(to);
                if (s.moved + s.moveCountChange(v, to) > cap)
                    continue;
                ++budget.used;
                const double total = first.key + s.deltaPotential(v, first.to, to);
                if (total < best && s.canLeave(v)) {
                    best = total;
                    bestFirst = first;
                    bestSecond = {total, 0, static_cast<int>(v), to};
                }
            }
        }
        s.move(u, from);
    }
    if (bestFirst.unit < 0)
        return false;
    s.move(static_cast<std::size_t>(bestFirst.unit), bestFirst.to);
    s.move(static_cast<std::size_t>(bestSecond.unit), bestSecond.to);
    return true;
}

/// Greedy descent from the state's plan: each step takes the best
/// improving border move that keeps the cap and contiguity. Stops when
/// nothing improves, or (\a untilBalanced) once every goal is within tolerance.
/// \a noise > 0 perturbs the ranking (restarts). Records the best plan seen
/// by (worst ratio, moves) in \a best.
void descend(State &s, int cap, bool untilBalanced, double noise, std::mt19937_64 &rng, Budget &budget,
             std::vector<int> &best, double &bestRatio, int &bestMoves)
{
    std::vector<Candidate> candidates;
    std::vector<int> seen;
    auto record = [&] {
        const double ratio = s.worstRatio();
        if (ratio < bestRatio - 1e-12 || (ratio <= bestRatio + 1e-12 && s.moved < bestMoves)) {
            bestRatio = ratio;
            bestMoves = s.moved;
            best = s.plan;
        }
    };
    record();
    while (!budget.stop()) {
        if (untilBalanced && s.balanced())
            return;
        candidates.clear();
        for (std::size_t u = 0; u < s.n; ++u) {
            const int from = s.plan[u];
            if (from < 0 || s.p.isLocked(u))
                continue;
            seen.clear();
            for (UnitId v : s.p.adjacency.neighbours(UnitId(static_cast<std::int32_t>(u)))) {
                const int to = s.plan[static_cast<std::size_t>(v.value())];
                if (to < 0 || to == from || std::find(seen.begin(), seen.end(), to) != seen.end())
                    continue;
                seen.push_back(to);
                const int change = s.moveCountChange(u, to);
                if (s.moved + change > cap)
                    continue;
                ++budget.used;
                const double delta = s.deltaPotential(u, from, to);
                if (delta >= -1e-12)
                    continue;
                // Taking a move back is free disruption-wise: prefer it.
                double key = change < 0 ? delta * 4 : delta;
                if (noise > 0)
                    key *= 1.0 + noise * (uniform01(rng) - 0.5);
                candidates.push_back({key, delta, static_cast<int>(u), to});
            }
        }
        std::sort(candidates.begin(), candidates.end());
        bool moved = false;
        for (const Candidate &c : candidates) {
            if (!s.canLeave(static_cast<std::size_t>(c.unit)))
                continue;
            s.move(static_cast<std::size_t>(c.unit), c.to);
            moved = true;
            break;
        }
        if (!moved && !chainStep(s, cap, budget))
            return;
        record();
    }
}

/// Takes back moved units (back to their current-plan territory) while the
/// plan stays within every tolerance (\a keepBalanced) or its worst ratio
/// stays at most \a allowedRatio; least harmful first.
void takeBack(State &s, bool keepBalanced, double allowedRatio, Budget &budget)
{
    bool progress = true;
    std::vector<Candidate> candidates;
    while (progress && !budget.stop()) {
        progress = false;
        candidates.clear();
        for (std::size_t u = 0; u < s.n; ++u) {
            if (s.plan[u] == s.origin[u] || s.origin[u] < 0 || s.p.isLocked(u))
                continue;
            ++budget.used;
            candidates.push_back({s.deltaPotential(u, s.plan[u], s.origin[u]), 0, static_cast<int>(u), s.origin[u]});
        }
        std::sort(candidates.begin(), candidates.end());
        for (const Candidate &c : candidates) {
            const auto u = static_cast<std::size_t>(c.unit);
            if (s.contiguity && !s.touches(u, c.to))
                continue;
            if (!s.canLeave(u))
                continue;
            const int from = s.plan[u];
            s.move(u, c.to);
            if (keepBalanced ? s.balanced() : s.worstRatio() <= allowedRatio + 1e-12) {
                progress = true;
                break;
            }
            s.move(u, from);
        }
    }
}

/// Moves the state's units to \a plan.
void applyPlan(State &s, const std::vector<int> &plan)
{
    for (std::size_t u = 0; u < plan.size(); ++u)
        if (plan[u] != s.plan[u] && plan[u] >= 0 && s.plan[u] >= 0)
            s.move(u, plan[u]);
}

/// The outcome of \a plan, measured from scratch.
RebalanceOutcome measure(const DistrictingProblem &problem, int k, const RebalanceOptions &options, const std::vector<int> &plan)
{
    State s(problem, k, options);
    applyPlan(s, plan);
    RebalanceOutcome out;
    out.plan = plan;
    out.movedUnits = s.moved;
    out.worstRatio = s.worstRatio();
    out.balanced = s.balanced();
    const std::vector<int> pieces = districting::territoryPieces(problem, plan, k);
    out.contiguous = std::all_of(pieces.begin(), pieces.end(), [](int c) { return c <= 1; });
    for (std::size_t g = 0; g < s.goals(); ++g) {
        double worst = 0;
        for (std::size_t t = 0; t < static_cast<std::size_t>(k); ++t) {
            const double d = metrics::deviation(s.sums[g][t], s.refs[g][t]);
            if (!std::isfinite(d))
                continue;
            worst = std::max(worst, std::abs(d));
            if (std::abs(d) > s.tolerances[g] + 1e-9)
                out.breaches.push_back({static_cast<int>(t), pieces[t], static_cast<int>(g), d});
        }
        out.worstDeviation.push_back(worst);
    }
    if (options.contiguity)
        for (int t = 0; t < k; ++t)
            if (pieces[static_cast<std::size_t>(t)] > 1)
                out.breaches.push_back({t, pieces[static_cast<std::size_t>(t)], -1, 0.0});
    return out;
}

std::int64_t automaticBudget(std::size_t n)
{
    return std::max<std::int64_t>(2'000'000, static_cast<std::int64_t>(n) * 20'000);
}

/// Exact fewest moves by enumerating moved sets of growing size; returns
/// false when the plans to enumerate exceed \a maxPlans (nothing decided).
bool enumerateFewest(State &s, std::int64_t maxPlans, Budget &budget, std::vector<int> &bestPlan)
{
    std::vector<int> movable;
    for (std::size_t u = 0; u < s.n; ++u)
        if (s.origin[u] >= 0 && !s.p.isLocked(u))
            movable.push_back(static_cast<int>(u));
    const auto m = movable.size();
    double plans = 0; // plans with up to `depth` moves: sum C(m, d) (k-1)^d
    double combinations = 1;
    for (std::size_t depth = 0; depth <= m; ++depth) {
        if (depth > 0)
            combinations = combinations * static_cast<double>(m - depth + 1) / static_cast<double>(depth);
        plans += combinations * std::pow(static_cast<double>(s.k - 1), static_cast<double>(depth));
        if (plans > static_cast<double>(maxPlans))
            return false;
        // Enumerate every set of `depth` moved units and their new territories.
        double bestRatio = std::numeric_limits<double>::infinity();
        std::vector<std::size_t> chosen;
        const auto recurse = [&](const auto &self, std::size_t start) -> void {
            if (budget.stop())
                return;
            if (chosen.size() == depth) {
                ++budget.used;
                if (!s.balanced())
                    return;
                const double ratio = s.worstRatio();
                if (ratio >= bestRatio - 1e-12)
                    return;
                if (s.contiguity) {
                    const std::vector<int> pieces = districting::territoryPieces(s.p, s.plan, s.k);
                    if (std::any_of(pieces.begin(), pieces.end(), [](int c) { return c != 1; }))
                        return;
                }
                bestRatio = ratio;
                bestPlan = s.plan;
                return;
            }
            for (std::size_t i = start; i + (depth - chosen.size()) <= m; ++i) {
                const auto u = static_cast<std::size_t>(movable[i]);
                chosen.push_back(u);
                for (int t = 0; t < s.k; ++t) {
                    if (t == s.origin[u])
                        continue;
                    s.move(u, t);
                    self(self, i + 1);
                    s.move(u, s.origin[u]);
                }
                chosen.pop_back();
            }
        };
        // move() keeps size; a territory may empty here, which the contiguity check refuses.
        recurse(recurse, 0);
        if (budget.timeHit || budget.workHit || isCancelled(budget.feedback))
            return false;
        if (std::isfinite(bestRatio))
            return true;
    }
    return true; // no plan at all: bestPlan stays empty
}

} // namespace

Rebalancer::Rebalancer(const DistrictingProblem &problem, int territories, RebalanceOptions options)
    : mProblem(problem), mTerritories(territories), mOptions(std::move(options))
{
}

Result<RebalanceOutcome> Rebalancer::bestWithin(int maxMoves, Feedback *feedback)
{
    if (!mProblem.hasCurrentPlan())
        return makeError(ErrorCode::InvalidArgument, "rebalancing needs a current plan");
    if (maxMoves < 0)
        return makeError(ErrorCode::InvalidArgument, "the number of moved units must be 0 or more");
    Budget budget{mOptions.workBudget > 0 ? mOptions.workBudget : automaticBudget(mProblem.unitCount()), 0,
                  Deadline::after(mOptions.timeLimitSeconds), feedback};
    // Seeded restarts (the first unperturbed) share the budget; the best plan seen wins.
    std::vector<int> best;
    double bestRatio = std::numeric_limits<double>::infinity();
    int bestMoves = 0;
    const std::int64_t perRestart = budget.limit / WithinRestarts;
    for (int r = 0; r < WithinRestarts && !budget.stop(); ++r) {
        State s(mProblem, mTerritories, mOptions, WithinPower);
        std::mt19937_64 rng(mOptions.seed * 0x9E3779B97F4A7C15ull + static_cast<std::uint64_t>(r));
        Budget run{std::min(budget.limit, budget.used + perRestart), budget.used, budget.deadline, feedback};
        repairPieces(s, maxMoves);
        if (best.empty())
            best = s.plan;
        descend(s, maxMoves, false, r == 0 ? 0.0 : 0.6, rng, run, best, bestRatio, bestMoves);
        budget.used = run.used;
        budget.timeHit = budget.timeHit || run.timeHit;
    }
    if (isCancelled(feedback))
        return makeError(ErrorCode::Cancelled, "rebalancing cancelled");
    // From the best plan seen, take back the moves balance does not need.
    State back(mProblem, mTerritories, mOptions, WithinPower);
    applyPlan(back, best);
    Budget cleanup{std::numeric_limits<std::int64_t>::max(), 0, budget.deadline, feedback};
    takeBack(back, false, back.worstRatio(), cleanup);
    RebalanceOutcome out = measure(mProblem, mTerritories, mOptions, back.plan);
    out.evaluatedMoves = budget.used + cleanup.used;
    out.timeLimitHit = budget.timeHit || cleanup.timeHit;
    out.workBudgetHit = budget.used >= budget.limit;
    return out;
}

Result<RebalanceOutcome> Rebalancer::fewestMoves(Feedback *feedback)
{
    if (!mProblem.hasCurrentPlan())
        return makeError(ErrorCode::InvalidArgument, "rebalancing needs a current plan");
    Budget budget{mOptions.workBudget > 0 ? mOptions.workBudget : automaticBudget(mProblem.unitCount()), 0,
                  Deadline::after(mOptions.timeLimitSeconds), feedback};
    const int cap = static_cast<int>(mProblem.unitCount());
    {
        State s(mProblem, mTerritories, mOptions);
        std::vector<int> plan;
        Budget exactBudget = budget;
        if (enumerateFewest(s, mOptions.exactMaxPlans, exactBudget, plan)) {
            budget.used = exactBudget.used;
            RebalanceOutcome out;
            if (!plan.empty()) {
                out = measure(mProblem, mTerritories, mOptions, plan);
                out.exact = true;
                out.evaluatedMoves = budget.used;
                return out;
            }
        } else {
            budget.used = 0; // the enumeration gave up: it decides nothing
        }
    }
    std::vector<int> bestPlan;
    int bestMoves = std::numeric_limits<int>::max();
    double bestRatio = std::numeric_limits<double>::infinity();
    bool bestBalanced = false;
    const std::int64_t perRestart = budget.limit / MaxRestarts;
    for (int r = 0; r < MaxRestarts && !budget.stop(); ++r) {
        // Alternate evening out (power 2) and chasing the worst territory.
        State s(mProblem, mTerritories, mOptions, r % 2 ? WithinPower : 2);
        std::mt19937_64 rng(mOptions.seed * 0x9E3779B97F4A7C15ull + static_cast<std::uint64_t>(r));
        std::vector<int> seen = s.plan;
        double seenRatio = std::numeric_limits<double>::infinity();
        int seenMoves = 0;
        Budget run{std::min(budget.limit, budget.used + perRestart), budget.used, budget.deadline, feedback};
        repairPieces(s, cap);
        seen = s.plan;
        descend(s, cap, true, r < 2 ? 0.0 : 0.6, rng, run, seen, seenRatio, seenMoves);
        const bool balanced = s.balanced();
        if (balanced) {
            takeBack(s, true, 0.0, run);
        } else {
            // Not reached: keep the best balance seen on the way.
            applyPlan(s, seen);
        }
        budget.used = run.used;
        budget.timeHit = budget.timeHit || run.timeHit;
        const bool better = balanced != bestBalanced ? balanced
                            : balanced             ? (s.moved < bestMoves || (s.moved == bestMoves && s.worstRatio() < bestRatio - 1e-12))
                                                   : s.worstRatio() < bestRatio - 1e-12;
        if (bestPlan.empty() || better) {
            bestPlan = s.plan;
            bestMoves = s.moved;
            bestRatio = s.worstRatio();
            bestBalanced = balanced;
        }
        reportProgress(feedback, ProgressReport{static_cast<double>(r + 1) / MaxRestarts, "fewest moves",
                                                bestBalanced ? std::optional<double>(bestMoves) : std::nullopt, {}});
    }
    if (isCancelled(feedback))
        return makeError(ErrorCode::Cancelled, "rebalancing cancelled");
    RebalanceOutcome out = measure(mProblem, mTerritories, mOptions, bestPlan);
    out.evaluatedMoves = budget.used;
    out.timeLimitHit = budget.timeHit;
    out.workBudgetHit = budget.used >= budget.limit;
    return out;
}

Result<std::vector<RebalanceCurvePoint>> Rebalancer::curve(Feedback *feedback)
{
    const Deadline deadline = Deadline::after(mOptions.timeLimitSeconds);
    const auto stepOptions = [&] {
        RebalanceOptions o = mOptions;
        o.timeLimitSeconds = deadline.secondsLeft() < 1e8 ? std::max(1e-3, deadline.secondsLeft()) : 0.0;
        return o;
    };
    // The fewest-moves plan first: every budget at least that large does at least as well.
    auto fewest = Rebalancer(mProblem, mTerritories, stepOptions()).fewestMoves(feedback);
    if (!fewest)
        return fewest.error();
    std::vector<RebalanceCurvePoint> points;
    const int units = static_cast<int>(mProblem.unitCount());
    for (int n = 0;; n = n == 0 ? 5 : n * 2) {
        auto outcome = Rebalancer(mProblem, mTerritories, stepOptions()).bestWithin(std::min(n, units), feedback);
        if (!outcome)
            return outcome.error();
        // A larger budget never does worse than a smaller one or than the fewest-moves plan within it.
        if (!points.empty() && points.back().outcome.worstRatio < outcome->worstRatio - 1e-12
            && points.back().outcome.contiguous >= outcome->contiguous)
            *outcome = points.back().outcome;
        if (fewest->movedUnits <= n && fewest->worstRatio < outcome->worstRatio - 1e-12
            && fewest->contiguous >= outcome->contiguous)
            *outcome = *fewest;
        const bool balanced = outcome->balanced;
        points.push_back({n, false, std::move(*outcome)});
        reportProgress(feedback, std::min(1.0, 0.5 + n / 160.0), "trade-off curve");
        if (balanced || n >= units || deadline.passed())
            break;
    }
    if (fewest->balanced) {
        const int moves = fewest->movedUnits;
        auto at = std::find_if(points.begin(), points.end(), [&](const RebalanceCurvePoint &p) { return p.maxMoves >= moves; });
        points.insert(at, {moves, true, std::move(*fewest)});
    }
    reportProgress(feedback, 1.0, "trade-off curve");
    return points;
}

std::string describeBreach(const RebalanceBreach &breach, const std::vector<std::string> &territoryNames,
                           const std::vector<std::string> &goalNames, const std::vector<BalanceGoal> &goals)
{
    std::ostringstream out;
    out << "territory ";
    if (breach.territory >= 0 && static_cast<std::size_t>(breach.territory) < territoryNames.size())
        out << "'" << territoryNames[static_cast<std::size_t>(breach.territory)] << "'";
    else
        out << breach.territory + 1;
    if (breach.goal < 0) {
        out << " is in " << breach.pieces << " pieces";
        return out.str();
    }
    const auto g = static_cast<std::size_t>(breach.goal);
    out.setf(std::ios::fixed);
    out.precision(1);
    out << " is " << std::abs(breach.deviation) * 100 << " % " << (breach.deviation > 0 ? "above" : "below")
        << " the mean " << (g < goalNames.size() ? goalNames[g] : "attribute") << " (tolerance ±"
        << (g < goals.size() ? goals[g].tolerance * 100 : 0.0) << " %)";
    return out.str();
}

} // namespace tessera
