#pragma once

#include "core/model/geo.h"
#include "core/model/ids.h"

#include <memory>
#include <vector>

namespace tessera {
class UnitLayer;
class AccountLayer;
class ProblemSink;
}

namespace tessera::geometry {

/// An R-tree over unit bounds with exact point-in-polygon, for placing
/// accounts and for picking units on the map.
class UnitIndex {
public:
    /// Indexes \a units; the layer must outlive the index.
    explicit UnitIndex(const UnitLayer &units);
    ~UnitIndex();

    /// The indexed layer.
    const UnitLayer &units() const;
    UnitIndex(const UnitIndex &) = delete;
    UnitIndex &operator=(const UnitIndex &) = delete;

    /// The unit containing \a point, or an invalid id.
    UnitId locate(const LonLat &point) const;

    /// Units whose bounds intersect \a box, sorted by id.
    std::vector<UnitId> query(const BoundingBox &box) const;

    /// The unit whose boundary is closest to \a point (the containing unit,
    /// at distance 0, when there is one), or an invalid id for an empty index
    /// or a non-finite point. \a distanceKm, when given, receives the
    /// great-circle distance to that boundary. Examines the parts of the eight
    /// nearest bounding boxes.
    UnitId nearest(const LonLat &point, double *distanceKm = nullptr) const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

/// Statistics of placing accounts into units.
struct PlacementStats {
    std::size_t placed = 0;
    std::size_t outside = 0; ///< reported to the sink, unit left invalid
};

/// Sets each account's unit by point-in-polygon; accounts outside every unit
/// (or without a finite location) are reported (one Warning each, naming the
/// account key in featureId and the message, with the nearest unit and its
/// distance) and kept with an invalid unit. A
/// point on a boundary shared by several units goes to the lowest unit id.
/// Accounts are visited in Z-order and spread over the machine's cores; the
/// result and the order of problems do not depend on the thread count.
PlacementStats placeAccounts(AccountLayer &accounts, const UnitIndex &index, ProblemSink *sink = nullptr);

} // namespace tessera::geometry
