#include "core/metrics/territorymetrics.h"

#include <ostream>

namespace tessera {

bool TerritoryMetrics::operator==(const TerritoryMetrics &o) const
{
    using metrics::sameFigure;
    return territory == o.territory && rep == o.rep && unitCount == o.unitCount && accountCount == o.accountCount
           && attributes == o.attributes && sameFigure(accountHours, o.accountHours)
           && sameFigure(travelHours, o.travelHours) && sameFigure(workloadHours, o.workloadHours)
           && sameFigure(capacityHours, o.capacityHours) && sameFigure(utilisation, o.utilisation)
           && sameFigure(meanAccountDistanceKm, o.meanAccountDistanceKm) && sameFigure(areaKm2, o.areaKm2)
           && sameFigure(perimeterKm, o.perimeterKm) && sameFigure(polsbyPopper, o.polsbyPopper)
           && sameFigure(inertia, o.inertia) && sameFigure(centre.lon, o.centre.lon)
           && sameFigure(centre.lat, o.centre.lat) && sameFigure(boundaryKm, o.boundaryKm) && cutEdges == o.cutEdges
           && pieces == o.pieces && cutOffUnits == o.cutOffUnits && disruption == o.disruption;
}

std::ostream &operator<<(std::ostream &out, const TerritoryMetrics &m)
{
    out << "territory " << m.territory << " (rep " << m.rep << "): " << m.unitCount << " units, " << m.accountCount
        << " accounts, sums [";
    for (std::size_t k = 0; k < m.attributes.size(); ++k)
        out << (k ? ", " : "") << m.attributes[k].sum << " (" << m.attributes[k].deviation << ")";
    out << "], workload " << m.workloadHours << " h (travel " << m.travelHours << "), area " << m.areaKm2
        << " km2, perimeter " << m.perimeterKm << " km, PP " << m.polsbyPopper << ", inertia " << m.inertia
        << ", boundary " << m.boundaryKm << " km, cut edges " << m.cutEdges << ", pieces " << m.pieces
        << ", disruption +" << m.disruption.unitsGained << "/-" << m.disruption.unitsLost << " units";
    return out;
}

} // namespace tessera
