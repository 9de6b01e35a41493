// Tests for the scenario side of core/store: create, clone, rename, notes,
// delete and the baseline flag through a real project file; saves that write
// only what changed; history and restoring an earlier state; upgrading a
// version-1 project.
#include "core/store/projectstore.h"
#include "tests/ui/testprojects.h"

#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

#include <sys/stat.h>

using namespace tessera;

namespace {

std::unique_ptr<ProjectStore> openOrFail(const std::string &path, ProjectStore::OpenMode mode)
{
    auto store = ProjectStore::open(path, mode);
    if (!store)
        qWarning("open failed: %s", store.error().toString().c_str());
    return store ? std::move(*store) : nullptr;
}

bool rawExec(const std::string &path, const char *sql)
{
    sqlite3 *db = nullptr;
    bool ok = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK
              && sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK;
    if (!ok && db)
        qWarning("sqlite: %s", sqlite3_errmsg(db));
    sqlite3_close(db);
    return ok;
}

std::int64_t rawInt(const std::string &path, const char *sql)
{
    sqlite3 *db = nullptr;
    std::int64_t value = -1;
    if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
        sqlite3_stmt *statement = nullptr;
        if (sqlite3_prepare_v2(db, sql, -1, &statement, nullptr) == SQLITE_OK && sqlite3_step(statement) == SQLITE_ROW)
            value = sqlite3_column_int64(statement, 0);
        sqlite3_finalize(statement);
    }
    sqlite3_close(db);
    return value;
}

std::int64_t fileSize(const std::string &path)
{
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0 ? static_cast<std::int64_t>(st.st_size) : 0;
}

} // namespace

class TestScenarioStore : public QObject {
    Q_OBJECT

private:
    QTemporaryDir mDir;
    int mCount = 0;

    /// A new project file holding a grid project (one scenario "Plan").
    std::string newProject(int columns = 12, int rows = 8, int territories = 3)
    {
        const std::string path = (mDir.path() + QStringLiteral("/p%1.tessera").arg(++mCount)).toStdString();
        Project project = testing::makeGridProject(columns, rows, territories);
        auto store = openOrFail(path, ProjectStore::OpenMode::Create);
        if (!store || !store->save(project))
            qFatal("cannot create %s", path.c_str());
        return path;
    }

private slots:
    void createCloneRenameDeleteRoundTrip()
    {
        const std::string path = newProject();
        ScenarioId planId = 0, copyId = 0, emptyId = 0;
        Scenario original;
        {
            auto store = openOrFail(path, ProjectStore::OpenMode::ReadWrite);
            QVERIFY(store);
            auto plan = store->findScenario("Plan");
            QVERIFY(plan);
            planId = plan->id;
            original = *store->loadScenario(planId);

            auto copy = store->cloneScenario(planId, "Two more reps");
            QVERIFY2(copy, copy ? "" : copy.error().toString().c_str());
            copyId = *copy;
            QVERIFY(store->renameScenario(copyId, "Florida hires"));
            QVERIFY(store->setScenarioNotes(copyId, "Hire two reps in Florida\nsecond line"));

            Scenario empty;
            empty.name = "Blank";
            empty.alignment = Alignment(original.alignment.unitCount());
            QVERIFY(store->saveScenario(empty));
            emptyId = empty.id;
            QVERIFY(emptyId != 0);
        }
        // Reopened: everything is in the file.
        auto store = openOrFail(path, ProjectStore::OpenMode::ReadWrite);
        QVERIFY(store);
        auto list = store->listScenarios();
        QVERIFY(list);
        QCOMPARE(list->size(), std::size_t(3));
        QCOMPARE((*list)[1].name, std::string("Florida hires"));
        QCOMPARE((*list)[1].notes, std::string("Hire two reps in Florida\nsecond line"));
        QCOMPARE((*list)[1].territoryCount, original.territories.size());
        Scenario copy = *store->loadScenario(copyId);
        QVERIFY(copy.territories == original.territories);
        QVERIFY(copy.alignment == original.alignment);
        QCOMPARE(store->loadScenario(emptyId)->territories.size(), std::size_t(0));

        QVERIFY(store->deleteScenario(copyId));
        QCOMPARE(store->listScenarios()->size(), std::size_t(2));
        QCOMPARE(store->findScenario("Florida hires").error().code, ErrorCode::NotFound);
        // Its history went with it.
        QCOMPARE(store->history(copyId)->size(), std::size_t(0));
        // The original is untouched.
        QVERIFY(store->loadScenario(planId)->alignment == original.alignment);
    }

