#pragma once

#include "core/feedback.h"
#include "core/model/project.h"
#include "core/result.h"

#include <memory>
#include <string>

struct sqlite3;

namespace tessera {

/// A .tessera project file: one SQLite database holding units with geometry,
/// adjacency, accounts, reps and scenarios. Versioned schema
/// (application_id, user_version), foreign keys on, WAL, every change in one
/// transaction, so a crash never leaves a half-written project.
class ProjectStore {
public:
    enum class OpenMode {
        ReadOnly,   ///< never writes; works on read-only files
        ReadWrite,  ///< the file must exist and be a Tessera project
        Create      ///< opens an existing project or creates a new one
    };

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

    /// Replaces the whole content of the file with \a project, in one transaction.
    Result<void> save(const Project &project, Feedback *feedback = nullptr);

    /// Inserts (id 0) or updates one scenario with its territories and
    /// alignment, in one transaction; sets scenario.id on insert.
    Result<void> saveScenario(Scenario &scenario);

    /// Removes one scenario and everything that belongs to it.
    Result<void> deleteScenario(ScenarioId id);

private:
    ProjectStore(std::string path, sqlite3 *db, bool readOnly);

    std::string mPath;
    sqlite3 *mDb = nullptr;
    bool mReadOnly = false;
};

} // namespace tessera
