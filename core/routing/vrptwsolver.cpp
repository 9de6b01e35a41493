#include "core/routing/vrptwsolver.h"

#include "core/routing/localsearch.h"
#include "core/routing/routeset.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <numeric>

namespace tessera {

namespace {

/// xoshiro256** seeded by splitmix64: fast and identical on every platform.
class Random {
public:
    explicit Random(std::uint64_t seed)
    {
        for (auto &word : mState) {
            seed += 0x9E3779B97F4A7C15ull;
            std::uint64_t z = seed;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
            word = z ^ (z >> 31);
        }
    }
    std::uint64_t next()
    {
        const std::uint64_t result = rotl(mState[1] * 5, 7) * 9;
        const std::uint64_t t = mState[1] << 17;
        mState[2] ^= mState[0];
        mState[3] ^= mState[1];
        mState[1] ^= mState[2];
        mState[0] ^= mState[3];
        mState[2] ^= t;
        mState[3] = rotl(mState[3], 45);
        return result;
    }
    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
    int below(int n) { return static_cast<int>(uniform() * n); }

private:
    static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    std::uint64_t mState[4];
};

using Clock = std::chrono::steady_clock;

/// One run of the search: the problem-derived tables and the SISR operators.
class Search {
public:
    Search(const RoutingProblem &problem, const RoutingOptions &options, Feedback *feedback)
        : mProblem(problem)
        , mOptions(options)
        , mFeedback(feedback)
        , mRandom(options.seed)
        , mBegin(Clock::now())
        , mBeginCpu(std::clock())
    {
        const int n = static_cast<int>(problem.size());
        mNeighbours.resize(n);
        mGranular.resize(n);
        double maxEntry = 0.0;
        for (double value : problem.travel)
            maxEntry = std::max(maxEntry, value);
        double maxService = 0.0;
        for (const auto &node : problem.nodes)
            maxService = std::max(maxService, node.service);
        mPenalty = 1000.0 * (2.0 * maxEntry + maxService + 1.0);
        double depotSum = 0.0;
        for (int c = 1; c < n; ++c) {
            depotSum += problem.time(0, c);
            auto &list = mNeighbours[c];
            for (int d = 1; d < n; ++d)
                list.push_back(d);
            std::stable_sort(list.begin(), list.end(), [&](int a, int b) {
                return 0.5 * (problem.time(c, a) + problem.time(a, c)) < 0.5 * (problem.time(c, b) + problem.time(b, c));
            });
            mGranular[c].assign(list.begin(), list.begin() + std::min<std::size_t>(list.size(), 25));
        }
        const double meanDepot = n > 1 ? depotSum / (n - 1) : 1.0;
        mStartTemperature = std::max(1e-9, options.startTemperature * meanDepot);
        mFinalTemperature = std::max(1e-12, options.finalTemperature * meanDepot);
        for (int c = 1; c < n; ++c)
            mCustomers.push_back(c);
    }

    Result<RoutingSolution> run()
    {
        RouteSet routes(mProblem);
        for (int c : mCustomers)
            routes.unassign(c);
        recreate(routes, mProblem.maxVehicles, 1); // demand order: a greedy insertion construction
        RouteSet best = routes;
        if (mOptions.localSearch)
            improve(best);

        long long iteration = 0;
        if (mOptions.objective == RoutingObjective::Vehicles && best.unassigned().empty()) {
            auto fleet = minimiseFleet(best, iteration);
            if (!fleet)
                return fleet.error();
            best = std::move(*fleet);
        }
        auto result = minimiseTravel(best, iteration);
        if (!result)
            return result.error();
        RoutingSolution solution = result->toSolution();
        solution.iterations = iteration;
        solution.seconds = std::chrono::duration<double>(Clock::now() - mBegin).count();
        return solution;
    }

private:
    double elapsed() const
    {
        if (mOptions.cpuClock)
            return static_cast<double>(std::clock() - mBeginCpu) / CLOCKS_PER_SEC;
        return std::chrono::duration<double>(Clock::now() - mBegin).count();
    }

