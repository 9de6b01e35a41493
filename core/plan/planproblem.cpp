#include "core/plan/planproblem.h"

#include "core/geometry/unitindex.h"
#include "core/metrics/unitweights.h"
#include "core/model/project.h"
#include "core/optimizer/optimizeroptions.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace tessera::plan {

namespace {

bool hasHome(const Rep &rep)
{
    return std::isfinite(rep.home.lon) && std::isfinite(rep.home.lat);
}

/// The unit holding \a home: the containing unit, else the unit whose
/// boundary is nearest, else (units without geometry) the nearest centroid.
std::size_t homeUnit(const Project &project, const geometry::UnitIndex &index, const DistrictingProblem &problem,
                     const LonLat &home, const PlanePoint &homePoint)
{
    UnitId unit = index.locate(home);
    if (!unit.isValid())
        unit = index.nearest(home);
    if (unit.isValid() && static_cast<std::size_t>(unit.value()) < project.units().size())
        return static_cast<std::size_t>(unit.value());
    std::size_t best = 0;
    double bestDistance = std::numeric_limits<double>::infinity();
    for (std::size_t i = 0; i < problem.unitCount(); ++i) {
        const double d = std::hypot(problem.points[i].x - homePoint.x, problem.points[i].y - homePoint.y);
        if (d < bestDistance) {
            bestDistance = d;
            best = i;
        }
    }
    return best;
}

/// Workload per territory and unit, and each rep's capacity, by the metrics
/// engine's rule (UnitWeights), so the optimizer's utilisation is the one the
/// Balance table shows. Overridden accounts load their serving territory.
Result<void> addWorkload(const Project &project, const Scenario &scenario, const std::vector<const Rep *> &reps,
                         const MetricOptions &metricOptions, DistrictingProblem &problem)
{
    auto weights = UnitWeights::build(project, metricOptions, scenario.alignment.accountOverrides());
    if (!weights)
        return weights.error();
    const std::size_t n = problem.unitCount(), k = reps.size();
    problem.workloadHours.assign(k, std::vector<double>(n, 0.0));
    problem.baseWorkloadHours.assign(k, 0.0);
    problem.capacityHours.assign(k, 0.0);
    for (std::size_t t = 0; t < k; ++t) {
        double home[3];
        UnitWeights::toUnitVector(reps[t]->home, home);
        problem.capacityHours[t] = std::isfinite(reps[t]->capacityHours) ? std::max(0.0, reps[t]->capacityHours) : 0.0;
        for (std::size_t i = 0; i < n; ++i)
            problem.workloadHours[t][i] = weights->workloadHoursFrom(UnitId(static_cast<std::int32_t>(i)), home);
        for (const OverriddenAccount &account : weights->overridden)
            if (account.territory.isValid() && static_cast<std::size_t>(account.territory.value()) == t)
                problem.baseWorkloadHours[t] += weights->hoursScale.toDouble(account.hours)
                                                + weights->travelScale.toDouble(weights->travelHours(account, home));
    }
    return {};
}

} // namespace

