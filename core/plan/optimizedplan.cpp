#include "core/plan/optimizedplan.h"

#include "core/model/scenario.h"
#include "core/optimizer/optimizerresult.h"
#include "core/plan/palette.h"

#include <string>

namespace tessera::plan {

Result<Scenario> applyOptimizerResult(const Scenario &scenario, const OptimizerResult &result, int territoryCount)
{
    if (territoryCount < 1)
        return makeError(ErrorCode::InvalidArgument, "a plan needs at least one territory");
    if (result.territory.size() != scenario.alignment.unitCount())
        return makeError(ErrorCode::InvalidArgument, "the optimized plan has " + std::to_string(result.territory.size())
                                                         + " units, the scenario "
                                                         + std::to_string(scenario.alignment.unitCount()));
    for (int t : result.territory)
        if (t < -1 || t >= territoryCount)
            return makeError(ErrorCode::InvalidArgument, "the optimized plan uses territory " + std::to_string(t + 1)
                                                             + " of " + std::to_string(territoryCount));
    Scenario next = scenario;
    const auto k = static_cast<std::size_t>(territoryCount);
    while (next.territories.size() < k) {
        std::vector<std::uint32_t> used;
        for (const Territory &t : next.territories)
            used.push_back(t.color);
        Territory added;
        added.name = "Territory " + std::to_string(next.territories.size() + 1);
        added.color = palette::nextColor(used);
        next.addTerritory(std::move(added));
    }
    next.territories.resize(k);
    Alignment &alignment = next.alignment;
    for (std::size_t u = 0; u < result.territory.size(); ++u)
        alignment.assign(UnitId(static_cast<std::int32_t>(u)), TerritoryId(result.territory[u]));
    const auto overrides = alignment.accountOverrides();
    for (const auto &[account, territory] : overrides)
        if (territory.isValid() && static_cast<std::size_t>(territory.value()) >= k)
            alignment.clearAccountOverride(account);
    return next;
}

} // namespace tessera::plan
