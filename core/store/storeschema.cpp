#include "core/store/storeschema.h"

#include "core/store/projectstore.h"
#include "core/store/sqlitestatement.h"

#include <set>
#include <utility>

namespace tessera::storeschema {

namespace {

// Schema version 3 (version 1 lacked the baseline flag, the what-if
// transforms and scenario_history, version 2 the KPI snapshots and the skills
// accounts require; migrate() adds them). Ids of units, accounts, reps and territories are the dense
// indices of the in-memory model; numeric attributes are stored generically as
// one little-endian f64 array per row, whose column names live in
// attribute_columns; geometry is the blob described in geometryblob.h.
// SQLite stores a NaN as NULL, so the REAL columns allow NULL and read it back
// as NaN (a centroid of an empty shape, a missing coordinate).
constexpr const char *SchemaSql = R"sql(
CREATE TABLE settings (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    json TEXT NOT NULL
);
CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE attribute_columns (
    layer TEXT NOT NULL CHECK (layer IN ('unit', 'account')),
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    PRIMARY KEY (layer, position),
    UNIQUE (layer, name)
) WITHOUT ROWID;
CREATE TABLE units (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    geometry BLOB,
    centroid_lon REAL,
    centroid_lat REAL,
    area_km2 REAL,
    min_lon REAL, min_lat REAL, max_lon REAL, max_lat REAL,
    attributes BLOB
);
CREATE TABLE adjacency (
    a INTEGER NOT NULL REFERENCES units (id),
    b INTEGER NOT NULL REFERENCES units (id),
    shared_km REAL,
    PRIMARY KEY (a, b),
    CHECK (a < b)
) WITHOUT ROWID;
CREATE TABLE accounts (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL,
    name TEXT NOT NULL,
    lon REAL,
    lat REAL,
    unit INTEGER REFERENCES units (id),
    segment TEXT NOT NULL,
    attributes BLOB
);
CREATE TABLE reps (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL,
    name TEXT NOT NULL,
    lon REAL,
    lat REAL,
    capacity_hours REAL
);
CREATE TABLE rep_skills (
    rep INTEGER NOT NULL REFERENCES reps (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    skill TEXT NOT NULL,
    PRIMARY KEY (rep, position)
) WITHOUT ROWID;
CREATE TABLE account_requirements (
    account INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    skill TEXT NOT NULL,
    PRIMARY KEY (account, position)
) WITHOUT ROWID;
CREATE TABLE scenarios (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    parameters TEXT NOT NULL,
    notes TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    modified_at INTEGER NOT NULL,
    baseline INTEGER REFERENCES scenarios (id) ON DELETE SET NULL,
    is_baseline INTEGER NOT NULL DEFAULT 0,
    transforms TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX scenarios_baseline ON scenarios (baseline);
CREATE TABLE territories (
    scenario INTEGER NOT NULL REFERENCES scenarios (id) ON DELETE CASCADE,
    id INTEGER NOT NULL,
    name TEXT NOT NULL,
    color INTEGER NOT NULL,
    rep INTEGER REFERENCES reps (id),
    PRIMARY KEY (scenario, id)
) WITHOUT ROWID;
CREATE TABLE alignment (
    scenario INTEGER NOT NULL REFERENCES scenarios (id) ON DELETE CASCADE,
    unit INTEGER NOT NULL REFERENCES units (id),
    territory INTEGER,
    locked INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (scenario, unit),
    FOREIGN KEY (scenario, territory) REFERENCES territories (scenario, id) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX alignment_territory ON alignment (scenario, territory);
CREATE TABLE account_overrides (
    scenario INTEGER NOT NULL REFERENCES scenarios (id) ON DELETE CASCADE,
    account INTEGER NOT NULL REFERENCES accounts (id),
    territory INTEGER NOT NULL,
    PRIMARY KEY (scenario, account),
    FOREIGN KEY (scenario, territory) REFERENCES territories (scenario, id) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX account_overrides_territory ON account_overrides (scenario, territory);
INSERT INTO settings (id, json) VALUES (1, '{}');
)sql";

// What version 2 added to version 1. scenario_history keeps one row per saved
// change of a scenario: a full state (full = 1) or the units that changed
// since the previous row; see ScenarioHistoryWriter.
constexpr const char *HistorySql = R"sql(
CREATE TABLE scenario_history (
    id INTEGER PRIMARY KEY,
    scenario INTEGER NOT NULL REFERENCES scenarios (id) ON DELETE CASCADE,
    at INTEGER NOT NULL,
    summary TEXT NOT NULL,
    full INTEGER NOT NULL,
    territories TEXT NOT NULL,
    overrides TEXT NOT NULL,
    parameters TEXT NOT NULL,
    units BLOB NOT NULL
);
CREATE INDEX scenario_history_scenario ON scenario_history (scenario, id);
)sql";

// What version 3 added: account KPI snapshots by date (see KpiSnapshotTable).
// kpi_values.kpis holds one little-endian f64 per name in kpi_snapshots.columns.
constexpr const char *KpiSql = R"sql(
CREATE TABLE kpi_snapshots (
    date TEXT PRIMARY KEY,
    imported_at INTEGER NOT NULL,
    source TEXT NOT NULL,
    columns TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE kpi_values (
    date TEXT NOT NULL REFERENCES kpi_snapshots (date) ON DELETE CASCADE,
    account INTEGER NOT NULL REFERENCES accounts (id),
    kpis BLOB NOT NULL,
    PRIMARY KEY (date, account)
) WITHOUT ROWID;
)sql";

constexpr const char *MigrateFrom1Sql = R"sql(
ALTER TABLE scenarios ADD COLUMN is_baseline INTEGER NOT NULL DEFAULT 0;
ALTER TABLE scenarios ADD COLUMN transforms TEXT NOT NULL DEFAULT '[]';
)sql";

constexpr const char *MigrateFrom2Sql = R"sql(
CREATE TABLE account_requirements (
    account INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    skill TEXT NOT NULL,
    PRIMARY KEY (account, position)
) WITHOUT ROWID;
)sql";

void stampVersion(sqlite3 *db, const std::string &path)
{
    const std::string pragma = "PRAGMA user_version = " + std::to_string(ProjectStore::SchemaVersion);
    execSql(db, pragma.c_str(), path);
}

using SchemaObject = std::pair<std::string, std::string>; // type, name

std::set<SchemaObject> schemaObjects(sqlite3 *db, const std::string &path)
{
    std::set<SchemaObject> objects;
    SqliteStatement query(db, "SELECT type, name FROM sqlite_schema", path);
    while (query.step())
        objects.emplace(query.text(0), query.text(1));
    return objects;
}

/// What create() makes, read back from a scratch in-memory database once.
const std::set<SchemaObject> &expectedObjects()
{
    static const std::set<SchemaObject> objects = [] {
        sqlite3 *db = nullptr;
        sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
        std::set<SchemaObject> result;
        try {
            execSql(db, SchemaSql, ":memory:");
            execSql(db, HistorySql, ":memory:");
            execSql(db, KpiSql, ":memory:");
            result = schemaObjects(db, ":memory:");
        } catch (...) {
            sqlite3_close_v2(db);
            throw;
        }
        sqlite3_close_v2(db);
        return result;
    }();
    return objects;
}

} // namespace

void checkObjects(sqlite3 *db, const std::string &path)
{
    const std::set<SchemaObject> &expected = expectedObjects();
    for (const auto &[type, name] : schemaObjects(db, path)) {
        // SQLite's own bookkeeping (ANALYZE statistics, AUTOINCREMENT counters).
        if ((type == "table" || type == "index") && name.rfind("sqlite_", 0) == 0)
            continue;
        if (expected.count({type, name}))
            continue;
        throw StoreException(makeError(
            ErrorCode::NotAProject,
            "holds a " + type + " named '" + name
                + "' that Tessera does not create; a project file must not carry code or extra tables, "
                  "so it was not opened (remove it with sqlite3 if you trust the file's source)",
            path));
    }
}

void create(sqlite3 *db, const std::string &path)
{
    execSql(db, SchemaSql, path);
    execSql(db, HistorySql, path);
    execSql(db, KpiSql, path);
    const std::string pragmas = "PRAGMA application_id = " + std::to_string(ProjectStore::ApplicationId)
                                + "; PRAGMA user_version = " + std::to_string(ProjectStore::SchemaVersion) + ";";
    execSql(db, pragmas.c_str(), path);
    SqliteStatement meta(db, "INSERT INTO meta (key, value) VALUES (?, ?)", path);
    meta.bind(1, std::string_view("created_by"));
    meta.bind(2, std::string_view("Tessera"));
    meta.run();
}

void migrate(sqlite3 *db, const std::string &path, int fromVersion)
{
    if (fromVersion >= ProjectStore::SchemaVersion)
        return;
    if (fromVersion == 1) {
        execSql(db, MigrateFrom1Sql, path);
        execSql(db, HistorySql, path);
    }
    if (fromVersion <= 2)
        execSql(db, KpiSql, path);
    if (fromVersion <= 2)
        execSql(db, MigrateFrom2Sql, path);
    stampVersion(db, path);
}

} // namespace tessera::storeschema
