#include "core/plan/skillassignment.h"

#include "core/geometry/measure.h"
#include "core/metrics/skillmatch.h"
#include "core/model/project.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>

namespace tessera::plan {

namespace {

std::string joined(const std::vector<std::string> &tags)
{
    std::string text;
    for (const std::string &tag : tags)
        text += (text.empty() ? "" : ", ") + tag;
    return text;
}

std::string repName(const Project &project, RepId rep)
{
    return project.reps()[static_cast<std::size_t>(rep.value())].name;
}

} // namespace

SkillRepair repairSkillMismatches(const Project &project, Scenario &scenario, std::size_t maxMoves)
{
    SkillRepair repair;
    const SkillMatch match = SkillMatch::measure(project, scenario.territories, scenario.alignment);
    // The first territory each rep serves: where an account given to that rep goes.
    std::vector<TerritoryId> territoryOfRep(project.reps().size());
    for (const Territory &t : scenario.territories)
        if (t.rep.isValid() && static_cast<std::size_t>(t.rep.value()) < territoryOfRep.size()
            && !territoryOfRep[static_cast<std::size_t>(t.rep.value())].isValid())
            territoryOfRep[static_cast<std::size_t>(t.rep.value())] = t.id;

    for (const SkillMismatch &m : match.mismatches) {
        const Account &account = project.accounts().account(m.account);
        RepId best;
        double bestKm = 0.0;
        for (const Rep &rep : project.reps()) {
            if (!territoryOfRep[static_cast<std::size_t>(rep.id.value())].isValid()
                || !missingSkills(rep, account.requiredSkills).empty())
                continue;
            const double km = geometry::distanceKm(account.location, rep.home);
            if (!std::isfinite(km))
                continue;
            if (!best.isValid() || km < bestKm) {
                best = rep.id;
                bestKm = km;
            }
        }
        if (!best.isValid() || repair.moves.size() >= maxMoves) {
            repair.unresolved.push_back(m.account);
            continue;
        }
        const TerritoryId to = territoryOfRep[static_cast<std::size_t>(best.value())];
        const TerritoryId unitTerritory = account.unit.isValid() && static_cast<std::size_t>(account.unit.value())
                                                                        < scenario.alignment.unitCount()
                                              ? scenario.alignment.territoryOf(account.unit)
                                              : TerritoryId();
        if (to == unitTerritory)
            scenario.alignment.clearAccountOverride(m.account);
        else
            scenario.alignment.setAccountOverride(m.account, to);
        char km[32];
        std::snprintf(km, sizeof km, "%.1f", bestKm);
        repair.moves.push_back({m.account, account.key, account.name, m.territory, to,
                                "requires " + joined(m.missing) + ", which " + repName(project, m.rep)
                                    + " lacks; " + repName(project, best) + " (" + km + " km away) has it"});
    }
    return repair;
}

std::string withAccountReasons(const std::string &parametersJson, const std::vector<AccountMove> &moves)
{
    using Json = nlohmann::ordered_json;
    Json parameters = Json::parse(parametersJson.empty() ? "{}" : parametersJson, nullptr, false);
    if (parameters.is_discarded() || !parameters.is_object())
        parameters = Json::object();
    Json &reasons = parameters["account_reasons"];
    if (!reasons.is_object())
        reasons = Json::object();
    for (const AccountMove &move : moves)
        reasons[move.accountKey] = move.reason;
    return parameters.dump();
}

} // namespace tessera::plan
