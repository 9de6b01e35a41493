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

/// The objective as a figure a person reads, in its unit: travel per unit of
/// weight as a distance (root-mean-square for squared distance), border in km
/// or cut edges. Monotone in the objective, so a plot of it over time shows
/// the search improving as the objective does.
struct ReadableObjective {
    double value = 0.0;
    std::string unit; ///< "km", "km of border", "cut edges"
    std::string what; ///< "population-weighted root-mean-square distance to the centre"; empty for border
    int decimals = 0;
};
ReadableObjective readableObjective(const DistrictingProblem &problem, const OptimizerOptions &options, double value);

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
