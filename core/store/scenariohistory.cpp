#include "core/store/scenariohistory.h"

#include "core/store/projectstore.h"
#include "core/store/scenariocodec.h"
#include "core/store/sqlitestatement.h"

#include <cstring>

namespace tessera {

namespace {

/// One unit in a history blob: unit, territory (-1 = none), locked; 9 bytes, little-endian.
constexpr std::size_t RecordSize = 9;

void appendRecord(std::string &out, std::int32_t unit, std::int32_t territory, bool locked)
{
    char record[RecordSize];
    std::memcpy(record, &unit, 4);
    std::memcpy(record + 4, &territory, 4);
    record[8] = locked ? 1 : 0;
    out.append(record, RecordSize);
}

} // namespace

void ScenarioHistory::fail(const std::string &message) const
{
    throw StoreException(makeError(ErrorCode::InvalidInput, message + "; the project file is damaged", mPath));
}

bool ScenarioHistory::hasEntries(ScenarioId scenario) const
{
    SqliteStatement statement(mDb, "SELECT 1 FROM scenario_history WHERE scenario = ? LIMIT 1", mPath);
    statement.bind(1, std::int64_t(scenario));
    return statement.step();
}

void ScenarioHistory::recordFull(ScenarioId scenario, const Scenario &state, std::int64_t at, const std::string &summary)
{
    std::vector<UnitId> units(state.alignment.unitCount());
    for (std::size_t u = 0; u < units.size(); ++u)
        units[u] = UnitId(static_cast<std::int32_t>(u));
    insert(scenario, state, units, true, at, summary);
}

void ScenarioHistory::recordChange(ScenarioId scenario, const Scenario &state, const std::vector<UnitId> &changedUnits,
                                   std::int64_t at, const std::string &summary)
{
    insert(scenario, state, changedUnits, false, at, summary);
}

void ScenarioHistory::insert(ScenarioId scenario, const Scenario &state, const std::vector<UnitId> &units, bool full,
                             std::int64_t at, const std::string &summary)
{
    std::string blob;
    blob.reserve(units.size() * RecordSize);
    for (UnitId unit : units)
        appendRecord(blob, unit.value(), state.alignment.territoryOf(unit).value(), state.alignment.isLocked(unit));
    SqliteStatement statement(mDb,
                              "INSERT INTO scenario_history (scenario, at, summary, full, territories, overrides, "
                              "parameters, units) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                              mPath);
    statement.bind(1, std::int64_t(scenario));
    statement.bind(2, at);
    statement.bind(3, summary);
    statement.bind(4, full ? 1 : 0);
    statement.bind(5, scenariocodec::territoriesJson(state));
    statement.bind(6, scenariocodec::overridesJson(state));
    statement.bind(7, state.parametersJson);
    statement.bindBlob(8, blob.data(), blob.size());
    statement.run();
}

std::vector<HistoryEntry> ScenarioHistory::list(ScenarioId scenario) const
{
    SqliteStatement statement(mDb, "SELECT id, at, summary FROM scenario_history WHERE scenario = ? ORDER BY id", mPath);
    statement.bind(1, std::int64_t(scenario));
    std::vector<HistoryEntry> entries;
    while (statement.step())
        entries.push_back(HistoryEntry{statement.int64(0), scenario, statement.int64(1), std::string(statement.text(2))});
    return entries;
}

Scenario ScenarioHistory::stateAt(std::int64_t entry, std::size_t unitCount) const
{
    SqliteStatement target(mDb,
                           "SELECT h.scenario, s.name, s.notes, s.transforms FROM scenario_history h "
                           "JOIN scenarios s ON s.id = h.scenario WHERE h.id = ?",
                           mPath);
    target.bind(1, entry);
    if (!target.step())
        throw StoreException(makeError(ErrorCode::NotFound, "no history entry " + std::to_string(entry), mPath));
    const ScenarioId scenarioId = target.int64(0);
    Scenario state;
    state.name = target.text(1);
    state.notes = target.text(2);
    state.transformsJson = target.text(3);
    state.alignment = Alignment(unitCount);

    // Replay from the last full state at or before the entry.
    SqliteStatement rows(mDb,
                         "SELECT id, territories, overrides, parameters, units FROM scenario_history "
                         "WHERE scenario = ? AND id <= ? AND id >= coalesce((SELECT max(id) FROM scenario_history "
                         "WHERE scenario = ? AND id <= ? AND full = 1), 0) ORDER BY id",
                         mPath);
    rows.bind(1, std::int64_t(scenarioId));
    rows.bind(2, entry);
    rows.bind(3, std::int64_t(scenarioId));
    rows.bind(4, entry);
    bool any = false;
    while (rows.step()) {
        any = true;
        const std::string label = "history entry " + std::to_string(rows.int64(0));
        const std::string_view blob = rows.blob(4);
        if (blob.size() % RecordSize != 0)
            fail(label + " has a truncated unit list");
        for (std::size_t offset = 0; offset < blob.size(); offset += RecordSize) {
            std::int32_t unit = 0, territory = 0;
            std::memcpy(&unit, blob.data() + offset, 4);
            std::memcpy(&territory, blob.data() + offset + 4, 4);
            if (unit < 0 || static_cast<std::size_t>(unit) >= unitCount)
                fail(label + " names the missing unit " + std::to_string(unit));
            state.alignment.assign(UnitId(unit), TerritoryId(territory < 0 ? -1 : territory));
            state.alignment.setLocked(UnitId(unit), blob[offset + 8] != 0);
        }
        if (!scenariocodec::readTerritories(rows.text(1), state) || !scenariocodec::readOverrides(rows.text(2), state))
            fail(label + " has malformed territories or overrides");
        state.parametersJson = rows.text(3);
    }
    if (!any)
        fail("history entry " + std::to_string(entry) + " has no full state before it");
    const auto territoryCount = static_cast<std::int32_t>(state.territories.size());
    for (TerritoryId t : state.alignment.unitTerritories())
        if (t.value() >= territoryCount)
            fail("history entry " + std::to_string(entry) + " assigns a unit to the missing territory "
                 + std::to_string(t.value()));
    return state;
}

} // namespace tessera
