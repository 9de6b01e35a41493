#include "core/optimizer/planevaluation.h"

#include "core/metrics/deviation.h"
#include "core/metrics/territorymetrics.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace tessera::districting {

std::vector<double> travelWeights(const DistrictingProblem &problem, const OptimizerOptions &options)
{
    const std::size_t n = problem.unitCount();
    int attribute = options.travelWeightAttribute;
    if (attribute < 0 && !options.balance.empty())
        attribute = options.balance.front().attribute;
    if (attribute < 0 || attribute >= static_cast<int>(problem.weights.size()))
        return std::vector<double>(n, 1.0);
    std::vector<double> weights = problem.weights[static_cast<std::size_t>(attribute)];
    const double mean = n ? std::accumulate(weights.begin(), weights.end(), 0.0) / static_cast<double>(n) : 0.0;
    const double floor = mean > 0 ? 1e-3 * mean : 1.0;
    for (double &w : weights)
        w += floor;
    return weights;
}

double travelCost(const OptimizerOptions &options, double weight, const PlanePoint &unit, const PlanePoint &centre)
{
    const double dx = unit.x - centre.x, dy = unit.y - centre.y;
    const double d2 = dx * dx + dy * dy;
    return weight * (options.squaredDistance ? d2 : std::sqrt(d2));
}

bool graphHasLengths(const DistrictingProblem &problem)
{
    for (const AdjacencyEdge &edge : problem.adjacency.edges())
        if (edge.sharedLengthKm > 0)
            return true;
    return false;
}

double disruptionUnitCost(const DistrictingProblem &problem, const OptimizerOptions &options)
{
    const std::size_t n = problem.unitCount();
    if (n == 0)
        return 1.0;
    if (options.compactness == CompactnessObjective::Boundary) {
        if (!graphHasLengths(problem))
            return 1.0;
        double total = 0;
        for (const AdjacencyEdge &edge : problem.adjacency.edges())
            total += edge.sharedLengthKm;
        return problem.adjacency.edgeCount() ? total / static_cast<double>(problem.adjacency.edgeCount()) : 1.0;
    }
    const std::vector<double> w = travelWeights(problem, options);
    double sw = 0, sx = 0, sy = 0;
    for (std::size_t i = 0; i < n; ++i) {
        sw += w[i];
        sx += w[i] * problem.points[i].x;
        sy += w[i] * problem.points[i].y;
    }
    const PlanePoint centre{sx / sw, sy / sw};
    double total = 0;
    for (std::size_t i = 0; i < n; ++i)
        total += travelCost(options, w[i], problem.points[i], centre);
    const double k = std::max(1, options.territories);
    const double perUnit = total / static_cast<double>(n) / (options.squaredDistance ? k : std::sqrt(k));
    return perUnit > 0 ? perUnit : 1.0;
}

double moveVolume(const DistrictingProblem &problem, const OptimizerOptions &options, std::size_t unit)
{
    if (!options.moveCapInAccounts)
        return 1.0;
    return problem.accounts.empty() ? 0.0 : problem.accounts[unit];
}

std::vector<int> bestCentres(const DistrictingProblem &problem, const OptimizerOptions &options,
                             const std::vector<double> &w, const std::vector<int> &plan)
{
    const int k = options.territories;
    std::vector<std::vector<int>> members(static_cast<std::size_t>(k));
    for (std::size_t i = 0; i < plan.size(); ++i)
        if (plan[i] >= 0 && plan[i] < k)
            members[static_cast<std::size_t>(plan[i])].push_back(static_cast<int>(i));
    std::vector<int> centres(static_cast<std::size_t>(k), -1);
    for (int t = 0; t < k; ++t) {
        const std::vector<int> &m = members[static_cast<std::size_t>(t)];
        if (m.empty())
            continue;
        double sw = 0, sx = 0, sy = 0;
        for (int i : m) {
            sw += w[static_cast<std::size_t>(i)];
            sx += w[static_cast<std::size_t>(i)] * problem.points[static_cast<std::size_t>(i)].x;
            sy += w[static_cast<std::size_t>(i)] * problem.points[static_cast<std::size_t>(i)].y;
        }
        const PlanePoint centroid{sx / sw, sy / sw};
        // Candidates by distance to the centroid; for squared distance the
        // nearest one is optimal (parallel-axis theorem).
        std::vector<std::pair<double, int>> byDistance;
        byDistance.reserve(m.size());
        for (int i : m) {
            const PlanePoint &p = problem.points[static_cast<std::size_t>(i)];
            byDistance.emplace_back((p.x - centroid.x) * (p.x - centroid.x) + (p.y - centroid.y) * (p.y - centroid.y), i);
        }
        std::sort(byDistance.begin(), byDistance.end());
        if (options.squaredDistance) {
            centres[static_cast<std::size_t>(t)] = byDistance.front().second;
            continue;
        }
        const std::size_t candidates = std::min<std::size_t>(byDistance.size(), 64);
        double best = std::numeric_limits<double>::infinity();
        for (std::size_t c = 0; c < candidates; ++c) {
            const int u = byDistance[c].second;
            double cost = 0;
            for (int i : m)
                cost += travelCost(options, w[static_cast<std::size_t>(i)], problem.points[static_cast<std::size_t>(i)],
                                   problem.points[static_cast<std::size_t>(u)]);
            if (cost < best - 1e-12) {
                best = cost;
                centres[static_cast<std::size_t>(t)] = u;
            }
        }
    }
    return centres;
}

