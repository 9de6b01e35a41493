#pragma once

#include <limits>
#include <span>
#include <utility>
#include <vector>

namespace tessera {

/// How evenly a figure is shared out (territory sums, rep workloads): the one
/// definition of max/min ratio, coefficient of variation and Gini used by the
/// plan metrics, the fairness audit and every report. Undefined figures are
/// NaN, never 0, so "perfectly fair" and "cannot say" stay apart.
struct Spread {
    std::size_t count = 0;
    double total = 0.0;
    double mean = std::numeric_limits<double>::quiet_NaN();                   ///< total ÷ count; NaN when empty
    double min = std::numeric_limits<double>::quiet_NaN();                    ///< NaN when empty
    double max = std::numeric_limits<double>::quiet_NaN();                    ///< NaN when empty
    /// max ÷ min; NaN unless every value is > 0 (1 when all are equal).
    double maxMinRatio = std::numeric_limits<double>::quiet_NaN();
    /// Population standard deviation ÷ |mean|; NaN when the mean is 0.
    double coefficientOfVariation = std::numeric_limits<double>::quiet_NaN();
    /// Gini coefficient, Σᵢ Σⱼ |xᵢ − xⱼ| ÷ (2 n² mean): 0 when all are equal,
    /// (n − 1) ÷ n when one holds everything; NaN unless every value is ≥ 0
    /// and the total is > 0.
    double gini = std::numeric_limits<double>::quiet_NaN();
};

/// The spread of \a values; non-finite values make every figure NaN.
Spread spreadOf(std::span<const double> values);

/// Points of the Lorenz curve of \a values: (share of holders, share of the
/// total they hold), holders sorted from smallest to largest, starting at
/// (0, 0) and ending at (1, 1). Empty when the Gini coefficient is undefined.
std::vector<std::pair<double, double>> lorenzCurve(std::span<const double> values);

} // namespace tessera
