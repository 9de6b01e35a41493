#include "core/store/projectstore.h"

#include "core/store/kpisnapshottable.h"
#include "core/store/projectlock.h"
#include "core/store/projectreader.h"
#include "core/store/projectwriter.h"
#include "core/store/scenariohistory.h"
#include "core/store/scenariowriter.h"
#include "core/store/sqlitestatement.h"
#include "core/store/storeschema.h"

#include <sqlite3.h>

#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace tessera {

namespace {

/// How long a statement waits for another connection's short lock (a reader
/// finishing a checkpoint, a writer committing) before reporting Locked.
constexpr int BusyTimeoutMs = 1000;

[[noreturn]] void fail(ErrorCode code, const std::string &message, const std::string &path)
{
    throw StoreException(makeError(code, message, path));
}

std::string folderOf(const std::string &path)
{
    const std::filesystem::path parent = std::filesystem::path(path).parent_path();
    return parent.empty() ? std::string(".") : parent.string();
}

/// True when \a path may be written. Permission bits are honoured even for
/// root, so a file marked read-only (chmod 444) is treated as read-only.
bool isWritable(const std::string &path, const struct stat &st)
{
    return ::access(path.c_str(), W_OK) == 0 && (st.st_mode & (S_IWUSR | S_IWGRP | S_IWOTH)) != 0;
}

std::string percentEncoded(const std::string &path)
{
    static const char *hex = "0123456789ABCDEF";
    std::string out;
    for (const unsigned char c : path) {
        if (std::isalnum(c) || c == '/' || c == '.' || c == '-' || c == '_' || c == '~') {
            out.push_back(static_cast<char>(c));
        } else {
            out.push_back('%');
            out.push_back(hex[c >> 4]);
            out.push_back(hex[c & 15]);
        }
    }
    return out;
}

/// Closes \a db and releases \a lock unless they were handed over.
struct OpenGuard {
    sqlite3 *db = nullptr;
    std::unique_ptr<ProjectLock> lock;
    ~OpenGuard()
    {
        if (db)
            sqlite3_close_v2(db);
    }
};

sqlite3 *openConnection(const std::string &target, int flags, const std::string &path)
{
    sqlite3 *db = nullptr;
    const int rc = sqlite3_open_v2(target.c_str(), &db, flags | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        const std::string message = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
        sqlite3_close_v2(db);
        fail(errorCodeForSqlite(rc) == ErrorCode::NotFound ? ErrorCode::IoError : errorCodeForSqlite(rc),
             "cannot open the project (" + message + ")", path);
    }
    sqlite3_extended_result_codes(db, 1);
    sqlite3_busy_timeout(db, BusyTimeoutMs);
    // Project files are untrusted input: no SQL function with side effects
    // may run from the schema, nothing may corrupt the file through direct
    // page writes, and no trigger or view planted in a received file runs.
    sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr);
    sqlite3_db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, nullptr);
    sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, nullptr);
    sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_VIEW, 0, nullptr);
    // Reading through a memory map saves a copy per page when loading a
    // national project; SQLite falls back to read() where mapping fails.
    sqlite3_exec(db, "PRAGMA mmap_size = 1073741824", nullptr, nullptr, nullptr);
    return db;
}

enum class FileState { Missing, Empty, SqliteFile };

/// Looks at the file before SQLite does: missing, empty or an SQLite file.
FileState inspectFile(const std::string &path, struct stat &st)
{
    if (::stat(path.c_str(), &st) != 0) {
        if (errno == ENOENT)
            return FileState::Missing;
        fail(ErrorCode::IoError, std::string("cannot read the project: ") + std::strerror(errno), path);
    }
    if (S_ISDIR(st.st_mode))
        fail(ErrorCode::NotAProject, "is a folder, not a Tessera project", path);
    if (st.st_size == 0)
        return FileState::Empty;
    std::ifstream in(path, std::ios::binary);
    if (!in)
        fail(ErrorCode::ReadOnly, "cannot read the project: permission denied", path);
    char header[16] = {};
    in.read(header, sizeof(header));
    if (in.gcount() != sizeof(header) || std::memcmp(header, "SQLite format 3", 16) != 0)
        fail(ErrorCode::NotAProject, "is not a Tessera project (not a SQLite database)", path);
    return FileState::SqliteFile;
}

