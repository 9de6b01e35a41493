#pragma once

// Internals of the Rebalancer (core/optimizer/rebalancer.cpp): one plan with
// its per-territory sums kept up to date move by move, candidate moves and
// the work/deadline counter. Not part of the optimizer's interface.

#include "core/feedback.h"
#include "core/metrics/deviation.h"
#include "core/metrics/territorymetrics.h"
#include "core/optimizer/deadline.h"
#include "core/optimizer/rebalancer.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

namespace tessera::rebalancing {

/// Excess beyond the tolerance weighs far more than deviation inside it, so
/// the descent first removes breaches and only then evens territories out.
inline constexpr double ExcessWeight = 100.0;
/// Potential of one territory's deviation \a d (in tolerances): |d|^power
/// plus the weighted squared excess. Power 2 evens territories out (fewest
/// moves); a high power makes the descent chase the worst territory (best
/// balance within N moves).
inline double potential(double d, int power)
{
    const double e = std::max(0.0, std::abs(d) - 1.0);
    const double a = std::abs(d);
    double p = a * a;
    for (int i = 2; i < power; i += 2)
        p *= a * a;
    return p + ExcessWeight * e * e;
}

inline double uniform01(std::mt19937_64 &rng)
{
    return static_cast<double>(rng() >> 11) * 0x1.0p-53; // same on every standard library
}

/// One plan with its per-territory sums, kept up to date move by move.
class State {
public:
    State(const DistrictingProblem &problem, int territories, const RebalanceOptions &options, int power_ = 2)
        : p(problem), k(territories), n(problem.unitCount()), contiguity(options.contiguity), power(power_)
    {
        origin = problem.currentPlan;
        origin.resize(n, -1);
        for (int &t : origin)
            if (t >= k)
                t = -1;
        plan = origin;
        size.assign(static_cast<std::size_t>(k), 0);
        for (int t : plan)
            if (t >= 0)
                ++size[static_cast<std::size_t>(t)];
        for (const BalanceGoal &goal : options.balance) {
            const std::vector<double> &values = problem.weights[static_cast<std::size_t>(goal.attribute)];
            weights.push_back(&values);
            std::vector<double> s(static_cast<std::size_t>(k), 0.0);
            double total = 0;
            for (std::size_t i = 0; i < n; ++i)
                if (plan[i] >= 0) {
                    s[static_cast<std::size_t>(plan[i])] += values[i];
                    total += values[i];
                }
            const double tol = std::max(goal.tolerance, 1e-6);
            std::vector<double> r(static_cast<std::size_t>(k)), sc(static_cast<std::size_t>(k));
            for (int t = 0; t < k; ++t) {
                const auto ti = static_cast<std::size_t>(t);
                const double target = ti < goal.targets.size() ? goal.targets[ti] : metrics::Undefined;
                r[ti] = metrics::balanceReference(target, total, static_cast<std::size_t>(k));
                sc[ti] = std::isfinite(r[ti]) && r[ti] != 0 ? 1.0 / (std::abs(r[ti]) * tol) : 0.0;
            }
            sums.push_back(std::move(s));
            refs.push_back(std::move(r));
            scales.push_back(std::move(sc));
            tolerances.push_back(goal.tolerance);
        }
        stamp.assign(n, 0);
    }

    std::size_t goals() const { return weights.size(); }
    /// Deviation of goal g in territory t in tolerances (1 = at the tolerance).
    double normalised(std::size_t g, std::size_t t) const { return (sums[g][t] - refs[g][t]) * scales[g][t]; }

    double totalPotential() const
    {
        double phi = 0;
        for (std::size_t g = 0; g < goals(); ++g)
            for (std::size_t t = 0; t < static_cast<std::size_t>(k); ++t)
                phi += potential(normalised(g, t), power);
        return phi;
    }

    double deltaPotential(std::size_t u, int from, int to) const
    {
        double delta = 0;
        const auto a = static_cast<std::size_t>(from), b = static_cast<std::size_t>(to);
        for (std::size_t g = 0; g < goals(); ++g) {
            const double w = (*weights[g])[u];
            const double da = normalised(g, a), db = normalised(g, b);
            delta += potential(da - w * scales[g][a], power) - potential(da, power) + potential(db + w * scales[g][b], power)
                     - potential(db, power);
        }
        return delta;
    }

    int moveCountChange(std::size_t u, int to) const
    {
        if (plan[u] == origin[u])
            return 1;
        return to == origin[u] ? -1 : 0;
    }