    /// Fraction of the whole budget used, in [0, 1].
    double used(long long iteration) const
    {
        double fraction = 0.0;
        if (mOptions.maxIterations > 0)
            fraction = static_cast<double>(iteration) / static_cast<double>(mOptions.maxIterations);
        if (mOptions.timeLimitSeconds > 0.0) {
            const double byTime = elapsed() / mOptions.timeLimitSeconds;
            fraction = mOptions.maxIterations > 0 ? std::max(fraction, byTime) : byTime;
        }
        return std::min(1.0, fraction);
    }

    /// The schedule's position: by iterations with a work budget (deterministic), else by time.
    double schedule(long long iteration) const
    {
        if (mOptions.maxIterations > 0)
            return std::min(1.0, static_cast<double>(iteration) / static_cast<double>(mOptions.maxIterations));
        return used(iteration);
    }

    double cost(const RouteSet &routes) const { return routes.travel() + mPenalty * routes.unassignedWeight(); }

    void improve(RouteSet &routes)
    {
        LocalSearch search(mProblem, mGranular);
        std::vector<int> order = mCustomers;
        for (std::size_t i = order.size(); i > 1; --i)
            std::swap(order[i - 1], order[mRandom.below(static_cast<int>(i))]);
        search.run(routes, order);
    }

    bool stop(long long iteration, double phaseEnd, const char *phase)
    {
        if ((iteration & 255) == 0) {
            reportProgress(mFeedback, used(iteration), phase);
        }
        return used(iteration) >= phaseEnd;
    }

    Result<RouteSet> minimiseTravel(RouteSet start, long long &iteration)
    {
        RouteSet current = start;
        RouteSet best = start;
        double currentCost = cost(current);
        double bestCost = currentCost;
        const int fleet = mOptions.objective == RoutingObjective::Vehicles ? std::max(1, start.routeCount())
                                                                           : mProblem.maxVehicles;
        const double phaseStart = schedule(iteration);
        while (!stop(iteration, 1.0, "routing: shortening routes")) {
            if (isCancelled(mFeedback))
                return makeError(ErrorCode::Cancelled, "routing cancelled");
            ++iteration;
            const double progress = phaseStart >= 1.0 ? 1.0
                                                      : (schedule(iteration) - phaseStart) / (1.0 - phaseStart);
            const double temperature = mStartTemperature * std::pow(mFinalTemperature / mStartTemperature, progress);
            RouteSet candidate = current;
            ruin(candidate);
            recreate(candidate, fleet, -1);
            double candidateCost = cost(candidate);
            if (candidateCost < bestCost - 1e-9 && mOptions.localSearch) {
                improve(candidate);
                candidateCost = cost(candidate);
            }
            if (candidateCost < currentCost - temperature * std::log(mRandom.uniform())) {
                current = std::move(candidate);
                currentCost = candidateCost;
                if (currentCost < bestCost - 1e-9) {
                    best = current;
                    bestCost = currentCost;
                }
            }
        }
        return best;
    }

    /// Removes routes while the budget share lasts (SISR's fleet minimisation):
    /// a candidate is kept when fewer customers are out, or the ones out have
    /// been out for fewer iterations in total.
    Result<RouteSet> minimiseFleet(RouteSet best, long long &iteration)
    {
        const double demand = std::accumulate(mProblem.nodes.begin(), mProblem.nodes.end(), 0.0,
                                              [](double sum, const RoutingNode &node) { return sum + node.demand; });
        const int lowerBound = std::isfinite(mProblem.capacity)
                                   ? std::max(1, static_cast<int>(std::ceil(demand / mProblem.capacity - 1e-9)))
                                   : 1;
        std::vector<long long> absences(mProblem.size(), 0);
        auto absenceSum = [&](const RouteSet &routes) {
            long long sum = 0;
            for (int c : routes.unassigned())
                sum += absences[c];
            return sum;
        };
        RouteSet current = best;
        auto dropRoute = [&](RouteSet &routes) {
            int smallest = 0;
            for (int r = 1; r < routes.routeCount(); ++r)
                if (routes.route(r).customers() < routes.route(smallest).customers())
                    smallest = r;
            const std::vector<int> nodes = routes.route(smallest).nodes;
            for (std::size_t k = 1; k + 1 < nodes.size(); ++k)
                routes.remove(nodes[k]);
            routes.dropEmptyRoutes();
        };
        if (best.routeCount() <= lowerBound)
            return best;
        dropRoute(current);
        int target = current.routeCount();
        while (!stop(iteration, mOptions.fleetShare, "routing: removing routes")) {
            if (isCancelled(mFeedback))
                return makeError(ErrorCode::Cancelled, "routing cancelled");
            ++iteration;
            RouteSet candidate = current;
            ruin(candidate);
            recreate(candidate, target, -1);
            if (candidate.unassigned().size() < current.unassigned().size()
                || absenceSum(candidate) < absenceSum(current))
                current = std::move(candidate);
            if (current.unassigned().empty()) {
                best = current;
                if (best.routeCount() <= lowerBound)
                    break;
                dropRoute(current);
                target = current.routeCount();
            }
            for (int c : current.unassigned())
                ++absences[c];
        }
        return best;
    }

