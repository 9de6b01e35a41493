#pragma once

#include "core/health/healthrule.h"
#include "core/metrics/metricoptions.h"
#include "core/model/ids.h"

#include <string>
#include <vector>

namespace tessera {

class MetricsEngine;
class Project;

/// One rule broken by one territory or rep.
struct HealthBreach {
    std::size_t rule = 0;  ///< index into the rules checked
    TerritoryId territory; ///< the territory (for rep rules: the rep's first territory)
    RepId rep;             ///< the territory's rep; invalid when it has none
    double value = 0.0;    ///< the figure, in the rule's terms (ratio, KPI, pieces)
    double threshold = 0.0; ///< the limit it crossed
    /// How far past the limit, relative to it (0.25 = 25 % past; for
    /// contiguity, the pieces beyond the first): the order of "worst first".
    double severity = 0.0;

    bool operator==(const HealthBreach &) const = default;
};

/// A rule that could not be checked, and why (a column the project lacks).
struct SkippedRule {
    std::size_t rule = 0;
    std::string reason;
};

struct HealthReport {
    std::vector<HealthBreach> breaches; ///< worst first
    std::vector<SkippedRule> skipped;
};

/// Checks plan health rules against the figures of the metrics engine; it
/// computes no figure of its own beyond the rule's ratio.
class HealthCheck {
public:
    explicit HealthCheck(HealthRules rules) : mRules(std::move(rules)) {}

    const HealthRules &rules() const { return mRules; }

    /// \a options (empty attributes = the project's defaults) with the
    /// attribute entries the rules need appended once, so one engine serves
    /// both the balance table and the health check. Entries that do not
    /// resolve on \a project are left out; check() lists their rules as skipped.
    MetricOptions metricOptions(const Project &project, MetricOptions options = {}) const;

    /// Every breach of an enabled rule on the engine's plan, worst first
    /// (ties: rule order, then territory). Rules whose attributes the engine
    /// does not balance are listed as skipped, never guessed.
    HealthReport check(const MetricsEngine &engine) const;

private:
    HealthRules mRules;
};

} // namespace tessera