    /// Whether \a u can leave its territory without cutting it in two.
    bool canLeave(std::size_t u)
    {
        const int from = plan[u];
        if (size[static_cast<std::size_t>(from)] <= 1)
            return false; // a territory never empties
        if (!contiguity)
            return true;
        int first = -1, inside = 0;
        for (UnitId v : p.adjacency.neighbours(UnitId(static_cast<std::int32_t>(u))))
            if (plan[static_cast<std::size_t>(v.value())] == from) {
                if (first < 0)
                    first = v.value();
                ++inside;
            }
        if (inside <= 1)
            return true;
        // Search the territory without u from one neighbour until every other neighbour is reached.
        if (++epoch == 0) {
            std::fill(stamp.begin(), stamp.end(), 0);
            epoch = 1;
        }
        stamp[u] = epoch;
        stamp[static_cast<std::size_t>(first)] = epoch;
        int found = 1;
        stack.assign(1, first);
        while (!stack.empty() && found < inside) {
            const int x = stack.back();
            stack.pop_back();
            for (UnitId v : p.adjacency.neighbours(UnitId(x))) {
                const auto vi = static_cast<std::size_t>(v.value());
                if (stamp[vi] == epoch || plan[vi] != from)
                    continue;
                stamp[vi] = epoch;
                stack.push_back(v.value());
                if (p.adjacency.areAdjacent(v, UnitId(static_cast<std::int32_t>(u))))
                    ++found;
            }
        }
        return found >= inside;
    }

    /// Whether \a u touches territory \a to (so it stays in one piece when u joins).
    bool touches(std::size_t u, int to) const
    {
        for (UnitId v : p.adjacency.neighbours(UnitId(static_cast<std::int32_t>(u))))
            if (plan[static_cast<std::size_t>(v.value())] == to)
                return true;
        return false;
    }

    void move(std::size_t u, int to)
    {
        const int from = plan[u];
        moved += moveCountChange(u, to);
        for (std::size_t g = 0; g < goals(); ++g) {
            const double w = (*weights[g])[u];
            sums[g][static_cast<std::size_t>(from)] -= w;
            sums[g][static_cast<std::size_t>(to)] += w;
        }
        --size[static_cast<std::size_t>(from)];
        ++size[static_cast<std::size_t>(to)];
        plan[u] = to;
    }

    /// Max over goals and territories of |deviation| ÷ tolerance.
    double worstRatio() const
    {
        double worst = 0;
        for (std::size_t g = 0; g < goals(); ++g)
            for (std::size_t t = 0; t < static_cast<std::size_t>(k); ++t)
                worst = std::max(worst, std::abs(normalised(g, t)) * std::max(tolerances[g], 1e-6)
                                            / std::max(tolerances[g], 1e-12));
        return worst;
    }

    bool balanced() const
    {
        for (std::size_t g = 0; g < goals(); ++g)
            for (std::size_t t = 0; t < static_cast<std::size_t>(k); ++t)
                if (std::abs(normalised(g, t)) * std::max(tolerances[g], 1e-6) > tolerances[g] + 1e-9)
                    return false;
        return true;
    }

    const DistrictingProblem &p;
    int k;
    std::size_t n;
    bool contiguity;
    int power = 2;
    std::vector<const std::vector<double> *> weights;
    std::vector<std::vector<double>> sums, refs, scales;
    std::vector<double> tolerances;
    std::vector<int> origin, plan, size;
    int moved = 0;
    std::vector<std::uint32_t> stamp;
    std::uint32_t epoch = 0;
    std::vector<int> stack;
};

struct Candidate {
    double key = 0;
    double delta = 0;
    int unit = -1;
    int to = -1;
    bool operator<(const Candidate &o) const
    {
        if (key != o.key)
            return key < o.key;
        if (unit != o.unit)
            return unit < o.unit;
        return to < o.to;
    }
};

/// Counts work and watches the deadline for one call.
struct Budget {
    std::int64_t limit = 0;
    std::int64_t used = 0;
    Deadline deadline;
    Feedback *feedback = nullptr;
    bool timeHit = false;
    bool workHit = false;
    bool stop()
    {
        if (used >= limit)
            workHit = true;
        else if (deadline.passed())
            timeHit = true;
        return workHit || timeHit || isCancelled(feedback);
    }
};


} // namespace tessera::rebalancing
