#include "app/cli/jsonformat.h"

#include "core/metrics/skillmatch.h"
#include "core/metrics/territorymetrics.h"
#include "core/model/project.h"

#include <cmath>
#include <iostream>

namespace tessera::cli::jsonformat {

Json number(double value)
{
    return std::isfinite(value) ? Json(value) : Json(nullptr);
}

Json lonLat(const LonLat &position)
{
    if (!std::isfinite(position.lon) || !std::isfinite(position.lat))
        return nullptr;
    return Json{{"lon", position.lon}, {"lat", position.lat}};
}

Json bbox(const BoundingBox &box)
{
    if (!box.isValid())
        return nullptr;
    return Json{{"min_lon", box.minLon}, {"min_lat", box.minLat}, {"max_lon", box.maxLon}, {"max_lat", box.maxLat}};
}

Json rep(const Project &project, RepId rep)
{
    if (!rep.isValid() || static_cast<std::size_t>(rep.value()) >= project.reps().size())
        return nullptr;
    const Rep &r = project.reps()[static_cast<std::size_t>(rep.value())];
    return Json{{"id", r.key}, {"name", r.name}};
}

Json territoryName(const std::vector<Territory> &territories, TerritoryId territory)
{
    if (!territory.isValid() || static_cast<std::size_t>(territory.value()) >= territories.size())
        return nullptr;
    return territories[static_cast<std::size_t>(territory.value())].name;
}

Json unitKeys(const Project &project, const std::vector<UnitId> &units)
{
    Json keys = Json::array();
    for (const UnitId unit : units)
        keys.push_back(project.units().unit(unit).key);
    return keys;
}

Json disruption(const DisruptionFigures &figures)
{
    return Json{{"units_gained", figures.unitsGained},       {"units_lost", figures.unitsLost},
                {"accounts_gained", figures.accountsGained}, {"accounts_lost", figures.accountsLost},
                {"revenue_gained", number(figures.revenueGained)}, {"revenue_lost", number(figures.revenueLost)}};
}

Json skillMismatches(const Project &project, const std::vector<Territory> &territories, const SkillMatch &match)
{
    Json perRep = Json::array();
    for (std::size_t r = 0; r < match.perRep.size(); ++r)
        if (match.perRep[r] > 0) {
            Json entry = rep(project, RepId(static_cast<std::int32_t>(r)));
            entry["count"] = match.perRep[r];
            perRep.push_back(std::move(entry));
        }
    Json accounts = Json::array();
    for (const SkillMismatch &m : match.mismatches)
        accounts.push_back({{"account", project.accounts().account(m.account).key},
                            {"territory", territoryName(territories, m.territory)},
                            {"rep", rep(project, m.rep)},
                            {"missing_skills", m.missing}});
    return Json{{"total", match.mismatches.size()},
                {"accounts_requiring_skills", match.requiring},
                {"unstaffed", match.unstaffed},
                {"per_rep", std::move(perRep)},
                {"accounts", std::move(accounts)}};
}

void addSolveFigures(Json &out, const SolveFigures &figures)
{
    out["objective"] = number(figures.objective);
    out["lower_bound"] = number(figures.lowerBound);
    out["gap"] = number(figures.gap);
    out["bound_method"] = figures.boundMethod;
    out["proven_optimal"] = figures.provenOptimal;
    out["seconds"] = number(figures.seconds);
}

void print(const Json &json)
{
    std::cout << json.dump(2) << '\n';
}

} // namespace tessera::cli::jsonformat
