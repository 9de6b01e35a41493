#include "core/plan/whatiftransform.h"

#include "core/model/geo.h"
#include "core/overloaded.h"
#include "core/valuelimits.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <sstream>

namespace tessera::whatif {

namespace {

using Json = nlohmann::ordered_json;

Error invalid(const Transform &transform, const std::string &message)
{
    return makeError(ErrorCode::InvalidArgument, message, describe(transform));
}

bool validHome(double lon, double lat)
{
    return LonLat{lon, lat}.isOnEarth();
}

std::string number(double value)
{
    std::ostringstream out;
    out << value;
    return out.str();
}

Json toJsonObject(const Transform &transform)
{
    return std::visit(
        Overloaded{
            [](const ScaleAttribute &t) {
                Json out{{"kind", "scale"}, {"attribute", t.attribute}, {"factor", t.factor}};
                if (!t.selection.unitKeys.empty())
                    out["units"] = t.selection.unitKeys;
                if (!t.selection.field.empty())
                    out["where"] = Json{{"field", t.selection.field}, {"value", t.selection.value}};
                return out;
            },
            [](const AddRep &t) {
                return Json{{"kind", "add_rep"},          {"name", t.name}, {"lon", t.lon}, {"lat", t.lat},
                            {"capacity_hours", t.capacityHours}, {"skills", t.skills}};
            },
            [](const RemoveRep &t) {
                return Json{{"kind", "remove_rep"}, {"rep", t.rep}, {"territory", t.dissolve ? "dissolve" : "vacant"}};
            },
            [](const MoveRep &t) {
                return Json{{"kind", "move_rep"}, {"rep", t.rep}, {"lon", t.lon}, {"lat", t.lat}};
            },
            [](const SetTerritoryCount &t) { return Json{{"kind", "territories"}, {"count", t.count}}; },
            [](const SetTolerance &t) {
                return Json{{"kind", "tolerance"}, {"attribute", t.attribute}, {"tolerance", t.tolerance}};
            },
            [](const Reoptimize &t) {
                Json out{{"kind", "reoptimize"}};
                if (t.maxMoved >= 0)
                    out[t.inAccounts ? "max_moved_accounts" : "max_moved_units"] = t.maxMoved;
                return out;
            },
        },
        transform);
}

Transform fromJsonObject(const Json &in)
{
    const std::string kind = in.at("kind").get<std::string>();
    if (kind == "scale") {
        ScaleAttribute t;
        t.attribute = in.at("attribute").get<std::string>();
        t.factor = in.at("factor").get<double>();
        if (in.contains("units"))
            t.selection.unitKeys = in.at("units").get<std::vector<std::string>>();
        if (in.contains("where")) {
            t.selection.field = in.at("where").at("field").get<std::string>();
            t.selection.value = in.at("where").at("value").get<std::string>();
        }
        return t;
    }
    if (kind == "add_rep") {
        AddRep t;
        t.name = in.at("name").get<std::string>();
        t.lon = in.at("lon").get<double>();
        t.lat = in.at("lat").get<double>();
        t.capacityHours = in.value("capacity_hours", 0.0);
        t.skills = in.value("skills", std::vector<std::string>());
        return t;
    }
    if (kind == "remove_rep") {
        const std::string mode = in.value("territory", std::string("dissolve"));
        if (mode != "dissolve" && mode != "vacant")
            throw std::invalid_argument("territory must be \"dissolve\" or \"vacant\"");
        return RemoveRep{in.at("rep").get<std::string>(), mode == "dissolve"};
    }
    if (kind == "move_rep")
        return MoveRep{in.at("rep").get<std::string>(), in.at("lon").get<double>(), in.at("lat").get<double>()};
    if (kind == "territories")
        return SetTerritoryCount{in.at("count").get<int>()};
    if (kind == "tolerance")
        return SetTolerance{in.at("attribute").get<std::string>(), in.at("tolerance").get<double>()};
    if (kind == "reoptimize") {
        Reoptimize t;
        if (in.contains("max_moved_units"))
            t.maxMoved = in.at("max_moved_units").get<double>();
        else if (in.contains("max_moved_accounts")) {
            t.maxMoved = in.at("max_moved_accounts").get<double>();
            t.inAccounts = true;
        }
        return t;
    }
    throw std::invalid_argument("unknown kind '" + kind + "'");
}

} // namespace

Result<void> validate(const Transform &transform)
{
    return std::visit(
        Overloaded{
            [&](const ScaleAttribute &t) -> Result<void> {
                if (t.attribute.empty())
                    return invalid(transform, "the attribute name is missing");
                if (!isAcceptedValue(t.factor) || t.factor <= 0)
                    return invalid(transform, "the factor must be a finite number above 0, not " + formatValueForMessage(t.factor));
                if (t.selection.field.empty() != t.selection.value.empty())
                    return invalid(transform, "a filter is written FIELD=VALUE");
                return {};
            },
            [&](const AddRep &t) -> Result<void> {
                if (t.name.find_first_not_of(" \t") == std::string::npos)
                    return invalid(transform, "the rep needs a name");
                if (!validHome(t.lon, t.lat))
                    return invalid(transform, "the home must be a longitude in [-180, 180] and a latitude in [-90, 90]");
                if (!isAcceptedValue(t.capacityHours) || t.capacityHours < 0)
                    return invalid(transform, "the capacity must be a number of hours >= 0");
                return {};
            },
            [&](const RemoveRep &t) -> Result<void> {
                if (t.rep.empty())
                    return invalid(transform, "the rep id is missing");
                return {};
            },
            [&](const MoveRep &t) -> Result<void> {
                if (t.rep.empty())
                    return invalid(transform, "the rep id is missing");
                if (!validHome(t.lon, t.lat))
                    return invalid(transform, "the home must be a longitude in [-180, 180] and a latitude in [-90, 90]");
                return {};
            },
            [&](const SetTerritoryCount &t) -> Result<void> {
                if (t.count < 1)
                    return invalid(transform, "the number of territories must be at least 1");
                return {};
            },
            [&](const SetTolerance &t) -> Result<void> {
                if (t.attribute.empty())
                    return invalid(transform, "the attribute name is missing");
                if (!std::isfinite(t.tolerance) || t.tolerance < 0 || t.tolerance >= 1)
                    return invalid(transform, "the tolerance must be at least 0 and below 1 (0.05 = ±5 %)");
                return {};
            },
            [&](const Reoptimize &t) -> Result<void> {
                if (!std::isfinite(t.maxMoved) || (t.maxMoved < 0 && t.maxMoved != -1))
                    return invalid(transform, "the disruption cap must be a number >= 0");
                return {};
            },
        },
        transform);
}

std::string describe(const Transform &transform)
{
    return std::visit(
        Overloaded{
            [](const ScaleAttribute &t) {
                std::string out = "scale " + t.attribute + " × " + number(t.factor);
                if (!t.selection.unitKeys.empty())
                    out += " in " + std::to_string(t.selection.unitKeys.size()) + " selected units";
                if (!t.selection.field.empty())
                    out += " where " + t.selection.field + "=" + t.selection.value;
                return out;
            },
            [](const AddRep &t) {
                return "add rep " + t.name + " at " + number(t.lon) + ", " + number(t.lat)
                       + (t.capacityHours > 0 ? " (" + number(t.capacityHours) + " h)" : std::string());
            },
            [](const RemoveRep &t) {
                return "remove rep " + t.rep + (t.dissolve ? ", territory dissolved" : ", territory left vacant");
            },
            [](const MoveRep &t) { return "move rep " + t.rep + " to " + number(t.lon) + ", " + number(t.lat); },
            [](const SetTerritoryCount &t) { return std::to_string(t.count) + " territories"; },
            [](const SetTolerance &t) { return t.attribute + " tolerance ±" + number(t.tolerance * 100) + " %"; },
            [](const Reoptimize &t) {
                if (t.maxMoved < 0)
                    return std::string("re-optimize");
                return "re-optimize moving at most " + number(t.maxMoved) + (t.inAccounts ? " accounts" : " units");
            },
        },
        transform);
}

std::string toJson(const std::vector<Transform> &transforms)
{
    Json out = Json::array();
    for (const Transform &transform : transforms)
        out.push_back(toJsonObject(transform));
    return out.dump();
}

Result<std::vector<Transform>> fromJson(const std::string &json)
{
    Json parsed;
    try {
        parsed = Json::parse(json);
    } catch (const std::exception &error) {
        return makeError(ErrorCode::InvalidInput, std::string("the what-if transforms are not JSON: ") + error.what());
    }
    if (!parsed.is_array())
        return makeError(ErrorCode::InvalidInput, "the what-if transforms are not a JSON array");
    std::vector<Transform> out;
    for (std::size_t i = 0; i < parsed.size(); ++i) {
        const std::string where = "what-if transform " + std::to_string(i + 1);
        try {
            out.push_back(fromJsonObject(parsed[i]));
        } catch (const std::exception &error) {
            return makeError(ErrorCode::InvalidInput, std::string("malformed: ") + error.what(), where);
        }
        if (auto valid = validate(out.back()); !valid) {
            Error error = valid.error();
            error.code = ErrorCode::InvalidInput;
            error.context = where + ": " + error.context;
            return error;
        }
    }
    return out;
}

} // namespace tessera::whatif