    void nameTakenOrEmptyIsRefusedAndNothingChanges()
    {
        const std::string path = newProject();
        auto store = openOrFail(path, ProjectStore::OpenMode::ReadWrite);
        const ScenarioId plan = store->findScenario("Plan")->id;
        const ScenarioId other = *store->cloneScenario(plan, "Other");
        const auto before = *store->listScenarios();

        auto taken = store->cloneScenario(plan, "Other");
        QVERIFY(!taken);
        QCOMPARE(taken.error().code, ErrorCode::InvalidArgument);
        QVERIFY(taken.error().message.find("'Other' already exists") != std::string::npos);
        QVERIFY(!store->renameScenario(other, "Plan"));
        QVERIFY(!store->renameScenario(other, ""));
        QCOMPARE(store->cloneScenario(999, "X").error().code, ErrorCode::NotFound);
        QCOMPARE(store->renameScenario(999, "X").error().code, ErrorCode::NotFound);
        QCOMPARE(store->setBaselineScenario(999).error().code, ErrorCode::NotFound);
        QVERIFY(*store->listScenarios() == before);
    }

    void baselineFlagIsExclusive()
    {
        const std::string path = newProject();
        auto store = openOrFail(path, ProjectStore::OpenMode::ReadWrite);
        const ScenarioId plan = store->findScenario("Plan")->id;
        const ScenarioId a = *store->cloneScenario(plan, "A");
        QVERIFY(store->setBaselineScenario(plan));
        QVERIFY(store->findScenario("Plan")->isBaseline);
        QVERIFY(!store->findScenario("A")->isBaseline);
        QVERIFY(store->setBaselineScenario(a));
        QVERIFY(!store->findScenario("Plan")->isBaseline);
        QVERIFY(store->findScenario("A")->isBaseline);
        // A clone never inherits the flag; saving a scenario marked baseline moves it.
        const ScenarioId b = *store->cloneScenario(a, "B");
        QVERIFY(!store->loadScenario(b)->isBaseline);
        Scenario planScenario = *store->loadScenario(plan);
        planScenario.isBaseline = true;
        QVERIFY(store->saveScenario(planScenario));
        QVERIFY(store->findScenario("Plan")->isBaseline);
        QVERIFY(!store->findScenario("A")->isBaseline);
        QVERIFY(store->setBaselineScenario(std::nullopt));
        const auto listed = store->listScenarios();
        QVERIFY(listed);
        for (const ScenarioInfo &info : *listed)
            QVERIFY(!info.isBaseline);
    }

    void transformsAndNotesRoundTripThroughFullSave()
    {
        Project project = testing::makeGridProject(6, 4, 2);
        project.scenarios()[0].transformsJson = R"([{"kind":"scale","attribute":"population","factor":2}])";
        project.scenarios()[0].notes = "workshop";
        project.scenarios()[0].isBaseline = true;
        const std::string path = (mDir.path() + "/full.tessera").toStdString();
        {
            auto store = openOrFail(path, ProjectStore::OpenMode::Create);
            QVERIFY(store->save(project));
        }
        auto store = openOrFail(path, ProjectStore::OpenMode::ReadOnly);
        Project loaded = *store->load();
        QCOMPARE(loaded.scenarios()[0].transformsJson, project.scenarios()[0].transformsJson);
        QCOMPARE(loaded.scenarios()[0].notes, std::string("workshop"));
        QVERIFY(loaded.scenarios()[0].isBaseline);
    }

