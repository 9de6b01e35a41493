#include "core/health/healthrule.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>

namespace tessera {

namespace {

using Json = nlohmann::ordered_json;

constexpr HealthRuleKind AllKinds[] = {HealthRuleKind::UtilisationAbove, HealthRuleKind::UtilisationBelow,
                                       HealthRuleKind::BalanceOutside, HealthRuleKind::KpiBelow,
                                       HealthRuleKind::NotContiguous, HealthRuleKind::SkillMismatch};

constexpr const char *SettingsKey = "health_rules";

std::string percent(double ratio)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.0f %%", ratio * 100.0);
    return text;
}

std::string number(double value)
{
    char text[32];
    std::snprintf(text, sizeof text, "%g", value);
    return text;
}

Error invalid(const std::string &source, std::size_t index, const std::string &message)
{
    return Error{ErrorCode::InvalidInput, "rule " + std::to_string(index + 1) + ": " + message, source};
}

/// A finite number in [0, 1e6]: ratios and KPI levels, never a sum.
bool plausibleLimit(double value) { return std::isfinite(value) && value >= 0.0 && value <= 1e6; }

} // namespace

const char *HealthRule::kindKey(HealthRuleKind kind)
{
    switch (kind) {
    case HealthRuleKind::UtilisationAbove: return "utilisation_above";
    case HealthRuleKind::UtilisationBelow: return "utilisation_below";
    case HealthRuleKind::BalanceOutside: return "balance_outside";
    case HealthRuleKind::KpiBelow: return "kpi_below";
    case HealthRuleKind::NotContiguous: return "not_contiguous";
    case HealthRuleKind::SkillMismatch: return "skill_mismatch";
    }
    return "";
}

std::string HealthRule::describe() const
{
    switch (kind) {
    case HealthRuleKind::UtilisationAbove: return "rep utilisation above " + percent(threshold);
    case HealthRuleKind::UtilisationBelow: return "rep utilisation below " + percent(threshold);
    case HealthRuleKind::BalanceOutside:
        return attribute + " outside " + percent(threshold) + "–" + percent(upper) + " of the reference";
    case HealthRuleKind::KpiBelow: return name + " (" + attribute + " ÷ " + denominator + ") below " + number(threshold);
    case HealthRuleKind::NotContiguous: return "territory not contiguous";
    case HealthRuleKind::SkillMismatch:
        return threshold > 0.0 ? "rep serving more than " + number(threshold) + " accounts without their required skills"
                               : "rep serving an account without its required skills";
    }
    return name;
}

std::vector<std::string> HealthRule::attributeEntries() const
{
    switch (kind) {
    case HealthRuleKind::BalanceOutside: return {attribute};
    case HealthRuleKind::KpiBelow: return {attribute, denominatorEntry()};
    default: return {};
    }
}

std::string HealthRule::denominatorEntry() const
{
    if (denominator == "accounts" && attribute.starts_with("kpi:"))
        return "kpi_count:" + attribute.substr(4);
    return denominator;
}

HealthRules HealthRules::defaults()
{
    HealthRules r;
    r.rules.push_back({HealthRuleKind::UtilisationAbove, "utilisation_above", "", "accounts", 1.10, 0.0, true});
    r.rules.push_back({HealthRuleKind::UtilisationBelow, "utilisation_below", "", "accounts", 0.70, 0.0, true});
    r.rules.push_back(
        {HealthRuleKind::BalanceOutside, "revenue_balance", "revenue_potential", "accounts", 0.85, 1.15, true});
    r.rules.push_back({HealthRuleKind::NotContiguous, "not_contiguous", "", "accounts", 0.0, 0.0, true});
    r.rules.push_back({HealthRuleKind::SkillMismatch, "skill_mismatch", "", "accounts", 0.0, 0.0, true});
    return r;
}

