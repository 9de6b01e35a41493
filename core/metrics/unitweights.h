#pragma once

#include "core/feedback.h"
#include "core/geometry/projection.h"
#include "core/metrics/fixedpoint.h"
#include "core/metrics/metricoptions.h"
#include "core/model/ids.h"
#include "core/model/geo.h"
#include "core/result.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace tessera {

class Project;

/// An account served by another territory than its unit's (an account
/// override). Its figures do not move with its unit, so they are kept apart.
struct OverriddenAccount {
    AccountId account;
    UnitId unit;
    TerritoryId territory;                ///< the territory serving it
    std::vector<std::int64_t> attributes; ///< its share of each attribute (account columns only)
    std::int64_t hours = 0;
    std::int64_t revenue = 0;
    double point[3] = {0.0, 0.0, 0.0};    ///< unit vector on the sphere
    double visits = 0.0;
};

/// Great-circle sums from one rep home to a set of accounts.
struct TravelSums {
    double distanceKm = 0.0;       ///< Σ distance
    double visitDistanceKm = 0.0;  ///< Σ distance × visits
};

/// Everything the metrics engine needs per unit, precomputed once per project
/// and options: each figure is stored in 64-bit fixed point (see FixedPoint),
/// so territory sums are exact. Plain data; build it with UnitWeights::build.
struct UnitWeights {
    std::size_t unitCount = 0;

    /// The resolved attribute entries (MetricOptions::attributes or the defaults).
    std::vector<std::string> attributeNames;
    std::vector<FixedPoint> attributeScales;           ///< per attribute
    std::vector<std::vector<std::int64_t>> attributes; ///< [attribute][unit], own value + accounts not overridden

    std::vector<std::int32_t> accountCounts; ///< accounts per unit, overridden ones excluded
    FixedPoint hoursScale;
    std::vector<std::int64_t> accountHours;  ///< per unit
    FixedPoint revenueScale;
    std::vector<std::int64_t> revenue;       ///< per unit

    FixedPoint areaScale;
    std::vector<std::int64_t> area;          ///< km² per unit
    FixedPoint lengthScale;                  ///< perimeters and shared boundaries
    std::vector<std::int64_t> perimeter;     ///< km per unit

    /// Equal-area plane (km) centred on the layer, for the moment of inertia.
    geometry::EqualAreaProjection plane;
    FixedPoint weightScale, momentXScale, momentYScale, momentR2Scale, coordinateScale;
    std::vector<std::int64_t> weight;        ///< inertia weight w (negative values count as 0)
    std::vector<std::int64_t> weightX, weightY, weightR2; ///< w·x, w·y, w·(x²+y²) of the unit centroid
    std::vector<std::int64_t> x, y;          ///< unit centroid on the plane

    /// Unit adjacency (CSR) with shared boundary lengths in lengthScale.
    std::vector<std::uint32_t> adjacencyOffsets;
    std::vector<std::int32_t> neighbours;
    std::vector<std::int64_t> sharedLengths;

    /// Accounts per unit (CSR, overridden ones excluded) for travel figures.
    std::vector<std::uint32_t> accountOffsets;
    std::vector<double> accountPoints;       ///< 3 per account: unit vector on the sphere
    std::vector<double> accountVisits;       ///< visits per period, ≥ 0

    /// Accounts served by another territory than their unit's.
    std::vector<OverriddenAccount> overridden;
    /// The overrides this table was built for.
    std::map<AccountId, TerritoryId> overrides;

    FixedPoint distanceScale;                ///< sums of account distances, km
    FixedPoint travelScale;                  ///< travel hours
    double travelHoursPerKm = 0.0;           ///< circuity ÷ speed (× 2 for round trips)

    /// Builds the table for \a project. Fails with NotFound for an attribute
    /// entry that matches no column, InvalidArgument for a speed ≤ 0.
    static Result<UnitWeights> build(const Project &project, const MetricOptions &options,
                                     const std::map<AccountId, TerritoryId> &overrides = {},
                                     Feedback *feedback = nullptr);

    /// The unit vector of \a point on the sphere.
    static void toUnitVector(const LonLat &point, double out[3]);
    /// Great-circle distance in km between two unit vectors.
    static double chordDistanceKm(const double a[3], const double b[3]);

    /// Distances from \a home (a unit vector) to the accounts of \a unit.
    TravelSums travelFrom(UnitId unit, const double home[3]) const;
    /// Travel hours (travelScale) of \a sums: distance × visits × circuity ÷ speed.
    std::int64_t travelHours(const TravelSums &sums) const
    {
        return travelScale.toFixed(sums.visitDistanceKm * travelHoursPerKm);
    }
    /// Travel hours (travelScale) of serving one overridden account from \a home.
    std::int64_t travelHours(const OverriddenAccount &account, const double home[3]) const
    {
        return travelScale.toFixed(chordDistanceKm(account.point, home) * account.visits * travelHoursPerKm);
    }
    /// Hours \a unit adds to a territory whose rep lives at \a home: its
    /// accounts' workload hours plus the travel to them, as the metrics engine
    /// sums them into TerritoryMetrics::workloadHours.
    double workloadHoursFrom(UnitId unit, const double home[3]) const;

    std::size_t attributeCount() const { return attributeNames.size(); }
    /// The value of attribute \a attribute for \a unit alone (its own column and
    /// the accounts it holds that no override sends elsewhere).
    double attributeValue(std::size_t attribute, UnitId unit) const
    {
        return attributeScales[attribute].toDouble(attributes[attribute][index(unit)]);
    }
    std::size_t index(UnitId unit) const { return static_cast<std::size_t>(unit.value()); }
};

} // namespace tessera