    void savingOneMovedUnitWritesLittle()
    {
        // 20,000 units: a full rewrite of the alignment is hundreds of pages.
        const std::string path = newProject(200, 100, 10);
        auto store = openOrFail(path, ProjectStore::OpenMode::ReadWrite);
        Scenario plan = *store->loadScenario(store->findScenario("Plan")->id);
        const std::string wal = path + "-wal";

        plan.alignment.assign(UnitId(4), TerritoryId(9));
        QVERIFY(store->saveScenario(plan, "first save")); // records the history's full state
        std::int64_t start = fileSize(wal);
        plan.alignment.assign(UnitId(5), TerritoryId(9));
        QVERIFY(store->saveScenario(plan));
        const std::int64_t oneUnit = fileSize(wal) - start;

        start = fileSize(wal);
        for (std::size_t u = 0; u < plan.alignment.unitCount(); ++u) {
            const UnitId unit(static_cast<std::int32_t>(u));
            plan.alignment.assign(unit, TerritoryId((plan.alignment.territoryOf(unit).value() + 1) % 10));
        }
        QVERIFY(store->saveScenario(plan));
        const std::int64_t everyUnit = fileSize(wal) - start;
        // A handful of pages (alignment row, its index, the scenario row, the
        // history row), whatever the size of the project.
        const std::int64_t pageSize = rawInt(path, "PRAGMA page_size");
        QVERIFY2(oneUnit > 0 && oneUnit <= 12 * (pageSize + 24) && oneUnit * 10 < everyUnit,
                 qPrintable(QStringLiteral("one unit %1 bytes, every unit %2 bytes").arg(oneUnit).arg(everyUnit)));

        // And the file holds exactly the new state.
        store.reset();
        auto reread = openOrFail(path, ProjectStore::OpenMode::ReadOnly);
        QVERIFY(reread->loadScenario(plan.id)->alignment == plan.alignment);
    }

    void incrementalSaveMatchesFullSave()
    {
        const std::string path = newProject(10, 6, 3);
        auto store = openOrFail(path, ProjectStore::OpenMode::ReadWrite);
        Scenario plan = *store->loadScenario(store->findScenario("Plan")->id);
        // Remove a territory, add two, lock, unassign, override an account, edit the parameters.
        plan.territories.pop_back();
        for (std::size_t u = 0; u < plan.alignment.unitCount(); ++u)
            if (plan.alignment.territoryOf(UnitId(int(u))).value() == 2)
                plan.alignment.assign(UnitId(int(u)), TerritoryId(u % 2 ? 1 : -1));
        plan.addTerritory({TerritoryId(), "North", 0x123456, RepId(0)});
        plan.addTerritory({TerritoryId(), "South", 0x654321, RepId()});
        plan.territories[0].name = "West";
        plan.alignment.assign(UnitId(7), TerritoryId(3));
        plan.alignment.setLocked(UnitId(8), true);
        plan.alignment.setLocked(UnitId(9), true);
        plan.alignment.assign(UnitId(9), TerritoryId());
        plan.alignment.setAccountOverride(AccountId(3), TerritoryId(2));
        plan.parametersJson = R"({"k":4})";
        QVERIFY(store->saveScenario(plan));
        Scenario reread = *store->loadScenario(plan.id);
        QVERIFY(reread.territories == plan.territories);
        QVERIFY(reread.alignment == plan.alignment);
        QCOMPARE(reread.parametersJson, plan.parametersJson);
        // The same through a store opened anew.
        store.reset();
        QVERIFY(openOrFail(path, ProjectStore::OpenMode::ReadOnly)->loadScenario(plan.id)->alignment == plan.alignment);
    }

