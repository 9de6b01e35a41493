#include "core/model/attributedisplay.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace tessera {

namespace {

using Json = nlohmann::ordered_json;

constexpr int MaxDecimals = 6;

Error invalid(std::size_t index, const std::string &what)
{
    return Error{ErrorCode::InvalidInput, "attribute display entry " + std::to_string(index + 1) + ": " + what,
                 "project settings, attribute_display"};
}

Result<Json> parseSettings(const std::string &settingsJson)
{
    Json settings = Json::parse(settingsJson.empty() ? "{}" : settingsJson, nullptr, false);
    if (settings.is_discarded() || !settings.is_object())
        return Error{ErrorCode::InvalidInput, "the project settings are not a JSON object", "project settings"};
    return settings;
}

} // namespace

Result<AttributeDisplay> AttributeDisplay::fromSettings(const std::string &settingsJson)
{
    auto settings = parseSettings(settingsJson);
    if (!settings)
        return settings.error();
    AttributeDisplay display;
    if (!settings->contains(SettingsKey))
        return display;
    const Json &list = (*settings)[SettingsKey];
    if (!list.is_array())
        return Error{ErrorCode::InvalidInput, "attribute_display is not a list", "project settings"};
    for (std::size_t i = 0; i < list.size(); ++i) {
        const Json &item = list[i];
        if (!item.is_object())
            return invalid(i, "not an object");
        AttributePresentation p;
        auto text = [&](const char *key, std::string &out) -> bool {
            if (!item.contains(key))
                return true;
            if (!item[key].is_string())
                return false;
            out = item[key].get<std::string>();
            return true;
        };
        auto flag = [&](const char *key, bool &out) -> bool {
            if (!item.contains(key))
                return true;
            if (!item[key].is_boolean())
                return false;
            out = item[key].get<bool>();
            return true;
        };
        if (!text("attribute", p.attribute) || p.attribute.empty())
            return invalid(i, "\"attribute\" must be a non-empty text");
        if (!text("display_name", p.displayName) || !text("unit", p.unit))
            return invalid(i, "\"display_name\" and \"unit\" must be texts");
        if (item.contains("decimals")) {
            if (!item["decimals"].is_number_integer() || item["decimals"].get<int>() < 0
                || item["decimals"].get<int>() > MaxDecimals)
                return invalid(i, "\"decimals\" must be a whole number from 0 to 6");
            p.format.decimals = item["decimals"].get<int>();
        }
        if (!flag("thousands", p.format.thousands) || !flag("percent", p.format.percent) || !flag("hidden", p.hidden))
            return invalid(i, "\"thousands\", \"percent\" and \"hidden\" must be true or false");
        display.set(std::move(p));
    }
    return display;
}

Result<std::string> AttributeDisplay::storedIn(const std::string &settingsJson) const
{
    auto settings = parseSettings(settingsJson);
    if (!settings)
        return settings.error();
    if (mEntries.empty()) {
        settings->erase(SettingsKey);
        return settings->dump();
    }
    Json list = Json::array();
    for (const AttributePresentation &p : mEntries)
        list.push_back(Json{{"attribute", p.attribute},
                            {"display_name", p.displayName},
                            {"unit", p.unit},
                            {"decimals", p.format.decimals},
                            {"thousands", p.format.thousands},
                            {"percent", p.format.percent},
                            {"hidden", p.hidden}});
    (*settings)[SettingsKey] = std::move(list);
    return settings->dump();
}

AttributePresentation AttributeDisplay::presentation(const std::string &attribute) const
{
    for (const AttributePresentation &p : mEntries)
        if (p.attribute == attribute)
            return p;
    AttributePresentation p;
    p.attribute = attribute;
    return p;
}

void AttributeDisplay::set(AttributePresentation presentation)
{
    presentation.format.decimals = std::clamp(presentation.format.decimals, 0, MaxDecimals);
    AttributePresentation plain;
    plain.attribute = presentation.attribute;
    if (presentation.displayName == presentation.attribute)
        presentation.displayName.clear();
    const bool isPlain = presentation == plain;
    // In place, so the stored order (and equality) does not depend on the order of edits.
    const auto it = std::find_if(mEntries.begin(), mEntries.end(),
                                 [&](const AttributePresentation &p) { return p.attribute == presentation.attribute; });
    if (it != mEntries.end() && isPlain)
        mEntries.erase(it);
    else if (it != mEntries.end())
        *it = std::move(presentation);
    else if (!isPlain)
        mEntries.push_back(std::move(presentation));
}

std::string AttributeDisplay::label(const std::string &attribute) const
{
    const AttributePresentation p = presentation(attribute);
    return p.displayName.empty() ? attribute : p.displayName;
}

std::string AttributeDisplay::labelWithUnit(const std::string &attribute) const
{
    const AttributePresentation p = presentation(attribute);
    const std::string name = p.displayName.empty() ? attribute : p.displayName;
    const std::string unit = p.format.percent && p.unit.empty() ? std::string("%") : p.unit;
    return unit.empty() ? name : name + " (" + unit + ")";
}

std::string AttributeDisplay::formatNumber(const std::string &attribute, double value) const
{
    const std::string text = formatNumber(value, presentation(attribute).format);
    return text.empty() ? std::string("–") : text;
}

std::string AttributeDisplay::format(const std::string &attribute, double value) const
{
    const AttributePresentation p = presentation(attribute);
    const std::string text = formatNumber(value, p.format);
    if (text.empty())
        return "–";
    if (p.format.percent)
        return text + " %" + (p.unit.empty() ? "" : " " + p.unit);
    return p.unit.empty() ? text : text + " " + p.unit;
}

std::string AttributeDisplay::formatNumber(double value, const NumberFormat &format)
{
    if (!std::isfinite(value))
        return {};
    if (format.percent)
        value *= 100.0;
    const int decimals = std::clamp(format.decimals, 0, MaxDecimals);
    char buffer[400];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
    std::string digits = buffer;
    if (digits.find_first_not_of("-0.") == std::string::npos && digits[0] == '-')
        digits.erase(0, 1); // no "-0.0"
    if (!format.thousands)
        return digits;
    const std::size_t start = digits[0] == '-' ? 1 : 0;
    std::size_t end = digits.find('.');
    if (end == std::string::npos)
        end = digits.size();
    for (std::size_t i = end; i > start + 3; i -= 3)
        digits.insert(i - 3, 1, ',');
    return digits;
}

} // namespace tessera