Result<ScenarioProblem> scenarioProblem(const Project &project, const Scenario &scenario,
                                        const std::vector<std::string> &attributes, OptimizerOptions &options,
                                        CentrePlacement placement, const MetricOptions &metricOptions)
{
    const std::size_t n = project.units().size();
    const int k = options.territories;
    if (n == 0)
        return makeError(ErrorCode::InvalidArgument, "the project has no units");
    if (k < 1 || static_cast<std::size_t>(k) > n)
        return makeError(ErrorCode::InvalidArgument, "the number of territories must be between 1 and " + std::to_string(n));
    const bool rebalance = options.rebalances();
    if (rebalance && static_cast<std::size_t>(k) != scenario.territories.size())
        return makeError(ErrorCode::InvalidArgument, "rebalancing keeps the current "
                                                         + std::to_string(scenario.territories.size())
                                                         + " territories; choose a new plan to change the count");
    auto built = problemFromProject(project, &scenario, attributes);
    if (!built)
        return built.error();
    ScenarioProblem out;
    DistrictingProblem &problem = out.problem;
    problem = std::move(*built);

    // A unit locked to a territory the new plan no longer has cannot stay put.
    for (std::size_t u = 0; u < problem.locked.size(); ++u)
        if (problem.locked[u] >= k)
            return makeError(ErrorCode::Infeasible, problem.describeUnit(u) + " is locked to territory "
                                                        + std::to_string(problem.locked[u] + 1) + ", which a plan of "
                                                        + std::to_string(k) + " territories does not have");
    if (!rebalance)
        for (int &t : problem.currentPlan)
            if (t >= k)
                t = -1; // the current plan only matters for labels and the moved-unit figures

    // The homes of the reps of the new plan's territories (the first k).
    std::vector<LonLat> homes;
    std::vector<const Rep *> reps;
    for (int t = 0; t < k && static_cast<std::size_t>(t) < scenario.territories.size(); ++t) {
        const RepId rep = scenario.territories[static_cast<std::size_t>(t)].rep;
        if (!rep.isValid() || static_cast<std::size_t>(rep.value()) >= project.reps().size())
            break;
        const Rep &r = project.reps()[static_cast<std::size_t>(rep.value())];
        if (!hasHome(r))
            break;
        reps.push_back(&r);
        homes.push_back(r.home);
    }
    if (options.utilisationMax > 0 && homes.size() == static_cast<std::size_t>(k))
        if (auto added = addWorkload(project, scenario, reps, metricOptions, problem); !added)
            return added.error();
    // Rep-home centres without fixed centres (a rebalance, or not every territory has a rep with a
    // home): each rep's home unit still stays in the rep's territory, moved there first if need be.
    const auto keepHomeUnits = [&] {
        if (placement != CentrePlacement::RepHomes)
            return;
        const geometry::UnitIndex index(project.units());
        if (problem.locked.empty())
            problem.locked.assign(n, -1);
        for (int t = 0; t < k && static_cast<std::size_t>(t) < scenario.territories.size(); ++t) {
            const RepId rep = scenario.territories[static_cast<std::size_t>(t)].rep;
            if (!rep.isValid() || static_cast<std::size_t>(rep.value()) >= project.reps().size())
                continue;
            const Rep &r = project.reps()[static_cast<std::size_t>(rep.value())];
            UnitId unit = hasHome(r) ? index.locate(r.home) : UnitId();
            if (hasHome(r) && !unit.isValid())
                unit = index.nearest(r.home);
            if (!unit.isValid() || static_cast<std::size_t>(unit.value()) >= n)
                continue;
            const auto u = static_cast<std::size_t>(unit.value());
            if (problem.locked[u] >= 0 && problem.locked[u] != t) {
                out.repsOutside.push_back(r.name);
                continue;
            }
            problem.locked[u] = t;
            if (problem.hasCurrentPlan())
                problem.currentPlan[u] = t;
        }
    };
    if (homes.size() != static_cast<std::size_t>(k)) {
        problem.fixedCentres.clear();
        options.centres = CentreMode::Chosen;
        keepHomeUnits();
        return out;
    }
    std::vector<LonLat> positions;
    positions.reserve(n);
    for (const Unit &unit : project.units().units())
        positions.push_back(unit.centroid);
    std::vector<PlanePoint> homePoints;
    projectToPlane(positions, homes, &homePoints);
    problem.fixedCentres = homePoints; // with free centres: labels by home (labelsByHome)
    options.centres = CentreMode::Chosen;
    if (placement == CentrePlacement::Free)
        return out;
    if (rebalance) {
        keepHomeUnits();
        return out;
    }

    // Centres at the homes: the home unit is the centre and stays in its territory.
    const geometry::UnitIndex index(project.units());
    if (problem.locked.empty())
        problem.locked.assign(n, -1);
    for (int t = 0; t < k; ++t) {
        const auto tt = static_cast<std::size_t>(t);
        const std::size_t unit = homeUnit(project, index, problem, homes[tt], homePoints[tt]);
        out.homeUnits.push_back(UnitId(static_cast<std::int32_t>(unit)));
        problem.fixedCentres[tt] = problem.points[unit];
        if (problem.locked[unit] < 0 || problem.locked[unit] == t)
            problem.locked[unit] = t;
        else
            out.repsOutside.push_back(reps[tt]->name);
    }
    options.centres = CentreMode::Fixed;
    return out;
}

} // namespace tessera::plan