    void ruin(RouteSet &routes)
    {
        int assigned = 0;
        for (int r = 0; r < routes.routeCount(); ++r)
            assigned += routes.route(r).customers();
        if (assigned == 0 || routes.routeCount() == 0)
            return;
        const double meanLength = static_cast<double>(assigned) / routes.routeCount();
        const double maxString = std::min<double>(mOptions.maxStringLength, meanLength);
        const double maxRoutes = 4.0 * mOptions.averageRemoved / (1.0 + maxString) - 1.0;
        const int routesToRuin = static_cast<int>(1.0 + mRandom.uniform() * maxRoutes);
        // seed: a random customer on a route, or next to one left out
        int seed = mCustomers[mRandom.below(static_cast<int>(mCustomers.size()))];
        if (!routes.unassigned().empty() && mRandom.uniform() < 0.5)
            seed = routes.unassigned()[mRandom.below(static_cast<int>(routes.unassigned().size()))];
        std::vector<char> ruined(routes.routeCount(), 0);
        int ruinedCount = 0;
        std::vector<int> removed;
        for (int c : mNeighbours[seed]) {
            if (ruinedCount >= routesToRuin)
                break;
            const int r = routes.routeOf(c);
            if (r < 0 || ruined[r])
                continue;
            const auto &nodes = routes.route(r).nodes;
            const int size = routes.route(r).customers();
            const int maxHere = static_cast<int>(std::min<double>(size, maxString));
            const int length = std::max(1, static_cast<int>(1.0 + mRandom.uniform() * maxHere));
            const int at = routes.positionOf(c); // 1-based position among customers
            removed.clear();
            if (length >= size || mRandom.uniform() < 0.5) {
                const int len = std::min(length, size);
                const int lo = std::max(1, at - len + 1), hi = std::min(at, size - len + 1);
                const int first = lo + mRandom.below(hi - lo + 1);
                for (int k = first; k < first + len; ++k)
                    removed.push_back(nodes[k]);
            } else {
                int keep = 1;
                while (length + keep < size && mRandom.uniform() < 0.5)
                    ++keep;
                const int total = length + keep;
                const int lo = std::max(1, at - total + 1), hi = std::min(at, size - total + 1);
                const int first = lo + mRandom.below(hi - lo + 1);
                const int keepFirst = first + mRandom.below(total - keep + 1);
                for (int k = first; k < first + total; ++k)
                    if (k < keepFirst || k >= keepFirst + keep)
                        removed.push_back(nodes[k]);
            }
            routes.remove(removed);
            ruined[r] = 1;
            ++ruinedCount;
        }
    }

