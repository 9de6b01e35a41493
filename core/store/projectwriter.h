#pragma once

#include "core/feedback.h"
#include "core/model/project.h"

#include <sqlite3.h>

#include <string>
#include <vector>

namespace tessera {

/// Writes the model into a project file's tables. Every method runs inside the
/// caller's write transaction and throws StoreException on failure, so the
/// caller's rollback keeps the file as it was.
class ProjectWriter {
public:
    ProjectWriter(sqlite3 *db, const std::string &path) : mDb(db), mPath(path) {}

    /// Checks that \a project's references are consistent before anything is
    /// written; throws InvalidArgument naming the offending entity.
    void validate(const Project &project) const;
    /// Empties the file and writes \a project; ids of scenarios stored with id
    /// 0 are appended to \a assignedIds in scenario order (others keep theirs).
    void writeProject(const Project &project, std::vector<ScenarioId> &ids, Feedback *feedback);

    /// Inserts or updates one scenario (id 0 = insert), rewriting all its
    /// rows; returns its id.
    ScenarioId writeScenario(const Scenario &scenario);
    /// Updates the scenarios row of \a scenario (name, parameters, notes,
    /// times, baselines, transforms); NotFound when the id is not stored.
    void updateScenarioRow(const Scenario &scenario);
    /// Checks \a scenario against the units, accounts and reps in the file.
    void validateAgainstFile(const Scenario &scenario) const;
    /// Clears the baseline flag of every scenario but \a keep.
    void clearOtherBaselines(ScenarioId keep);
    void deleteScenario(ScenarioId id);
    void writeSettings(const std::string &json);
    /// Replaces the roster with \a reps (dense ids). Foreign keys are checked
    /// at commit, so the caller saves the scenarios that refer to the new
    /// roster in the same transaction.
    void replaceReps(const std::vector<Rep> &reps);
    /// Throws unless every rep has its dense id, a home on Earth and a valid capacity.
    void validateReps(const std::vector<Rep> &reps) const;

    /// Checks that \a json parses; throws InvalidArgument naming \a what.
    void validateJson(const std::string &json, const std::string &what) const;

private:
    void writeUnits(const UnitLayer &units, Feedback *feedback);
    void writeAdjacency(const Project &project);
    void writeAccounts(const AccountLayer &accounts, Feedback *feedback);
    void writeReps(const std::vector<Rep> &reps);
    void writeAttributeNames(const char *layer, const AttributeTable &table);
    void writeScenarioContent(ScenarioId id, const Scenario &scenario);
    void validateScenario(const Scenario &scenario, std::size_t unitCount, std::size_t accountCount,
                          std::size_t repCount) const;
    [[noreturn]] void fail(const std::string &message) const;

    sqlite3 *mDb;
    const std::string &mPath;
};

} // namespace tessera