/// Checks application_id and user_version of an open database.
void checkProjectIdentity(sqlite3 *db, const std::string &path)
{
    const std::int64_t applicationId = queryInt(db, "PRAGMA application_id", path);
    if (applicationId != ProjectStore::ApplicationId)
        fail(ErrorCode::NotAProject, "is a SQLite database but not a Tessera project", path);
    const std::int64_t version = queryInt(db, "PRAGMA user_version", path);
    if (version > ProjectStore::SchemaVersion)
        fail(ErrorCode::NewerSchema,
             "was saved by a newer Tessera (project format " + std::to_string(version) + ", this version reads up to "
                 + std::to_string(ProjectStore::SchemaVersion) + "); update Tessera to open it",
             path);
    if (version < 1)
        fail(ErrorCode::NotAProject, "has no Tessera schema version; the project file is damaged", path);
    storeschema::checkObjects(db, path);
}

/// True when the database has no table at all (a brand-new file).
bool isBlankDatabase(sqlite3 *db, const std::string &path)
{
    return queryInt(db, "SELECT count(*) FROM sqlite_schema", path) == 0
           && queryInt(db, "PRAGMA application_id", path) == 0;
}

void configureWriter(sqlite3 *db, const std::string &path)
{
    execSql(db, "PRAGMA foreign_keys = ON", path);
    SqliteStatement journal(db, "PRAGMA journal_mode = WAL", path);
    if (!journal.step() || journal.text(0) != "wal")
        fail(ErrorCode::IoError, "cannot switch the project to write-ahead logging", path);
    execSql(db, "PRAGMA synchronous = FULL", path);
}

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

/// Re-enables foreign keys after a full rewrite, whatever happens.
/// Also gives the rewrite a bigger page cache, so fewer pages spill to the
/// write-ahead log and are read back before the commit.
struct ForeignKeysOffGuard {
    sqlite3 *db;
    explicit ForeignKeysOffGuard(sqlite3 *d) : db(d)
    {
        sqlite3_exec(db, "PRAGMA foreign_keys = OFF; PRAGMA cache_size = -32768", nullptr, nullptr, nullptr);
    }
    ~ForeignKeysOffGuard()
    {
        sqlite3_exec(db, "PRAGMA foreign_keys = ON; PRAGMA cache_size = -2000", nullptr, nullptr, nullptr);
    }
};

std::int64_t nowSeconds()
{
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

} // namespace

ProjectStore::ProjectStore(std::string path, sqlite3 *db, bool readOnly, std::unique_ptr<ProjectLock> lock)
    : mPath(std::move(path)), mDb(db), mReadOnly(readOnly), mLock(std::move(lock))
{
}

ProjectStore::~ProjectStore()
{
    // Close the connection (checkpointing the log) before giving up the lock.
    sqlite3_close_v2(mDb);
    mLock.reset();
}

