#include "core/model/unitlayer.h"

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
    BoundingBox box;
    for (const Unit &unit : mUnits)
        if (unit.geometry)
            box.expand(unit.geometry->bounds());
        else
            box.expand(unit.centroid);
    return box;
}

void UnitLayer::clear()
{
    mUnits.clear();
    mAttributes = AttributeTable();
    mByKey.clear();
}

} // namespace tessera
