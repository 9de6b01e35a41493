#include "core/metrics/planmetrics.h"

#include <ostream>

namespace tessera {

bool AttributeSpread::operator==(const AttributeSpread &o) const
{
    using metrics::sameFigure;
    return name == o.name && sameFigure(total, o.total) && sameFigure(mean, o.mean) && sameFigure(min, o.min)
           && sameFigure(max, o.max) && sameFigure(maxMinRatio, o.maxMinRatio)
           && sameFigure(coefficientOfVariation, o.coefficientOfVariation)
           && sameFigure(worstDeviation, o.worstDeviation) && worstTerritory == o.worstTerritory;
}

bool RepMetrics::operator==(const RepMetrics &o) const
{
    using metrics::sameFigure;
    return rep == o.rep && territoryCount == o.territoryCount && accountCount == o.accountCount
           && attributeSums == o.attributeSums && sameFigure(travelHours, o.travelHours)
           && sameFigure(workloadHours, o.workloadHours)
           && sameFigure(capacityHours, o.capacityHours) && sameFigure(utilisation, o.utilisation)
           && disruption == o.disruption;
}

bool PlanMetrics::operator==(const PlanMetrics &o) const
{
    using metrics::sameFigure;
    if (unassignedSums.size() != o.unassignedSums.size())
        return false;
    for (std::size_t k = 0; k < unassignedSums.size(); ++k)
        if (!sameFigure(unassignedSums[k], o.unassignedSums[k]))
            return false;
    return territoryCount == o.territoryCount && emptyTerritories == o.emptyTerritories && attributes == o.attributes
           && sameFigure(workloadHours, o.workloadHours) && sameFigure(travelHours, o.travelHours)
           && cutEdges == o.cutEdges && sameFigure(boundaryKm, o.boundaryKm) && contiguous == o.contiguous
           && noncontiguousTerritories == o.noncontiguousTerritories && unassignedUnits == o.unassignedUnits
           && unassignedAccounts == o.unassignedAccounts && hasBaseline == o.hasBaseline
           && unitsMoved == o.unitsMoved && accountsMoved == o.accountsMoved
           && sameFigure(revenueMoved, o.revenueMoved) && accountsChangingRep == o.accountsChangingRep
           && reps == o.reps;
}

std::ostream &operator<<(std::ostream &out, const PlanMetrics &p)
{
    out << "plan: " << p.territoryCount << " territories (" << p.emptyTerritories << " empty), ";
    for (const AttributeSpread &s : p.attributes)
        out << s.name << " total " << s.total << " cv " << s.coefficientOfVariation << " worst " << s.worstDeviation
            << "; ";
    out << "cut edges " << p.cutEdges << ", contiguous " << (p.contiguous ? "yes" : "no") << ", unassigned "
        << p.unassignedUnits << " units";
    if (p.hasBaseline)
        out << ", moved " << p.unitsMoved << " units / " << p.accountsMoved << " accounts";
    return out;
}

} // namespace tessera