Result<std::unique_ptr<ProjectStore>> ProjectStore::open(const std::string &path, OpenMode mode)
{
    return guarded(path, [&]() -> Result<std::unique_ptr<ProjectStore>> {
        if (path.empty())
            fail(ErrorCode::InvalidArgument, "no project file name given", path);
        struct stat st {};
        const FileState state = inspectFile(path, st);
        const std::string folder = folderOf(path);

        if (state == FileState::Missing && mode != OpenMode::Create)
            fail(ErrorCode::NotFound, "no such project file", path);
        if (state == FileState::Empty && mode != OpenMode::Create)
            fail(ErrorCode::NotAProject, "is an empty file, not a Tessera project", path);

        OpenGuard guard;
        if (mode == OpenMode::ReadOnly) {
            // A read-only connection still needs the -shm file of a WAL
            // database; where it cannot be created, read the file as immutable.
            try {
                guard.db = openConnection(path, SQLITE_OPEN_READONLY, path);
                checkProjectIdentity(guard.db, path);
            } catch (const StoreException &e) {
                // Immutable mode ignores the write-ahead log: only safe when
                // the log holds nothing, and only for "cannot open" failures.
                const ErrorCode code = e.error().code;
                struct stat wal {};
                const bool walHoldsData = ::stat((path + "-wal").c_str(), &wal) == 0 && wal.st_size > 0;
                if ((code != ErrorCode::ReadOnly && code != ErrorCode::IoError && code != ErrorCode::NotFound)
                    || walHoldsData)
                    throw;
                sqlite3_close_v2(guard.db);
                guard.db = nullptr;
                guard.db = openConnection("file:" + percentEncoded(path) + "?immutable=1",
                                          SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, path);
                checkProjectIdentity(guard.db, path);
            }
            execSql(guard.db, "PRAGMA query_only = ON; PRAGMA foreign_keys = ON", path);
            auto store = std::unique_ptr<ProjectStore>(new ProjectStore(path, guard.db, true, nullptr));
            guard.db = nullptr;
            return store;
        }

        // ReadWrite and Create: the file and its folder must be writable
        // (WAL keeps its -wal and -shm files next to the project).
        struct stat folderStat {};
        if (::stat(folder.c_str(), &folderStat) != 0)
            fail(ErrorCode::NotFound, "the folder " + folder + " does not exist", path);
        if (state != FileState::Missing && !isWritable(path, st))
            fail(ErrorCode::ReadOnly, "the project file is read-only; open it read-only or change its permissions",
                 path);
        if (!isWritable(folder, folderStat))
            fail(ErrorCode::ReadOnly, "the folder " + folder + " is read-only; a project needs to write next to its file",
                 path);

        guard.lock = ProjectLock::acquire(path);
        guard.db = openConnection(path, SQLITE_OPEN_READWRITE | (mode == OpenMode::Create ? SQLITE_OPEN_CREATE : 0),
                                  path);
        if (state == FileState::SqliteFile && !isBlankDatabase(guard.db, path)) {
            checkProjectIdentity(guard.db, path);
            configureWriter(guard.db, path);
            // An older project is upgraded by its first write (upgradeSchema()),
            // so a command that fails before writing leaves the file as it was.
        } else {
            execSql(guard.db, "PRAGMA page_size = 8192", path);
            configureWriter(guard.db, path);
            SqliteTransaction transaction(guard.db, SqliteTransaction::Kind::Write, path);
            storeschema::create(guard.db, path);
            transaction.commit();
        }
        // A program writing with plain SQLite (no lock file) shows up here.
        {
            SqliteTransaction probe(guard.db, SqliteTransaction::Kind::Write, path);
            probe.commit();
        }
        auto store = std::unique_ptr<ProjectStore>(new ProjectStore(path, guard.db, false, std::move(guard.lock)));
        guard.db = nullptr;
        return store;
    });
}

void ProjectStore::upgradeSchema()
{
    // Inside the caller's write transaction: the upgrade and the first change
    // it makes to an older project commit together, or not at all.
    const auto version = static_cast<int>(queryInt(mDb, "PRAGMA user_version", mPath));
    if (version < SchemaVersion)
        storeschema::migrate(mDb, mPath, version);
}

Result<Project> ProjectStore::load(Feedback *feedback) const
{
    return load(LoadOptions(), feedback);
}

Result<Project> ProjectStore::load(const LoadOptions &options, Feedback *feedback) const
{
    return guarded(mPath, [&]() -> Result<Project> {
        SqliteTransaction snapshot(mDb, SqliteTransaction::Kind::Read, mPath);
        ProjectReader reader(mDb, mPath);
        Project project = reader.load(options, feedback);
        snapshot.commit();
        return project;
    });
}

Result<void> ProjectStore::save(const Project &project, Feedback *feedback)
{
    return saveImpl(project, nullptr, feedback);
}

Result<void> ProjectStore::save(Project &project, Feedback *feedback)
{
    std::vector<ScenarioId> ids;
    Result<void> result = saveImpl(project, &ids, feedback);
    if (result.isOk())
        for (std::size_t i = 0; i < ids.size() && i < project.scenarios().size(); ++i)
            project.scenarios()[i].id = ids[i];
    return result;
}

