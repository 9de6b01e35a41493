#include "core/store/recoveryrecord.h"

#include "core/store/scenariocodec.h"
#include "core/store/sqlitestatement.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <cstring>
#include <filesystem>
#include <set>
#include <system_error>

#include <unistd.h>

namespace tessera::recoveryrecord {

namespace {

using Json = nlohmann::json;

/// PRAGMA application_id of a recovery record ("TSRC"), so a stray file is never taken for one.
constexpr std::int32_t ApplicationId = 0x54535243;
constexpr int FormatVersion = 1;

constexpr const char *SchemaSql = R"sql(
CREATE TABLE IF NOT EXISTS record (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    written_at INTEGER NOT NULL,
    unit_count INTEGER NOT NULL,
    edited INTEGER NOT NULL,
    deleted TEXT NOT NULL,
    summary TEXT NOT NULL,
    pid INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS scenarios (
    position INTEGER PRIMARY KEY,
    id INTEGER NOT NULL,
    name TEXT NOT NULL,
    notes TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    modified_at INTEGER NOT NULL,
    baseline INTEGER,
    is_baseline INTEGER NOT NULL,
    parameters TEXT NOT NULL,
    transforms TEXT NOT NULL,
    territories TEXT NOT NULL,
    overrides TEXT NOT NULL,
    units BLOB NOT NULL,
    locks BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS project (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    reps TEXT,
    settings TEXT
);
)sql";

[[noreturn]] void fail(ErrorCode code, const std::string &message, const std::string &path)
{
    throw StoreException(makeError(code, message, path));
}

/// One connection to a record file, closed on scope exit.
class Connection {
public:
    Connection(const std::string &path, bool create) : mPath(path)
    {
        const int flags = (create ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE : SQLITE_OPEN_READONLY)
                          | SQLITE_OPEN_NOMUTEX;
        const int rc = sqlite3_open_v2(path.c_str(), &mDb, flags, nullptr);
        if (rc != SQLITE_OK)
            throwSqliteError(mDb, rc, "cannot open the recovery record", path);
        sqlite3_extended_result_codes(mDb, 1);
        sqlite3_busy_timeout(mDb, 1000);
        // A record is read back from disk: treat it as untrusted, like a project.
        sqlite3_db_config(mDb, SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr);
        sqlite3_db_config(mDb, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, nullptr);
        sqlite3_db_config(mDb, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, nullptr);
        sqlite3_db_config(mDb, SQLITE_DBCONFIG_ENABLE_VIEW, 0, nullptr);
    }
    ~Connection() { sqlite3_close_v2(mDb); }
    Connection(const Connection &) = delete;
    Connection &operator=(const Connection &) = delete;
    sqlite3 *db() const { return mDb; }

private:
    sqlite3 *mDb = nullptr;
    const std::string &mPath;
};

template<typename Fn>
auto guarded(const std::string &path, Fn &&fn) -> decltype(fn())
{
    try {
        return fn();
    } catch (const StoreException &e) {
        return e.error();
    } catch (const std::bad_alloc &) {
        return makeError(ErrorCode::IoError, "out of memory", path);
    } catch (const std::exception &e) {
        return makeError(ErrorCode::Internal, e.what(), path);
    }
}

std::int64_t nowSeconds()
{
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

void writeScenario(SqliteStatement &insert, int position, const Scenario &scenario, std::size_t unitCount)
{
    std::string units(unitCount * 4, '\0');
    std::string locks(unitCount, '\0');
    const std::size_t known = std::min(unitCount, scenario.alignment.unitCount());
    for (std::size_t u = 0; u < known; ++u) {
        const UnitId unit(static_cast<std::int32_t>(u));
        const std::int32_t territory = scenario.alignment.territoryOf(unit).value();
        std::memcpy(units.data() + u * 4, &territory, 4);
        locks[u] = scenario.alignment.isLocked(unit) ? 1 : 0;
    }
    for (std::size_t u = known; u < unitCount; ++u) {
        const std::int32_t none = -1;
        std::memcpy(units.data() + u * 4, &none, 4);
    }
    insert.bind(1, position);
    insert.bind(2, std::int64_t(scenario.id));
    insert.bind(3, scenario.name);
    insert.bind(4, scenario.notes);
    insert.bind(5, scenario.createdAt);
    insert.bind(6, scenario.modifiedAt);
    if (scenario.baseline)
        insert.bind(7, std::int64_t(*scenario.baseline));
    else
        insert.bindNull(7);
    insert.bind(8, scenario.isBaseline ? 1 : 0);
    insert.bind(9, scenario.parametersJson);
    insert.bind(10, scenario.transformsJson);
    insert.bind(11, scenariocodec::territoriesJson(scenario));
    insert.bind(12, scenariocodec::overridesJson(scenario));
    insert.bindBlob(13, units.data(), units.size());
    insert.bindBlob(14, locks.data(), locks.size());
    insert.run();
}

Scenario readScenario(const SqliteStatement &row, std::size_t unitCount, const std::string &path)
{
    const std::string label = "scenario " + std::to_string(row.int64(0) + 1) + " of the recovery record";
    Scenario scenario;
    scenario.id = row.int64(1);
    scenario.name = row.text(2);
    scenario.notes = row.text(3);
    scenario.createdAt = row.int64(4);
    scenario.modifiedAt = row.int64(5);
    if (!row.isNull(6))
        scenario.baseline = row.int64(6);
    scenario.isBaseline = row.int64(7) != 0;
    scenario.parametersJson = row.text(8);
    scenario.transformsJson = row.text(9);
    scenario.alignment = Alignment(unitCount);
    if (scenario.name.empty() || !scenariocodec::readTerritories(row.text(10), scenario)
        || !scenariocodec::readOverrides(row.text(11), scenario))
        fail(ErrorCode::InvalidInput, label + " has a malformed name, territory list or account override", path);
    const std::string_view units = row.blob(12);
    const std::string_view locks = row.blob(13);
    if (units.size() != unitCount * 4 || locks.size() != unitCount)
        fail(ErrorCode::InvalidInput, label + " does not have one entry per unit", path);
    const auto territoryCount = static_cast<std::int32_t>(scenario.territories.size());
    for (std::size_t u = 0; u < unitCount; ++u) {
        std::int32_t territory = 0;
        std::memcpy(&territory, units.data() + u * 4, 4);
        if (territory >= territoryCount)
            fail(ErrorCode::InvalidInput,
                 label + " assigns unit " + std::to_string(u) + " to the missing territory " + std::to_string(territory),
                 path);
        const UnitId unit(static_cast<std::int32_t>(u));
        scenario.alignment.assign(unit, TerritoryId(territory < 0 ? -1 : territory));
        scenario.alignment.setLocked(unit, locks[u] != 0);
    }
    return scenario;
}

/// The roster as JSON: ids are positions, so they are not written.
std::string repsJson(const std::vector<Rep> &reps)
{
    Json out = Json::array();
    for (const Rep &rep : reps) {
        // JSON has no NaN: a rep without a home is written with null coordinates.
        const auto coordinate = [](double v) { return std::isfinite(v) ? Json(v) : Json(nullptr); };
        out.push_back({{"key", rep.key},
                       {"name", rep.name},
                       {"lon", coordinate(rep.home.lon)},
                       {"lat", coordinate(rep.home.lat)},
                       {"capacity_hours", rep.capacityHours},
                       {"skills", rep.skills}});
    }
    return out.dump();
}

std::vector<Rep> readReps(const std::string &text, const std::string &path)
{
    const auto malformed = [&](std::size_t index) {
        fail(ErrorCode::InvalidInput, "rep " + std::to_string(index + 1) + " of the recovery record is malformed", path);
    };
    const Json in = Json::parse(text, nullptr, false);
    if (!in.is_array())
        fail(ErrorCode::InvalidInput, "the recovery record's rep list is malformed", path);
    std::vector<Rep> reps;
    for (std::size_t i = 0; i < in.size(); ++i) {
        const Json &item = in[i];
        if (!item.is_object())
            malformed(i);
        const auto coordinate = [&](const char *field, double limit) {
            const Json &value = item.contains(field) ? item[field] : Json(nullptr);
            if (value.is_null())
                return std::numeric_limits<double>::quiet_NaN();
            if (!value.is_number() || !std::isfinite(value.get<double>()) || std::abs(value.get<double>()) > limit)
                malformed(i);
            return value.get<double>();
        };
        Rep rep;
        rep.id = RepId(static_cast<std::int32_t>(i));
        const Json key = item.value("key", Json()), name = item.value("name", Json()),
                   capacity = item.value("capacity_hours", Json(0.0)), skills = item.value("skills", Json::array());
        if (!key.is_string() || !name.is_string() || !capacity.is_number() || !skills.is_array())
            malformed(i);
        rep.key = key.get<std::string>();
        rep.name = name.get<std::string>();
        rep.home = LonLat{coordinate("lon", 180.0), coordinate("lat", 90.0)};
        rep.capacityHours = capacity.get<double>();
        if (!std::isfinite(rep.capacityHours) || rep.capacityHours < 0.0)
            malformed(i);
        for (const Json &skill : skills) {
            if (!skill.is_string())
                malformed(i);
            rep.skills.push_back(skill.get<std::string>());
        }
        reps.push_back(std::move(rep));
    }
    return reps;
}

/// \a base, else "base 2", "base 3"... whichever no name in \a taken has.
std::string uniqueName(const std::string &base, const std::set<std::string> &taken)
{
    std::string name = base;
    for (int n = 2; taken.count(name); ++n)
        name = base + " " + std::to_string(n);
    return name;
}

} // namespace

std::string pathFor(const std::string &projectPath)
{
    return projectPath + "-recovery";
}

bool exists(const std::string &projectPath)
{
    std::error_code error;
    return std::filesystem::exists(pathFor(projectPath), error);
}

Result<void> write(const std::string &projectPath, const RecoveryState &state, std::size_t unitCount)
{
    const std::string path = pathFor(projectPath);
    return guarded(path, [&]() -> Result<void> {
        if (state.scenarios.empty())
            fail(ErrorCode::InvalidArgument, "a recovery record needs at least one scenario", path);
        Connection connection(path, true);
        sqlite3 *db = connection.db();
        // Rollback journal, synced: the record is a single file between
        // writes, and a write cut short by a crash rolls back on next open.
        execSql(db, "PRAGMA journal_mode = DELETE; PRAGMA synchronous = FULL", path);
        if (queryInt(db, "PRAGMA application_id", path) != ApplicationId) {
            if (queryInt(db, "SELECT count(*) FROM sqlite_schema", path) != 0)
                fail(ErrorCode::InvalidInput, "is not a Tessera recovery record; move it away to keep autosaving",
                     path);
            execSql(db, ("PRAGMA application_id = " + std::to_string(ApplicationId)
                         + "; PRAGMA user_version = " + std::to_string(FormatVersion))
                            .c_str(),
                    path);
        }
        SqliteTransaction transaction(db, SqliteTransaction::Kind::Write, path);
        execSql(db, SchemaSql, path);
        execSql(db, "DELETE FROM scenarios; DELETE FROM record; DELETE FROM project", path);
        Json deleted = Json::array();
        for (ScenarioId id : state.deletedScenarios)
            deleted.push_back(id);
        SqliteStatement header(db,
                               "INSERT INTO record (id, written_at, unit_count, edited, deleted, summary, pid) "
                               "VALUES (1, ?, ?, ?, ?, ?, ?)",
                               path);
        header.bind(1, nowSeconds());
        header.bind(2, std::int64_t(unitCount));
        header.bind(3, state.editedIndex);
        header.bind(4, deleted.dump());
        header.bind(5, state.summary);
        header.bind(6, std::int64_t(::getpid()));
        header.run();
        SqliteStatement insert(db,
                               "INSERT INTO scenarios (position, id, name, notes, created_at, modified_at, baseline, "
                               "is_baseline, parameters, transforms, territories, overrides, units, locks) "
                               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                               path);
        for (std::size_t i = 0; i < state.scenarios.size(); ++i)
            writeScenario(insert, static_cast<int>(i), state.scenarios[i], unitCount);
        if (state.reps || state.settingsJson) {
            SqliteStatement parts(db, "INSERT INTO project (id, reps, settings) VALUES (1, ?, ?)", path);
            if (state.reps)
                parts.bind(1, repsJson(*state.reps));
            else
                parts.bindNull(1);
            if (state.settingsJson)
                parts.bind(2, *state.settingsJson);
            else
                parts.bindNull(2);
            parts.run();
        }
        transaction.commit();
        return {};
    });
}

Result<RecoveryState> read(const std::string &projectPath, std::size_t unitCount)
{
    const std::string path = pathFor(projectPath);
    return guarded(path, [&]() -> Result<RecoveryState> {
        if (!exists(projectPath))
            fail(ErrorCode::NotFound, "no recovery record", path);
        // Opened read-write: a write cut short by a crash left a hot journal
        // that only a writable connection rolls back.
        Connection connection(path, true);
        sqlite3 *db = connection.db();
        if (queryInt(db, "PRAGMA application_id", path) != ApplicationId)
            fail(ErrorCode::InvalidInput, "is not a Tessera recovery record", path);
        if (queryInt(db, "PRAGMA user_version", path) > FormatVersion)
            fail(ErrorCode::NewerSchema, "was written by a newer Tessera", path);
        SqliteTransaction snapshot(db, SqliteTransaction::Kind::Read, path);
        SqliteStatement header(db, "SELECT written_at, unit_count, edited, deleted, summary FROM record WHERE id = 1",
                               path);
        if (!header.step())
            fail(ErrorCode::InvalidInput, "the recovery record is empty", path);
        if (header.int64(1) != static_cast<std::int64_t>(unitCount))
            fail(ErrorCode::InvalidInput,
                 "the recovery record was written for " + std::to_string(header.int64(1))
                     + " units but the project has " + std::to_string(unitCount),
                 path);
        RecoveryState state;
        state.writtenAt = header.int64(0);
        state.editedIndex = static_cast<int>(header.int64(2));
        state.summary = header.text(4);
        const Json deleted = Json::parse(header.text(3), nullptr, false);
        if (!deleted.is_array())
            fail(ErrorCode::InvalidInput, "the recovery record's list of deleted scenarios is malformed", path);
        for (const Json &id : deleted) {
            if (!id.is_number_integer())
                fail(ErrorCode::InvalidInput, "the recovery record's list of deleted scenarios is malformed", path);
            state.deletedScenarios.push_back(id.get<ScenarioId>());
        }
        SqliteStatement rows(db,
                             "SELECT position, id, name, notes, created_at, modified_at, baseline, is_baseline, "
                             "parameters, transforms, territories, overrides, units, locks FROM scenarios "
                             "ORDER BY position",
                             path);
        while (rows.step())
            state.scenarios.push_back(readScenario(rows, unitCount, path));
        if (state.scenarios.empty())
            fail(ErrorCode::InvalidInput, "the recovery record holds no scenario", path);
        if (state.editedIndex < 0 || state.editedIndex >= static_cast<int>(state.scenarios.size()))
            state.editedIndex = 0;
        // Records written before the roster and settings were kept have no such table.
        if (queryInt(db, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'project'", path) != 0) {
            SqliteStatement parts(db, "SELECT reps, settings FROM project WHERE id = 1", path);
            if (parts.step()) {
                if (!parts.isNull(0))
                    state.reps = readReps(std::string(parts.text(0)), path);
                if (!parts.isNull(1))
                    state.settingsJson = std::string(parts.text(1));
            }
        }
        snapshot.commit();
        return state;
    });
}

Result<void> remove(const std::string &projectPath)
{
    const std::string path = pathFor(projectPath);
    std::error_code error;
    std::filesystem::remove(path + "-journal", error);
    if (!std::filesystem::remove(path, error) && error)
        return makeError(ErrorCode::IoError, "cannot delete the recovery record: " + error.message(), path);
    return {};
}

std::vector<Scenario> merge(const std::vector<Scenario> &saved, const RecoveryState &state, int &editedIndex)
{
    std::set<std::string> taken;
    for (const Scenario &s : saved)
        taken.insert(s.name);
    std::vector<char> used(saved.size(), 0);
    std::vector<Scenario> result;
    editedIndex = 0;
    for (std::size_t r = 0; r < state.scenarios.size(); ++r) {
        Scenario recovered = state.scenarios[r];
        const auto match = std::find_if(saved.begin(), saved.end(),
                                        [&](const Scenario &s) { return recovered.id != 0 && s.id == recovered.id; });
        if (match != saved.end()) {
            const auto index = static_cast<std::size_t>(match - saved.begin());
            used[index] = 1;
            if (match->modifiedAt != recovered.modifiedAt) {
                // Saved again after the edits began: keep that save, add the edits beside it.
                result.push_back(*match);
                recovered.id = 0;
                recovered.isBaseline = false;
                recovered.name = uniqueName(recovered.name + " (recovered)", taken);
            } else {
                taken.erase(match->name);
            }
        } else if (recovered.id != 0) {
            // Deleted from the file since: bring the edits back as a new scenario.
            recovered.id = 0;
            recovered.name = uniqueName(recovered.name + " (recovered)", taken);
        } else {
            recovered.name = uniqueName(recovered.name, taken);
        }
        taken.insert(recovered.name);
        if (static_cast<int>(r) == state.editedIndex)
            editedIndex = static_cast<int>(result.size());
        result.push_back(std::move(recovered));
    }
    for (std::size_t s = 0; s < saved.size(); ++s) {
        const bool deleted = std::find(state.deletedScenarios.begin(), state.deletedScenarios.end(), saved[s].id)
                             != state.deletedScenarios.end();
        if (!used[s] && !deleted)
            result.push_back(saved[s]);
    }
    // The recovered roster replaces the file's: a rep it does not have leaves a vacancy.
    if (state.reps)
        for (Scenario &scenario : result)
            for (Territory &territory : scenario.territories)
                if (territory.rep.isValid() && static_cast<std::size_t>(territory.rep.value()) >= state.reps->size())
                    territory.rep = RepId();
    // A project has at most one baseline: the first flagged one keeps it.
    bool baseline = false;
    for (Scenario &scenario : result) {
        scenario.isBaseline = scenario.isBaseline && !baseline;
        baseline = baseline || scenario.isBaseline;
    }
    return result;
}

} // namespace tessera::recoveryrecord
