#pragma once

#include "core/result.h"

#include <sqlite3.h>

#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>
#include <string_view>

namespace tessera {

/// Carries an Error out of the store's internals; every public ProjectStore
/// function catches it and returns the Error. Never leaves core/store.
class StoreException : public std::runtime_error {
public:
    explicit StoreException(Error error) : std::runtime_error(error.toString()), mError(std::move(error)) {}
    const Error &error() const { return mError; }

private:
    Error mError;
};

/// Maps an SQLite result code to the matching ErrorCode (busy -> Locked, ...).
ErrorCode errorCodeForSqlite(int sqliteCode);
/// Throws a StoreException for the current error of \a db, prefixed by \a what.
[[noreturn]] void throwSqliteError(sqlite3 *db, int code, std::string_view what, const std::string &path);
/// Runs \a sql (one or more statements without results); throws on failure.
void execSql(sqlite3 *db, const char *sql, const std::string &path);
/// Runs a single-value query such as "PRAGMA user_version"; throws on failure.
std::int64_t queryInt(sqlite3 *db, const char *sql, const std::string &path);

/// A prepared statement that finalizes itself. Errors throw StoreException
/// naming the file.
class SqliteStatement {
public:
    SqliteStatement(sqlite3 *db, std::string_view sql, const std::string &path);
    ~SqliteStatement();
    SqliteStatement(const SqliteStatement &) = delete;
    SqliteStatement &operator=(const SqliteStatement &) = delete;

    /// Steps once; returns true when a row is available, false when done.
    bool step();
    /// Steps a statement that returns no row, then resets it for reuse.
    void run();
    void reset();

    void bind(int index, std::int64_t value) { check(sqlite3_bind_int64(mStatement, index, value)); }
    void bind(int index, int value) { check(sqlite3_bind_int(mStatement, index, value)); }
    void bind(int index, double value) { check(sqlite3_bind_double(mStatement, index, value)); }
    void bind(int index, std::string_view text)
    {
        check(sqlite3_bind_text(mStatement, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT));
    }
    /// Binds a blob the caller keeps alive until the statement is stepped.
    void bindBlob(int index, const void *data, std::size_t size)
    {
        check(sqlite3_bind_blob(mStatement, index, size ? data : "", static_cast<int>(size), SQLITE_STATIC));
    }
    void bindNull(int index) { check(sqlite3_bind_null(mStatement, index)); }

    bool isNull(int column) const { return sqlite3_column_type(mStatement, column) == SQLITE_NULL; }
    std::int64_t int64(int column) const { return sqlite3_column_int64(mStatement, column); }
    /// A REAL column; NULL (how SQLite stores a NaN) reads as NaN.
    double real(int column) const
    {
        // NULL reads as 0.0, so only a zero needs the (slower) type check.
        const double value = sqlite3_column_double(mStatement, column);
        return value == 0.0 && isNull(column) ? std::numeric_limits<double>::quiet_NaN() : value;
    }
    std::string_view text(int column) const
    {
        const auto *data = reinterpret_cast<const char *>(sqlite3_column_text(mStatement, column));
        return data ? std::string_view(data, static_cast<std::size_t>(sqlite3_column_bytes(mStatement, column)))
                    : std::string_view();
    }
    std::string_view blob(int column) const
    {
        const auto *data = static_cast<const char *>(sqlite3_column_blob(mStatement, column));
        return data ? std::string_view(data, static_cast<std::size_t>(sqlite3_column_bytes(mStatement, column)))
                    : std::string_view();
    }

private:
    void check(int code);

    sqlite3 *mDb = nullptr;
    sqlite3_stmt *mStatement = nullptr;
    const std::string &mPath;
};

/// A write transaction (BEGIN IMMEDIATE) rolled back unless commit() is called.
class SqliteTransaction {
public:
    enum class Kind { Read, Write };
    SqliteTransaction(sqlite3 *db, Kind kind, const std::string &path);
    ~SqliteTransaction();
    SqliteTransaction(const SqliteTransaction &) = delete;
    SqliteTransaction &operator=(const SqliteTransaction &) = delete;

    void commit();

private:
    sqlite3 *mDb = nullptr;
    const std::string &mPath;
    bool mOpen = false;
};

} // namespace tessera