Result<void> ProjectStore::saveImpl(const Project &project, std::vector<ScenarioId> *assignedIds, Feedback *feedback)
{
    if (mReadOnly)
        return makeError(ErrorCode::ReadOnly, "the project is open read-only", mPath);
    return guarded(mPath, [&]() -> Result<void> {
        ProjectWriter writer(mDb, mPath);
        writer.validate(project);
        std::vector<ScenarioId> ids;
        {
            // A full rewrite deletes parents before children and bulk-inserts
            // a million rows: foreign keys are checked once at the end
            // instead of row by row.
            ForeignKeysOffGuard foreignKeysOff(mDb);
            SqliteTransaction transaction(mDb, SqliteTransaction::Kind::Write, mPath);
            upgradeSchema();
            writer.writeProject(project, ids, feedback);
            // validate() already checked every account's unit; the check
            // below covers the other references without rereading a million
            // account rows.
            for (const char *table : {"account_requirements", "adjacency", "rep_skills", "scenarios", "territories", "alignment",
                                      "account_overrides", "scenario_history"}) {
                SqliteStatement check(mDb, std::string("PRAGMA foreign_key_check(") + table + ")", mPath);
                if (check.step())
                    fail(ErrorCode::InvalidArgument,
                         "a row of table " + std::string(check.text(0)) + " refers to a missing row of "
                             + std::string(check.text(2)) + "; nothing was saved",
                         mPath);
            }
            reportProgress(feedback, 0.99, "Committing");
            if (isCancelled(feedback))
                fail(ErrorCode::Cancelled, "saving was cancelled; the file is unchanged", mPath);
            transaction.commit();
        }
        // Fold the write-ahead log back into the file so the next open reads
        // one compact file; harmless when a reader keeps it from finishing.
        sqlite3_wal_checkpoint_v2(mDb, nullptr, SQLITE_CHECKPOINT_TRUNCATE, nullptr, nullptr);
        reportProgress(feedback, 1.0, "Saved");
        if (assignedIds)
            *assignedIds = std::move(ids);
        return {};
    });
}

Result<void> ProjectStore::saveScenario(Scenario &scenario, const std::string &summary)
{
    if (mReadOnly)
        return makeError(ErrorCode::ReadOnly, "the project is open read-only", mPath);
    return guarded(mPath, [&]() -> Result<void> {
        Scenario stamped = scenario;
        stamped.modifiedAt = nowSeconds();
        if (stamped.createdAt == 0)
            stamped.createdAt = stamped.modifiedAt;
        SqliteTransaction transaction(mDb, SqliteTransaction::Kind::Write, mPath);
        upgradeSchema();
        const ScenarioId id = ScenarioWriter(mDb, mPath).save(stamped, summary, stamped.modifiedAt);
        transaction.commit();
        scenario.id = id;
        scenario.createdAt = stamped.createdAt;
        scenario.modifiedAt = stamped.modifiedAt;
        return {};
    });
}

