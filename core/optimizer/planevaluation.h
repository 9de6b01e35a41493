#pragma once

#include "core/optimizer/districtingproblem.h"
#include "core/optimizer/optimizeroptions.h"
#include "core/optimizer/optimizerresult.h"

#include <limits>
#include <vector>

namespace tessera {

/// The figures that define a plan's quality, computed from scratch (no
/// incremental bookkeeping), so the search and the tests can check each other.
struct PlanFigures {
    double compactness = 0.0;  ///< travel to centres, or boundary length / cut edges
    double disruption = 0.0;   ///< disruption term already multiplied by its weight and scale
    double objective = 0.0;    ///< compactness + disruption
    std::vector<double> worstDeviation; ///< per balance goal
    double worstUtilisation = std::numeric_limits<double>::quiet_NaN(); ///< max workload ÷ capacity (workload data only)
    double leastUtilisation = std::numeric_limits<double>::quiet_NaN(); ///< min, likewise
    bool balanced = false;     ///< every balance goal within tolerance and the utilisation limit kept
    bool contiguous = false;
    int pieces = 0;            ///< connected pieces over all territories
    int cutEdges = 0;
    double boundaryKm = 0.0;
    double inertia = 0.0;      ///< travel-weighted squared distance to territory centroids, km²
    int movedUnits = 0;
    double movedAccounts = 0.0;
};

/// Helpers shared by every optimizer path: weights, targets, costs.
namespace districting {

/// Travel weight per unit: the travel attribute plus 0.1 % of its mean (so
/// empty units still prefer a near centre), or 1 when nothing is weighted.
std::vector<double> travelWeights(const DistrictingProblem &problem, const OptimizerOptions &options);

/// Cost of serving a unit of travel weight \a weight at \a unit from \a centre.
double travelCost(const OptimizerOptions &options, double weight, const PlanePoint &unit, const PlanePoint &centre);

/// Length of one adjacency edge for the boundary objective: its shared
/// length, or 1 when the graph carries no lengths (count of cut edges).
bool graphHasLengths(const DistrictingProblem &problem);

/// Objective cost of one moved unit (or account) at disruption weight 1,
/// derived from the problem alone so every path prices disruption alike.
double disruptionUnitCost(const DistrictingProblem &problem, const OptimizerOptions &options);

/// Disruption volume of moving \a unit: 1, or its accounts.
double moveVolume(const DistrictingProblem &problem, const OptimizerOptions &options, std::size_t unit);

/// Best centre unit of each territory for the travel objective (the member
/// minimising weighted travel); -1 for an empty territory.
std::vector<int> bestCentres(const DistrictingProblem &problem, const OptimizerOptions &options,
                             const std::vector<double> &travelWeight, const std::vector<int> &plan);

/// Centre points: fixed centres, or the points of the centre units.
std::vector<PlanePoint> centrePoints(const DistrictingProblem &problem, const OptimizerOptions &options,
                                     const std::vector<int> &centreUnits);

/// Workload hours of each territory under \a plan (base plus the units'
/// hours for that territory); empty without workload data.
std::vector<double> territoryWorkload(const DistrictingProblem &problem, const std::vector<int> &plan, int territories);

/// Full evaluation of \a plan (territory per unit, 0..k-1) with the given centre units (chosen mode).
PlanFigures evaluatePlan(const DistrictingProblem &problem, const OptimizerOptions &options,
                         const std::vector<int> &plan, const std::vector<int> &centreUnits);

/// Number of connected pieces of each territory on the adjacency graph.
std::vector<int> territoryPieces(const DistrictingProblem &problem, const std::vector<int> &plan, int territories);

} // namespace districting

} // namespace tessera
