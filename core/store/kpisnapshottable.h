#pragma once

#include "core/model/kpisnapshot.h"

#include <sqlite3.h>

#include <string>
#include <vector>

namespace tessera {

/// The kpi_snapshots and kpi_values tables: one row per snapshot date (its
/// column names as a JSON array) and one row per account in it (the values
/// as little-endian doubles, NaN where the account has no value). Runs inside
/// the caller's transaction and throws StoreException, like ProjectWriter.
class KpiSnapshotTable {
public:
    KpiSnapshotTable(sqlite3 *db, const std::string &path) : mDb(db), mPath(path) {}

    /// Writes \a snapshot, replacing the stored snapshot of the same date.
    void write(const KpiSnapshot &snapshot);
    /// Every stored snapshot, oldest date first, with \a accountCount rows.
    /// Throws on a damaged row (unknown account, wrong size, a value out of range).
    std::vector<KpiSnapshot> readAll(std::size_t accountCount) const;

private:
    [[noreturn]] void fail(const std::string &message) const;

    sqlite3 *mDb;
    const std::string &mPath;
};

} // namespace tessera
