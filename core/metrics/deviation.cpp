#include "core/metrics/deviation.h"

#include "core/metrics/territorymetrics.h"

#include <cmath>

namespace tessera::metrics {

double balanceReference(double target, double total, std::size_t territoryCount)
{
    if (std::isfinite(target))
        return target;
    return territoryCount > 0 ? total / static_cast<double>(territoryCount) : Undefined;
}

double deviation(double sum, double reference)
{
    if (std::isnan(reference))
        return Undefined;
    if (reference != 0.0)
        return (sum - reference) / std::fabs(reference);
    return sum == 0.0 ? 0.0 : Undefined;
}

} // namespace tessera::metrics