Result<void> ProjectStore::saveRoster(const std::vector<Rep> &reps, std::vector<Scenario> &scenarios,
                                      const std::vector<std::string> &summaries)
{
    if (mReadOnly)
        return makeError(ErrorCode::ReadOnly, "the project is open read-only", mPath);
    return guarded(mPath, [&]() -> Result<void> {
        const std::int64_t now = nowSeconds();
        std::vector<Scenario> stamped = scenarios;
        SqliteTransaction transaction(mDb, SqliteTransaction::Kind::Write, mPath);
        upgradeSchema();
        ScenarioWriter writer(mDb, mPath);
        // Read what the file holds before the roster changes: its territories name the old rep ids.
        std::vector<std::optional<Scenario>> before(stamped.size());
        SqliteStatement stored(mDb, "SELECT count(*) FROM scenarios WHERE id = ?", mPath);
        for (std::size_t i = 0; i < stamped.size(); ++i) {
            Scenario &scenario = stamped[i];
            if (scenario.id == 0)
                continue;
            stored.bind(1, std::int64_t(scenario.id));
            if (stored.step() && stored.int64(0) != 0)
                before[i] = writer.stored(scenario.id);
            else
                scenario.id = 0; // deleted by an earlier save, then brought back by undo
            stored.reset();
        }
        ProjectWriter(mDb, mPath).replaceReps(reps);
        for (std::size_t i = 0; i < stamped.size(); ++i) {
            Scenario &scenario = stamped[i];
            scenario.modifiedAt = now;
            if (scenario.createdAt == 0)
                scenario.createdAt = now;
            const std::string summary = i < summaries.size() ? summaries[i] : std::string();
            scenario.id = before[i] ? writer.saveOver(scenario, *before[i], summary, now)
                                    : writer.save(scenario, summary, now);
        }
        transaction.commit();
        for (std::size_t i = 0; i < stamped.size(); ++i) {
            scenarios[i].id = stamped[i].id;
            scenarios[i].createdAt = stamped[i].createdAt;
            scenarios[i].modifiedAt = stamped[i].modifiedAt;
        }
        return {};
    });
}

Result<ScenarioId> ProjectStore::cloneScenario(ScenarioId from, const std::string &name)
{
    if (mReadOnly)
        return makeError(ErrorCode::ReadOnly, "the project is open read-only", mPath);
    return guarded(mPath, [&]() -> Result<ScenarioId> {
        SqliteTransaction transaction(mDb, SqliteTransaction::Kind::Write, mPath);
        upgradeSchema();
        const ScenarioId id = ScenarioWriter(mDb, mPath).clone(from, name, nowSeconds());
        transaction.commit();
        return id;
    });
}

Result<void> ProjectStore::renameScenario(ScenarioId id, const std::string &name)
{
    if (mReadOnly)
        return makeError(ErrorCode::ReadOnly, "the project is open read-only", mPath);
    return guarded(mPath, [&]() -> Result<void> {
        SqliteTransaction transaction(mDb, SqliteTransaction::Kind::Write, mPath);
        upgradeSchema();
        ScenarioWriter(mDb, mPath).rename(id, name, nowSeconds());
        transaction.commit();
        return {};
    });
}

Result<void> ProjectStore::setScenarioNotes(ScenarioId id, const std::string &notes)
{
    if (mReadOnly)
        return makeError(ErrorCode::ReadOnly, "the project is open read-only", mPath);
    return guarded(mPath, [&]() -> Result<void> {
        SqliteTransaction transaction(mDb, SqliteTransaction::Kind::Write, mPath);
        upgradeSchema();
        ScenarioWriter(mDb, mPath).setNotes(id, notes, nowSeconds());
        transaction.commit();
        return {};
    });
}

Result<void> ProjectStore::setBaselineScenario(std::optional<ScenarioId> id)
{
    if (mReadOnly)
        return makeError(ErrorCode::ReadOnly, "the project is open read-only", mPath);
    return guarded(mPath, [&]() -> Result<void> {
        SqliteTransaction transaction(mDb, SqliteTransaction::Kind::Write, mPath);
        upgradeSchema();
        ScenarioWriter(mDb, mPath).setBaseline(id);
        transaction.commit();
        return {};
    });
}

Result<ScenarioInfo> ProjectStore::findScenario(const std::string &name) const
{
    auto list = listScenarios();
    if (!list)
        return list.error();
    for (ScenarioInfo &info : *list)
        if (info.name == name)
            return std::move(info);
    return makeError(ErrorCode::NotFound, "no scenario named '" + name + "'", mPath);
}

Result<std::vector<HistoryEntry>> ProjectStore::history(ScenarioId id) const
{
    return guarded(mPath, [&]() -> Result<std::vector<HistoryEntry>> {
        SqliteTransaction snapshot(mDb, SqliteTransaction::Kind::Read, mPath);
        if (queryInt(mDb, "PRAGMA user_version", mPath) < 2)
            return std::vector<HistoryEntry>();
        auto entries = ScenarioHistory(mDb, mPath).list(id);
        snapshot.commit();
        return entries;
    });
}

