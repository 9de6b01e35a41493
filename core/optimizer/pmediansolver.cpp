#include "core/optimizer/pmediansolver.h"

#include "core/optimizer/pmediancostmodel.h"
#include "core/optimizer/pmedianlagrangianbound.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <memory>
#include <numeric>
#include <random>

namespace tessera {

namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

/// Random integer in [0, bound) with our own mapping (std distributions differ
/// between standard libraries, which would break cross-platform determinism).
std::size_t randomBelow(std::mt19937_64 &rng, std::size_t bound)
{
    return static_cast<std::size_t>(rng() % bound);
}

/// Resende & Werneck's fast swap local search state.
class FastSwap {
public:
    FastSwap(const PmedianCostModel &model, std::size_t p)
        : mModel(model), mN(model.customers()), mM(model.sites()), mP(p), mOpen(mM, 0), mPosition(mM, 0),
          mFirst(mN), mSecond(mN), mD1(mN), mD2(mN), mGain(mM), mLoss(mM), mExtra(mM * mM)
    {
    }

    void reset(const std::vector<std::size_t> &sites)
    {
        std::fill(mOpen.begin(), mOpen.end(), 0);
        mOpenList.assign(sites.begin(), sites.end());
        for (std::size_t k = 0; k < mOpenList.size(); ++k) {
            mOpen[mOpenList[k]] = 1;
            mPosition[mOpenList[k]] = k;
        }
        std::fill(mGain.begin(), mGain.end(), 0.0);
        std::fill(mLoss.begin(), mLoss.end(), 0.0);
        std::fill(mExtra.begin(), mExtra.end(), 0.0);
        mObjective = 0.0;
        for (std::size_t u = 0; u < mN; ++u) {
            locate(u);
            contribute(u, 1.0);
            mObjective += mD1[u];
        }
    }

    double objective() const { return mObjective; }
    const std::vector<std::size_t> &openSites() const { return mOpenList; }
    bool isOpen(std::size_t j) const { return mOpen[j] != 0; }

    /// Best swap (insert, remove) and its profit (positive = improvement).
    double bestSwap(std::size_t &insert, std::size_t &remove) const
    {
        double best = -std::numeric_limits<double>::infinity();
        for (std::size_t r : mOpenList) {
            const double base = -mLoss[r];
            const double *extra = mExtra.data() + r * mM;
            for (std::size_t j = 0; j < mM; ++j) {
                if (mOpen[j])
                    continue;
                const double profit = mGain[j] + extra[j] + base;
                if (profit > best) {
                    best = profit;
                    insert = j;
                    remove = r;
                }
            }
        }
        return best;
    }

    void swap(std::size_t insert, std::size_t remove)
    {
        // Customers whose nearest or second-nearest changes: undo their share first.
        mAffected.clear();
        for (std::size_t u = 0; u < mN; ++u) {
            if (mFirst[u] == remove || mSecond[u] == remove || mModel.cost(u, insert) < mD2[u]) {
                mAffected.push_back(u);
                contribute(u, -1.0);
            }
        }
        const std::size_t k = mPosition[remove];
        mOpenList[k] = insert;
        mPosition[insert] = k;
        mOpen[remove] = 0;
        mOpen[insert] = 1;
        for (std::size_t u : mAffected) {
            mObjective -= mD1[u];
            locate(u);
            mObjective += mD1[u];
            contribute(u, 1.0);
        }
    }

    /// Best-improvement swaps until none improves or \a deadline passes;
    /// returns the number of swaps.
    std::size_t localSearch(const Feedback *feedback, const Deadline &deadline)
    {
        std::size_t swaps = 0;
        const double epsilon = 1e-9 * std::max(1.0, mObjective);
        for (;;) {
            if (isCancelled(feedback) || deadline.passed())
                break;
            std::size_t insert = 0, remove = 0;
            if (bestSwap(insert, remove) <= epsilon)
                break;
            swap(insert, remove);
            ++swaps;
        }
        return swaps;
    }

private:
    void locate(std::size_t u)
    {
        const std::uint32_t *ord = mModel.order(u);
        std::size_t found = 0;
        for (std::size_t k = 0; k < mM && found < 2; ++k) {
            if (mOpen[ord[k]]) {
                if (found == 0)
                    mFirst[u] = ord[k];
                else
                    mSecond[u] = ord[k];
                ++found;
            }
        }
        mD1[u] = mModel.cost(u, mFirst[u]);
        mD2[u] = mModel.cost(u, mSecond[u]);
    }

