#include "core/io/accountplanimporter.h"

#include "core/io/csvfields.h"
#include "core/io/planterritories.h"
#include "core/model/accountlayer.h"

#include <map>
#include <unordered_map>

namespace tessera::io {

namespace {

constexpr std::initializer_list<const char *> AccountColumns = {"account_id", "account"};

} // namespace

bool isAccountPlan(const CsvTable &table, const PlanImportOptions &options)
{
    if (!options.accountColumn.empty())
        return true;
    if (!table.hasHeader)
        return false;
    for (const char *name : AccountColumns)
        if (table.columnIndex(name) >= 0)
            return true;
    return false;
}

Result<ImportStats> importAccountPlan(const CsvTable &table, const PlanImportOptions &options,
                                      const AccountLayer &accounts, std::size_t unitCount,
                                      const std::vector<Rep> &reps, Scenario &scenario, ProblemSink *sink,
                                      Feedback *feedback)
{
    using namespace csvfields;
    if (table.records.empty())
        return makeError(ErrorCode::InvalidInput, "the file has no data rows", table.file);
    if (accounts.isEmpty())
        return makeError(ErrorCode::InvalidInput, "the project has no accounts to assign", table.file);
    auto accountColumn = resolveColumn(table, options.accountColumn, AccountColumns, "account id");
    if (!accountColumn)
        return accountColumn.error();
    auto territoryColumn = resolveColumn(table, options.territoryColumn, {"territory", "territory_name"}, "territory");
    if (!territoryColumn)
        return territoryColumn.error();
    auto repColumn = resolveColumn(table, options.repColumn, {"rep_id", "rep", "rep_name"}, "rep");
    if (!repColumn)
        return repColumn.error();
    const int accountIndex = *accountColumn;
    const int territoryIndex = *territoryColumn;
    const int repIndex = *repColumn;
    if (accountIndex < 0 || (territoryIndex < 0 && repIndex < 0))
        return makeError(ErrorCode::InvalidInput,
                         std::string("no ") + (accountIndex < 0 ? "account id" : "territory or rep")
                             + " column (expected account_id,rep_id or account_id,territory[,rep_id])",
                         table.file);

    std::unordered_map<std::string, AccountId> accountByKey;
    for (const Account &account : accounts.accounts())
        accountByKey.emplace(account.key, account.id);

    Scenario out = emptyPlanScenario(options.scenarioName, unitCount);
    PlanTerritories territories(out, reps);
    std::map<AccountId, TerritoryId> served;
    std::unordered_map<std::int32_t, long> lineOfAccount;
    const std::string &accountName = table.columns[static_cast<std::size_t>(accountIndex)];
    ImportStats stats;
    for (const CsvRecord &record : table.records) {
        ++stats.read;
        if (isCancelled(feedback))
            return makeError(ErrorCode::Cancelled, "import cancelled", table.file);
        if (!checkFieldCount(table, record, sink)) {
            ++stats.skipped;
            continue;
        }
        const std::string key = cell(record, accountIndex);
        const std::string repText = repIndex >= 0 ? cell(record, repIndex) : std::string();
        std::string territoryName = territoryIndex >= 0 ? cell(record, territoryIndex) : std::string();
        if (key.empty()) {
            reportRow(sink, table, record.line, accountName, "missing account id; row skipped");
            ++stats.skipped;
            continue;
        }
        const auto account = accountByKey.find(key);
        if (account == accountByKey.end()) {
            reportRow(sink, table, record.line, accountName, "unknown account id '" + key + "'; row skipped");
            ++stats.skipped;
            continue;
        }
        if (const auto seen = lineOfAccount.find(account->second.value()); seen != lineOfAccount.end()) {
            reportRow(sink, table, record.line, accountName,
                      "account '" + key + "' already assigned on line " + std::to_string(seen->second)
                          + "; row skipped");
            ++stats.skipped;
            continue;
        }
        if (territoryName.empty() && repText.empty()) {
            // An unassigned account, as the export writes it: nothing to do.
            lineOfAccount.emplace(account->second.value(), record.line);
            continue;
        }
        if (territoryName.empty()) {
            // Without a territory the rep names it.
            const RepId rep = repText.empty() ? RepId() : territories.findRep(repText);
            if (!rep.isValid()) {
                const std::string &column = table.columns[static_cast<std::size_t>(repIndex)];
                reportRow(sink, table, record.line, column, "unknown rep '" + repText + "'; row skipped");
                ++stats.skipped;
                continue;
            }
            territoryName = reps[static_cast<std::size_t>(rep.value())].name;
        }
        const TerritoryId territory = territories.territory(territoryName);
        if (repIndex >= 0)
            territories.setRep(territory, repText, table, record.line,
                               table.columns[static_cast<std::size_t>(repIndex)], sink);
        served.emplace(account->second, territory);
        lineOfAccount.emplace(account->second.value(), record.line);
        ++stats.imported;
    }
    if (stats.imported == 0)
        return makeError(ErrorCode::InvalidInput,
                         "no valid plan row (" + std::to_string(stats.skipped) + " rows skipped)", table.file);

    // Each unit goes to the territory serving most of its accounts; ties go to
    // the territory read first (lowest id), so the result does not depend on
    // the order of the accounts in the project.
    std::vector<std::vector<std::size_t>> votes(unitCount);
    for (const auto &[id, territory] : served) {
        const UnitId unit = accounts.account(id).unit;
        if (!unit.isValid() || static_cast<std::size_t>(unit.value()) >= unitCount)
            continue;
        auto &count = votes[static_cast<std::size_t>(unit.value())];
        count.resize(out.territories.size(), 0);
        ++count[static_cast<std::size_t>(territory.value())];
    }
    for (std::size_t u = 0; u < unitCount; ++u) {
        const auto &count = votes[u];
        std::size_t best = count.size();
        for (std::size_t t = 0; t < count.size(); ++t)
            if (count[t] > 0 && (best == count.size() || count[t] > count[best]))
                best = t;
        if (best < count.size())
            out.alignment.assign(UnitId(static_cast<std::int32_t>(u)), TerritoryId(static_cast<std::int32_t>(best)));
    }
    for (const auto &[id, territory] : served)
        if (out.alignment.territoryOfAccount(id, accounts.account(id).unit) != territory)
            out.alignment.setAccountOverride(id, territory);
    if (const std::size_t missing = accounts.size() - lineOfAccount.size())
        reportRow(sink, table, 0, {},
                  std::to_string(missing) + " account(s) are not in the plan and are served by their unit's territory",
                  Problem::Severity::Info);
    scenario = std::move(out);
    return stats;
}

} // namespace tessera::io