    /// Greedy insertion with blinks of every unassigned customer, in one of
    /// SISR's orders (random, demand, far, close) or by time-window width.
    void recreate(RouteSet &routes, int maxRoutes, int forcedOrder)
    {
        std::vector<int> pending = routes.unassigned();
        std::sort(pending.begin(), pending.end());
        for (std::size_t i = pending.size(); i > 1; --i)
            std::swap(pending[i - 1], pending[mRandom.below(static_cast<int>(i))]);
        int order = forcedOrder;
        if (order < 0) {
            const int pick = mRandom.below(13);
            order = pick < 4 ? 0 : pick < 8 ? 1 : pick < 10 ? 2 : pick < 11 ? 3 : 4;
        }
        const auto &nodes = mProblem.nodes;
        auto width = [&](int c) {
            const auto &w = nodes[c].windows;
            return w.empty() ? std::numeric_limits<double>::infinity() : w.back().close - w.front().open;
        };
        switch (order) {
        case 1: std::stable_sort(pending.begin(), pending.end(), [&](int a, int b) { return nodes[a].demand > nodes[b].demand; }); break;
        case 2: std::stable_sort(pending.begin(), pending.end(), [&](int a, int b) { return mProblem.time(0, a) > mProblem.time(0, b); }); break;
        case 3: std::stable_sort(pending.begin(), pending.end(), [&](int a, int b) { return mProblem.time(0, a) < mProblem.time(0, b); }); break;
        case 4: std::stable_sort(pending.begin(), pending.end(), [&](int a, int b) { return width(a) < width(b); }); break;
        default: break;
        }
        // higher priority first, keeping the order within a priority
        std::stable_sort(pending.begin(), pending.end(), [&](int a, int b) { return nodes[a].priority > nodes[b].priority; });
        for (int c : pending) {
            double bestDelta = RouteSet::Infeasible;
            int bestRoute = -1, bestPosition = -1;
            const double demand = nodes[c].demand;
            for (int r = 0; r < routes.routeCount(); ++r) {
                const RouteSet::Route &route = routes.route(r);
                if (route.load.back() + demand > mProblem.capacity + 1e-9)
                    continue;
                if (routes.hasGroups() && !routes.groupFree(r, nodes[c].group))
                    continue;
                const int positions = route.customers() + 1;
                for (int p = 0; p < positions; ++p) {
                    const int i = route.nodes[p], j = route.nodes[p + 1];
                    const double delta = mProblem.time(i, c) + mProblem.time(c, j) - mProblem.time(i, j);
                    if (delta >= bestDelta || mRandom.uniform() < mOptions.blinkRate)
                        continue;
                    if (!routes.timeFeasible(r, p, c))
                        continue;
                    bestDelta = delta;
                    bestRoute = r;
                    bestPosition = p;
                }
            }
            // a new route competes with the insertions (the distance objective
            // may well use more vehicles); it is also the fallback
            if (routes.routeCount() < maxRoutes
                && (bestRoute < 0 || mProblem.time(0, c) + mProblem.time(c, 0) < bestDelta)) {
                int used = 0;
                int empty = -1;
                for (int r = 0; r < routes.routeCount(); ++r) {
                    used += routes.route(r).customers() > 0 ? 1 : 0;
                    if (empty < 0 && routes.route(r).customers() == 0)
                        empty = r;
                }
                if (used < maxRoutes) {
                    if (empty < 0)
                        empty = routes.openRoute();
                    if (routes.insertionDelta(empty, 0, c) != RouteSet::Infeasible) {
                        bestRoute = empty;
                        bestPosition = 0;
                    }
                }
            }
            if (bestRoute >= 0)
                routes.insert(bestRoute, bestPosition, c);
        }
        routes.dropEmptyRoutes();
    }

    const RoutingProblem &mProblem;
    const RoutingOptions &mOptions;
    Feedback *mFeedback;
    Random mRandom;
    Clock::time_point mBegin;
    std::clock_t mBeginCpu;
    std::vector<std::vector<int>> mNeighbours;
    std::vector<std::vector<int>> mGranular;
    std::vector<int> mCustomers;
    double mPenalty = 0.0;
    double mStartTemperature = 1.0;
    double mFinalTemperature = 0.01;
};

} // namespace

VrptwSolver::VrptwSolver(const RoutingProblem &problem, const RoutingOptions &options)
    : mProblem(problem)
    , mOptions(options)
{
}

Result<RoutingSolution> VrptwSolver::solve(Feedback *feedback) const
{
    if (auto valid = mProblem.validate(); !valid)
        return valid.error();
    if (mOptions.timeLimitSeconds <= 0.0 && mOptions.maxIterations <= 0)
        return makeError(ErrorCode::InvalidArgument, "routing needs a time limit or an iteration budget");
    if (mProblem.customerCount() == 0)
        return RoutingSolution{};
    Search search(mProblem, mOptions, feedback);
    return search.run();
}

} // namespace tessera