    void contribute(std::size_t u, double sign)
    {
        const std::uint32_t *ord = mModel.order(u);
        const double *row = mModel.costRow(u);
        const double d1 = mD1[u], d2 = mD2[u];
        const std::size_t r = mFirst[u];
        mLoss[r] += sign * (d2 - d1);
        double *extra = mExtra.data() + r * mM;
        for (std::size_t k = 0; k < mM; ++k) {
            const std::size_t j = ord[k];
            const double c = row[j];
            if (c >= d2)
                break;
            if (c < d1)
                mGain[j] += sign * (d1 - c);
            extra[j] += sign * (d2 - std::max(c, d1));
        }
    }

    const PmedianCostModel &mModel;
    std::size_t mN, mM, mP;
    std::vector<char> mOpen;
    std::vector<std::size_t> mPosition;
    std::vector<std::size_t> mOpenList;
    std::vector<std::size_t> mFirst, mSecond;
    std::vector<double> mD1, mD2;
    std::vector<double> mGain, mLoss, mExtra;
    std::vector<std::size_t> mAffected;
    double mObjective = 0.0;
};

/// Greedy addition: open, one at a time, the site that lowers the cost most.
/// When \a deadline passes, the remaining sites are the lowest-numbered
/// closed ones (a valid start; the search then stops at once).
std::vector<std::size_t> greedySites(const PmedianCostModel &model, std::size_t p, const Feedback *feedback,
                                     const Deadline &deadline)
{
    const std::size_t n = model.customers(), m = model.sites();
    std::vector<double> nearest(n, std::numeric_limits<double>::infinity());
    std::vector<char> open(m, 0);
    std::vector<std::size_t> sites;
    for (std::size_t step = 0; step < p; ++step) {
        if (isCancelled(feedback))
            break; // the caller notices the cancel and discards the result
        if (deadline.passed()) {
            for (std::size_t j = 0; j < m && sites.size() < p; ++j)
                if (!open[j]) {
                    open[j] = 1;
                    sites.push_back(j);
                }
            break;
        }
        double best = std::numeric_limits<double>::infinity();
        std::size_t bestSite = 0;
        for (std::size_t j = 0; j < m; ++j) {
            if (open[j])
                continue;
            double total = 0.0;
            for (std::size_t i = 0; i < n; ++i)
                total += std::min(nearest[i], model.cost(i, j));
            if (total < best) {
                best = total;
                bestSite = j;
            }
        }
        open[bestSite] = 1;
        sites.push_back(bestSite);
        for (std::size_t i = 0; i < n; ++i)
            nearest[i] = std::min(nearest[i], model.cost(i, bestSite));
    }
    return sites;
}

std::vector<std::size_t> randomSites(std::mt19937_64 &rng, std::size_t m, std::size_t p)
{
    std::vector<std::size_t> all(m);
    std::iota(all.begin(), all.end(), std::size_t(0));
    for (std::size_t k = 0; k < p; ++k)
        std::swap(all[k], all[k + randomBelow(rng, m - k)]);
    all.resize(p);
    return all;
}

LocationResult finish(const PmedianCostModel &model, std::vector<std::size_t> sites)
{
    LocationResult result;
    std::sort(sites.begin(), sites.end());
    result.objective = model.evaluate(sites, &result.assignment);
    result.sites = std::move(sites);
    return result;
}

} // namespace

PmedianSolver::PmedianSolver(LocationOptions options) : mOptions(options) {}