Result<HealthRules> HealthRules::fromJson(const std::string &text, const std::string &source)
{
    Json json;
    try {
        json = Json::parse(text);
    } catch (const Json::exception &e) {
        return Error{ErrorCode::InvalidInput, std::string("not valid JSON: ") + e.what(), source};
    }
    if (!json.is_array())
        return Error{ErrorCode::InvalidInput, "health rules must be a JSON array of rules", source};
    HealthRules rules;
    for (std::size_t i = 0; i < json.size(); ++i) {
        const Json &item = json[i];
        if (!item.is_object() || !item.contains("kind") || !item["kind"].is_string())
            return invalid(source, i, "needs a \"kind\"");
        HealthRule rule;
        const std::string kind = item["kind"].get<std::string>();
        bool known = false;
        for (HealthRuleKind k : AllKinds)
            if (kind == HealthRule::kindKey(k)) {
                rule.kind = k;
                known = true;
            }
        if (!known)
            return invalid(source, i, "unknown kind '" + kind + "'");
        rule.name = kind;
        try {
            rule.name = item.value("name", rule.name);
            rule.attribute = item.value("attribute", std::string());
            rule.denominator = item.value("denominator", std::string("accounts"));
            rule.threshold = item.value("threshold", 0.0);
            rule.upper = item.value("upper", 0.0);
            rule.enabled = item.value("enabled", true);
        } catch (const Json::exception &) {
            return invalid(source, i, "a field has the wrong type");
        }
        if (rule.kind != HealthRuleKind::NotContiguous && !plausibleLimit(rule.threshold))
            return invalid(source, i, "threshold must be a number from 0 to 1e6");
        if (rule.kind == HealthRuleKind::BalanceOutside) {
            if (rule.attribute.empty())
                return invalid(source, i, "balance_outside needs an \"attribute\"");
            if (!plausibleLimit(rule.upper) || rule.upper < rule.threshold)
                return invalid(source, i, "\"upper\" must be a number at least the threshold");
        }
        if (rule.kind == HealthRuleKind::KpiBelow && (rule.attribute.empty() || rule.denominator.empty()))
            return invalid(source, i, "kpi_below needs an \"attribute\" (and a \"denominator\", default accounts)");
        rules.rules.push_back(std::move(rule));
    }
    return rules;
}

Result<HealthRules> HealthRules::fromSettings(const std::string &settingsJson)
{
    Json settings = Json::parse(settingsJson.empty() ? "{}" : settingsJson, nullptr, false);
    if (settings.is_discarded() || !settings.is_object())
        return Error{ErrorCode::InvalidInput, "the project settings are not a JSON object", "project settings"};
    if (!settings.contains(SettingsKey))
        return defaults();
    return fromJson(settings[SettingsKey].dump(), "project settings, health_rules");
}

std::string HealthRules::toJson() const
{
    Json out = Json::array();
    for (const HealthRule &rule : rules) {
        Json item{{"kind", HealthRule::kindKey(rule.kind)}, {"name", rule.name}};
        if (!rule.attribute.empty())
            item["attribute"] = rule.attribute;
        if (rule.kind == HealthRuleKind::KpiBelow)
            item["denominator"] = rule.denominator;
        if (rule.kind != HealthRuleKind::NotContiguous)
            item["threshold"] = rule.threshold;
        if (rule.kind == HealthRuleKind::BalanceOutside)
            item["upper"] = rule.upper;
        item["enabled"] = rule.enabled;
        out.push_back(std::move(item));
    }
    return out.dump();
}

Result<std::string> HealthRules::storedIn(const std::string &settingsJson) const
{
    Json settings = Json::parse(settingsJson.empty() ? "{}" : settingsJson, nullptr, false);
    if (settings.is_discarded() || !settings.is_object())
        return Error{ErrorCode::InvalidInput, "the project settings are not a JSON object", "project settings"};
    settings[SettingsKey] = Json::parse(toJson());
    return settings.dump();
}

} // namespace tessera