std::vector<PlanePoint> centrePoints(const DistrictingProblem &problem, const OptimizerOptions &options,
                                     const std::vector<int> &centreUnits)
{
    if (options.centres == CentreMode::Fixed)
        return problem.fixedCentres;
    std::vector<PlanePoint> out(centreUnits.size());
    for (std::size_t t = 0; t < centreUnits.size(); ++t)
        if (centreUnits[t] >= 0)
            out[t] = problem.points[static_cast<std::size_t>(centreUnits[t])];
    return out;
}

std::vector<int> territoryPieces(const DistrictingProblem &problem, const std::vector<int> &plan, int territories)
{
    const std::size_t n = plan.size();
    std::vector<int> pieces(static_cast<std::size_t>(std::max(territories, 0)), 0);
    std::vector<char> seen(n, 0);
    std::vector<int> stack;
    const bool hasGraph = problem.adjacency.unitCount() == n;
    for (std::size_t s = 0; s < n; ++s) {
        if (seen[s] || plan[s] < 0 || plan[s] >= territories)
            continue;
        ++pieces[static_cast<std::size_t>(plan[s])];
        seen[s] = 1;
        stack.assign(1, static_cast<int>(s));
        while (!stack.empty() && hasGraph) {
            const int u = stack.back();
            stack.pop_back();
            for (UnitId v : problem.adjacency.neighbours(UnitId(u))) {
                const auto vi = static_cast<std::size_t>(v.value());
                if (!seen[vi] && plan[vi] == plan[s]) {
                    seen[vi] = 1;
                    stack.push_back(v.value());
                }
            }
        }
    }
    return pieces;
}

std::vector<double> territoryWorkload(const DistrictingProblem &problem, const std::vector<int> &plan, int territories)
{
    if (problem.workloadHours.size() != static_cast<std::size_t>(territories))
        return {};
    std::vector<double> load = problem.baseWorkloadHours;
    for (std::size_t i = 0; i < plan.size(); ++i)
        if (plan[i] >= 0 && plan[i] < territories)
            load[static_cast<std::size_t>(plan[i])] += problem.workloadHours[static_cast<std::size_t>(plan[i])][i];
    return load;
}

