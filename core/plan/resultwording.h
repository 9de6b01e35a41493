#pragma once

#include "core/numberformat.h"

#include <string>
#include <vector>

namespace tessera {

struct DistrictingProblem;
struct OptimizerOptions;
struct OptimizerResult;

namespace plan {

/// The one owner of how an optimizer result reads, for the GUI, the CLI text
/// output and the reports: figures with their unit, grouped digits, never
/// scientific notation, the gap in plain words.

/// How an objective reads as a figure a person understands, in its unit:
/// travel per unit of weight as a distance (root-mean-square for squared
/// distance), border in km or cut edges. Found once per problem (it sums the
/// travel weights); figure() is then cheap enough for every progress report,
/// and monotone in the objective, so a plot of it shows the search improving.
struct ObjectiveReading {
    std::string unit; ///< "km", "km of border", "cut edges"
    std::string what; ///< "population-weighted root-mean-square distance to the centre"; empty for border
    int decimals = 0;
    double perWeight = 0.0; ///< total travel weight the objective is divided by; 0 = shown as it is
    bool root = false;      ///< squared distance: the square root of the mean

    double figure(double objective) const;
};
ObjectiveReading objectiveReading(const DistrictingProblem &problem, const OptimizerOptions &options);

/// The objective in its unit: "412 km of border", "184 cut edges", or for
/// travel the weighted root-mean-square (squared distance) or mean (plain
/// distance) distance to the territory centres: "population-weighted
/// root-mean-square distance to the centre 84.6 km". \a value is an objective
/// of \a options on \a problem (best value or bound).
std::string objectiveText(const DistrictingProblem &problem, const OptimizerOptions &options, double value);

/// The bound in plain words: "proven optimal", "no plan can be more than
/// 20.3 % better", "bound not computed yet" (NaN bound), or for rebalancing
/// "not applicable (rebalancing minimises moved units, not travel)".
std::string gapText(const OptimizerOptions &options, double objective, double bound, bool provenOptimal);

/// The lines of a result summary: objective, gap, moved units, balance per
/// goal, contiguity, and each breaking territory (names when given).
std::vector<std::string> resultLines(const DistrictingProblem &problem, const OptimizerOptions &options,
                                     const OptimizerResult &result, const std::vector<std::string> &territoryNames);

} // namespace plan
} // namespace tessera
