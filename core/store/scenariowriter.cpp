#include "core/store/scenariowriter.h"

#include "core/store/projectreader.h"
#include "core/store/projectwriter.h"
#include "core/store/scenariohistory.h"
#include "core/store/sqlitestatement.h"

#include <algorithm>

namespace tessera {

namespace {

std::string plural(std::size_t count, const char *one, const char *many)
{
    return std::to_string(count) + " " + (count == 1 ? one : many);
}

/// "3 units reassigned, 1 unit locked, territories changed", or "" when nothing differs.
std::string describe(const Scenario &before, const Scenario &after, std::size_t reassigned, std::size_t relocked)
{
    std::vector<std::string> parts;
    if (reassigned > 0)
        parts.push_back(plural(reassigned, "unit", "units") + " reassigned");
    if (relocked > 0)
        parts.push_back(plural(relocked, "unit", "units") + " locked or unlocked");
    if (before.territories != after.territories)
        parts.push_back(before.territories.size() == after.territories.size()
                            ? std::string("territories edited")
                            : plural(after.territories.size(), "territory", "territories") + " (was "
                                  + std::to_string(before.territories.size()) + ")");
    if (before.alignment.accountOverrides() != after.alignment.accountOverrides())
        parts.push_back("account exceptions changed");
    if (before.name != after.name)
        parts.push_back("renamed from '" + before.name + "'");
    if (before.notes != after.notes)
        parts.push_back("notes edited");
    if (before.parametersJson != after.parametersJson)
        parts.push_back("settings changed");
    if (before.transformsJson != after.transformsJson)
        parts.push_back("what-if transforms changed");
    std::string text;
    for (const std::string &part : parts)
        text += (text.empty() ? "" : ", ") + part;
    return text;
}

} // namespace

std::size_t ScenarioWriter::unitCount() const
{
    return static_cast<std::size_t>(std::max<std::int64_t>(0, queryInt(mDb, "SELECT count(*) FROM units", mPath)));
}

Scenario ScenarioWriter::stored(ScenarioId id) const
{
    Scenario scenario = ProjectReader(mDb, mPath).loadScenario(id, unitCount());
    return scenario;
}

void ScenarioWriter::checkName(const std::string &name, ScenarioId self) const
{
    if (name.empty())
        throw StoreException(makeError(ErrorCode::InvalidArgument, "a scenario needs a name; nothing was saved", mPath));
    SqliteStatement statement(mDb, "SELECT id FROM scenarios WHERE name = ? AND id != ?", mPath);
    statement.bind(1, name);
    statement.bind(2, std::int64_t(self));
    if (statement.step())
        throw StoreException(makeError(ErrorCode::InvalidArgument,
                                       "a scenario named '" + name + "' already exists; nothing was saved", mPath));
}

ScenarioId ScenarioWriter::save(const Scenario &scenario, const std::string &summary, std::int64_t now)
{
    if (scenario.id != 0)
        return saveOver(scenario, stored(scenario.id), summary, now); // NotFound for an unknown id
    checkName(scenario.name, 0);
    const ScenarioId id = ProjectWriter(mDb, mPath).writeScenario(scenario);
    ScenarioHistory(mDb, mPath).recordFull(id, scenario, now, summary.empty() ? "created" : summary);
    return id;
}

ScenarioId ScenarioWriter::saveOver(const Scenario &scenario, const Scenario &before, const std::string &summary,
                                    std::int64_t now)
{
    const ScenarioId id = scenario.id;
    ProjectWriter writer(mDb, mPath);
    writer.validateAgainstFile(scenario);
    checkName(scenario.name, id);
    const std::size_t units = before.alignment.unitCount();

    // Units whose territory or lock differs from the file.
    std::vector<UnitId> changed;
    std::size_t reassigned = 0, relocked = 0;
    for (std::size_t u = 0; u < units; ++u) {
        const UnitId unit(static_cast<std::int32_t>(u));
        const bool inNew = u < scenario.alignment.unitCount();
        const TerritoryId t = inNew ? scenario.alignment.territoryOf(unit) : TerritoryId();
        const bool locked = inNew && scenario.alignment.isLocked(unit);
        const bool moved = t != before.alignment.territoryOf(unit);
        const bool lockChanged = locked != before.alignment.isLocked(unit);
        if (moved || lockChanged)
            changed.push_back(unit);
        reassigned += moved ? 1 : 0;
        relocked += lockChanged ? 1 : 0;
    }
    const std::string generated = describe(before, scenario, reassigned, relocked);
    if (generated.empty() && before.createdAt == scenario.createdAt && before.baseline == scenario.baseline
        && before.isBaseline == scenario.isBaseline)
        return id; // nothing to write

    // Territories first (updated in place: replacing a row would cascade to its units).
    const std::size_t oldCount = before.territories.size(), newCount = scenario.territories.size();
    if (before.territories != scenario.territories) {
        SqliteStatement updateTerritory(mDb, "UPDATE territories SET name = ?, color = ?, rep = ? WHERE scenario = ? AND id = ?",
                                        mPath);
        SqliteStatement insertTerritory(mDb,
                                        "INSERT INTO territories (name, color, rep, scenario, id) VALUES (?, ?, ?, ?, ?)",
                                        mPath);
        for (std::size_t i = 0; i < newCount; ++i) {
            const Territory &t = scenario.territories[i];
            if (i < oldCount && before.territories[i] == t)
                continue;
            SqliteStatement &statement = i < oldCount ? updateTerritory : insertTerritory;
            statement.bind(1, t.name);
            statement.bind(2, static_cast<std::int64_t>(t.color));
            if (t.rep.isValid())
                statement.bind(3, static_cast<std::int64_t>(t.rep.value()));
            else
                statement.bindNull(3);
            statement.bind(4, std::int64_t(id));
            statement.bind(5, static_cast<std::int64_t>(i));
            statement.run();
        }
    }
    {
        SqliteStatement upsert(mDb, "INSERT OR REPLACE INTO alignment (scenario, unit, territory, locked) VALUES (?, ?, ?, ?)",
                               mPath);
        SqliteStatement erase(mDb, "DELETE FROM alignment WHERE scenario = ? AND unit = ?", mPath);
        for (UnitId unit : changed) {
            const bool inNew = static_cast<std::size_t>(unit.value()) < scenario.alignment.unitCount();
            const TerritoryId t = inNew ? scenario.alignment.territoryOf(unit) : TerritoryId();
            const bool locked = inNew && scenario.alignment.isLocked(unit);
            if (!t.isValid() && !locked) {
                erase.bind(1, std::int64_t(id));
                erase.bind(2, static_cast<std::int64_t>(unit.value()));
                erase.run();
                continue;
            }
            upsert.bind(1, std::int64_t(id));
            upsert.bind(2, static_cast<std::int64_t>(unit.value()));
            if (t.isValid())
                upsert.bind(3, static_cast<std::int64_t>(t.value()));
            else
                upsert.bindNull(3);
            upsert.bind(4, locked ? 1 : 0);
            upsert.run();
        }
    }
    if (before.alignment.accountOverrides() != scenario.alignment.accountOverrides()) {
        SqliteStatement erase(mDb, "DELETE FROM account_overrides WHERE scenario = ?", mPath);
        erase.bind(1, std::int64_t(id));
        erase.run();
        SqliteStatement insert(mDb, "INSERT INTO account_overrides (scenario, account, territory) VALUES (?, ?, ?)", mPath);
        for (const auto &[account, territory] : scenario.alignment.accountOverrides()) {
            insert.bind(1, std::int64_t(id));
            insert.bind(2, static_cast<std::int64_t>(account.value()));
            insert.bind(3, static_cast<std::int64_t>(territory.value()));
            insert.run();
        }
    }
    if (newCount < oldCount) {
        SqliteStatement erase(mDb, "DELETE FROM territories WHERE scenario = ? AND id >= ?", mPath);
        erase.bind(1, std::int64_t(id));
        erase.bind(2, static_cast<std::int64_t>(newCount));
        erase.run();
    }
    writer.updateScenarioRow(scenario);
    if (scenario.isBaseline)
        writer.clearOtherBaselines(id);

    if (!generated.empty()) {
        ScenarioHistory history(mDb, mPath);
        if (!history.hasEntries(id))
            history.recordFull(id, before, before.modifiedAt > 0 ? before.modifiedAt : now,
                               "as saved before history was kept");
        history.recordChange(id, scenario, changed, now, summary.empty() ? generated : summary);
    }
    return id;
}

ScenarioId ScenarioWriter::clone(ScenarioId from, const std::string &name, std::int64_t now)
{
    Scenario copy = stored(from);
    const std::string source = copy.name;
    copy.id = 0;
    copy.name = name;
    copy.isBaseline = false;
    copy.createdAt = copy.modifiedAt = now;
    return save(copy, "cloned from '" + source + "'", now);
}

void ScenarioWriter::rename(ScenarioId id, const std::string &name, std::int64_t now)
{
    Scenario scenario = stored(id);
    scenario.name = name;
    scenario.modifiedAt = now;
    save(scenario, {}, now);
}

void ScenarioWriter::setNotes(ScenarioId id, const std::string &notes, std::int64_t now)
{
    Scenario scenario = stored(id);
    scenario.notes = notes;
    scenario.modifiedAt = now;
    save(scenario, {}, now);
}

void ScenarioWriter::setBaseline(std::optional<ScenarioId> id)
{
    if (id) {
        SqliteStatement mark(mDb, "UPDATE scenarios SET is_baseline = 1 WHERE id = ?", mPath);
        mark.bind(1, std::int64_t(*id));
        mark.run();
        if (sqlite3_changes(mDb) == 0)
            throw StoreException(makeError(ErrorCode::NotFound, "no scenario with id " + std::to_string(*id), mPath));
    }
    ProjectWriter(mDb, mPath).clearOtherBaselines(id.value_or(0));
}

} // namespace tessera
