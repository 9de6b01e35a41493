#pragma once

#include "core/model/ids.h"

#include <cstddef>
#include <map>
#include <vector>

namespace tessera {

/// Which territory each unit belongs to, plus account-level exceptions and
/// locks. Unassigned units hold an invalid TerritoryId.
class Alignment {
public:
    Alignment() = default;
    explicit Alignment(std::size_t unitCount) : mUnitTerritory(unitCount), mLocked(unitCount, false) {}

    std::size_t unitCount() const { return mUnitTerritory.size(); }
    void resize(std::size_t unitCount);

    TerritoryId territoryOf(UnitId unit) const { return mUnitTerritory.at(index(unit)); }
    void assign(UnitId unit, TerritoryId territory) { mUnitTerritory.at(index(unit)) = territory; }
    const std::vector<TerritoryId> &unitTerritories() const { return mUnitTerritory; }

    bool isLocked(UnitId unit) const { return mLocked.at(index(unit)); }
    void setLocked(UnitId unit, bool locked) { mLocked.at(index(unit)) = locked; }
    std::size_t lockedCount() const;

    /// Accounts served by another territory than their unit's.
    const std::map<AccountId, TerritoryId> &accountOverrides() const { return mAccountOverrides; }
    void setAccountOverride(AccountId account, TerritoryId territory);
    void clearAccountOverride(AccountId account) { mAccountOverrides.erase(account); }
    /// The territory serving \a account, which lies in \a unit (invalid when
    /// unplaced): its override, else the unit's territory, else invalid.
    TerritoryId territoryOfAccount(AccountId account, UnitId unit) const;

    /// Units per territory id (index = territory id); unassigned not counted.
    std::vector<std::size_t> unitCounts(std::size_t territoryCount) const;
    std::size_t unassignedCount() const;

    bool operator==(const Alignment &) const = default;

private:
    static std::size_t index(UnitId unit) { return static_cast<std::size_t>(unit.value()); }

    std::vector<TerritoryId> mUnitTerritory;
    std::vector<bool> mLocked;
    std::map<AccountId, TerritoryId> mAccountOverrides;
};

} // namespace tessera
