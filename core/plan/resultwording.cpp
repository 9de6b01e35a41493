#include "core/plan/resultwording.h"

#include "core/numberformat.h"

#include "core/optimizer/districtingproblem.h"
#include "core/optimizer/optimizeroptions.h"
#include "core/optimizer/optimizerresult.h"
#include "core/optimizer/planevaluation.h"
#include "core/optimizer/rebalancer.h"

#include <cmath>
#include <cstdio>
#include <numeric>
#include <algorithm>
#include <cstring>

namespace tessera::plan {

ObjectiveReading objectiveReading(const DistrictingProblem &problem, const OptimizerOptions &options)
{
    if (options.compactness == CompactnessObjective::Boundary)
        return {districting::graphHasLengths(problem) ? "km of border" : "cut edges", "", 0, 0.0, false};
    // Travel: objective = Σ weight × distance (or distance²); per unit of weight it reads as a distance.
    const std::vector<double> w = districting::travelWeights(problem, options);
    const double total = std::accumulate(w.begin(), w.end(), 0.0);
    int attribute = options.travelWeightAttribute;
    if (attribute < 0 && !options.balance.empty())
        attribute = options.balance.front().attribute;
    const std::string weighted = attribute >= 0 && static_cast<std::size_t>(attribute) < problem.attributeNames.size()
                                     ? problem.attributeNames[static_cast<std::size_t>(attribute)] + "-weighted "
                                     : "";
    if (!(total > 0))
        return {options.squaredDistance ? "km²" : "km", "", 0, 0.0, false};
    if (options.squaredDistance)
        return {"km", weighted + "root-mean-square distance to the centre", 1, total, true};
    return {"km", weighted + "mean distance to the centre", 1, total, false};
}

double ObjectiveReading::figure(double objective) const
{
    if (!(perWeight > 0) || std::isnan(objective))
        return objective; // NaN stays "not computed yet"
    const double perUnit = objective / perWeight;
    return root ? std::sqrt(std::max(0.0, perUnit)) : perUnit;
}

std::string objectiveText(const DistrictingProblem &problem, const OptimizerOptions &options, double value)
{
    if (!std::isfinite(value))
        return "not computed yet";
    const ObjectiveReading reading = objectiveReading(problem, options);
    return (reading.what.empty() ? "" : reading.what + " ") + groupedNumber(reading.figure(value), reading.decimals) + " "
           + reading.unit;
}

std::string gapText(const OptimizerOptions &options, double objective, double bound, bool provenOptimal)
{
    if (options.rebalances())
        return "not applicable (rebalancing minimises moved units, not travel)";
    if (provenOptimal)
        return "proven optimal";
    if (!std::isfinite(bound))
        return "bound not computed yet";
    if (!(objective > 0))
        return "optimal (nothing to improve)";
    const double gap = std::max(0.0, (objective - bound) / objective);
    if (gap < 0.0005)
        return "proven optimal within 0.1 %";
    return "no plan can be more than " + groupedNumber(gap * 100, 1) + " % better";
}

std::vector<std::string> resultLines(const DistrictingProblem &problem, const OptimizerOptions &options,
                                     const OptimizerResult &result, const std::vector<std::string> &territoryNames)
{
    std::vector<std::string> lines;
    const bool rebalance = options.rebalances();
    lines.push_back("Objective: " + objectiveText(problem, options, result.objective));
    lines.push_back("Bound: " + gapText(options, result.objective, result.lowerBound, result.provenOptimal));
    lines.push_back("Moved units: " + groupedNumber(result.movedUnits)
                    + (rebalance && result.exact ? " (proven fewest)" : ""));
    std::vector<std::string> goalNames;
    for (std::size_t g = 0; g < options.balance.size(); ++g) {
        const auto a = static_cast<std::size_t>(options.balance[g].attribute);
        goalNames.push_back(a < problem.attributeNames.size() ? problem.attributeNames[a] : "attribute");
        if (g < result.worstDeviation.size())
            lines.push_back("Balance " + goalNames.back() + ": off the mean by at most "
                            + groupedNumber(result.worstDeviation[g] * 100, 2) + " % (tolerance ±"
                            + groupedNumber(options.balance[g].tolerance * 100, 1) + " %)");
    }
    lines.push_back(result.contiguous ? "Every territory in one piece" : "NOT every territory in one piece");
    for (const RebalanceBreach &breach : result.breaches)
        lines.push_back("Breaks a constraint: " + describeBreach(breach, territoryNames, goalNames, options.balance));
    return lines;
}

} // namespace tessera::plan
