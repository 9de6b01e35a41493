#pragma once

#include "core/model/geo.h"
#include "core/model/ids.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace tessera {
class Project;
struct DisruptionFigures;
struct SkillMatch;
struct Territory;
} // namespace tessera

namespace tessera::cli {

/// The JSON form of the objects every command shares, so each is written in
/// one place and one dialect: snake_case keys, units in the key (`_km`,
/// `_hours`, `_km2`), territories and reps by name, undefined figures as null.
/// docs/cli.md lists every key.
namespace jsonformat {

using Json = nlohmann::ordered_json;

/// A figure; NaN and infinities (undefined) become null.
Json number(double value);
/// {"lon", "lat"} in degrees, or null when not finite.
Json lonLat(const LonLat &position);
/// {"min_lon", "min_lat", "max_lon", "max_lat"}, or null when empty.
Json bbox(const BoundingBox &box);
/// {"id", "name"} of a rep (its source id), or null for no rep.
Json rep(const Project &project, RepId rep);
/// A territory's name, or null for no territory.
Json territoryName(const std::vector<Territory> &territories, TerritoryId territory);
/// The source ids of \a units.
Json unitKeys(const Project &project, const std::vector<UnitId> &units);
/// {"units_gained", "units_lost", "accounts_gained", "accounts_lost", "revenue_gained", "revenue_lost"}.
Json disruption(const DisruptionFigures &figures);
/// {"total", "accounts_requiring_skills", "unstaffed", "per_rep": [{"id",
/// "name", "count"}] (reps with a mismatch), "accounts": [{"account",
/// "territory", "rep", "missing_skills"}]}.
Json skillMismatches(const Project &project, const std::vector<Territory> &territories, const SkillMatch &match);

/// What every solver result reports about its quality.
struct SolveFigures {
    double objective = 0.0;
    double lowerBound = 0.0;
    double gap = 0.0;            ///< (objective - lower bound) / objective
    std::string boundMethod;     ///< what produced the bound
    bool provenOptimal = false;
    double seconds = 0.0;
};

/// Adds "objective", "lower_bound", "gap", "bound_method", "proven_optimal", "seconds" to \a out.
void addSolveFigures(Json &out, const SolveFigures &figures);

/// Prints \a json to stdout, indented by two, with a final newline.
void print(const Json &json);

} // namespace jsonformat

} // namespace tessera::cli
