#include "core/plan/movereasons.h"

#include "core/model/scenario.h"
#include "core/optimizer/optimizerresult.h"
#include "core/plan/resultwording.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>

namespace tessera::plan {

namespace {

using Json = nlohmann::json;

Json parse(const std::string &text)
{
    Json json = Json::parse(text, nullptr, false);
    return json.is_object() ? json : Json::object();
}

std::string signedText(double value, int decimals)
{
    return std::string(value > 0 ? "−" : "+") + groupedNumber(std::abs(value), decimals); // a gain makes the figure smaller
}

std::string territoryName(const Scenario &scenario, int index)
{
    return index >= 0 && static_cast<std::size_t>(index) < scenario.territories.size()
               ? scenario.territories[static_cast<std::size_t>(index)].name
               : std::string();
}

} // namespace

std::string describeMove(const MoveExplanation &e, bool boundaryInKm)
{
    // Lead with every term the move improved: the terms have different units,
    // so none is said to matter more; the figures follow.
    struct Term {
        double gain;
        std::string lead;
        std::string figure;
    };
    const std::vector<Term> terms{
        {e.balanceGain * 100.0, "better balance", "worst deviation " + signedText(e.balanceGain * 100.0, 1) + " %"},
        {e.travelGain, "shorter travel", "travel " + signedText(e.travelGain, std::abs(e.travelGain) >= 100 ? 0 : 1) + " km² (weighted)"},
        {e.boundaryGain, "shorter border",
         "border " + signedText(e.boundaryGain, boundaryInKm ? 1 : 0) + (boundaryInKm ? " km" : " shared edges")}};
    std::string leads;
    for (const Term &t : terms)
        if (t.gain > 1e-9)
            leads += (leads.empty() ? "" : " and ") + t.lead;
    std::string text = "Optimizer: " + (leads.empty() ? std::string("part of a better plan overall") : leads);
    std::string figures;
    for (const Term &t : terms)
        if (std::abs(t.gain) > 1e-9)
            figures += (figures.empty() ? "" : ", ") + t.figure;
    return figures.empty() ? text : text + " (" + figures + ")";
}

std::string withMoveReasons(const std::string &parametersJson, const Scenario &before, const Scenario &after,
                            const std::vector<MoveExplanation> &explanations, bool boundaryInKm)
{
    Json json = parse(parametersJson);
    Json reasons = Json::array();
    for (const MoveExplanation &e : explanations)
        reasons.push_back({{"unit", e.unit},
                           {"from", territoryName(before, e.fromTerritory)},
                           {"to", territoryName(after, e.toTerritory)},
                           {"text", describeMove(e, boundaryInKm)}});
    json["move_reasons"] = std::move(reasons);
    return json.dump();
}

std::string withOptimizerRun(const std::string &parametersJson, int territories, bool rebalance)
{
    Json json = parse(parametersJson);
    json["optimizer"] = {{"territories", territories}, {"rebalance", rebalance}};
    return json.dump();
}

std::map<int, MoveReason> moveReasons(const std::string &parametersJson)
{
    std::map<int, MoveReason> out;
    const Json json = parse(parametersJson);
    const auto it = json.find("move_reasons");
    if (it == json.end() || !it->is_array())
        return out;
    for (const Json &entry : *it) {
        if (!entry.is_object() || !entry.contains("unit") || !entry["unit"].is_number_integer())
            continue;
        out[entry["unit"].get<int>()] = {entry.value("from", std::string()), entry.value("to", std::string()),
                                         entry.value("text", std::string())};
    }
    return out;
}

std::string plainMoveReason(const Scenario &after)
{
    const Json transforms = Json::parse(after.transformsJson, nullptr, false);
    if (transforms.is_array() && !transforms.empty())
        return "What-if transform";
    const Json parameters = parse(after.parametersJson);
    if (const auto it = parameters.find("optimizer"); it != parameters.end() && it->is_object())
        return it->value("rebalance", false) ? "Rebalance" : "Optimizer";
    return "Hand edit";
}

} // namespace tessera::plan
