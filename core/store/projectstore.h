#pragma once

#include "core/feedback.h"
#include "core/model/project.h"
#include "core/result.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

struct sqlite3;

namespace tessera {

class ProjectLock;

/// One scenario as listed without loading its alignment.
struct ScenarioInfo {
    ScenarioId id = 0;
    std::string name;
    std::string notes;
    std::int64_t createdAt = 0;
    std::int64_t modifiedAt = 0;
    std::optional<ScenarioId> baseline;
    bool isBaseline = false;              ///< the project's baseline scenario
    std::size_t territoryCount = 0;

    bool operator==(const ScenarioInfo &) const = default;
};

/// One saved change of a scenario (ProjectStore::history()).
struct HistoryEntry {
    std::int64_t id = 0;       ///< row id; pass to ProjectStore::scenarioAt()
    ScenarioId scenario = 0;
    std::int64_t at = 0;       ///< Unix seconds
    std::string summary;       ///< what changed, e.g. "assigned 3 units to Atlanta"

    bool operator==(const HistoryEntry &) const = default;
};

/// Counts and extent of a project, read without loading it.
struct ProjectSummary {
    std::size_t unitCount = 0;
    std::size_t accountCount = 0;
    std::size_t unplacedAccountCount = 0; ///< accounts outside every unit
    std::size_t repCount = 0;
    std::size_t adjacencyEdgeCount = 0;
    std::size_t scenarioCount = 0;
    std::size_t territoryCount = 0;       ///< over all scenarios
    BoundingBox bounds;                   ///< union of the unit bounds, the short way round (ExtentBuilder)
    int schemaVersion = 0;

    bool operator==(const ProjectSummary &) const = default;
};

/// What load() reads; skipping parts makes opening faster when a tool only
/// needs the geography.
struct LoadOptions {
    bool accounts = true;   ///< the account layer (the biggest table by far)
    bool scenarios = true;  ///< scenarios with territories and alignments (account overrides
                            ///< are read even when accounts are not)
};

/// A .tessera project file: one SQLite database holding units with geometry,
/// adjacency, accounts, reps and scenarios. Versioned schema
/// (application_id, user_version), foreign keys on, WAL, every change in one
/// transaction, so a crash never leaves a half-written project.
///
/// A ReadWrite or Create store holds the project's write lock (a `FILE-lock`
/// companion file locked with flock(), released when the store is destroyed
/// or the process dies) for its whole life, so a second writer is refused at
/// open while readers keep working.
///
/// A store is one SQLite connection: use it from one thread at a time (a
/// worker thread may own its own read-only store on the same file).
class ProjectStore {
public:
    enum class OpenMode {
        ReadOnly,   ///< never writes; works on read-only files
        ReadWrite,  ///< the file must exist and be a Tessera project
        Create      ///< opens an existing project or creates a new one
    };

    /// PRAGMA application_id of every Tessera project ("TSSR").
    static constexpr std::int32_t ApplicationId = 0x54535352;
    /// PRAGMA user_version written by this build.
    static constexpr int SchemaVersion = 3;

    /// Opens \a path. Fails with NotAProject, NewerSchema, ReadOnly, Locked or
    /// NotFound, naming the file.
    static Result<std::unique_ptr<ProjectStore>> open(const std::string &path, OpenMode mode);
    ~ProjectStore();

    ProjectStore(const ProjectStore &) = delete;
    ProjectStore &operator=(const ProjectStore &) = delete;

    const std::string &path() const { return mPath; }
    bool isReadOnly() const { return mReadOnly; }

    /// Reads the whole project.
    Result<Project> load(Feedback *feedback = nullptr) const;
    /// Reads the parts of the project \a options asks for.
    Result<Project> load(const LoadOptions &options, Feedback *feedback = nullptr) const;

