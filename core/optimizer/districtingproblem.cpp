#include "core/optimizer/districtingproblem.h"

#include "core/geometry/projection.h"
#include "core/metrics/attributesource.h"
#include "core/model/project.h"
#include "core/valuelimits.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

namespace tessera {

namespace {
constexpr double DegToRad = std::numbers::pi / 180.0;
constexpr double RadToDeg = 180.0 / std::numbers::pi;
} // namespace

int DistrictingProblem::attributeIndex(const std::string &name) const
{
    for (std::size_t a = 0; a < attributeNames.size(); ++a)
        if (attributeNames[a] == name)
            return static_cast<int>(a);
    return -1;
}

std::string DistrictingProblem::describeUnit(std::size_t unit) const
{
    const std::string key = unit < unitKeys.size() ? unitKeys[unit] : std::to_string(unit);
    if (unit < unitNames.size() && !unitNames[unit].empty() && unitNames[unit] != key)
        return "unit '" + unitNames[unit] + "' (" + key + ")";
    return "unit " + key;
}

Result<void> DistrictingProblem::validate() const
{
    const std::size_t n = unitCount();
    if (!unitKeys.empty() && unitKeys.size() != n)
        return makeError(ErrorCode::InvalidArgument, "unit keys and unit points differ in number");
    if (weights.size() != attributeNames.size())
        return makeError(ErrorCode::InvalidArgument, "one weight column per attribute is needed");
    for (std::size_t a = 0; a < weights.size(); ++a) {
        if (weights[a].size() != n)
            return makeError(ErrorCode::InvalidArgument, "attribute '" + attributeNames[a] + "' has "
                                                             + std::to_string(weights[a].size()) + " values for "
                                                             + std::to_string(n) + " units");
        for (std::size_t i = 0; i < n; ++i)
            if (!isAcceptedValue(weights[a][i]) || weights[a][i] < 0)
                return makeError(ErrorCode::InvalidInput, "attribute '" + attributeNames[a] + "': "
                                                              + (weights[a][i] < 0
                                                                     ? formatValueForMessage(weights[a][i]) + " is negative"
                                                                     : outOfRangeMessage(weights[a][i])),
                                 describeUnit(i));
    }
    for (std::size_t i = 0; i < n; ++i)
        if (!std::isfinite(points[i].x) || !std::isfinite(points[i].y))
            return makeError(ErrorCode::InvalidInput, "unit has no valid position", describeUnit(i));
    if (!accounts.empty() && accounts.size() != n)
        return makeError(ErrorCode::InvalidArgument, "accounts per unit and units differ in number");
    if (adjacency.unitCount() != 0 && adjacency.unitCount() != n)
        return makeError(ErrorCode::InvalidArgument, "the adjacency graph covers "
                                                         + std::to_string(adjacency.unitCount()) + " units, not "
                                                         + std::to_string(n));
    if (!currentPlan.empty() && currentPlan.size() != n)
        return makeError(ErrorCode::InvalidArgument, "the current plan and the units differ in number");
    if (!locked.empty() && locked.size() != n)
        return makeError(ErrorCode::InvalidArgument, "the locks and the units differ in number");
    if (hasWorkload()) {
        const std::size_t k = workloadHours.size();
        if (capacityHours.size() != k || baseWorkloadHours.size() != k)
            return makeError(ErrorCode::InvalidArgument, "workload, base workload and capacity differ in territories");
        for (std::size_t t = 0; t < k; ++t) {
            if (workloadHours[t].size() != n)
                return makeError(ErrorCode::InvalidArgument, "workload hours and units differ in number");
            if (!std::isfinite(capacityHours[t]) || capacityHours[t] < 0 || !std::isfinite(baseWorkloadHours[t]))
                return makeError(ErrorCode::InvalidInput, "capacity must be a number >= 0",
                                 "territory " + std::to_string(t + 1));
            for (std::size_t i = 0; i < n; ++i)
                if (!std::isfinite(workloadHours[t][i]) || workloadHours[t][i] < 0)
                    return makeError(ErrorCode::InvalidInput, "workload hours must be a number >= 0", describeUnit(i));
        }
    }
    return {};
}

std::vector<PlanePoint> projectToPlane(const std::vector<LonLat> &positions, const std::vector<LonLat> &extra,
                                       std::vector<PlanePoint> *extraOut)
{
    // Centre on the mean of the positions (unit vectors, so the antimeridian is harmless).
    double sx = 0, sy = 0, sz = 0;
    for (const LonLat &p : positions) {
        const double lat = p.lat * DegToRad, lon = p.lon * DegToRad;
        sx += std::cos(lat) * std::cos(lon);
        sy += std::cos(lat) * std::sin(lon);
        sz += std::sin(lat);
    }
    const double lon0 = positions.empty() ? 0.0 : std::atan2(sy, sx);
    const double lat0 = positions.empty() ? 0.0 : std::atan2(sz, std::hypot(sx, sy));
    const geometry::EqualAreaProjection plane(LonLat{lon0 * RadToDeg, lat0 * RadToDeg});
    auto project = [&plane](const LonLat &p) {
        const geometry::PlanarPoint q = plane.forward(p);
        return PlanePoint{q.x, q.y};
    };
    std::vector<PlanePoint> out;
    out.reserve(positions.size());
    for (const LonLat &p : positions)
        out.push_back(project(p));
    if (extraOut) {
        extraOut->clear();
        for (const LonLat &p : extra)
            extraOut->push_back(project(p));
    }
    return out;
}

Result<DistrictingProblem> problemFromProject(const Project &project, const Scenario *scenario,
                                              const std::vector<std::string> &attributes)
{
    const UnitLayer &units = project.units();
    const std::size_t n = units.size();
    DistrictingProblem problem;
    std::vector<LonLat> positions;
    positions.reserve(n);
    for (const Unit &unit : units.units()) {
        problem.unitKeys.push_back(unit.key);
        problem.unitNames.push_back(unit.name);
        positions.push_back(unit.centroid);
    }

    // Accounts per unit, and each attribute entry per unit (one resolver for every figure).
    AttributeSource accountCount;
    accountCount.countAccounts = true;
    problem.accounts = accountCount.unitValues(project);
    for (const std::string &name : attributes) {
        Result<AttributeSource> source = AttributeSource::resolve(name, project);
        if (!source)
            return source.error();
        problem.attributeNames.push_back(name);
        problem.weights.push_back(source->unitValues(project));
    }

    problem.adjacency = project.adjacency().unitCount() == n ? project.adjacency() : AdjacencyGraph(n, {});

    std::vector<LonLat> homes;
    if (scenario) {
        const Alignment &alignment = scenario->alignment;
        problem.currentPlan.assign(n, -1);
        problem.locked.assign(n, -1);
        for (std::size_t i = 0; i < n && i < alignment.unitCount(); ++i) {
            const TerritoryId t = alignment.territoryOf(UnitId(static_cast<std::int32_t>(i)));
            problem.currentPlan[i] = t.isValid() ? t.value() : -1;
            if (t.isValid() && alignment.isLocked(UnitId(static_cast<std::int32_t>(i))))
                problem.locked[i] = t.value();
        }
        bool allReps = !scenario->territories.empty();
        for (const Territory &territory : scenario->territories) {
            if (!territory.rep.isValid() || static_cast<std::size_t>(territory.rep.value()) >= project.reps().size()) {
                allReps = false;
                break;
            }
            homes.push_back(project.reps()[static_cast<std::size_t>(territory.rep.value())].home);
        }
        if (!allReps)
            homes.clear();
    }
    problem.points = projectToPlane(positions, homes, &problem.fixedCentres);
    if (auto ok = problem.validate(); !ok)
        return ok.error();
    return problem;
}

} // namespace tessera

