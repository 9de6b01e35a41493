#pragma once

#include <cmath>
#include <cstdint>

namespace tessera {

/// A power-of-two fixed-point scale for one kind of figure. The metrics
/// engine keeps every sum as a 64-bit integer in such a scale: integer
/// addition is exact and associative, so moving units back and forth and a
/// full recompute give bit-for-bit the same totals. The scale is chosen from
/// the largest total the figure can reach, which keeps about 18 significant
/// digits of that total.
class FixedPoint {
public:
    /// Scale 1 (integers).
    constexpr FixedPoint() = default;

    /// A scale under which values whose absolute values add up to at most
    /// \a maxAbsTotal can be summed in any order without overflow.
    static FixedPoint forTotal(double maxAbsTotal)
    {
        FixedPoint result;
        if (!(maxAbsTotal > 0.0) || !std::isfinite(maxAbsTotal))
            return result;
        // Keep the total below 2^61 so rounding of every term cannot overflow.
        int exponent = 61 - std::ilogb(maxAbsTotal) - 1;
        if (exponent > 900)
            exponent = 900;
        result.mScale = std::ldexp(1.0, exponent);
        result.mInverse = std::ldexp(1.0, -exponent);
        return result;
    }

    /// \a value in this scale, rounded to the nearest step; non-finite values give 0.
    std::int64_t toFixed(double value) const
    {
        return std::isfinite(value) ? std::llround(value * mScale) : 0;
    }
    double toDouble(std::int64_t fixed) const { return static_cast<double>(fixed) * mInverse; }
    double scale() const { return mScale; }

    bool operator==(const FixedPoint &) const = default;

private:
    double mScale = 1.0;
    double mInverse = 1.0;
};

} // namespace tessera
