#include "core/model/unitlayer.h"

#include <cmath>

namespace tessera {

UnitId UnitLayer::add(Unit unit)
{
    const UnitId id(static_cast<std::int32_t>(mUnits.size()));
    unit.id = id;
    mByKey.emplace(unit.key, id);
    mUnits.push_back(std::move(unit));
    mAttributes.resize(mUnits.size());
    return id;
}

UnitId UnitLayer::findByKey(const std::string &key) const
{
    const auto it = mByKey.find(key);
    return it == mByKey.end() ? UnitId() : it->second;
}

BoundingBox UnitLayer::bounds() const
{
    ExtentBuilder extent;
    for (const Unit &unit : mUnits)
        if (unit.geometry)
            extent.add(unit.geometry->bounds());
        else if (std::isfinite(unit.centroid.lon) && std::isfinite(unit.centroid.lat))
            extent.add(unit.centroid);
    return extent.box();
}

void UnitLayer::clear()
{
    mUnits.clear();
    mAttributes = AttributeTable();
    mByKey.clear();
}

} // namespace tessera
