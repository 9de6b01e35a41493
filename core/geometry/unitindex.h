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
    UnitIndex(const UnitIndex &) = delete;
    UnitIndex &operator=(const UnitIndex &) = delete;

    /// The unit containing \a point, or an invalid id.
    UnitId locate(const LonLat &point) const;

    /// Units whose bounds intersect \a box.
    std::vector<UnitId> query(const BoundingBox &box) const;

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
/// account key in featureId and the message) and kept with an invalid unit. A
/// point on a boundary shared by several units goes to the lowest unit id.
/// Accounts are visited in Z-order and spread over the machine's cores; the
/// result and the order of problems do not depend on the thread count.
PlacementStats placeAccounts(AccountLayer &accounts, const UnitIndex &index, ProblemSink *sink = nullptr);

} // namespace tessera::geometry
