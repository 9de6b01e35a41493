#pragma once

#include "core/model/geo.h"
#include "core/model/ids.h"

#include <cmath>
#include <cstddef>
#include <iosfwd>
#include <limits>
#include <vector>

namespace tessera {

namespace metrics {
/// The value of every figure that is undefined (no rep, no accounts, zero reference...).
inline constexpr double Undefined = std::numeric_limits<double>::quiet_NaN();
/// Equality that treats two undefined (NaN) figures as equal.
inline bool sameFigure(double a, double b) { return a == b || (std::isnan(a) && std::isnan(b)); }
} // namespace metrics

/// Balance figures of one attribute in one territory.
struct AttributeFigures {
    double sum = 0.0;                    ///< sum over the territory's units and accounts
    double share = metrics::Undefined;   ///< sum ÷ plan total; undefined when the total is 0
    double reference = metrics::Undefined; ///< the target, or the plan mean (total ÷ territory count)
    /// (sum − reference) ÷ |reference|: +0.05 = 5 % above. When the reference
    /// is 0: 0 if the sum is 0 too, else undefined.
    double deviation = metrics::Undefined;

    bool operator==(const AttributeFigures &o) const
    {
        return metrics::sameFigure(sum, o.sum) && metrics::sameFigure(share, o.share)
               && metrics::sameFigure(reference, o.reference) && metrics::sameFigure(deviation, o.deviation);
    }
};

/// Changes against the baseline alignment, for a territory or a rep.
struct DisruptionFigures {
    std::size_t unitsGained = 0;   ///< units here now that were elsewhere (or unassigned) in the baseline
    std::size_t unitsLost = 0;     ///< units here in the baseline that are elsewhere now
    std::size_t accountsGained = 0;
    std::size_t accountsLost = 0;
    double revenueGained = 0.0;    ///< MetricOptions::revenueAttribute of the gained accounts
    double revenueLost = 0.0;

    bool operator==(const DisruptionFigures &) const = default;
};

/// Every figure of one territory. A plain value: copy it, compare it.
struct TerritoryMetrics {
    TerritoryId territory;
    RepId rep;                         ///< invalid when no rep is assigned

    // Balance
    std::size_t unitCount = 0;
    std::size_t accountCount = 0;
    std::vector<AttributeFigures> attributes; ///< parallel to MetricsEngine::attributeNames()

    // Workload (hours per period)
    double accountHours = 0.0;         ///< sum of the accounts' workload hours
    double travelHours = 0.0;          ///< distance from the rep home × circuity ÷ speed × visits; 0 without rep
    double workloadHours = 0.0;        ///< accountHours + travelHours
    double capacityHours = 0.0;        ///< the rep's capacity; 0 without rep or when not set
    double utilisation = metrics::Undefined; ///< workloadHours ÷ capacityHours; undefined when capacity is 0
    double meanAccountDistanceKm = metrics::Undefined; ///< mean great-circle distance rep home → account; undefined without rep or accounts

    // Compactness
    double areaKm2 = 0.0;              ///< sum of unit areas
    double perimeterKm = 0.0;          ///< perimeter of the dissolved territory
    double polsbyPopper = metrics::Undefined; ///< 4π·area ÷ perimeter² (1 = disc); undefined when the perimeter is 0
    double inertia = 0.0;              ///< Σ w·d² about the weighted centre, in weight·km²
    LonLat centre{metrics::Undefined, metrics::Undefined}; ///< weighted centre (unit centroids if the weight is 0); undefined when empty

    // Boundary
    double boundaryKm = 0.0;           ///< boundary shared with other territories
    std::size_t cutEdges = 0;          ///< adjacency edges to units of other territories

    // Contiguity
    std::size_t pieces = 0;            ///< connected pieces on the adjacency graph (0 when empty)
    std::vector<UnitId> cutOffUnits;   ///< units outside the main (largest) piece, ascending

    // Disruption (zero without a baseline)
    DisruptionFigures disruption;

    bool isEmpty() const { return unitCount == 0 && accountCount == 0; }
    bool isContiguous() const { return pieces <= 1; }

    bool operator==(const TerritoryMetrics &o) const;
};

std::ostream &operator<<(std::ostream &out, const TerritoryMetrics &metrics);

} // namespace tessera
