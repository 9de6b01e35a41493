#include "core/plan/territoryrenumbering.h"

#include "core/model/scenario.h"

#include <string>

namespace tessera::plan {

namespace {

bool inRange(const Scenario &scenario, TerritoryId t)
{
    return t.isValid() && static_cast<std::size_t>(t.value()) < scenario.territories.size();
}

} // namespace

Result<void> renumberTerritories(Scenario &scenario, const std::vector<TerritoryId> &newId)
{
    const std::size_t count = scenario.territories.size();
    if (newId.size() != count)
        return makeError(ErrorCode::InvalidArgument, "renumbering needs one new id per territory (" + std::to_string(count)
                                                         + "), got " + std::to_string(newId.size()));
    std::size_t kept = 0;
    for (TerritoryId t : newId)
        kept += t.isValid();
    std::vector<char> taken(kept, 0);
    for (TerritoryId t : newId) {
        if (!t.isValid())
            continue;
        if (static_cast<std::size_t>(t.value()) >= kept || taken[static_cast<std::size_t>(t.value())])
            return makeError(ErrorCode::InvalidArgument, "new territory ids must be 0.." + std::to_string(kept) + " once each");
        taken[static_cast<std::size_t>(t.value())] = 1;
    }
    auto map = [&](TerritoryId t) {
        return t.isValid() && static_cast<std::size_t>(t.value()) < count ? newId[static_cast<std::size_t>(t.value())] : TerritoryId();
    };
    Alignment &alignment = scenario.alignment;
    for (std::size_t u = 0; u < alignment.unitCount(); ++u) {
        const UnitId unit(static_cast<std::int32_t>(u));
        alignment.assign(unit, map(alignment.territoryOf(unit)));
    }
    const auto overrides = alignment.accountOverrides();
    for (const auto &[account, territory] : overrides) {
        const TerritoryId t = map(territory);
        if (t.isValid())
            alignment.setAccountOverride(account, t);
        else
            alignment.clearAccountOverride(account);
    }
    std::vector<Territory> territories(kept);
    for (std::size_t t = 0; t < count; ++t) {
        if (!newId[t].isValid())
            continue;
        Territory &moved = territories[static_cast<std::size_t>(newId[t].value())];
        moved = std::move(scenario.territories[t]);
        moved.id = newId[t];
    }
    scenario.territories = std::move(territories);
    return {};
}

Result<void> removeTerritory(Scenario &scenario, TerritoryId territory)
{
    if (!inRange(scenario, territory))
        return makeError(ErrorCode::NotFound, "no territory " + std::to_string(territory.value()) + " to remove");
    std::vector<TerritoryId> newId;
    for (std::size_t t = 0; t < scenario.territories.size(); ++t) {
        const auto value = static_cast<std::int32_t>(t);
        newId.push_back(value == territory.value() ? TerritoryId()
                                                   : TerritoryId(value > territory.value() ? value - 1 : value));
    }
    return renumberTerritories(scenario, newId);
}

Result<void> mergeTerritories(Scenario &scenario, TerritoryId from, TerritoryId into)
{
    if (!inRange(scenario, from) || !inRange(scenario, into))
        return makeError(ErrorCode::NotFound, "merging needs two territories of the plan");
    if (from == into)
        return makeError(ErrorCode::InvalidArgument, "a territory cannot be merged into itself");
    Alignment &alignment = scenario.alignment;
    for (std::size_t u = 0; u < alignment.unitCount(); ++u) {
        const UnitId unit(static_cast<std::int32_t>(u));
        if (alignment.territoryOf(unit) == from)
            alignment.assign(unit, into);
    }
    const auto overrides = alignment.accountOverrides();
    for (const auto &[account, territory] : overrides)
        if (territory == from)
            alignment.setAccountOverride(account, into);
    return removeTerritory(scenario, from);
}

} // namespace tessera::plan
