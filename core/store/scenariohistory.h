#pragma once

#include "core/model/scenario.h"

#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <vector>

namespace tessera {

struct HistoryEntry;

/// The scenario_history table: one row per saved change of a scenario. A row
/// holds either the scenario's full state or only the units whose territory
/// or lock changed since the row before it (territories, account overrides
/// and parameters are small and always stored whole), so a save after moving
/// one unit adds a few bytes. Runs inside the caller's transaction and throws
/// StoreException, like ProjectWriter.
class ScenarioHistory {
public:
    ScenarioHistory(sqlite3 *db, const std::string &path) : mDb(db), mPath(path) {}

    /// Whether \a scenario has any history row.
    bool hasEntries(ScenarioId scenario) const;
    /// Records the whole state of \a state (stored as \a scenario).
    void recordFull(ScenarioId scenario, const Scenario &state, std::int64_t at, const std::string &summary);
    /// Records \a state by the \a changedUnits since the previous row.
    void recordChange(ScenarioId scenario, const Scenario &state, const std::vector<UnitId> &changedUnits,
                      std::int64_t at, const std::string &summary);
    /// The rows of \a scenario, oldest first.
    std::vector<HistoryEntry> list(ScenarioId scenario) const;
    /// The scenario as it was right after row \a entry: territories,
    /// alignment, locks, overrides and parameters; id 0, name and notes of
    /// the stored scenario. NotFound for an unknown row.
    Scenario stateAt(std::int64_t entry, std::size_t unitCount) const;

private:
    void insert(ScenarioId scenario, const Scenario &state, const std::vector<UnitId> &units, bool full,
                std::int64_t at, const std::string &summary);
    [[noreturn]] void fail(const std::string &message) const;

    sqlite3 *mDb;
    const std::string &mPath;
};

} // namespace tessera
