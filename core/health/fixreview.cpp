#include "core/health/fixreview.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace tessera {

namespace {
using Json = nlohmann::ordered_json;

Json parsedObject(const std::string &text)
{
    Json json = Json::parse(text, nullptr, false);
    return json.is_object() ? json : Json::object();
}

std::string stringOf(const Json &item, const char *key)
{
    return item.contains(key) && item[key].is_string() ? item[key].get<std::string>() : std::string();
}
} // namespace

std::size_t FixReview::acceptedCount() const
{
    return static_cast<std::size_t>(
        std::count_if(decisions.begin(), decisions.end(), [](const ReviewDecision &d) { return d.accepted; }));
}

std::string FixReview::summary() const
{
    const std::size_t accepted = acceptedCount();
    return "Review of " + std::to_string(decisions.size()) + (decisions.size() == 1 ? " proposed fix: " : " proposed fixes: ")
           + std::to_string(accepted) + " accepted, " + std::to_string(decisions.size() - accepted) + " rejected";
}

std::vector<Pin> FixReview::rejectionPins() const
{
    std::vector<Pin> pins;
    for (const ReviewDecision &d : decisions)
        if (!d.accepted)
            pins.push_back({d.unit, d.from, d.reason, at});
    return pins;
}

std::vector<FixReview> reviewsOf(const std::string &parametersJson)
{
    const Json json = parsedObject(parametersJson);
    std::vector<FixReview> reviews;
    if (!json.contains("reviews") || !json["reviews"].is_array())
        return reviews;
    for (const Json &item : json["reviews"]) {
        if (!item.is_object())
            continue;
        FixReview review;
        if (item.contains("at") && item["at"].is_number_integer())
            review.at = item["at"].get<std::int64_t>();
        if (item.contains("max_moves") && item["max_moves"].is_number_integer())
            review.maxMoves = item["max_moves"].get<int>();
        if (item.contains("moves") && item["moves"].is_array())
            for (const Json &move : item["moves"]) {
                if (!move.is_object())
                    continue;
                review.decisions.push_back({stringOf(move, "unit"), stringOf(move, "unit_name"), stringOf(move, "from"),
                                            stringOf(move, "to"), stringOf(move, "why"),
                                            stringOf(move, "decision") == "accepted", stringOf(move, "reason")});
            }
        reviews.push_back(std::move(review));
    }
    return reviews;
}

std::string withReview(const std::string &parametersJson, const FixReview &review)
{
    std::vector<Pin> pins = pinsOf(parametersJson);
    for (const Pin &pin : review.rejectionPins()) {
        std::erase_if(pins, [&](const Pin &p) { return p.unit == pin.unit; });
        pins.push_back(pin);
    }
    Json json = parsedObject(withPins(parametersJson, pins));
    Json moves = Json::array();
    for (const ReviewDecision &d : review.decisions)
        moves.push_back({{"unit", d.unit}, {"unit_name", d.unitName}, {"from", d.from}, {"to", d.to}, {"why", d.why},
                         {"decision", d.accepted ? "accepted" : "rejected"}, {"reason", d.reason}});
    if (!json.contains("reviews") || !json["reviews"].is_array())
        json["reviews"] = Json::array();
    json["reviews"].push_back({{"at", review.at}, {"max_moves", review.maxMoves}, {"moves", std::move(moves)}});
    return json.dump();
}

} // namespace tessera