    void historyRecordsEachSaveAndRestores()
    {
        const std::string path = newProject(10, 6, 3);
        auto store = openOrFail(path, ProjectStore::OpenMode::ReadWrite);
        Scenario plan = *store->loadScenario(store->findScenario("Plan")->id);
        const Scenario first = plan;

        plan.alignment.assign(UnitId(0), TerritoryId(2));
        plan.alignment.assign(UnitId(1), TerritoryId(2));
        plan.alignment.assign(UnitId(2), TerritoryId(2));
        QVERIFY(store->saveScenario(plan, "assigned 3 units to T3"));
        const Scenario second = plan;
        plan.alignment.assign(UnitId(29), TerritoryId(0)); // column 9: was T3
        plan.territories[1].name = "Atlanta";
        QVERIFY(store->saveScenario(plan));
        QVERIFY(store->saveScenario(plan)); // nothing changed: no entry
        QVERIFY(store->renameScenario(plan.id, "Current"));

        auto history = store->history(plan.id);
        QVERIFY(history);
        QCOMPARE(history->size(), std::size_t(4));
        QCOMPARE((*history)[0].summary, std::string("as saved before history was kept"));
        QCOMPARE((*history)[1].summary, std::string("assigned 3 units to T3"));
        QCOMPARE((*history)[2].summary, std::string("1 unit reassigned, territories edited"));
        QCOMPARE((*history)[3].summary, std::string("renamed from 'Plan'"));
        for (const HistoryEntry &entry : *history)
            QVERIFY(entry.at > 0);

        // Each entry gives back the state saved then.
        QVERIFY(store->scenarioAt((*history)[0].id)->alignment == first.alignment);
        QVERIFY(store->scenarioAt((*history)[1].id)->alignment == second.alignment);
        QVERIFY(store->scenarioAt((*history)[1].id)->territories == second.territories);
        Scenario latest = *store->scenarioAt((*history)[2].id);
        QVERIFY(latest.alignment == plan.alignment);
        QCOMPARE(latest.territories[1].name, std::string("Atlanta"));

        // Restored as a new scenario.
        Scenario restored = *store->scenarioAt((*history)[1].id);
        QCOMPARE(restored.id, ScenarioId(0));
        restored.name = "Current (restored)";
        QVERIFY(store->saveScenario(restored, "restored from history"));
        store.reset();
        auto reread = openOrFail(path, ProjectStore::OpenMode::ReadOnly);
        QVERIFY(reread->findScenario("Current (restored)"));
        QVERIFY(reread->loadScenario(reread->findScenario("Current (restored)")->id)->alignment == second.alignment);
        QCOMPARE(reread->scenarioAt(123456).error().code, ErrorCode::NotFound);
    }

    void version1ProjectIsUpgraded()
    {
        const std::string path = newProject(6, 4, 2);
        // Turn the file back into the version-1 layout.
        QVERIFY(rawExec(path, "DROP TABLE kpi_values; DROP TABLE kpi_snapshots; DROP TABLE account_requirements; "
                              "DROP TABLE scenario_history; ALTER TABLE scenarios DROP COLUMN is_baseline; "
                              "ALTER TABLE scenarios DROP COLUMN transforms; PRAGMA user_version = 1;"));
        Scenario expected;
        {
            auto reader = openOrFail(path, ProjectStore::OpenMode::ReadOnly);
            QVERIFY(reader);
            auto project = reader->load();
            QVERIFY2(project, project ? "" : project.error().toString().c_str());
            expected = project->scenarios()[0];
            QVERIFY(!expected.isBaseline);
            QCOMPARE(expected.transformsJson, std::string("[]"));
            QCOMPARE(reader->history(expected.id)->size(), std::size_t(0));
            QCOMPARE(reader->listScenarios()->size(), std::size_t(1));
        }
        QCOMPARE(rawInt(path, "PRAGMA user_version"), std::int64_t(1));
        {
            auto writer = openOrFail(path, ProjectStore::OpenMode::ReadWrite);
            QVERIFY(writer);
            QVERIFY(writer->loadScenario(expected.id)->alignment == expected.alignment);
            QVERIFY(writer->setBaselineScenario(expected.id));
            Scenario plan = *writer->loadScenario(expected.id);
            plan.alignment.assign(UnitId(0), TerritoryId(1));
            QVERIFY(writer->saveScenario(plan));
            QCOMPARE(writer->history(plan.id)->size(), std::size_t(2));
        }
        QCOMPARE(rawInt(path, "PRAGMA user_version"), std::int64_t(ProjectStore::SchemaVersion));
        QCOMPARE(rawInt(path, "SELECT count(*) FROM pragma_foreign_key_check"), std::int64_t(0));
    }

    void sampleProjectOpensAndUpgrades()
    {
        const QString copy = mDir.path() + "/sample.tessera";
        QVERIFY(QFile::copy(QStringLiteral(TESSERA_SOURCE_DIR "/resources/samples/southeast.tessera"), copy));
        QFile::setPermissions(copy, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        auto store = openOrFail(copy.toStdString(), ProjectStore::OpenMode::ReadWrite);
        QVERIFY(store);
        auto list = store->listScenarios();
        QVERIFY(list && !list->empty());
        QVERIFY(store->cloneScenario(list->front().id, "Workshop copy"));
    }
};

QTEST_GUILESS_MAIN(TestScenarioStore)
#include "tst_scenariostore.moc"
