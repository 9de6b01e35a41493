#pragma once

#include "core/model/adjacencygraph.h"
#include "core/model/geo.h"
#include "core/result.h"

#include <string>
#include <vector>

namespace tessera {

class Project;
struct Scenario;

/// A point in the optimizer's plane, in km (local equal-area projection).
struct PlanePoint {
    double x = 0.0;
    double y = 0.0;
    bool operator==(const PlanePoint &) const = default;
};

/// Everything the territory optimizer needs, free of Qt and of the project
/// model, so the CLI (from files), the GUI and the tests build it the same way.
/// Unit i is index i everywhere.
struct DistrictingProblem {
    std::vector<std::string> unitKeys;       ///< the user's unit ids, for messages and output
    std::vector<std::string> unitNames;      ///< the units' names ("Cook County"); empty = none
    std::vector<PlanePoint> points;          ///< unit centroids in km
    std::vector<std::string> attributeNames; ///< balance/travel attributes
    std::vector<std::vector<double>> weights; ///< weights[a][i]; negative values are invalid
    std::vector<double> accounts;            ///< accounts per unit (moved-account figures); empty = 0
    AdjacencyGraph adjacency;                ///< with shared boundary lengths (0 = unknown)
    std::vector<int> currentPlan;            ///< territory per unit in the current plan, -1 = none; empty = no plan
    std::vector<int> locked;                 ///< territory a unit is locked to, -1 = free; empty = none locked
    std::vector<PlanePoint> fixedCentres;    ///< one per territory when centres are fixed (rep homes)
    /// Workload per territory and unit: the hours unit i adds to territory t
    /// (its accounts' hours plus travel from t's rep home, by the metrics
    /// engine's rule, UnitWeights::workloadHoursFrom). Empty = no workload data.
    std::vector<std::vector<double>> workloadHours;
    std::vector<double> baseWorkloadHours;   ///< per territory: hours of accounts it serves whatever the plan (overrides)
    std::vector<double> capacityHours;       ///< per territory: its rep's capacity; 0 = none (no utilisation limit)

    std::size_t unitCount() const { return points.size(); }
    int attributeIndex(const std::string &name) const;
    bool hasCurrentPlan() const { return !currentPlan.empty(); }
    bool isLocked(std::size_t unit) const { return !locked.empty() && locked[unit] >= 0; }
    bool hasWorkload() const { return !workloadHours.empty(); }
    /// How messages name unit i: "unit 'Cook' (17031)", or "unit 17031" without a name.
    std::string describeUnit(std::size_t unit) const;

    /// Checks sizes and values (weights finite and >= 0, plan and lock
    /// indices in range); the error names the unit.
    Result<void> validate() const;
};

/// Projects WGS84 positions to km on a Lambert azimuthal equal-area plane
/// centred on their mean, which keeps distances and areas faithful over a
/// region the size of Europe. \a extra points (rep homes) use the same plane.
std::vector<PlanePoint> projectToPlane(const std::vector<LonLat> &positions, const std::vector<LonLat> &extra,
                                       std::vector<PlanePoint> *extraOut);

/// Builds the problem from a project: unit centroids, the values of each
/// attribute entry per unit (resolved by AttributeSource, as the metrics engine does),
/// adjacency, and when \a scenario is given its plan, locks and rep homes
/// (fixedCentres, in territory order, when every territory has a rep).
Result<DistrictingProblem> problemFromProject(const Project &project, const Scenario *scenario,
                                              const std::vector<std::string> &attributes);

} // namespace tessera

namespace tessera {

/// Joins the separate pieces of the geography (islands, exclaves) by adding a
/// virtual edge (shared length 0) from each smaller piece to the nearest unit
/// of another piece, until the graph is connected. Returns the edges added.
std::vector<AdjacencyEdge> bridgeComponents(DistrictingProblem &problem);

} // namespace tessera
