#pragma once

#include "core/result.h"

#include <string>
#include <vector>

namespace tessera {

/// What a health rule watches.
enum class HealthRuleKind {
    UtilisationAbove, ///< a rep's workload ÷ capacity above threshold (1.10 = 110 %)
    UtilisationBelow, ///< a rep's workload ÷ capacity below threshold
    BalanceOutside,   ///< a territory's attribute sum ÷ its reference (target or mean) outside [threshold, upper]
    KpiBelow,         ///< Σ numerator ÷ Σ denominator over a territory's accounts below threshold
    NotContiguous,    ///< a territory in more than one piece
    SkillMismatch     ///< a rep serving more than threshold accounts whose required skills they lack
};

/// One rule of plan health, as the director sets it. A KPI is the ratio of
/// two sums the metrics engine already keeps, so "attainment" is Σ bookings ÷
/// Σ quota and "win rate" Σ won ÷ Σ opportunities over the territory's
/// accounts; with the denominator "accounts" it is the mean per account.
struct HealthRule {
    HealthRuleKind kind = HealthRuleKind::NotContiguous;
    std::string name;          ///< what the user calls it, e.g. "attainment"; defaults to the kind's name
    std::string attribute;     ///< BalanceOutside: attribute entry; KpiBelow: numerator entry
    std::string denominator = "accounts"; ///< KpiBelow only
    double threshold = 0.0;    ///< the limit (lower bound of the band for BalanceOutside)
    double upper = 0.0;        ///< BalanceOutside only: upper bound of the band
    bool enabled = true;

    /// The stable key of the kind in JSON, e.g. "utilisation_above".
    static const char *kindKey(HealthRuleKind kind);
    /// A sentence for reports, e.g. "rep utilisation above 110 %".
    std::string describe() const;
    /// The denominator entry a KpiBelow rule divides by: for a snapshot KPI
    /// ("kpi:NAME") over "accounts", the accounts the snapshot covers
    /// ("kpi_count:NAME"), so accounts without a value do not pull the mean down.
    std::string denominatorEntry() const;
    /// The attribute entries the metrics engine must balance for this rule.
    std::vector<std::string> attributeEntries() const;

    bool operator==(const HealthRule &) const = default;
};

/// The rules of a project, kept in its settings under "health_rules".
struct HealthRules {
    std::vector<HealthRule> rules;

    /// Utilisation above 110 % or below 70 %, revenue potential outside
    /// 85–115 % of the mean, and contiguity.
    static HealthRules defaults();

    /// The rules stored in a project's settings JSON, or the defaults when it
    /// has none; InvalidInput names the rule and field that is wrong.
    static Result<HealthRules> fromSettings(const std::string &settingsJson);
    /// Rules from a JSON array (the form stored and the form `tessera-cli
    /// health --rules FILE` reads).
    static Result<HealthRules> fromJson(const std::string &json, const std::string &source);
    /// The rules as a JSON array.
    std::string toJson() const;
    /// \a settingsJson with its "health_rules" replaced by these rules.
    Result<std::string> storedIn(const std::string &settingsJson) const;

    bool operator==(const HealthRules &) const = default;
};

} // namespace tessera