Result<LocationResult> PmedianSolver::solve(const LocationProblem &problem, Feedback *feedback) const
{
    const auto begin = Clock::now();
    LocationProblem uncapacitated = problem;
    uncapacitated.capacities.clear();
    if (auto valid = uncapacitated.validate(); !valid)
        return valid.error();
    const PmedianCostModel model(uncapacitated);
    if (!(mOptions.timeLimitSeconds > 0))
        return solve(uncapacitated, model, true, feedback);
    // The time limit covers building the cost table too.
    LocationOptions rest = mOptions;
    rest.timeLimitSeconds = std::max(1e-3, mOptions.timeLimitSeconds - secondsSince(begin));
    return PmedianSolver(rest).solve(uncapacitated, model, true, feedback);
}

Result<LocationResult> PmedianSolver::solve(const LocationProblem &problem, const PmedianCostModel &model,
                                            bool withBound, Feedback *feedback) const
{
    const auto start = Clock::now();
    const std::size_t n = model.customers(), m = model.sites(), p = problem.p;
    // One deadline for every phase (greedy start, swaps, shakes, bound).
    const Deadline deadline = mOptions.timeLimitSeconds > 0
                                  ? Deadline(start + std::chrono::microseconds(static_cast<long long>(mOptions.timeLimitSeconds * 1e6)))
                                  : Deadline{};
    auto timeUp = [&] { return deadline.passed(); };
    auto cancelled = [&] { return makeError(ErrorCode::Cancelled, "site selection cancelled"); };

    LocationResult best;
    LocationStop stop = LocationStop::Converged;
    std::size_t iterations = 0, swaps = 0;

    if (p == m || p == 1) {
        // Trivial cases: all sites open, or the best single site by enumeration.
        std::vector<std::size_t> sites;
        if (p == m) {
            sites.resize(m);
            std::iota(sites.begin(), sites.end(), std::size_t(0));
        } else {
            double bestTotal = std::numeric_limits<double>::infinity();
            std::size_t bestSite = 0;
            for (std::size_t j = 0; j < m; ++j) {
                double total = 0.0;
                for (std::size_t i = 0; i < n; ++i)
                    total += model.cost(i, j);
                if (total < bestTotal) {
                    bestTotal = total;
                    bestSite = j;
                }
            }
            sites.push_back(bestSite);
        }
        best = finish(model, sites);
        best.lowerBound = best.objective;
        best.gap = 0.0;
        best.stop = LocationStop::ProvenOptimal;
        best.boundMethod = "enumeration";
        best.seconds = secondsSince(start);
        return best;
    }

    std::mt19937_64 rng(mOptions.seed);
    FastSwap search(model, p);
    const std::size_t automaticShake = std::clamp<std::size_t>(p / 4, 5, 25);
    const std::size_t maxShake = std::max<std::size_t>(
        1, std::min({mOptions.vnsMaxShake ? mOptions.vnsMaxShake : automaticShake, p, m - p}));
    const std::size_t idleBudget = mOptions.vnsIterationsWithoutImprovement
                                       ? mOptions.vnsIterationsWithoutImprovement
                                       : std::clamp<std::size_t>(40 * p, 200, 4000);

    double bestObjective = std::numeric_limits<double>::infinity();
    std::vector<std::size_t> bestSites;
    std::unique_ptr<PmedianLagrangianBound> bound;
    double lowerBound = -std::numeric_limits<double>::infinity();
    auto closed = [&] {
        return withBound && model.roundBound(lowerBound) >= bestObjective - 1e-9 * std::max(1.0, bestObjective);
    };

    const std::size_t starts = std::max<std::size_t>(1, mOptions.starts);
    for (std::size_t s = 0; s < starts && stop == LocationStop::Converged; ++s) {
        reportProgress(feedback, double(s) / double(starts), "site selection: start");
        std::vector<std::size_t> initial = s == 0 ? greedySites(model, p, feedback, deadline) : randomSites(rng, m, p);
        if (isCancelled(feedback))
            return cancelled();
        search.reset(initial);
        swaps += search.localSearch(feedback, deadline);
        if (isCancelled(feedback))
            return cancelled();
        std::vector<std::size_t> startBest = search.openSites();
        double startObjective = search.objective();
        if (startObjective < bestObjective) {
            bestObjective = startObjective;
            bestSites = startBest;
        }
        if (withBound && !bound) {
            std::vector<std::size_t> assignment;
            model.evaluate(bestSites, &assignment);
            bound = std::make_unique<PmedianLagrangianBound>(model, problem);
            bound->setStartFromAssignment(assignment);
            lowerBound = bound->improve(bestObjective, mOptions.boundIterations, feedback, deadline);
            if (isCancelled(feedback))
                return cancelled();
        }
        if (closed()) {
            stop = LocationStop::ProvenOptimal;
            break;
        }
        // Variable neighbourhood search around the start's best solution.
        std::size_t k = 1, idle = 0;
        while (idle < idleBudget) {
            if (isCancelled(feedback))
                return cancelled();
            if (timeUp()) {
                stop = LocationStop::TimeLimit;
                break;
            }
            ++iterations;
            // Shake: k random swaps from the incumbent, applied incrementally.
            for (std::size_t t = 0; t < k; ++t) {
                const auto &open = search.openSites();
                const std::size_t remove = open[randomBelow(rng, open.size())];
                std::size_t insert = randomBelow(rng, m - p);
                // the insert-th closed site, found by a short scan
                for (std::size_t j = 0;; ++j) {
                    if (!search.isOpen(j)) {
                        if (insert == 0) {
                            insert = j;
                            break;
                        }
                        --insert;
                    }
                }
                search.swap(insert, remove);
            }
            swaps += search.localSearch(feedback, deadline);
            if (search.objective() < startObjective - 1e-9 * std::max(1.0, startObjective)) {
                startObjective = search.objective();
                startBest = search.openSites();
                k = 1;
                idle = 0;
                if (startObjective < bestObjective) {
                    bestObjective = startObjective;
                    bestSites = startBest;
                    if (closed()) {
                        stop = LocationStop::ProvenOptimal;
                        break;
                    }
                }
                reportProgress(feedback, double(s) / double(starts), "site selection: improved");
            } else if (search.objective() <= startObjective + 1e-9 * std::max(1.0, startObjective)) {
                // Equal value: move to the new solution (walks across plateaus).
                startBest = search.openSites();
                k = k >= maxShake ? 1 : k + 1;
                ++idle;
            } else {
                k = k >= maxShake ? 1 : k + 1;
                ++idle;
                // Return to the start's incumbent by swapping back the differing sites.
                std::vector<char> inBest(m, 0);
                for (std::size_t j : startBest)
                    inBest[j] = 1;
                std::vector<std::size_t> toRemove, toInsert;
                for (std::size_t j : search.openSites()) {
                    if (!inBest[j])
                        toRemove.push_back(j);
                }
                for (std::size_t j : startBest) {
                    if (!search.isOpen(j))
                        toInsert.push_back(j);
                }
                for (std::size_t t = 0; t < toRemove.size(); ++t)
                    search.swap(toInsert[t], toRemove[t]);
                // Guard against drift of the incrementally updated objective.
                if (std::fabs(search.objective() - startObjective) > 1e-6 * std::max(1.0, startObjective))
                    search.reset(startBest);
            }
        }
    }

    best = finish(model, bestSites);
    if (withBound && bound && stop != LocationStop::ProvenOptimal && !closed()) {
        // Spend a second round of subgradient steps with the final upper bound.
        lowerBound = bound->improve(best.objective, mOptions.boundIterations, feedback, deadline);
        if (isCancelled(feedback))
            return cancelled();
        if (closed())
            stop = LocationStop::ProvenOptimal;
    }
    if (stop == LocationStop::Converged)
        stop = LocationStop::WorkBudget;
    if (withBound) {
        best.lowerBound = std::min(model.roundBound(lowerBound), best.objective);
        best.boundMethod = "lagrangian";
        best.gap = best.objective > 0 ? (best.objective - best.lowerBound) / best.objective : 0.0;
        if (stop == LocationStop::ProvenOptimal && best.gap < 1e-9)
            best.gap = 0.0; // closed up to floating-point noise
    } else {
        best.lowerBound = 0.0;
        best.boundMethod = "none";
        best.gap = best.objective > 0 ? 1.0 : 0.0;
    }
    best.stop = stop;
    best.iterations = iterations;
    best.swaps = swaps;
    best.seconds = secondsSince(start);
    return best;
}

} // namespace tessera
