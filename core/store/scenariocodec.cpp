#include "core/store/scenariocodec.h"

#include <nlohmann/json.hpp>

#include <map>
#include <vector>

namespace tessera::scenariocodec {

using Json = nlohmann::json;

std::string territoriesJson(const Scenario &scenario)
{
    Json list = Json::array();
    for (const Territory &t : scenario.territories)
        list.push_back(Json{{"name", t.name}, {"color", t.color}, {"rep", t.rep.value()}});
    return list.dump();
}

bool readTerritories(std::string_view json, Scenario &scenario)
{
    const Json list = Json::parse(json, nullptr, false);
    if (!list.is_array())
        return false;
    std::vector<Territory> territories;
    for (const Json &t : list) {
        if (!t.is_object() || !t.value("name", Json()).is_string()
            || (t.contains("color") && !t["color"].is_number_unsigned())
            || (t.contains("rep") && !t["rep"].is_number_integer()))
            return false;
        territories.push_back({TerritoryId(static_cast<std::int32_t>(territories.size())), t["name"].get<std::string>(),
                               t.value("color", 0x808080u), RepId(t.value("rep", -1))});
    }
    scenario.territories = std::move(territories);
    return true;
}

std::string overridesJson(const Scenario &scenario)
{
    Json list = Json::array();
    for (const auto &[account, territory] : scenario.alignment.accountOverrides())
        list.push_back(Json::array({account.value(), territory.value()}));
    return list.dump();
}

bool readOverrides(std::string_view json, Scenario &scenario)
{
    const Json list = Json::parse(json, nullptr, false);
    if (!list.is_array())
        return false;
    std::map<AccountId, TerritoryId> overrides;
    for (const Json &pair : list) {
        if (!pair.is_array() || pair.size() != 2 || !pair[0].is_number_integer() || !pair[1].is_number_integer())
            return false;
        overrides[AccountId(pair[0].get<std::int32_t>())] = TerritoryId(pair[1].get<std::int32_t>());
    }
    std::vector<AccountId> previous;
    for (const auto &entry : scenario.alignment.accountOverrides())
        previous.push_back(entry.first);
    for (AccountId account : previous)
        scenario.alignment.clearAccountOverride(account);
    for (const auto &[account, territory] : overrides)
        scenario.alignment.setAccountOverride(account, territory);
    return true;
}

} // namespace tessera::scenariocodec
