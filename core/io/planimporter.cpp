#include "core/io/planimporter.h"

#include "core/io/csvfields.h"
#include "core/io/planterritories.h"
#include "core/model/unitlayer.h"

#include <unordered_map>

namespace tessera::io {

Result<ImportStats> importPlan(const std::string &path, const PlanImportOptions &options, const UnitLayer &units,
                               const std::vector<Rep> &reps, Scenario &scenario, ProblemSink *sink,
                               Feedback *feedback)
{
    auto table = readCsv(path, options.csv, feedback);
    if (!table)
        return table.error();
    return importPlan(*table, options, units, reps, scenario, sink, feedback);
}

Result<ImportStats> importPlan(const CsvTable &table, const PlanImportOptions &options, const UnitLayer &units,
                               const std::vector<Rep> &reps, Scenario &scenario, ProblemSink *sink,
                               Feedback *feedback)
{
    using namespace csvfields;
    if (table.records.empty())
        return makeError(ErrorCode::InvalidInput, "the file has no data rows", table.file);
    if (units.isEmpty())
        return makeError(ErrorCode::InvalidInput, "the project has no units to assign", table.file);
    auto unitColumn = resolveColumn(table, options.unitColumn, {"unit_id", "unit", "id", "geoid", "fips", "zip"},
                                    "unit id");
    if (!unitColumn)
        return unitColumn.error();
    auto territoryColumn = resolveColumn(table, options.territoryColumn, {"territory", "territory_name"}, "territory");
    if (!territoryColumn)
        return territoryColumn.error();
    auto repColumn = resolveColumn(table, options.repColumn, {"rep", "rep_id", "rep_name"}, "rep");
    if (!repColumn)
        return repColumn.error();
    int unitIndex = *unitColumn;
    int territoryIndex = *territoryColumn;
    int repIndex = *repColumn;
    if (!table.hasHeader || (unitIndex < 0 && territoryIndex < 0)) {
        unitIndex = unitIndex < 0 ? 0 : unitIndex;
        territoryIndex = territoryIndex < 0 ? 1 : territoryIndex;
        repIndex = repIndex < 0 && table.columns.size() > 2 ? 2 : repIndex;
    }
    if (unitIndex < 0 || territoryIndex < 0 || territoryIndex >= int(table.columns.size()))
        return makeError(ErrorCode::InvalidInput,
                         std::string("no ") + (unitIndex < 0 ? "unit id" : "territory")
                             + " column (expected unit_id,territory[,rep])",
                         table.file);

    Scenario out = emptyPlanScenario(options.scenarioName, units.size());
    PlanTerritories territories(out, reps);
    std::vector<long> lineOfUnit(units.size(), 0);
    ImportStats stats;
    for (const CsvRecord &record : table.records) {
        ++stats.read;
        if (isCancelled(feedback))
            return makeError(ErrorCode::Cancelled, "import cancelled", table.file);
        if (!checkFieldCount(table, record, sink)) {
            ++stats.skipped;
            continue;
        }
        const std::string &unitName = table.columns[static_cast<std::size_t>(unitIndex)];
        const std::string key = cell(record, unitIndex);
        const std::string territoryName = cell(record, territoryIndex);
        if (key.empty() || territoryName.empty()) {
            reportRow(sink, table, record.line,
                      key.empty() ? unitName : table.columns[static_cast<std::size_t>(territoryIndex)],
                      "missing value; row skipped");
            ++stats.skipped;
            continue;
        }
        const UnitId unit = units.findByKey(key);
        if (!unit.isValid()) {
            reportRow(sink, table, record.line, unitName, "unknown unit id '" + key + "'; row skipped");
            ++stats.skipped;
            continue;
        }
        const auto u = static_cast<std::size_t>(unit.value());
        if (lineOfUnit[u] != 0) {
            reportRow(sink, table, record.line, unitName,
                      "unit '" + key + "' already assigned on line " + std::to_string(lineOfUnit[u])
                          + "; row skipped");
            ++stats.skipped;
            continue;
        }
        const TerritoryId territory = territories.territory(territoryName);
        if (repIndex >= 0)
            territories.setRep(territory, cell(record, repIndex), table, record.line,
                               table.columns[static_cast<std::size_t>(repIndex)], sink);
        out.alignment.assign(unit, territory);
        lineOfUnit[u] = record.line;
        ++stats.imported;
    }
    if (stats.imported == 0)
        return makeError(ErrorCode::InvalidInput,
                         "no valid plan row (" + std::to_string(stats.skipped) + " rows skipped)", table.file);
    if (const std::size_t unassigned = out.alignment.unassignedCount())
        reportRow(sink, table, 0, {},
                  std::to_string(unassigned) + " unit(s) are not in the plan and stay unassigned",
                  Problem::Severity::Info);
    scenario = std::move(out);
    return stats;
}

} // namespace tessera::io
