#pragma once

#include "core/model/geo.h"
#include "core/model/ids.h"

#include <memory>
#include <string>

namespace tessera {

/// A basic area (ZIP, county, any polygon) that territories are built from.
/// Numeric attributes live in the owning UnitLayer's AttributeTable, row = id.
struct Unit {
    UnitId id;                 ///< dense index in the layer
    std::string key;           ///< the id from the source file, as text ("01001")
    std::string name;
    std::shared_ptr<const MultiPolygon> geometry; ///< WGS84; shared, immutable
    LonLat centroid;           ///< area centroid (inside or near the polygon)
    double areaKm2 = 0.0;      ///< on an equal-area projection

    bool operator==(const Unit &other) const
    {
        return id == other.id && key == other.key && name == other.name && centroid == other.centroid
               && areaKm2 == other.areaKm2
               && (geometry == other.geometry || (geometry && other.geometry && *geometry == *other.geometry));
    }
};

} // namespace tessera