PlanFigures evaluatePlan(const DistrictingProblem &problem, const OptimizerOptions &options,
                         const std::vector<int> &plan, const std::vector<int> &centreUnits)
{
    PlanFigures figures;
    const std::size_t n = problem.unitCount();
    const int k = options.territories;
    const std::vector<double> w = travelWeights(problem, options);

    // Balance, by the metrics engine's rule: against the territory's target,
    // else the mean of the assigned units' total.
    figures.balanced = true;
    for (const BalanceGoal &goal : options.balance) {
        const std::vector<double> &values = problem.weights[static_cast<std::size_t>(goal.attribute)];
        std::vector<double> load(static_cast<std::size_t>(std::max(k, 0)), 0.0);
        double total = 0;
        for (std::size_t i = 0; i < n; ++i)
            if (plan[i] >= 0 && plan[i] < k) {
                load[static_cast<std::size_t>(plan[i])] += values[i];
                total += values[i];
            }
        double worst = 0;
        for (std::size_t t = 0; t < load.size(); ++t) {
            const double target = t < goal.targets.size() ? goal.targets[t] : metrics::Undefined;
            const double deviation =
                metrics::deviation(load[t], metrics::balanceReference(target, total, load.size()));
            if (std::isnan(deviation))
                figures.balanced = false;
            else
                worst = std::max(worst, std::abs(deviation));
        }
        figures.worstDeviation.push_back(worst);
        if (worst > goal.tolerance + 1e-9)
            figures.balanced = false;
    }

    // Utilisation: workload ÷ capacity, for territories whose rep has one.
    const std::vector<double> workload = territoryWorkload(problem, plan, k);
    for (std::size_t t = 0; t < workload.size(); ++t) {
        const double capacity = problem.capacityHours[t];
        if (!(capacity > 0))
            continue;
        const double u = workload[t] / capacity;
        if (!(u <= figures.worstUtilisation))
            figures.worstUtilisation = std::isnan(figures.worstUtilisation) ? u : std::max(u, figures.worstUtilisation);
        if (!(u >= figures.leastUtilisation))
            figures.leastUtilisation = std::isnan(figures.leastUtilisation) ? u : std::min(u, figures.leastUtilisation);
        if (options.utilisationMax > 0 && u > options.utilisationMax + 1e-9)
            figures.balanced = false;
        if (options.utilisationMin > 0 && u < options.utilisationMin - 1e-9)
            figures.balanced = false;
    }

    // Boundary and cut edges.
    for (const AdjacencyEdge &edge : problem.adjacency.edges()) {
        if (plan[static_cast<std::size_t>(edge.a.value())] != plan[static_cast<std::size_t>(edge.b.value())]) {
            ++figures.cutEdges;
            figures.boundaryKm += edge.sharedLengthKm;
        }
    }

    // Inertia about centroids.
    std::vector<double> sw(static_cast<std::size_t>(k), 0), sx(sw), sy(sw), sq(sw);
    for (std::size_t i = 0; i < n; ++i) {
        if (plan[i] < 0 || plan[i] >= k)
            continue;
        const auto t = static_cast<std::size_t>(plan[i]);
        const PlanePoint &p = problem.points[i];
        sw[t] += w[i];
        sx[t] += w[i] * p.x;
        sy[t] += w[i] * p.y;
        sq[t] += w[i] * (p.x * p.x + p.y * p.y);
    }
    for (int t = 0; t < k; ++t) {
        const auto ti = static_cast<std::size_t>(t);
        if (sw[ti] > 0)
            figures.inertia += std::max(0.0, sq[ti] - (sx[ti] * sx[ti] + sy[ti] * sy[ti]) / sw[ti]);
    }

    if (options.compactness == CompactnessObjective::Boundary) {
        figures.compactness = graphHasLengths(problem) ? figures.boundaryKm : figures.cutEdges;
    } else {
        const std::vector<PlanePoint> centres = centrePoints(problem, options, centreUnits);
        for (std::size_t i = 0; i < n; ++i)
            if (plan[i] >= 0 && plan[i] < static_cast<int>(centres.size()))
                figures.compactness += travelCost(options, w[i], problem.points[i],
                                                  centres[static_cast<std::size_t>(plan[i])]);
    }

    if (problem.hasCurrentPlan()) {
        double volume = 0;
        for (std::size_t i = 0; i < n; ++i) {
            if (plan[i] != problem.currentPlan[i]) {
                ++figures.movedUnits;
                figures.movedAccounts += problem.accounts.empty() ? 0.0 : problem.accounts[i];
                volume += moveVolume(problem, options, i);
            }
        }
        if (options.disruptionWeight > 0)
            figures.disruption = options.disruptionWeight * disruptionUnitCost(problem, options) * volume;
    }
    figures.objective = figures.compactness + figures.disruption;

    const std::vector<int> pieces = territoryPieces(problem, plan, k);
    figures.contiguous = true;
    for (int p : pieces) {
        figures.pieces += p;
        if (p > 1)
            figures.contiguous = false;
    }
    for (std::size_t i = 0; i < n; ++i)
        if (plan[i] < 0 || plan[i] >= k)
            figures.contiguous = false;
    return figures;
}

} // namespace tessera::districting
