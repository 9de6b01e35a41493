#pragma once

#include "core/model/scenario.h"

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>

namespace tessera {

/// Scenario-level changes to a project file: saving one scenario by writing
/// only the rows that differ from the file, cloning, renaming, notes and the
/// baseline flag, each recorded in the scenario's history. Runs inside the
/// caller's write transaction and throws StoreException, like ProjectWriter.
class ScenarioWriter {
public:
    ScenarioWriter(sqlite3 *db, const std::string &path) : mDb(db), mPath(path) {}

    /// Inserts (id 0) or updates \a scenario; returns its id. \a now stamps
    /// the history entry; an empty \a summary gets a generated one.
    ScenarioId save(const Scenario &scenario, const std::string &summary, std::int64_t now);
    /// Updates stored \a scenario against \a before, its state read from the
    /// file earlier in this transaction: a roster change renumbers reps, and
    /// the file's old rows would no longer read back on their own.
    ScenarioId saveOver(const Scenario &scenario, const Scenario &before, const std::string &summary,
                        std::int64_t now);
    /// The scenario \a id as the file holds it; throws NotFound for an unknown id.
    Scenario stored(ScenarioId id) const;
    ScenarioId clone(ScenarioId from, const std::string &name, std::int64_t now);
    void rename(ScenarioId id, const std::string &name, std::int64_t now);
    void setNotes(ScenarioId id, const std::string &notes, std::int64_t now);
    void setBaseline(std::optional<ScenarioId> id);

private:
    /// Throws InvalidArgument when \a name is empty or used by another scenario than \a self.
    void checkName(const std::string &name, ScenarioId self) const;
    std::size_t unitCount() const;

    sqlite3 *mDb;
    const std::string &mPath;
};

} // namespace tessera
