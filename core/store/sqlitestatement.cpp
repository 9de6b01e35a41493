#include "core/store/sqlitestatement.h"

namespace tessera {

ErrorCode errorCodeForSqlite(int sqliteCode)
{
    switch (sqliteCode & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED: return ErrorCode::Locked;
    case SQLITE_READONLY:
    case SQLITE_PERM: return ErrorCode::ReadOnly;
    case SQLITE_NOTADB: return ErrorCode::NotAProject;
    case SQLITE_CORRUPT:
    case SQLITE_FORMAT: return ErrorCode::InvalidInput;
    case SQLITE_CONSTRAINT:
    case SQLITE_MISMATCH:
    case SQLITE_TOOBIG: return ErrorCode::InvalidArgument;
    case SQLITE_CANTOPEN: return ErrorCode::NotFound;
    case SQLITE_IOERR:
    case SQLITE_FULL: return ErrorCode::IoError;
    default: return ErrorCode::Internal;
    }
}

void throwSqliteError(sqlite3 *db, int code, std::string_view what, const std::string &path)
{
    std::string message(what);
    const ErrorCode errorCode = errorCodeForSqlite(code);
    if (errorCode == ErrorCode::Locked)
        message += ": the project is locked by another program writing to it";
    else if (errorCode == ErrorCode::ReadOnly)
        message += ": the project file or its folder is read-only";
    else if (errorCode == ErrorCode::NotAProject)
        message += ": not a SQLite database, so not a Tessera project";
    else if (errorCode == ErrorCode::InvalidInput)
        message += ": the project file is damaged";
    message += " (";
    message += db ? sqlite3_errmsg(db) : sqlite3_errstr(code);
    message += ")";
    throw StoreException(makeError(errorCode, std::move(message), path));
}

void execSql(sqlite3 *db, const char *sql, const std::string &path)
{
    const int rc = sqlite3_exec(db, sql, nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK)
        throwSqliteError(db, rc, std::string("cannot run \"") + std::string(sql).substr(0, 60) + "\"", path);
}

std::int64_t queryInt(sqlite3 *db, const char *sql, const std::string &path)
{
    SqliteStatement statement(db, sql, path);
    return statement.step() ? statement.int64(0) : 0;
}

SqliteStatement::SqliteStatement(sqlite3 *db, std::string_view sql, const std::string &path)
    : mDb(db), mPath(path)
{
    const int rc = sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &mStatement, nullptr);
    if (rc != SQLITE_OK)
        throwSqliteError(db, rc, "cannot prepare \"" + std::string(sql.substr(0, 60)) + "\"", path);
}

SqliteStatement::~SqliteStatement()
{
    sqlite3_finalize(mStatement);
}

bool SqliteStatement::step()
{
    const int rc = sqlite3_step(mStatement);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    const std::string sql = sqlite3_sql(mStatement) ? std::string(sqlite3_sql(mStatement)).substr(0, 60) : "";
    sqlite3_reset(mStatement);
    throwSqliteError(mDb, rc, "cannot run \"" + sql + "\"", mPath);
}

void SqliteStatement::run()
{
    step();
    reset();
}

void SqliteStatement::reset()
{
    sqlite3_reset(mStatement);
    sqlite3_clear_bindings(mStatement);
}

void SqliteStatement::check(int code)
{
    if (code != SQLITE_OK)
        throwSqliteError(mDb, code, "cannot bind a value", mPath);
}

SqliteTransaction::SqliteTransaction(sqlite3 *db, Kind kind, const std::string &path) : mDb(db), mPath(path)
{
    execSql(db, kind == Kind::Write ? "BEGIN IMMEDIATE" : "BEGIN", path);
    mOpen = true;
}

SqliteTransaction::~SqliteTransaction()
{
    if (mOpen)
        sqlite3_exec(mDb, "ROLLBACK", nullptr, nullptr, nullptr);
}

void SqliteTransaction::commit()
{
    execSql(mDb, "COMMIT", mPath);
    mOpen = false;
}

} // namespace tessera
