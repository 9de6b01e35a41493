#pragma once

#include "core/feedback.h"
#include "core/model/project.h"
#include "core/store/projectstore.h"

#include <sqlite3.h>

#include <string>
#include <vector>

namespace tessera {

/// Reads a project file's tables into the model. Throws StoreException
/// (caught by ProjectStore); the caller owns the read transaction.
class ProjectReader {
public:
    ProjectReader(sqlite3 *db, const std::string &path) : mDb(db), mPath(path) {}

    Project load(const LoadOptions &options, Feedback *feedback);
    std::vector<ScenarioInfo> listScenarios();
    Scenario loadScenario(ScenarioId id, std::size_t unitCount);
    ProjectSummary summary();

private:
    void readUnits(UnitLayer &units, Feedback *feedback);
    void readAdjacency(Project &project);
    void readAccounts(AccountLayer &accounts, const UnitLayer &units, Feedback *feedback);
    void readReps(Project &project);
    std::vector<std::string> readAttributeNames(const char *layer);
    void readScenarioContent(Scenario &scenario, std::size_t unitCount);
    std::size_t rowCountHint(const char *table);
    /// PRAGMA user_version, read once (a read-only store reads older files as they are).
    int schemaVersion();
    [[noreturn]] void fail(const std::string &message) const;

    sqlite3 *mDb;
    const std::string &mPath;
    int mSchemaVersion = -1;
};

} // namespace tessera
