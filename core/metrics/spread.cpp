#include "core/metrics/spread.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace tessera {

namespace {

constexpr double Undefined = std::numeric_limits<double>::quiet_NaN();

bool allNonNegative(std::span<const double> values)
{
    return std::all_of(values.begin(), values.end(), [](double v) { return v >= 0.0; });
}

} // namespace

Spread spreadOf(std::span<const double> values)
{
    Spread s;
    s.count = values.size();
    if (values.empty())
        return s;
    if (!std::all_of(values.begin(), values.end(), [](double v) { return std::isfinite(v); })) {
        s.total = Undefined;
        return s;
    }
    const auto [lowest, highest] = std::minmax_element(values.begin(), values.end());
    s.min = *lowest;
    s.max = *highest;
    for (double v : values)
        s.total += v;
    const double n = static_cast<double>(values.size());
    s.mean = s.total / n;
    s.maxMinRatio = s.min > 0.0 ? s.max / s.min : Undefined;
    double squares = 0.0;
    for (double v : values)
        squares += (v - s.mean) * (v - s.mean);
    s.coefficientOfVariation = s.mean != 0.0 ? std::sqrt(squares / n) / std::fabs(s.mean) : Undefined;
    if (allNonNegative(values) && s.total > 0.0) {
        // Sorted form of the mean absolute difference: Σ (2i − n + 1) x₍ᵢ₎ ÷ (n Σ x), O(n log n).
        std::vector<double> sorted(values.begin(), values.end());
        std::sort(sorted.begin(), sorted.end());
        double weighted = 0.0;
        for (std::size_t i = 0; i < sorted.size(); ++i)
            weighted += (2.0 * static_cast<double>(i) - n + 1.0) * sorted[i];
        s.gini = weighted / (n * s.total);
    }
    return s;
}

std::vector<std::pair<double, double>> lorenzCurve(std::span<const double> values)
{
    if (!std::isfinite(spreadOf(values).gini))
        return {};
    std::vector<double> sorted(values.begin(), values.end());
    std::sort(sorted.begin(), sorted.end());
    double total = 0.0;
    for (double v : sorted)
        total += v;
    std::vector<std::pair<double, double>> curve{{0.0, 0.0}};
    double running = 0.0;
    const double n = static_cast<double>(sorted.size());
    for (std::size_t i = 0; i < sorted.size(); ++i) {
        running += sorted[i];
        curve.emplace_back(static_cast<double>(i + 1) / n, running / total);
    }
    curve.back() = {1.0, 1.0};
    return curve;
}

} // namespace tessera
