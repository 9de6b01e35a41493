#include "core/metrics/attributesource.h"

#include "core/model/project.h"

#include <algorithm>
#include <cmath>

namespace tessera {

namespace {

constexpr const char *UnitPrefix = "unit:";
constexpr const char *AccountPrefix = "account:";
constexpr const char *KpiPrefix = "kpi:";
constexpr const char *KpiCountPrefix = "kpi_count:";

double finiteOrZero(double value) { return std::isfinite(value) ? value : 0.0; }

bool isKeyword(const std::string &name) { return name == "accounts" || name == "units"; }

} // namespace

Result<AttributeSource> AttributeSource::resolve(const std::string &entry, const Project &project)
{
    const AttributeTable &unitTable = project.units().attributes();
    const AttributeTable &accountTable = project.accounts().attributes();
    AttributeSource source;
    source.entry = entry;
    if (entry == "accounts") {
        source.countAccounts = true;
    } else if (entry == "units") {
        source.countUnits = true;
    } else if (entry.starts_with(UnitPrefix)) {
        const std::string name = entry.substr(std::char_traits<char>::length(UnitPrefix));
        source.unitColumn = unitTable.columnIndex(name);
        if (source.unitColumn < 0)
            return makeError(ErrorCode::NotFound, "no unit attribute '" + name + "'", entry);
    } else if (entry.starts_with(KpiPrefix) || entry.starts_with(KpiCountPrefix)) {
        source.kpiCount = entry.starts_with(KpiCountPrefix);
        const std::string name = entry.substr(std::char_traits<char>::length(source.kpiCount ? KpiCountPrefix : KpiPrefix));
        const KpiSnapshot *snapshot = project.latestKpiSnapshot();
        if (!snapshot)
            return makeError(ErrorCode::NotFound, "the project has no KPI snapshot", entry);
        source.kpiColumn = snapshot->values.columnIndex(name);
        if (source.kpiColumn < 0)
            return makeError(ErrorCode::NotFound, "the KPI snapshot of " + snapshot->date + " has no column '" + name + "'",
                             entry);
    } else if (entry.starts_with(AccountPrefix)) {
        const std::string name = entry.substr(std::char_traits<char>::length(AccountPrefix));
        source.accountColumn = accountTable.columnIndex(name);
        if (source.accountColumn < 0)
            return makeError(ErrorCode::NotFound, "no account attribute '" + name + "'", entry);
    } else {
        source.accountColumn = accountTable.columnIndex(entry);
        if (source.accountColumn < 0)
            source.unitColumn = unitTable.columnIndex(entry);
        if (source.unitColumn < 0 && source.accountColumn < 0)
            return makeError(ErrorCode::NotFound,
                             "attribute '" + entry + "' is neither a unit nor an account column", entry);
    }
    return source;
}

std::vector<std::string> AttributeSource::defaults(const Project &project)
{
    const AttributeTable &unitTable = project.units().attributes();
    const AttributeTable &accountTable = project.accounts().attributes();
    std::vector<std::string> names{"accounts"};
    for (const char *name : {attributes::RevenuePotential, attributes::WorkloadHours})
        if (accountTable.hasColumn(name))
            names.emplace_back(name);
    if (unitTable.hasColumn(attributes::Population))
        names.emplace_back(accountTable.hasColumn(attributes::Population)
                               ? std::string(UnitPrefix) + attributes::Population
                               : std::string(attributes::Population));
    return names;
}

std::vector<std::string> AttributeSource::available(const Project &project)
{
    const AttributeTable &accountTable = project.accounts().attributes();
    std::vector<std::string> names{"units", "accounts"};
    for (const std::string &name : accountTable.columnNames())
        names.push_back(isKeyword(name) ? AccountPrefix + name : name);
    for (const std::string &name : project.units().attributes().columnNames())
        names.push_back(isKeyword(name) || accountTable.hasColumn(name) ? UnitPrefix + name : name);
    if (const KpiSnapshot *snapshot = project.latestKpiSnapshot())
        for (const std::string &name : snapshot->values.columnNames())
            names.push_back(KpiPrefix + name);
    return names;
}

double AttributeSource::accountValue(const Project &project, std::size_t account) const
{
    if (countAccounts)
        return 1.0;
    if (kpiColumn >= 0) {
        const KpiSnapshot *snapshot = project.latestKpiSnapshot();
        if (!snapshot || !snapshot->hasValue(account, kpiColumn))
            return 0.0;
        return kpiCount ? 1.0 : finiteOrZero(snapshot->values.value(account, kpiColumn));
    }
    if (accountColumn < 0)
        return 0.0;
    const std::vector<double> &column = project.accounts().attributes().column(accountColumn);
    return account < column.size() ? finiteOrZero(column[account]) : 0.0;
}

std::vector<double> AttributeSource::unitValues(const Project &project, const std::vector<char> &skipAccounts) const
{
    const std::size_t unitCount = project.units().size();
    std::vector<double> values(unitCount, countUnits ? 1.0 : 0.0);
    if (unitColumn >= 0) {
        const std::vector<double> &column = project.units().attributes().column(unitColumn);
        for (std::size_t u = 0; u < unitCount && u < column.size(); ++u)
            values[u] = finiteOrZero(column[u]);
    }
    if (usesAccounts()) {
        const std::vector<Account> &accounts = project.accounts().accounts();
        for (std::size_t a = 0; a < accounts.size(); ++a) {
            const UnitId unit = accounts[a].unit;
            if ((a < skipAccounts.size() && skipAccounts[a]) || !unit.isValid()
                || static_cast<std::size_t>(unit.value()) >= unitCount)
                continue;
            values[static_cast<std::size_t>(unit.value())] += accountValue(project, a);
        }
    }
    return values;
}

} // namespace tessera
