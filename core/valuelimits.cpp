#include "core/valuelimits.h"

#include <cmath>
#include <cstdio>

namespace tessera {

bool isAcceptedValue(double value)
{
    return std::isfinite(value) && std::fabs(value) <= MaxValueMagnitude;
}

std::string formatValueForMessage(double value)
{
    char buffer[32];
    std::snprintf(buffer, sizeof(buffer), "%.6g", value);
    return buffer;
}

std::string outOfRangeMessage(double value)
{
    return formatValueForMessage(value) + " is outside the accepted range (finite, |value| <= "
           + formatValueForMessage(MaxValueMagnitude) + ")";
}

} // namespace tessera
