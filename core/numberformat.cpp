#include "core/numberformat.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>

namespace tessera {

std::string groupedNumber(double value, int decimals)
{
    if (!std::isfinite(value))
        return "–";
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", std::max(0, decimals), std::abs(value));
    std::string digits(buffer);
    const std::size_t dot = digits.find('.');
    std::string whole = digits.substr(0, dot), out;
    for (std::size_t i = 0; i < whole.size(); ++i) {
        if (i > 0 && (whole.size() - i) % 3 == 0)
            out += ',';
        out += whole[i];
    }
    if (dot != std::string::npos)
        out += digits.substr(dot);
    const bool negative = value < 0 && std::any_of(buffer, buffer + std::strlen(buffer), [](char c) { return c >= '1' && c <= '9'; });
    return (negative ? "−" : "") + out;
}

} // namespace tessera