namespace tessera {

std::vector<AdjacencyEdge> bridgeComponents(DistrictingProblem &problem)
{
    const std::size_t n = problem.unitCount();
    std::vector<AdjacencyEdge> added;
    if (n == 0)
        return added;
    if (problem.adjacency.unitCount() != n)
        problem.adjacency = AdjacencyGraph(n, {});
    while (true) {
        auto [component, count] = problem.adjacency.components();
        if (count <= 1)
            break;
        std::vector<std::size_t> size(static_cast<std::size_t>(count), 0);
        for (int c : component)
            ++size[static_cast<std::size_t>(c)];
        const int largest = static_cast<int>(std::max_element(size.begin(), size.end()) - size.begin());
        std::vector<AdjacencyEdge> edges = problem.adjacency.edges();
        // Each smaller piece is joined to its nearest unit outside it.
        for (int c = 0; c < count; ++c) {
            if (c == largest)
                continue;
            double best = std::numeric_limits<double>::infinity();
            std::size_t bestA = 0, bestB = 0;
            for (std::size_t a = 0; a < n; ++a) {
                if (component[a] != c)
                    continue;
                for (std::size_t b = 0; b < n; ++b) {
                    if (component[b] == c)
                        continue;
                    const double dx = problem.points[a].x - problem.points[b].x;
                    const double dy = problem.points[a].y - problem.points[b].y;
                    const double d = dx * dx + dy * dy;
                    if (d < best) {
                        best = d;
                        bestA = a;
                        bestB = b;
                    }
                }
            }
            AdjacencyEdge edge{UnitId(static_cast<std::int32_t>(std::min(bestA, bestB))),
                               UnitId(static_cast<std::int32_t>(std::max(bestA, bestB))), 0.0};
            edges.push_back(edge);
            added.push_back(edge);
        }
        problem.adjacency = AdjacencyGraph(n, std::move(edges));
    }
    return added;
}

} // namespace tessera
