#include "core/store/projectwriter.h"

#include "core/store/geometryblob.h"
#include "core/store/kpisnapshottable.h"
#include "core/store/sqlitestatement.h"
#include "core/store/storeschema.h"
#include "core/valuelimits.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstring>
#include <set>

namespace tessera {

namespace {

constexpr std::size_t ProgressStep = 1u << 14;

void checkCancel(Feedback *feedback, const std::string &path)
{
    if (isCancelled(feedback))
        throw StoreException(makeError(ErrorCode::Cancelled, "saving was cancelled; the file is unchanged", path));
}

/// Packs row \a row of \a table as little-endian doubles into \a out.
void packAttributes(const AttributeTable &table, std::size_t row, std::string &out)
{
    out.resize(table.columnCount() * sizeof(double));
    for (std::size_t c = 0; c < table.columnCount(); ++c) {
        const double value = table.value(row, static_cast<int>(c));
        std::memcpy(out.data() + c * sizeof(double), &value, sizeof(double));
    }
}

void bindAttributes(SqliteStatement &statement, int index, const std::string &packed)
{
    if (packed.empty())
        statement.bindNull(index);
    else
        statement.bindBlob(index, packed.data(), packed.size());
}

/// Binds parameters 1-8 of an INSERT or UPDATE of the scenarios table, in the
/// order name, parameters, notes, created_at, modified_at, baseline, is_baseline, transforms.
void bindScenarioRow(SqliteStatement &statement, const Scenario &scenario)
{
    statement.bind(1, scenario.name);
    statement.bind(2, scenario.parametersJson);
    statement.bind(3, scenario.notes);
    statement.bind(4, scenario.createdAt);
    statement.bind(5, scenario.modifiedAt);
    if (scenario.baseline)
        statement.bind(6, std::int64_t(*scenario.baseline));
    else
        statement.bindNull(6);
    statement.bind(7, scenario.isBaseline ? 1 : 0);
    statement.bind(8, scenario.transformsJson);
}

} // namespace

void ProjectWriter::fail(const std::string &message) const
{
    throw StoreException(makeError(ErrorCode::InvalidArgument, message + "; nothing was saved", mPath));
}

void ProjectWriter::validateJson(const std::string &json, const std::string &what) const
{
    if (!nlohmann::json::accept(json))
        fail(what + " is not valid JSON");
}

void ProjectWriter::validate(const Project &project) const
{
    validateJson(project.settingsJson(), "the project settings");
    const UnitLayer &units = project.units();
    const std::size_t unitCount = units.size();
    if (units.attributes().columnCount() > 0 && units.attributes().rowCount() != unitCount)
        fail("the unit attribute table has " + std::to_string(units.attributes().rowCount()) + " rows for "
             + std::to_string(unitCount) + " units");
    std::set<std::string_view> keys;
    for (std::size_t i = 0; i < unitCount; ++i) {
        const Unit &unit = units.units()[i];
        if (unit.id.value() != static_cast<std::int32_t>(i))
            fail("unit '" + unit.key + "' has id " + std::to_string(unit.id.value()) + " at position "
                 + std::to_string(i));
        if (!keys.insert(unit.key).second)
            fail("the unit key '" + unit.key + "' is used twice");
    }
    if (project.adjacency().unitCount() > unitCount)
        fail("the adjacency graph covers " + std::to_string(project.adjacency().unitCount()) + " units but the project has "
             + std::to_string(unitCount));

    const AccountLayer &accounts = project.accounts();
    if (accounts.attributes().columnCount() > 0 && accounts.attributes().rowCount() != accounts.size())
        fail("the account attribute table has " + std::to_string(accounts.attributes().rowCount()) + " rows for "
             + std::to_string(accounts.size()) + " accounts");
    for (std::size_t i = 0; i < accounts.size(); ++i) {
        const Account &account = accounts.accounts()[i];
        if (account.id.value() != static_cast<std::int32_t>(i))
            fail("account '" + account.key + "' has id " + std::to_string(account.id.value()) + " at position "
                 + std::to_string(i));
        if (account.unit.isValid() && static_cast<std::size_t>(account.unit.value()) >= unitCount)
            fail("account '" + account.key + "' lies in the missing unit " + std::to_string(account.unit.value()));
    }
    for (const KpiSnapshot &snapshot : project.kpiSnapshots()) {
        if (!KpiSnapshot::isValidDate(snapshot.date))
            fail("the KPI snapshot date '" + snapshot.date + "' is not a YYYY-MM-DD date");
        if (snapshot.values.rowCount() != accounts.size())
            fail("the KPI snapshot of " + snapshot.date + " has " + std::to_string(snapshot.values.rowCount())
                 + " rows for " + std::to_string(accounts.size()) + " accounts");
    }
    validateReps(project.reps());

    std::set<ScenarioId> ids;
    for (const Scenario &scenario : project.scenarios()) {
        if (scenario.id < 0)
            fail("scenario '" + scenario.name + "' has the negative id " + std::to_string(scenario.id));
        if (scenario.id != 0 && !ids.insert(scenario.id).second)
            fail("two scenarios share the id " + std::to_string(scenario.id));
        validateScenario(scenario, unitCount, accounts.size(), project.reps().size());
    }
    if (std::count_if(project.scenarios().begin(), project.scenarios().end(),
                      [](const Scenario &s) { return s.isBaseline; })
        > 1)
        fail("more than one scenario is marked as the project's baseline");
    for (const Scenario &scenario : project.scenarios())
        if (scenario.baseline && !ids.count(*scenario.baseline))
            fail("scenario '" + scenario.name + "' is compared against the missing scenario "
                 + std::to_string(*scenario.baseline));
}

void ProjectWriter::validateScenario(const Scenario &scenario, std::size_t unitCount, std::size_t accountCount,
                                     std::size_t repCount) const
{
    const std::string label = "scenario '" + scenario.name + "'";
    validateJson(scenario.parametersJson, label + ": the parameters");
    const std::size_t territoryCount = scenario.territories.size();
    for (std::size_t i = 0; i < territoryCount; ++i) {
        const Territory &territory = scenario.territories[i];
        if (territory.id.value() != static_cast<std::int32_t>(i))
            fail(label + ": territory '" + territory.name + "' has id " + std::to_string(territory.id.value())
                 + " at position " + std::to_string(i));
        if (territory.rep.isValid() && static_cast<std::size_t>(territory.rep.value()) >= repCount)
            fail(label + ": territory '" + territory.name + "' has the missing rep " + std::to_string(territory.rep.value()));
    }
    const Alignment &alignment = scenario.alignment;
    if (alignment.unitCount() > unitCount)
        fail(label + ": the alignment covers " + std::to_string(alignment.unitCount()) + " units but the project has "
             + std::to_string(unitCount));
    for (std::size_t u = 0; u < alignment.unitCount(); ++u) {
        const TerritoryId t = alignment.unitTerritories()[u];
        if (t.isValid() && static_cast<std::size_t>(t.value()) >= territoryCount)
            fail(label + ": unit " + std::to_string(u) + " is assigned to the missing territory "
                 + std::to_string(t.value()));
    }
    for (const auto &[account, territory] : alignment.accountOverrides()) {
        if (!account.isValid() || static_cast<std::size_t>(account.value()) >= accountCount)
            fail(label + ": an override names the missing account " + std::to_string(account.value()));
        if (!territory.isValid() || static_cast<std::size_t>(territory.value()) >= territoryCount)
            fail(label + ": account " + std::to_string(account.value()) + " is overridden to the missing territory "
                 + std::to_string(territory.value()));
    }
}

void ProjectWriter::writeProject(const Project &project, std::vector<ScenarioId> &ids, Feedback *feedback)
{
    reportProgress(feedback, 0.0, "Clearing the project");
    // History stays with the scenarios that keep their id; the rest goes.
    {
        std::set<ScenarioId> kept;
        for (const Scenario &scenario : project.scenarios())
            if (scenario.id != 0)
                kept.insert(scenario.id);
        std::vector<ScenarioId> stale;
        SqliteStatement stored(mDb, "SELECT DISTINCT scenario FROM scenario_history", mPath);
        while (stored.step())
            if (!kept.count(stored.int64(0)))
                stale.push_back(stored.int64(0));
        SqliteStatement erase(mDb, "DELETE FROM scenario_history WHERE scenario = ?", mPath);
        for (ScenarioId id : stale) {
            erase.bind(1, std::int64_t(id));
            erase.run();
        }
    }
    for (const char *table : storeschema::TablesChildrenFirst)
        execSql(mDb, (std::string("DELETE FROM ") + table).c_str(), mPath);
    writeSettings(project.settingsJson());
    checkCancel(feedback, mPath);

    reportProgress(feedback, 0.02, "Writing units");
    writeUnits(project.units(), feedback);
    writeAdjacency(project);
    writeReps(project.reps());
    reportProgress(feedback, 0.1, "Writing accounts");
    writeAccounts(project.accounts(), feedback);
    for (const KpiSnapshot &snapshot : project.kpiSnapshots())
        KpiSnapshotTable(mDb, mPath).write(snapshot);

    reportProgress(feedback, 0.95, "Writing scenarios");
    ids.clear();
    for (const Scenario &scenario : project.scenarios()) {
        SqliteStatement insert(mDb,
                               "INSERT INTO scenarios (id, name, parameters, notes, created_at, modified_at, baseline, "
                               "is_baseline, transforms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                               mPath);
        insert.bind(8, scenario.isBaseline ? 1 : 0);
        insert.bind(9, scenario.transformsJson);
        if (scenario.id != 0)
            insert.bind(1, std::int64_t(scenario.id));
        else
            insert.bindNull(1);
        insert.bind(2, scenario.name);
        insert.bind(3, scenario.parametersJson);
        insert.bind(4, scenario.notes);
        insert.bind(5, scenario.createdAt);
        insert.bind(6, scenario.modifiedAt);
        insert.bindNull(7); // baselines are set once every scenario exists
        insert.run();
        ids.push_back(sqlite3_last_insert_rowid(mDb));
    }
    SqliteStatement baseline(mDb, "UPDATE scenarios SET baseline = ? WHERE id = ?", mPath);
    for (std::size_t i = 0; i < project.scenarios().size(); ++i) {
        const Scenario &scenario = project.scenarios()[i];
        if (scenario.baseline) {
            baseline.bind(1, std::int64_t(*scenario.baseline));
            baseline.bind(2, std::int64_t(ids[i]));
            baseline.run();
        }
        writeScenarioContent(ids[i], scenario);
        checkCancel(feedback, mPath);
    }
}

void ProjectWriter::writeAttributeNames(const char *layer, const AttributeTable &table)
{
    SqliteStatement insert(mDb, "INSERT INTO attribute_columns (layer, position, name) VALUES (?, ?, ?)", mPath);
    for (std::size_t c = 0; c < table.columnCount(); ++c) {
        insert.bind(1, std::string_view(layer));
        insert.bind(2, static_cast<std::int64_t>(c));
        insert.bind(3, table.columnName(static_cast<int>(c)));
        insert.run();
    }
}

void ProjectWriter::writeUnits(const UnitLayer &units, Feedback *feedback)
{
    writeAttributeNames(storeschema::UnitLayerName, units.attributes());
    SqliteStatement insert(mDb,
                           "INSERT INTO units (id, key, name, geometry, centroid_lon, centroid_lat, area_km2, "
                           "min_lon, min_lat, max_lon, max_lat, attributes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           mPath);
    std::string geometry;
    std::string packed;
    for (const Unit &unit : units.units()) {
        insert.bind(1, static_cast<std::int64_t>(unit.id.value()));
        insert.bind(2, unit.key);
        insert.bind(3, unit.name);
        if (unit.geometry) {
            geometry = geometryblob::encode(*unit.geometry);
            insert.bindBlob(4, geometry.data(), geometry.size());
            const BoundingBox box = unit.geometry->bounds();
            if (box.isValid()) {
                insert.bind(8, box.minLon);
                insert.bind(9, box.minLat);
                insert.bind(10, box.maxLon);
                insert.bind(11, box.maxLat);
            }
        }
        insert.bind(5, unit.centroid.lon);
        insert.bind(6, unit.centroid.lat);
        insert.bind(7, unit.areaKm2);
        packAttributes(units.attributes(), static_cast<std::size_t>(unit.id.value()), packed);
        bindAttributes(insert, 12, packed);
        insert.run();
        if (static_cast<std::size_t>(unit.id.value()) % ProgressStep == 0)
            checkCancel(feedback, mPath);
    }
}

void ProjectWriter::writeAdjacency(const Project &project)
{
    const AdjacencyGraph &graph = project.adjacency();
    SqliteStatement meta(mDb, "INSERT OR REPLACE INTO meta (key, value) VALUES ('adjacency_unit_count', ?)", mPath);
    meta.bind(1, std::to_string(graph.unitCount()));
    meta.run();
    SqliteStatement insert(mDb, "INSERT INTO adjacency (a, b, shared_km) VALUES (?, ?, ?)", mPath);
    for (const AdjacencyEdge &edge : graph.edges()) {
        insert.bind(1, static_cast<std::int64_t>(edge.a.value()));
        insert.bind(2, static_cast<std::int64_t>(edge.b.value()));
        insert.bind(3, edge.sharedLengthKm);
        insert.run();
    }
}

void ProjectWriter::writeAccounts(const AccountLayer &accounts, Feedback *feedback)
{
    writeAttributeNames(storeschema::AccountLayerName, accounts.attributes());
    SqliteStatement insert(mDb,
                           "INSERT INTO accounts (id, key, name, lon, lat, unit, segment, attributes) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                           mPath);
    SqliteStatement requirement(mDb, "INSERT INTO account_requirements (account, position, skill) VALUES (?, ?, ?)",
                                mPath);
    std::string packed;
    const std::size_t count = accounts.size();
    for (std::size_t i = 0; i < count; ++i) {
        const Account &account = accounts.accounts()[i];
        insert.bind(1, static_cast<std::int64_t>(i));
        insert.bind(2, account.key);
        insert.bind(3, account.name);
        insert.bind(4, account.location.lon);
        insert.bind(5, account.location.lat);
        if (account.unit.isValid())
            insert.bind(6, static_cast<std::int64_t>(account.unit.value()));
        else
            insert.bindNull(6);
        insert.bind(7, account.segment);
        packAttributes(accounts.attributes(), i, packed);
        bindAttributes(insert, 8, packed);
        insert.run();
        for (std::size_t s = 0; s < account.requiredSkills.size(); ++s) {
            requirement.bind(1, static_cast<std::int64_t>(i));
            requirement.bind(2, static_cast<std::int64_t>(s));
            requirement.bind(3, account.requiredSkills[s]);
            requirement.run();
        }
        if (i % ProgressStep == 0) {
            checkCancel(feedback, mPath);
            reportProgress(feedback, 0.1 + 0.85 * double(i) / double(count), "Writing accounts");
        }
    }
}

void ProjectWriter::validateReps(const std::vector<Rep> &reps) const
{
    // What ProjectReader::readReps refuses is never written: a file that
    // cannot be read back would lose the user's work.
    for (std::size_t i = 0; i < reps.size(); ++i) {
        const Rep &rep = reps[i];
        if (rep.id.value() != static_cast<std::int32_t>(i))
            fail("rep '" + rep.key + "' has id " + std::to_string(rep.id.value()) + " at position " + std::to_string(i));
        if (!rep.home.isOnEarth())
            fail("rep '" + rep.name + "' has no home on Earth (longitude " + formatValueForMessage(rep.home.lon)
                 + ", latitude " + formatValueForMessage(rep.home.lat) + "); give the rep a home first");
        if (!isAcceptedValue(rep.capacityHours) || rep.capacityHours < 0.0)
            fail("rep '" + rep.name + "': capacity " + outOfRangeMessage(rep.capacityHours));
    }
}

void ProjectWriter::replaceReps(const std::vector<Rep> &reps)
{
    validateReps(reps);
    execSql(mDb, "PRAGMA defer_foreign_keys = ON; DELETE FROM rep_skills; DELETE FROM reps", mPath);
    writeReps(reps);
}

void ProjectWriter::writeReps(const std::vector<Rep> &reps)
{
    SqliteStatement insert(mDb, "INSERT INTO reps (id, key, name, lon, lat, capacity_hours) VALUES (?, ?, ?, ?, ?, ?)",
                           mPath);
    SqliteStatement skill(mDb, "INSERT INTO rep_skills (rep, position, skill) VALUES (?, ?, ?)", mPath);
    for (const Rep &rep : reps) {
        insert.bind(1, static_cast<std::int64_t>(rep.id.value()));
        insert.bind(2, rep.key);
        insert.bind(3, rep.name);
        insert.bind(4, rep.home.lon);
        insert.bind(5, rep.home.lat);
        insert.bind(6, rep.capacityHours);
        insert.run();
        for (std::size_t i = 0; i < rep.skills.size(); ++i) {
            skill.bind(1, static_cast<std::int64_t>(rep.id.value()));
            skill.bind(2, static_cast<std::int64_t>(i));
            skill.bind(3, rep.skills[i]);
            skill.run();
        }
    }
}

void ProjectWriter::writeScenarioContent(ScenarioId id, const Scenario &scenario)
{
    SqliteStatement territory(mDb, "INSERT INTO territories (scenario, id, name, color, rep) VALUES (?, ?, ?, ?, ?)",
                              mPath);
    for (const Territory &t : scenario.territories) {
        territory.bind(1, std::int64_t(id));
        territory.bind(2, static_cast<std::int64_t>(t.id.value()));
        territory.bind(3, t.name);
        territory.bind(4, static_cast<std::int64_t>(t.color));
        if (t.rep.isValid())
            territory.bind(5, static_cast<std::int64_t>(t.rep.value()));
        else
            territory.bindNull(5);
        territory.run();
    }
    // Only assigned or locked units get a row; the rest are unassigned.
    SqliteStatement alignment(mDb, "INSERT INTO alignment (scenario, unit, territory, locked) VALUES (?, ?, ?, ?)",
                              mPath);
    const Alignment &a = scenario.alignment;
    for (std::size_t u = 0; u < a.unitCount(); ++u) {
        const UnitId unit(static_cast<std::int32_t>(u));
        const TerritoryId t = a.unitTerritories()[u];
        const bool locked = a.isLocked(unit);
        if (!t.isValid() && !locked)
            continue;
        alignment.bind(1, std::int64_t(id));
        alignment.bind(2, static_cast<std::int64_t>(u));
        if (t.isValid())
            alignment.bind(3, static_cast<std::int64_t>(t.value()));
        else
            alignment.bindNull(3);
        alignment.bind(4, locked ? 1 : 0);
        alignment.run();
    }
    SqliteStatement override(mDb, "INSERT INTO account_overrides (scenario, account, territory) VALUES (?, ?, ?)",
                             mPath);
    for (const auto &[account, t] : a.accountOverrides()) {
        override.bind(1, std::int64_t(id));
        override.bind(2, static_cast<std::int64_t>(account.value()));
        override.bind(3, static_cast<std::int64_t>(t.value()));
        override.run();
    }
}

void ProjectWriter::validateAgainstFile(const Scenario &scenario) const
{
    const auto count = [&](const char *sql) {
        return static_cast<std::size_t>(std::max<std::int64_t>(0, queryInt(mDb, sql, mPath)));
    };
    validateScenario(scenario, count("SELECT coalesce(max(id) + 1, 0) FROM units"),
                     count("SELECT coalesce(max(id) + 1, 0) FROM accounts"),
                     count("SELECT coalesce(max(id) + 1, 0) FROM reps"));
    validateJson(scenario.transformsJson, "scenario '" + scenario.name + "': the what-if transforms");
}

void ProjectWriter::clearOtherBaselines(ScenarioId keep)
{
    SqliteStatement clear(mDb, "UPDATE scenarios SET is_baseline = 0 WHERE id != ? AND is_baseline != 0", mPath);
    clear.bind(1, std::int64_t(keep));
    clear.run();
}

ScenarioId ProjectWriter::writeScenario(const Scenario &scenario)
{
    validateAgainstFile(scenario);
    ScenarioId id = scenario.id;
    if (id == 0) {
        SqliteStatement insert(mDb,
                               "INSERT INTO scenarios (name, parameters, notes, created_at, modified_at, baseline, "
                               "is_baseline, transforms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                               mPath);
        bindScenarioRow(insert, scenario);
        insert.run();
        id = sqlite3_last_insert_rowid(mDb);
    } else {
        for (const char *sql : {"DELETE FROM account_overrides WHERE scenario = ?", "DELETE FROM alignment WHERE scenario = ?",
                                "DELETE FROM territories WHERE scenario = ?"}) {
            SqliteStatement erase(mDb, sql, mPath);
            erase.bind(1, std::int64_t(id));
            erase.run();
        }
        updateScenarioRow(scenario);
    }
    writeScenarioContent(id, scenario);
    if (scenario.isBaseline)
        clearOtherBaselines(id);
    return id;
}

void ProjectWriter::updateScenarioRow(const Scenario &scenario)
{
    const ScenarioId id = scenario.id;
    SqliteStatement update(mDb,
                           "UPDATE scenarios SET name = ?, parameters = ?, notes = ?, created_at = ?, "
                           "modified_at = ?, baseline = ?, is_baseline = ?, transforms = ? WHERE id = ?",
                           mPath);
    bindScenarioRow(update, scenario);
    update.bind(9, std::int64_t(id));
    update.run();
    if (sqlite3_changes(mDb) == 0)
        throw StoreException(makeError(ErrorCode::NotFound,
                                       "scenario '" + scenario.name + "' (id " + std::to_string(id)
                                           + ") is not in the project; nothing was saved",
                                       mPath));
}

void ProjectWriter::deleteScenario(ScenarioId id)
{
    SqliteStatement erase(mDb, "DELETE FROM scenarios WHERE id = ?", mPath);
    erase.bind(1, std::int64_t(id));
    erase.run();
    if (sqlite3_changes(mDb) == 0)
        throw StoreException(makeError(ErrorCode::NotFound, "no scenario with id " + std::to_string(id), mPath));
}

void ProjectWriter::writeSettings(const std::string &json)
{
    validateJson(json, "the project settings");
    SqliteStatement upsert(mDb, "INSERT OR REPLACE INTO settings (id, json) VALUES (1, ?)", mPath);
    upsert.bind(1, json);
    upsert.run();
}

} // namespace tessera
