#include "core/store/kpisnapshottable.h"

#include "core/store/projectstore.h"
#include "core/store/sqlitestatement.h"
#include "core/valuelimits.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstring>
#include <limits>

namespace tessera {

void KpiSnapshotTable::fail(const std::string &message) const
{
    throw StoreException(makeError(ErrorCode::NotAProject, message, mPath));
}

void KpiSnapshotTable::write(const KpiSnapshot &snapshot)
{
    const AttributeTable &values = snapshot.values;
    {
        SqliteStatement erase(mDb, "DELETE FROM kpi_snapshots WHERE date = ?", mPath);
        erase.bind(1, snapshot.date);
        erase.run();
    }
    SqliteStatement head(mDb, "INSERT INTO kpi_snapshots (date, imported_at, source, columns) VALUES (?, ?, ?, ?)",
                         mPath);
    head.bind(1, snapshot.date);
    head.bind(2, snapshot.importedAt);
    head.bind(3, snapshot.source);
    head.bind(4, nlohmann::json(values.columnNames()).dump());
    head.run();
    SqliteStatement row(mDb, "INSERT INTO kpi_values (date, account, kpis) VALUES (?, ?, ?)", mPath);
    std::string packed(values.columnCount() * sizeof(double), '\0');
    for (std::size_t a = 0; a < values.rowCount(); ++a) {
        bool any = false;
        for (std::size_t c = 0; c < values.columnCount(); ++c) {
            const bool has = snapshot.hasValue(a, static_cast<int>(c));
            any = any || has;
            const double value = has ? values.value(a, static_cast<int>(c)) : std::numeric_limits<double>::quiet_NaN();
            std::memcpy(packed.data() + c * sizeof(double), &value, sizeof(double));
        }
        if (!any)
            continue;
        row.bind(1, snapshot.date);
        row.bind(2, std::int64_t(a));
        row.bindBlob(3, packed.data(), packed.size());
        row.run();
    }
}

std::vector<KpiSnapshot> KpiSnapshotTable::readAll(std::size_t accountCount) const
{
    std::vector<KpiSnapshot> snapshots;
    SqliteStatement heads(mDb, "SELECT date, imported_at, source, columns FROM kpi_snapshots ORDER BY date", mPath);
    while (heads.step()) {
        KpiSnapshot snapshot;
        snapshot.date = std::string(heads.text(0));
        snapshot.importedAt = heads.int64(1);
        snapshot.source = std::string(heads.text(2));
        if (!KpiSnapshot::isValidDate(snapshot.date))
            fail("KPI snapshot date '" + snapshot.date + "' is not a YYYY-MM-DD date");
        const nlohmann::json columns = nlohmann::json::parse(heads.text(3), nullptr, false);
        if (!columns.is_array())
            fail("KPI snapshot " + snapshot.date + ": its column list is not a JSON array");
        snapshot.values.resize(accountCount);
        for (const nlohmann::json &name : columns) {
            if (!name.is_string() || snapshot.values.hasColumn(name.get<std::string>()))
                fail("KPI snapshot " + snapshot.date + ": bad or repeated column name");
            snapshot.addColumn(name.get<std::string>());
        }
        snapshots.push_back(std::move(snapshot));
    }
    SqliteStatement rows(mDb, "SELECT date, account, kpis FROM kpi_values ORDER BY date", mPath);
    std::size_t current = 0;
    while (rows.step()) {
        const std::string date(rows.text(0));
        while (current < snapshots.size() && snapshots[current].date != date)
            ++current;
        if (current == snapshots.size())
            fail("KPI values for " + date + " have no snapshot row");
        KpiSnapshot &snapshot = snapshots[current];
        const std::int64_t account = rows.int64(1);
        const std::string_view blob = rows.blob(2);
        const std::size_t columnCount = snapshot.values.columnCount();
        if (account < 0 || static_cast<std::size_t>(account) >= accountCount)
            fail("KPI snapshot " + date + " names account id " + std::to_string(account) + ", which does not exist");
        if (blob.size() != columnCount * sizeof(double))
            fail("KPI snapshot " + date + ", account id " + std::to_string(account) + ": values of the wrong size");
        for (std::size_t c = 0; c < columnCount; ++c) {
            double value;
            std::memcpy(&value, blob.data() + c * sizeof(double), sizeof(double));
            if (std::isnan(value))
                continue;
            if (!isAcceptedValue(value))
                fail("KPI snapshot " + date + ", account id " + std::to_string(account) + ", column '"
                     + snapshot.values.columnName(static_cast<int>(c)) + "': " + outOfRangeMessage(value));
            snapshot.setValue(static_cast<std::size_t>(account), static_cast<int>(c), value);
        }
    }
    return snapshots;
}

} // namespace tessera
