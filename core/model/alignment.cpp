#include "core/model/alignment.h"

#include <algorithm>

namespace tessera {

void Alignment::resize(std::size_t unitCount)
{
    mUnitTerritory.resize(unitCount);
    mLocked.resize(unitCount, false);
}

std::size_t Alignment::lockedCount() const
{
    return static_cast<std::size_t>(std::count(mLocked.begin(), mLocked.end(), true));
}

void Alignment::setAccountOverride(AccountId account, TerritoryId territory)
{
    mAccountOverrides[account] = territory;
}

TerritoryId Alignment::territoryOfAccount(AccountId account, UnitId unit) const
{
    if (auto found = mAccountOverrides.find(account); found != mAccountOverrides.end())
        return found->second;
    if (unit.isValid() && index(unit) < mUnitTerritory.size())
        return mUnitTerritory[index(unit)];
    return {};
}

std::vector<std::size_t> Alignment::unitCounts(std::size_t territoryCount) const
{
    std::vector<std::size_t> counts(territoryCount, 0);
    for (TerritoryId t : mUnitTerritory)
        if (t.isValid() && static_cast<std::size_t>(t.value()) < territoryCount)
            ++counts[static_cast<std::size_t>(t.value())];
    return counts;
}

std::size_t Alignment::unassignedCount() const
{
    return static_cast<std::size_t>(
        std::count_if(mUnitTerritory.begin(), mUnitTerritory.end(), [](TerritoryId t) { return !t.isValid(); }));
}

} // namespace tessera
