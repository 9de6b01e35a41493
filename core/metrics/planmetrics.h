#pragma once

#include "core/metrics/territorymetrics.h"

#include <iosfwd>
#include <string>
#include <vector>

namespace tessera {

/// Plan-level spread of one attribute over the territories.
struct AttributeSpread {
    std::string name;
    double total = 0.0;                  ///< sum over all territories (unassigned units excluded)
    double mean = metrics::Undefined;    ///< total ÷ territory count
    double min = metrics::Undefined;     ///< smallest territory sum
    double max = metrics::Undefined;     ///< largest territory sum
    /// max ÷ min; undefined unless every territory sum is > 0 (1 when all are equal).
    double maxMinRatio = metrics::Undefined;
    /// Population standard deviation of the sums ÷ |mean|; undefined when the mean is 0.
    double coefficientOfVariation = metrics::Undefined;
    /// The territory deviation with the largest magnitude (signed); undefined
    /// when every deviation is undefined.
    double worstDeviation = metrics::Undefined;
    TerritoryId worstTerritory;          ///< where worstDeviation occurs

    bool operator==(const AttributeSpread &o) const;
};

/// Per-rep figures: workload over the rep's territories and disruption.
struct RepMetrics {
    RepId rep;
    std::size_t territoryCount = 0;      ///< territories this rep serves
    std::size_t accountCount = 0;        ///< accounts in those territories
    std::vector<double> attributeSums;   ///< per balanced attribute (parallel to MetricsEngine::attributeNames()), summed over those territories
    double travelHours = 0.0;            ///< sum over those territories
    double workloadHours = 0.0;          ///< sum over those territories
    double capacityHours = 0.0;
    double utilisation = metrics::Undefined; ///< workload ÷ capacity; undefined when capacity is 0
    DisruptionFigures disruption;        ///< accounts/units whose serving rep changed against the baseline

    bool operator==(const RepMetrics &o) const;
};

/// Figures of the plan as a whole.
struct PlanMetrics {
    std::size_t territoryCount = 0;
    std::size_t emptyTerritories = 0;    ///< territories without units or accounts
    std::vector<AttributeSpread> attributes; ///< parallel to MetricsEngine::attributeNames()

    double workloadHours = 0.0;          ///< over all territories
    double travelHours = 0.0;

    std::size_t cutEdges = 0;            ///< adjacency edges joining two different territories
    double boundaryKm = 0.0;             ///< boundary length between territories (each stretch once)
    bool contiguous = true;              ///< every non-empty territory is in one piece
    std::size_t noncontiguousTerritories = 0;

    // Units not yet assigned to any territory; they count in no territory figure.
    std::size_t unassignedUnits = 0;
    std::size_t unassignedAccounts = 0;
    std::vector<double> unassignedSums;  ///< per attribute

    // Disruption against the baseline (all zero without one).
    bool hasBaseline = false;
    std::size_t unitsMoved = 0;          ///< units whose territory differs from the baseline
    std::size_t accountsMoved = 0;       ///< accounts whose territory differs from the baseline
    double revenueMoved = 0.0;
    std::size_t accountsChangingRep = 0; ///< accounts whose serving rep differs from the baseline

    std::vector<RepMetrics> reps;        ///< index = rep id

    bool operator==(const PlanMetrics &o) const;
};

std::ostream &operator<<(std::ostream &out, const PlanMetrics &metrics);

} // namespace tessera