Result<Scenario> ProjectStore::scenarioAt(std::int64_t entry) const
{
    return guarded(mPath, [&]() -> Result<Scenario> {
        SqliteTransaction snapshot(mDb, SqliteTransaction::Kind::Read, mPath);
        const auto unitCount = static_cast<std::size_t>(queryInt(mDb, "SELECT count(*) FROM units", mPath));
        Scenario scenario = ScenarioHistory(mDb, mPath).stateAt(entry, unitCount);
        snapshot.commit();
        return scenario;
    });
}

Result<void> ProjectStore::deleteScenario(ScenarioId id)
{
    if (mReadOnly)
        return makeError(ErrorCode::ReadOnly, "the project is open read-only", mPath);
    return guarded(mPath, [&]() -> Result<void> {
        ProjectWriter writer(mDb, mPath);
        SqliteTransaction transaction(mDb, SqliteTransaction::Kind::Write, mPath);
        upgradeSchema();
        writer.deleteScenario(id);
        transaction.commit();
        return {};
    });
}

Result<std::vector<ScenarioInfo>> ProjectStore::listScenarios() const
{
    return guarded(mPath, [&]() -> Result<std::vector<ScenarioInfo>> {
        SqliteTransaction snapshot(mDb, SqliteTransaction::Kind::Read, mPath);
        ProjectReader reader(mDb, mPath);
        auto list = reader.listScenarios();
        snapshot.commit();
        return list;
    });
}

Result<Scenario> ProjectStore::loadScenario(ScenarioId id) const
{
    return guarded(mPath, [&]() -> Result<Scenario> {
        SqliteTransaction snapshot(mDb, SqliteTransaction::Kind::Read, mPath);
        ProjectReader reader(mDb, mPath);
        const auto unitCount = static_cast<std::size_t>(queryInt(mDb, "SELECT count(*) FROM units", mPath));
        Scenario scenario = reader.loadScenario(id, unitCount);
        snapshot.commit();
        return scenario;
    });
}

Result<ProjectSummary> ProjectStore::summary() const
{
    return guarded(mPath, [&]() -> Result<ProjectSummary> {
        SqliteTransaction snapshot(mDb, SqliteTransaction::Kind::Read, mPath);
        ProjectReader reader(mDb, mPath);
        ProjectSummary s = reader.summary();
        snapshot.commit();
        return s;
    });
}

Result<void> ProjectStore::saveKpiSnapshot(const KpiSnapshot &snapshot)
{
    if (mReadOnly)
        return makeError(ErrorCode::ReadOnly, "the project is open read-only", mPath);
    if (!KpiSnapshot::isValidDate(snapshot.date))
        return makeError(ErrorCode::InvalidArgument, "'" + snapshot.date + "' is not a YYYY-MM-DD date", mPath);
    return guarded(mPath, [&]() -> Result<void> {
        SqliteTransaction transaction(mDb, SqliteTransaction::Kind::Write, mPath);
        upgradeSchema();
        const auto accounts = static_cast<std::size_t>(queryInt(mDb, "SELECT count(*) FROM accounts", mPath));
        if (snapshot.values.rowCount() != accounts)
            return makeError(ErrorCode::InvalidArgument,
                             "the KPI snapshot has " + std::to_string(snapshot.values.rowCount())
                                 + " account rows, the project " + std::to_string(accounts),
                             mPath);
        KpiSnapshotTable(mDb, mPath).write(snapshot);
        transaction.commit();
        return {};
    });
}

Result<void> ProjectStore::saveSettings(const std::string &settingsJson)
{
    if (mReadOnly)
        return makeError(ErrorCode::ReadOnly, "the project is open read-only", mPath);
    return guarded(mPath, [&]() -> Result<void> {
        ProjectWriter writer(mDb, mPath);
        SqliteTransaction transaction(mDb, SqliteTransaction::Kind::Write, mPath);
        upgradeSchema();
        writer.writeSettings(settingsJson);
        transaction.commit();
        return {};
    });
}

} // namespace tessera
