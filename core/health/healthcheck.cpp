#include "core/health/healthcheck.h"

#include "core/metrics/attributesource.h"
#include "core/metrics/metricsengine.h"
#include "core/metrics/skillmatch.h"

#include <algorithm>
#include <cmath>

namespace tessera {

namespace {

std::ptrdiff_t attributeIndex(const MetricsEngine &engine, const std::string &entry)
{
    const std::vector<std::string> &names = engine.attributeNames();
    const auto it = std::find(names.begin(), names.end(), entry);
    return it == names.end() ? -1 : it - names.begin();
}

/// The first territory each rep serves (index = rep id).
std::vector<TerritoryId> firstTerritoryOfRep(const MetricsEngine &engine, std::size_t repCount)
{
    std::vector<TerritoryId> first(repCount);
    for (const TerritoryMetrics &m : engine.territories())
        if (m.rep.isValid() && static_cast<std::size_t>(m.rep.value()) < repCount
            && !first[static_cast<std::size_t>(m.rep.value())].isValid())
            first[static_cast<std::size_t>(m.rep.value())] = m.territory;
    return first;
}

double pastAbove(double value, double limit) { return limit > 0.0 ? value / limit - 1.0 : value - limit; }
double pastBelow(double value, double limit) { return limit > 0.0 ? 1.0 - value / limit : limit - value; }

} // namespace

MetricOptions HealthCheck::metricOptions(const Project &project, MetricOptions options) const
{
    if (options.attributes.empty())
        options.attributes = AttributeSource::defaults(project);
    for (const HealthRule &rule : mRules.rules)
        if (rule.enabled)
            for (const std::string &entry : rule.attributeEntries())
                if (std::find(options.attributes.begin(), options.attributes.end(), entry) == options.attributes.end()
                    && AttributeSource::resolve(entry, project))
                    options.attributes.push_back(entry);
    return options;
}

HealthReport HealthCheck::check(const MetricsEngine &engine) const
{
    HealthReport report;
    const PlanMetrics &plan = engine.plan();
    const std::vector<TerritoryId> firstTerritory = firstTerritoryOfRep(engine, plan.reps.size());
    for (std::size_t r = 0; r < mRules.rules.size(); ++r) {
        const HealthRule &rule = mRules.rules[r];
        if (!rule.enabled)
            continue;
        switch (rule.kind) {
        case HealthRuleKind::UtilisationAbove:
        case HealthRuleKind::UtilisationBelow: {
            const bool above = rule.kind == HealthRuleKind::UtilisationAbove;
            for (const RepMetrics &rep : plan.reps) {
                // A rep without territories or without a capacity has no utilisation to judge.
                if (rep.territoryCount == 0 || !std::isfinite(rep.utilisation))
                    continue;
                if (above ? rep.utilisation > rule.threshold : rep.utilisation < rule.threshold)
                    report.breaches.push_back({r, firstTerritory[static_cast<std::size_t>(rep.rep.value())], rep.rep,
                                               rep.utilisation, rule.threshold,
                                               above ? pastAbove(rep.utilisation, rule.threshold)
                                                     : pastBelow(rep.utilisation, rule.threshold)});
            }
            break;
        }
        case HealthRuleKind::BalanceOutside: {
            const std::ptrdiff_t k = attributeIndex(engine, rule.attribute);
            if (k < 0) {
                report.skipped.push_back({r, "the project has no attribute '" + rule.attribute + "'"});
                break;
            }
            for (const TerritoryMetrics &m : engine.territories()) {
                const AttributeFigures &f = m.attributes[static_cast<std::size_t>(k)];
                if (!std::isfinite(f.deviation))
                    continue;
                const double ratio = 1.0 + f.deviation;
                if (ratio < rule.threshold)
                    report.breaches.push_back(
                        {r, m.territory, m.rep, ratio, rule.threshold, pastBelow(ratio, rule.threshold)});
                else if (ratio > rule.upper)
                    report.breaches.push_back({r, m.territory, m.rep, ratio, rule.upper, pastAbove(ratio, rule.upper)});
            }
            break;
        }
        case HealthRuleKind::KpiBelow: {
            const std::ptrdiff_t num = attributeIndex(engine, rule.attribute);
            const std::ptrdiff_t den = attributeIndex(engine, rule.denominatorEntry());
            if (num < 0 || den < 0) {
                report.skipped.push_back(
                    {r, "the project has no attribute '" + (num < 0 ? rule.attribute : rule.denominatorEntry()) + "'"});
                break;
            }
            for (const TerritoryMetrics &m : engine.territories()) {
                const double denominator = m.attributes[static_cast<std::size_t>(den)].sum;
                // No accounts (or no quota) means no KPI, not a KPI of zero.
                if (!(denominator > 0.0))
                    continue;
                const double kpi = m.attributes[static_cast<std::size_t>(num)].sum / denominator;
                if (std::isfinite(kpi) && kpi < rule.threshold)
                    report.breaches.push_back({r, m.territory, m.rep, kpi, rule.threshold, pastBelow(kpi, rule.threshold)});
            }
            break;
        }
        case HealthRuleKind::NotContiguous:
            for (const TerritoryMetrics &m : engine.territories())
                if (m.pieces > 1)
                    report.breaches.push_back({r, m.territory, m.rep, static_cast<double>(m.pieces), 1.0,
                                               static_cast<double>(m.pieces - 1)});
            break;
        case HealthRuleKind::SkillMismatch: {
            const SkillMatch match = SkillMatch::measure(engine.project(), engine.territoryList(), engine.alignment());
            for (std::size_t rep = 0; rep < match.perRep.size(); ++rep) {
                const auto count = static_cast<double>(match.perRep[rep]);
                if (count > rule.threshold)
                    report.breaches.push_back({r, rep < firstTerritory.size() ? firstTerritory[rep] : TerritoryId(),
                                               RepId(static_cast<std::int32_t>(rep)), count, rule.threshold,
                                               count - rule.threshold});
            }
            break;
        }
        }
    }
    std::stable_sort(report.breaches.begin(), report.breaches.end(), [](const HealthBreach &a, const HealthBreach &b) {
        if (a.severity != b.severity)
            return a.severity > b.severity;
        if (a.rule != b.rule)
            return a.rule < b.rule;
        return a.territory.value() < b.territory.value();
    });
    return report;
}

} // namespace tessera
