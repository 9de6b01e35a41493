#pragma once

#include <map>
#include <string>
#include <vector>

namespace tessera {

/// What the metrics engine measures and how. Build it once and hand it to
/// MetricsEngine::create; changing it means building a new engine, because the
/// per-unit table (UnitWeights) depends on it.
struct MetricOptions {
    /// Attributes to balance, in display order. Each entry is resolved as:
    /// - "accounts": the number of accounts;
    /// - "units": the number of units;
    /// - "unit:NAME": the unit layer's column NAME;
    /// - "account:NAME": the account column NAME summed over each unit's accounts;
    /// - a bare NAME: the unit column plus the summed account column, whichever
    ///   exist (an error when neither does).
    /// Empty = "accounts", then revenue_potential and workload_hours when the
    /// account layer has them, then population when the unit layer has it.
    /// Cost: one 64-bit sum per unit and per territory for each entry.
    std::vector<std::string> attributes;

    /// Per-territory targets, keyed by the attribute entry as written above;
    /// index = territory id. Deviation is measured against the target; a
    /// missing index or a NaN target falls back to the plan mean.
    std::map<std::string, std::vector<double>> targets;

    /// Road distance ÷ great-circle distance for travel time (1.2–1.4 is usual).
    double circuityFactor = 1.3;

    /// Average driving speed in km/h for travel time. Must be > 0.
    double averageSpeedKmh = 60.0;

    /// Count the way back from every visit too (doubles the travel time).
    bool roundTrip = false;

    /// Account column holding visits per account per period. When the column
    /// does not exist every account gets defaultVisitsPerPeriod; negative
    /// values count as 0 visits.
    std::string visitFrequencyAttribute = "visit_frequency";

    /// Visits per account per period when visitFrequencyAttribute is missing.
    double defaultVisitsPerPeriod = 1.0;

    /// Account column holding the work hours an account needs per period
    /// (missing column = 0 hours).
    std::string workloadAttribute = "workload_hours";

    /// Account column counted as "revenue moved" by disruption (missing = 0).
    std::string revenueAttribute = "revenue_potential";

    /// Attribute entry (same syntax as attributes) weighting the moment of
    /// inertia; empty = the first entry of attributes. Negative unit weights
    /// count as 0 there.
    std::string inertiaAttribute;

    bool operator==(const MetricOptions &) const = default;
};

} // namespace tessera
