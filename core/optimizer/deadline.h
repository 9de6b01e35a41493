#pragma once

#include <chrono>

namespace tessera {

/// A wall-clock stop shared by every phase of one solve (search, bound, rep
/// matching), so the whole call ends near the user's time limit. Work budgets
/// define results; a deadline is only a safety stop and is reported as such.
class Deadline {
public:
    using Clock = std::chrono::steady_clock;

    /// No stop.
    Deadline() = default;
    explicit Deadline(Clock::time_point at) : mAt(at) {}
    /// \a seconds from now; 0 or less = no stop.
    static Deadline after(double seconds)
    {
        if (!(seconds > 0))
            return {};
        return Deadline(Clock::now() + std::chrono::microseconds(static_cast<long long>(seconds * 1e6)));
    }

    bool passed() const { return mAt != Clock::time_point::max() && Clock::now() >= mAt; }
    Clock::time_point at() const { return mAt; }
    /// Seconds left (large when there is no stop, 0 once passed).
    double secondsLeft() const
    {
        if (mAt == Clock::time_point::max())
            return 1e9;
        const double left = std::chrono::duration<double>(mAt - Clock::now()).count();
        return left > 0 ? left : 0.0;
    }
    /// What is left, in whole milliseconds for a solver's own limit (GLPK's
    /// tm_lim): at least 1 (0 would mean no time at all), at most \a atMost seconds.
    int millisecondsLeft(double atMost = 2e6) const
    {
        const double seconds = secondsLeft() < atMost ? secondsLeft() : atMost;
        return static_cast<int>((seconds > 0.001 ? seconds : 0.001) * 1000);
    }
    /// The earlier of this stop and \a seconds from now.
    Deadline within(double seconds) const
    {
        const Deadline other = after(seconds);
        return other.mAt < mAt ? other : *this;
    }

private:
    Clock::time_point mAt = Clock::time_point::max();
};

} // namespace tessera
