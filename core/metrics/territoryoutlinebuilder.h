#pragma once

#include "core/metrics/territoryoutline.h"
#include "core/model/geo.h"
#include "core/model/ids.h"

#include <memory>
#include <span>
#include <vector>

namespace tessera {

class Alignment;
class UnitLayer;

namespace geometry {
class UnitTopology;
}

/// Dissolved territory outlines, read off the unit topology without polygon
/// unions: a territory's border is every arc whose two sides lie in different
/// territories (another territory, an unassigned unit, or nothing), and those
/// arcs are chained into rings. Because neighbouring territories use the very
/// same arcs, their outlines meet without gaps or overlaps.
///
/// Rings are closed and oriented with the territory on the left: outer rings
/// counter-clockwise, holes clockwise. Boundaries the topology could not match
/// vertex by vertex (see UnitTopology::looseContacts) stay on both sides, as a
/// thin sliver. Linear in the number of arcs plus a sort.
class TerritoryOutlineBuilder {
public:
    /// Outlines over an existing topology (shared, e.g. with the map).
    explicit TerritoryOutlineBuilder(std::shared_ptr<const geometry::UnitTopology> topology);
    /// Builds the topology of \a units with geometry::DefaultSnapToleranceDeg
    /// (the layer need not outlive the builder).
    explicit TerritoryOutlineBuilder(const UnitLayer &units);

    const geometry::UnitTopology &topology() const { return *mTopology; }
    std::size_t unitCount() const;

    /// The dissolved outline of one territory of \a alignment: the entry point
    /// for drawing and exporting a single territory.
    TerritoryOutline outline(const Alignment &alignment, TerritoryId territory) const;

    /// Outlines of every territory of \a alignment (index = territory id,
    /// territoryCount entries; a territory without units gets no rings).
    std::vector<TerritoryOutline> build(const Alignment &alignment, std::size_t territoryCount) const;

    /// Outlines of the listed territories only, in that order (for redrawing
    /// just what a ChangeSet names).
    std::vector<TerritoryOutline> build(const Alignment &alignment, std::span<const TerritoryId> territories) const;

private:
    std::shared_ptr<const geometry::UnitTopology> mTopology;
};

} // namespace tessera
