#pragma once

#include "core/model/attributetable.h"
#include "core/model/unit.h"

#include <string>
#include <unordered_map>
#include <vector>

namespace tessera {

/// All units of a project with their attributes and a key index.
class UnitLayer {
public:
    std::size_t size() const { return mUnits.size(); }
    bool isEmpty() const { return mUnits.empty(); }

    /// Appends \a unit, assigning its id; returns the id. Keys must be unique.
    UnitId add(Unit unit);

    const Unit &unit(UnitId id) const { return mUnits.at(static_cast<std::size_t>(id.value())); }
    Unit &unit(UnitId id) { return mUnits.at(static_cast<std::size_t>(id.value())); }
    const std::vector<Unit> &units() const { return mUnits; }

    /// The unit whose source id is \a key, or an invalid id.
    UnitId findByKey(const std::string &key) const;

    AttributeTable &attributes() { return mAttributes; }
    const AttributeTable &attributes() const { return mAttributes; }

    /// Union of all unit bounds the short way round the globe (ExtentBuilder):
    /// units on both sides of 180° give maxLon > 180.
    BoundingBox bounds() const;

    void clear();
    void reserve(std::size_t count) { mUnits.reserve(count); }

    bool operator==(const UnitLayer &other) const
    {
        return mUnits == other.mUnits && mAttributes == other.mAttributes;
    }

private:
    std::vector<Unit> mUnits;
    AttributeTable mAttributes;
    std::unordered_map<std::string, UnitId> mByKey;
};

} // namespace tessera