    /// Replaces the whole content of the file with \a project, in one transaction.
    /// Scenarios keep their id; scenarios with id 0 get a fresh one.
    Result<void> save(const Project &project, Feedback *feedback = nullptr);
    /// As above, and writes the ids given to new scenarios back into \a project.
    Result<void> save(Project &project, Feedback *feedback = nullptr);

    /// Inserts (id 0) or updates one scenario with its territories and
    /// alignment, in one transaction; sets scenario.id on insert. Sets
    /// modifiedAt (and createdAt when 0) to the current time. An update
    /// writes only the rows that differ from the file (a save after moving
    /// one unit writes one alignment row). Every save that changes something
    /// adds a history entry described by \a summary (empty = a generated
    /// "N units reassigned"). Fails with InvalidArgument when another
    /// scenario has the same name, and when the name is empty.
    Result<void> saveScenario(Scenario &scenario, const std::string &summary = {});

    /// Replaces the roster with \a reps and saves \a scenarios, whose
    /// territories and account overrides refer to it, in one transaction:
    /// the file never holds half a roster, and each scenario writes only the
    /// rows that differ (as saveScenario). \a summaries[i] describes scenario
    /// i's history entry (missing or empty = generated). A scenario whose id
    /// is no longer in the file is inserted again. Sets ids and times as
    /// saveScenario does.
    Result<void> saveRoster(const std::vector<Rep> &reps, std::vector<Scenario> &scenarios,
                            const std::vector<std::string> &summaries = {});

    /// Removes one scenario and everything that belongs to it; scenarios that
    /// used it as baseline lose their baseline.
    Result<void> deleteScenario(ScenarioId id);

    /// Copies scenario \a from (territories, alignment, locks, overrides,
    /// parameters, transforms, notes) as a new scenario \a name; returns its id.
    Result<ScenarioId> cloneScenario(ScenarioId from, const std::string &name);
    /// Renames a scenario; InvalidArgument when the name is empty or taken.
    Result<void> renameScenario(ScenarioId id, const std::string &name);
    /// Replaces a scenario's notes.
    Result<void> setScenarioNotes(ScenarioId id, const std::string &notes);
    /// Makes \a id the project's baseline scenario (nothing = no baseline).
    Result<void> setBaselineScenario(std::optional<ScenarioId> id);

    /// Scenarios of the file, by id, without their alignments.
    Result<std::vector<ScenarioInfo>> listScenarios() const;
    /// The scenario named \a name; NotFound ("no scenario named 'X'") otherwise.
    Result<ScenarioInfo> findScenario(const std::string &name) const;
    /// One scenario with territories and alignment.
    Result<Scenario> loadScenario(ScenarioId id) const;

    /// The saved changes of scenario \a id, oldest first.
    Result<std::vector<HistoryEntry>> history(ScenarioId id) const;
    /// The scenario as it was right after history entry \a entry, with id 0
    /// (save it to restore it as a new scenario; give it a new name first).
    Result<Scenario> scenarioAt(std::int64_t entry) const;

    /// Counts and extent, read from the file without loading the project.
    Result<ProjectSummary> summary() const;

    /// Stores \a snapshot, replacing the snapshot of the same date, in one
    /// transaction; InvalidArgument when it does not fit the file's accounts.
    Result<void> saveKpiSnapshot(const KpiSnapshot &snapshot);

    /// Replaces the project settings (JSON text), in one transaction.
    Result<void> saveSettings(const std::string &settingsJson);

private:
    /// Brings an older project up to SchemaVersion; call inside a write transaction.
    void upgradeSchema();
    ProjectStore(std::string path, sqlite3 *db, bool readOnly, std::unique_ptr<ProjectLock> lock);

    Result<void> saveImpl(const Project &project, std::vector<ScenarioId> *ids, Feedback *feedback);

    std::string mPath;
    sqlite3 *mDb = nullptr;
    bool mReadOnly = false;
    std::unique_ptr<ProjectLock> mLock; ///< held by a writable store for its whole life
};

} // namespace tessera
