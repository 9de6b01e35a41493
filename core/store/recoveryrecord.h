#pragma once

#include "core/model/rep.h"
#include "core/model/scenario.h"
#include "core/result.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace tessera {

/// The unsaved edits of an open project: every scenario as the user left
/// it, which stored scenarios the edits deleted and which one was edited,
/// and the roster and settings when the edits changed them.
struct RecoveryState {
    std::vector<Scenario> scenarios;          ///< as edited, in the window's order (id 0 = never saved)
    std::vector<ScenarioId> deletedScenarios; ///< stored scenarios the edits removed
    int editedIndex = 0;                      ///< index of the edited scenario in `scenarios`
    std::string summary;                      ///< what the edits did, e.g. "Assign 3 Units to Atlanta, …"
    std::optional<std::vector<Rep>> reps;     ///< the reps as edited; empty when the edits left them alone
    std::optional<std::string> settingsJson;  ///< the project settings as edited; empty when unchanged
    std::int64_t writtenAt = 0;               ///< Unix seconds; set by write()

    bool operator==(const RecoveryState &) const = default;
};

/// Recovery records: the unsaved edits of a project, written in the
/// background while the user edits, so a crash loses seconds of work.
///
/// The record is a side file next to the project (`FILE-recovery`, an SQLite
/// database of its own), never a table of the project file. Why: a record
/// is written every few seconds while the project's saved scenarios must
/// stay exactly as the user last saved them. In a side file no autosave,
/// however it fails or whenever the process dies, can touch a saved row,
/// grow the project's write-ahead log or change the file users copy and
/// send; deleting the record is deleting a file. Each write replaces the
/// whole record in one SQLite transaction, so a kill -9 mid-write leaves the
/// previous record intact.
namespace recoveryrecord {

/// The record's path for the project at \a projectPath.
std::string pathFor(const std::string &projectPath);
/// Whether a record exists for \a projectPath.
bool exists(const std::string &projectPath);
/// Replaces the record of \a projectPath with \a state (sets state.writtenAt
/// in the file), for a project of \a unitCount units. The project file itself is not opened.
Result<void> write(const std::string &projectPath, const RecoveryState &state, std::size_t unitCount);
/// Reads the record of \a projectPath for a project of \a unitCount units.
/// NotFound when there is none; InvalidInput when it is damaged or was
/// written for another set of units.
Result<RecoveryState> read(const std::string &projectPath, std::size_t unitCount);
/// Deletes the record of \a projectPath (nothing to do when there is none).
Result<void> remove(const std::string &projectPath);

/// The scenario list that restoring \a state gives, starting from \a saved
/// (the scenarios as read from the project file), and the index of the
/// edited one in \a editedIndex. A recovered scenario replaces its saved
/// version only while that version is the one the edits started from (same
/// id and modification time); when the file changed since (another program
/// saved it), the recovered one is added as a new scenario named
/// "NAME (recovered)" and the saved one stays, so restoring never drops a
/// saved change. Saved scenarios the record does not know are kept. When
/// the record holds a roster, a territory whose rep is not on it becomes vacant.
std::vector<Scenario> merge(const std::vector<Scenario> &saved, const RecoveryState &state, int &editedIndex);

} // namespace recoveryrecord

} // namespace tessera
