#include "core/health/pins.h"

#include <nlohmann/json.hpp>

namespace tessera {

namespace {
using Json = nlohmann::ordered_json;

Json parsedObject(const std::string &text)
{
    Json json = Json::parse(text, nullptr, false);
    return json.is_object() ? json : Json::object();
}
} // namespace

std::vector<Pin> pinsOf(const std::string &parametersJson)
{
    const Json json = parsedObject(parametersJson);
    std::vector<Pin> pins;
    if (!json.contains("pins") || !json["pins"].is_array())
        return pins;
    for (const Json &item : json["pins"]) {
        // A malformed entry is skipped rather than failing the scenario: pins are advice.
        if (!item.is_object() || !item.contains("unit") || !item["unit"].is_string())
            continue;
        Pin pin;
        pin.unit = item["unit"].get<std::string>();
        if (item.contains("territory") && item["territory"].is_string())
            pin.territory = item["territory"].get<std::string>();
        if (item.contains("reason") && item["reason"].is_string())
            pin.reason = item["reason"].get<std::string>();
        if (item.contains("rejected_at") && item["rejected_at"].is_number_integer())
            pin.rejectedAt = item["rejected_at"].get<std::int64_t>();
        pins.push_back(std::move(pin));
    }
    return pins;
}

std::string withPins(const std::string &parametersJson, const std::vector<Pin> &pins)
{
    Json json = parsedObject(parametersJson);
    Json list = Json::array();
    for (const Pin &pin : pins)
        list.push_back({{"unit", pin.unit}, {"territory", pin.territory}, {"reason", pin.reason},
                        {"rejected_at", pin.rejectedAt}});
    json["pins"] = std::move(list);
    return json.dump();
}

} // namespace tessera
