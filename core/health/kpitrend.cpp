#include "core/health/kpitrend.h"

#include "core/model/project.h"

#include <limits>

namespace tessera {

namespace {

constexpr const char *KpiPrefix = "kpi:";

/// Column of snapshot KPI \a entry ("kpi:NAME"), or -1.
int kpiColumn(const std::string &entry, const KpiSnapshot &snapshot)
{
    return entry.starts_with(KpiPrefix) ? snapshot.values.columnIndex(entry.substr(4)) : -1;
}

} // namespace

std::vector<double> kpiOnSnapshot(const Project &project, const Scenario &scenario, const HealthRule &rule,
                                  const KpiSnapshot &snapshot)
{
    if (rule.kind != HealthRuleKind::KpiBelow)
        return {};
    const int numerator = kpiColumn(rule.attribute, snapshot);
    // Over "accounts": the accounts the snapshot gives a value (HealthRule::denominatorEntry()).
    const bool perAccount = rule.denominator == "accounts";
    const int denominator = perAccount ? numerator : kpiColumn(rule.denominator, snapshot);
    if (numerator < 0 || denominator < 0 || snapshot.values.rowCount() != project.accounts().size())
        return {};
    const std::size_t territories = scenario.territories.size();
    std::vector<double> sums(territories, 0.0), weights(territories, 0.0);
    for (const Account &account : project.accounts().accounts()) {
        const TerritoryId t = scenario.alignment.territoryOfAccount(account.id, account.unit);
        if (!t.isValid() || static_cast<std::size_t>(t.value()) >= territories)
            continue;
        const auto a = static_cast<std::size_t>(account.id.value());
        const auto k = static_cast<std::size_t>(t.value());
        if (snapshot.hasValue(a, numerator))
            sums[k] += snapshot.values.value(a, numerator);
        if (snapshot.hasValue(a, denominator))
            weights[k] += perAccount ? 1.0 : snapshot.values.value(a, denominator);
    }
    std::vector<double> kpi(territories, std::numeric_limits<double>::quiet_NaN());
    for (std::size_t t = 0; t < territories; ++t)
        if (weights[t] > 0.0)
            kpi[t] = sums[t] / weights[t];
    return kpi;
}

} // namespace tessera
