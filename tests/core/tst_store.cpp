// Tests for core/store: the .tessera project file. Every case works on a real
// SQLite file in a temporary folder; the crash case kills a real writer
// process in the middle of a save.
#include "core/store/geometryblob.h"
#include "core/store/projectstore.h"
#include "core/store/recoveryrecord.h"

#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <poll.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace tessera;

namespace {

Ring ring(std::initializer_list<LonLat> points)
{
    Ring r;
    r.points = points;
    r.points.push_back(r.points.front());
    return r;
}

/// A square cell [x, x+1] x [y, y+1] as one polygon.
Polygon square(double x, double y, double size = 1.0)
{
    Polygon p;
    p.outer = ring({{x, y}, {x + size, y}, {x + size, y + size}, {x, y + size}});
    return p;
}

std::shared_ptr<const MultiPolygon> geometry(std::vector<Polygon> polygons)
{
    MultiPolygon m;
    m.polygons = std::move(polygons);
    return std::make_shared<const MultiPolygon>(std::move(m));
}

/// A small project exercising every table: a unit with a hole, a
/// multipolygon unit, a unit without geometry, attributes, adjacency,
/// placed and unplaced accounts, reps with and without skills, two scenarios
/// with locks, overrides and a baseline.
Project sampleProject()
{
    Project project;
    project.setSettingsJson(R"({"name":"Zürich test","crs":"EPSG:4326","tolerance":0.5})");

    UnitLayer &units = project.units();
    Unit a;
    a.key = "01001";
    a.name = "Autauga";
    Polygon withHole = square(0, 0, 4);
    withHole.holes.push_back(ring({{1, 1}, {1, 2}, {2, 2}, {2, 1}}));
    withHole.holes.push_back(ring({{2.5, 2.5}, {2.5, 3}, {3, 3}}));
    a.geometry = geometry({withHole});
    a.centroid = {2.01, 1.99};
    a.areaKm2 = 1234.5678901234;
    units.add(a);

    Unit b;
    b.key = "01003";
    b.name = "Île-de-Baldwin";
    b.geometry = geometry({square(4, 0), square(6, 0, 0.5), square(4, 2, 0.25)});
    b.centroid = {4.5, 0.5};
    b.areaKm2 = 3.0e-7;
    units.add(b);

    Unit c;
    c.key = "1003"; // same digits without the leading zero: a different unit
    c.name = "";
    c.centroid = {-71.0589, 42.3601};
    units.add(c);

    Unit d;
    d.key = "02134";
    d.name = "Allston";
    d.geometry = geometry({square(0, 4)});
    d.centroid = {0.5, 4.5};
    d.areaKm2 = 1.0;
    units.add(d);

    AttributeTable &ua = units.attributes();
    const int population = ua.addColumn("population");
    const int income = ua.addColumn("median income");
    ua.setValue(0, population, 55869);
    ua.setValue(1, population, 223234);
    ua.setValue(3, population, -1.5);
    ua.setValue(2, income, 1e15); // the largest figure Tessera accepts
    ua.setValue(3, income, 0.1);

    project.setAdjacency(AdjacencyGraph(units.size(), {{UnitId(0), UnitId(1), 12.25},
                                                       {UnitId(0), UnitId(3), 4.0},
                                                       {UnitId(1), UnitId(3), 0.0}}));

    AccountLayer &accounts = project.accounts();
    const char *segments[] = {"gold", "silver", "", "gold", "bronze"};
    for (int i = 0; i < 5; ++i) {
        Account account;
        account.key = "CRM-" + std::to_string(1000 + i);
        account.name = i == 2 ? std::string("A very long account name that does not fit in a short string")
                              : "Account " + std::to_string(i);
        account.location = {0.1 * i + 0.05, 0.2 * i + 0.05};
        account.unit = i == 4 ? UnitId() : UnitId(i % 2 == 0 ? 0 : 3); // the last one is outside every unit
        account.segment = segments[i];
        accounts.add(account);
    }
    AttributeTable &aa = accounts.attributes();
    const int revenue = aa.addColumn(attributes::RevenuePotential);
    const int workload = aa.addColumn(attributes::WorkloadHours);
    const int visits = aa.addColumn(attributes::VisitFrequency);
    for (int i = 0; i < 5; ++i) {
        aa.setValue(static_cast<std::size_t>(i), revenue, 1000.0 * i + 0.125);
        aa.setValue(static_cast<std::size_t>(i), workload, 2.5 * i);
        aa.setValue(static_cast<std::size_t>(i), visits, i % 3);
    }

    Rep anna;
    anna.key = "R01";
    anna.name = "Anna Łukasiewicz";
    anna.home = {0.5, 0.5};
    anna.capacityHours = 1600;
    anna.skills = {"medical", "dental", "veterinary"};
    project.addRep(anna);
    Rep bo;
    bo.key = "R02";
    bo.name = "Bo";
    bo.home = {4.5, 0.5};
    project.addRep(bo);

    Scenario current;
    current.id = 7;
    current.name = "Current plan";
    current.parametersJson = R"({"balance":[{"attribute":"revenue_potential","tolerance":0.05}]})";
    current.notes = "As the regions stand today.\nSecond line.";
    current.createdAt = 1700000000;
    current.modifiedAt = 1700000500;
    current.addTerritory({TerritoryId(), "North", 0xff0000, RepId(0)});
    current.addTerritory({TerritoryId(), "South", 0x00ff00, RepId()});
    current.alignment = Alignment(units.size());
    current.alignment.assign(UnitId(0), TerritoryId(0));
    current.alignment.assign(UnitId(1), TerritoryId(1));
    current.alignment.assign(UnitId(3), TerritoryId(1));
    current.alignment.setLocked(UnitId(0), true);
    current.alignment.setLocked(UnitId(2), true); // locked while unassigned
    current.alignment.setAccountOverride(AccountId(0), TerritoryId(1));
    project.scenarios().push_back(current);

    Scenario proposal;
    proposal.id = 9;
    proposal.name = "Proposal";
    proposal.createdAt = 1700001000;
    proposal.modifiedAt = 1700002000;
    proposal.baseline = 7;
    proposal.addTerritory({TerritoryId(), "East", 0x0000ff, RepId(1)});
    proposal.addTerritory({TerritoryId(), "West", 0x123456, RepId(0)});
    proposal.addTerritory({TerritoryId(), "Empty", 0xffffff, RepId()});
    proposal.alignment = Alignment(units.size());
    proposal.alignment.assign(UnitId(0), TerritoryId(1));
    proposal.alignment.assign(UnitId(1), TerritoryId(0));
    proposal.alignment.assign(UnitId(2), TerritoryId(0));
    proposal.alignment.assign(UnitId(3), TerritoryId(1));
    proposal.alignment.setLocked(UnitId(3), true);
    proposal.alignment.setAccountOverride(AccountId(1), TerritoryId(0));
    proposal.alignment.setAccountOverride(AccountId(4), TerritoryId(2));
    project.scenarios().push_back(proposal);
    return project;
}

/// A bigger project: a grid of \a unitCount square units and \a accountCount
/// accounts with three attributes and names tagged with \a tag.
Project gridProject(int unitCount, int accountCount, const std::string &tag)
{
    Project project;
    const int side = 10;
    for (int i = 0; i < unitCount; ++i) {
        Unit unit;
        unit.key = "U" + std::to_string(i);
        unit.name = "Unit " + std::to_string(i);
        unit.geometry = geometry({square(i % side, i / side)});
        unit.centroid = {i % side + 0.5, i / side + 0.5};
        unit.areaKm2 = 100;
        project.units().add(unit);
    }
    const int revenue = project.accounts().attributes().addColumn(attributes::RevenuePotential);
    const int workload = project.accounts().attributes().addColumn(attributes::WorkloadHours);
    const int visits = project.accounts().attributes().addColumn(attributes::VisitFrequency);
    project.accounts().reserve(static_cast<std::size_t>(accountCount));
    for (int i = 0; i < accountCount; ++i) {
        Account account;
        account.key = tag + std::to_string(i);
        account.name = tag + " customer " + std::to_string(i);
        account.location = {(i % 997) * 0.01, (i % 991) * 0.01};
        account.unit = UnitId(i % unitCount);
        account.segment = i % 2 ? "A" : "B";
        project.accounts().add(account);
    }
    AttributeTable &table = project.accounts().attributes();
    for (int i = 0; i < accountCount; ++i) {
        table.setValue(static_cast<std::size_t>(i), revenue, i * 1.5);
        table.setValue(static_cast<std::size_t>(i), workload, i % 40);
        table.setValue(static_cast<std::size_t>(i), visits, i % 12);
    }
    Scenario scenario;
    scenario.id = 1;
    scenario.name = tag;
    scenario.addTerritory({TerritoryId(), "T", 0x112233, RepId()});
    scenario.alignment = Alignment(project.units().size());
    for (int i = 0; i < unitCount; i += 2)
        scenario.alignment.assign(UnitId(i), TerritoryId(0));
    project.scenarios().push_back(scenario);
    return project;
}

std::unique_ptr<ProjectStore> openOrFail(const std::string &path, ProjectStore::OpenMode mode)
{
    auto store = ProjectStore::open(path, mode);
    if (!store)
        qWarning("open failed: %s", store.error().toString().c_str());
    return store ? std::move(*store) : nullptr;
}

/// Opens \a path with plain SQLite, runs one single-value query.
std::string rawQuery(const std::string &path, const char *sql)
{
    sqlite3 *db = nullptr;
    std::string result = "<error>";
    if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
        sqlite3_stmt *statement = nullptr;
        if (sqlite3_prepare_v2(db, sql, -1, &statement, nullptr) == SQLITE_OK) {
            const int rc = sqlite3_step(statement);
            if (rc == SQLITE_ROW)
                result = sqlite3_column_text(statement, 0)
                             ? reinterpret_cast<const char *>(sqlite3_column_text(statement, 0))
                             : "<null>";
            else if (rc == SQLITE_DONE)
                result = "<none>";
        }
        sqlite3_finalize(statement);
    }
    sqlite3_close(db);
    return result;
}

bool rawExec(const std::string &path, const char *sql)
{
    sqlite3 *db = nullptr;
    bool ok = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) == SQLITE_OK
              && sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK;
    sqlite3_close(db);
    return ok;
}

std::int64_t fileSize(const std::string &path)
{
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0 ? static_cast<std::int64_t>(st.st_size) : -1;
}

void writeText(const std::string &path, const std::string &text)
{
    std::ofstream out(path, std::ios::binary);
    out << text;
}

/// Compares two projects part by part so a failure says which part differs.
void compareProjects(const Project &actual, const Project &expected)
{
    QCOMPARE(actual.settingsJson(), expected.settingsJson());
    QCOMPARE(actual.units().size(), expected.units().size());
    for (std::size_t i = 0; i < expected.units().size(); ++i)
        QVERIFY2(actual.units().units()[i] == expected.units().units()[i], expected.units().units()[i].key.c_str());
    QVERIFY(actual.units().attributes() == expected.units().attributes());
    QVERIFY(actual.adjacency() == expected.adjacency());
    QCOMPARE(actual.accounts().size(), expected.accounts().size());
    QVERIFY(actual.accounts().accounts() == expected.accounts().accounts());
    QVERIFY(actual.accounts().attributes() == expected.accounts().attributes());
    QVERIFY(actual.reps() == expected.reps());
    QCOMPARE(actual.scenarios().size(), expected.scenarios().size());
    for (std::size_t i = 0; i < expected.scenarios().size(); ++i) {
        const Scenario &a = actual.scenarios()[i];
        const Scenario &e = expected.scenarios()[i];
        QCOMPARE(a.id, e.id);
        QCOMPARE(a.name, e.name);
        QVERIFY(a.territories == e.territories);
        QVERIFY2(a.alignment == e.alignment, e.name.c_str());
        QVERIFY(a == e);
    }
    QVERIFY(actual == expected);
}

} // namespace

class TestStore : public QObject {
    Q_OBJECT

private:
    QTemporaryDir mDir;
    std::string file(const char *name) const { return (mDir.path() + "/" + name).toStdString(); }

private slots:
    void geometryBlobRoundTripsBitForBit()
    {
        MultiPolygon m;
        Polygon p = square(-180, -90, 0.1);
        p.holes.push_back(ring({{-179.99, -89.99}, {-179.98, -89.99}, {-179.98, -89.98}}));
        m.polygons = {p, square(1e-12, 3.0000000000000004)};
        const std::string blob = geometryblob::encode(m);
        // 1 format byte + polygon count + 2 ring counts + 3 point counts + 5+4+5 points
        QCOMPARE(blob.size(), std::size_t(1 + 4 + 2 * 4 + 3 * 4 + (5 + 4 + 5) * 16));
        const auto decoded = geometryblob::decode(blob);
        QVERIFY(decoded.has_value());
        QVERIFY(*decoded == m);
        QVERIFY(geometryblob::decode(geometryblob::encode(MultiPolygon())).value().isEmpty());
    }

    void geometryBlobWithAnEmptyRingDecodes()
    {
        // A ring of zero points (found by fuzzing the project reader): decoded
        // as such, without copying from a null buffer (UBSan in the asan build).
        MultiPolygon m;
        Polygon p;
        p.holes.push_back(Ring());
        m.polygons = {p};
        const auto decoded = geometryblob::decode(geometryblob::encode(m));
        QVERIFY(decoded.has_value());
        QCOMPARE(decoded->polygons.size(), std::size_t(1));
        QVERIFY(decoded->polygons[0].outer.points.empty());
        QCOMPARE(decoded->polygons[0].holes.size(), std::size_t(1));
    }

    void geometryBlobRejectsEveryTruncation()
    {
        MultiPolygon m;
        m.polygons = {square(0, 0), square(2, 2)};
        const std::string blob = geometryblob::encode(m);
        for (std::size_t n = 0; n < blob.size(); ++n)
            QVERIFY2(!geometryblob::decode(std::string_view(blob).substr(0, n)), std::to_string(n).c_str());
        std::string longer = blob + "x";
        QVERIFY(!geometryblob::decode(longer));
        std::string wrongFormat = blob;
        wrongFormat[0] = 2;
        QVERIFY(!geometryblob::decode(wrongFormat));
        std::string hugeCount = blob;
        hugeCount[1] = hugeCount[2] = hugeCount[3] = hugeCount[4] = '\xff';
        QVERIFY(!geometryblob::decode(hugeCount));
    }

    void fullProjectRoundTrips()
    {
        const std::string path = file("roundtrip.tessera");
        const Project project = sampleProject();
        {
            auto store = openOrFail(path, ProjectStore::OpenMode::Create);
            QVERIFY(store);
            QVERIFY(!store->isReadOnly());
            const Result<void> saved = store->save(project);
            QVERIFY2(saved.isOk(), saved.isOk() ? "" : saved.error().toString().c_str());
            auto loaded = store->load();
            QVERIFY(loaded.isOk());
            compareProjects(*loaded, project);
        }
        // A fresh connection reads the same, and the details survived.
        auto store = openOrFail(path, ProjectStore::OpenMode::ReadOnly);
        QVERIFY(store);
        QVERIFY(store->isReadOnly());
        auto loaded = store->load();
        QVERIFY(loaded.isOk());
        compareProjects(*loaded, project);
        const Unit &a = loaded->units().unit(UnitId(0));
        QCOMPARE(a.geometry->polygons.size(), std::size_t(1));
        QCOMPARE(a.geometry->polygons[0].holes.size(), std::size_t(2));
        QCOMPARE(loaded->units().unit(UnitId(1)).geometry->polygons.size(), std::size_t(3));
        QVERIFY(!loaded->units().unit(UnitId(2)).geometry);
        QCOMPARE(loaded->units().findByKey("01001"), UnitId(0));
        QCOMPARE(loaded->units().findByKey("1003"), UnitId(2));
        QCOMPARE(loaded->accounts().unplacedCount(), std::size_t(1));
        QCOMPARE(loaded->reps()[0].skills, (std::vector<std::string>{"medical", "dental", "veterinary"}));
        QCOMPARE(loaded->adjacency().edgeCount(), std::size_t(3));
        QVERIFY(loaded->adjacency().areAdjacent(UnitId(3), UnitId(0)));
        QCOMPARE(loaded->scenarios()[1].baseline, std::optional<ScenarioId>(7));
        QCOMPARE(loaded->scenarios()[0].alignment.lockedCount(), std::size_t(2));
        QCOMPARE(loaded->scenarios()[1].alignment.accountOverrides().at(AccountId(4)), TerritoryId(2));
        QCOMPARE(rawQuery(path, "PRAGMA integrity_check"), std::string("ok"));
    }

    void savingAgainReplacesEverything()
    {
        const std::string path = file("replace.tessera");
        auto store = openOrFail(path, ProjectStore::OpenMode::Create);
        QVERIFY(store);
        QVERIFY(store->save(sampleProject()).isOk());
        const Project smaller = gridProject(12, 30, "g");
        QVERIFY(store->save(smaller).isOk());
        auto loaded = store->load();
        QVERIFY(loaded.isOk());
        compareProjects(*loaded, smaller);
        QCOMPARE(rawQuery(path, "SELECT count(*) FROM rep_skills"), std::string("0"));
        QCOMPARE(rawQuery(path, "SELECT count(*) FROM account_overrides"), std::string("0"));
        QCOMPARE(rawQuery(path, "SELECT count(*) FROM attribute_columns WHERE layer = 'unit'"), std::string("0"));
        // An empty project is a valid project too.
        QVERIFY(store->save(Project()).isOk());
        auto empty = store->load();
        QVERIFY(empty.isOk());
        QVERIFY(*empty == Project());
    }

    void newScenariosGetIds()
    {
        const std::string path = file("ids.tessera");
        auto store = openOrFail(path, ProjectStore::OpenMode::Create);
        QVERIFY(store);
        Project project = sampleProject();
        project.scenarios()[1].baseline.reset();
        project.scenarios()[0].id = 0;
        project.scenarios()[1].id = 0;
        QVERIFY(store->save(project).isOk());
        QVERIFY(project.scenarios()[0].id > 0);
        QVERIFY(project.scenarios()[1].id > project.scenarios()[0].id);
        auto loaded = store->load();
        QVERIFY(loaded.isOk());
        compareProjects(*loaded, project);
    }

    void saveScenarioInsertsUpdatesAndDeletes()
    {
        const std::string path = file("scenario.tessera");
        auto store = openOrFail(path, ProjectStore::OpenMode::Create);
        QVERIFY(store);
        Project project = sampleProject();
        QVERIFY(store->save(project).isOk());

        // Insert.
        Scenario added;
        added.name = "Workshop";
        added.notes = "drawn by hand";
        added.addTerritory({TerritoryId(), "Solo", 0xabcdef, RepId(1)});
        added.alignment = Alignment(project.units().size());
        added.alignment.assign(UnitId(2), TerritoryId(0));
        added.alignment.setAccountOverride(AccountId(3), TerritoryId(0));
        const std::int64_t before = static_cast<std::int64_t>(std::time(nullptr));
        QVERIFY(store->saveScenario(added).isOk());
        QVERIFY(added.id > 9);
        QVERIFY(added.createdAt >= before && added.modifiedAt == added.createdAt);
        auto list = store->listScenarios();
        QVERIFY(list.isOk());
        QCOMPARE(list->size(), std::size_t(3));
        QCOMPARE(list->back().name, std::string("Workshop"));
        QCOMPARE(list->back().territoryCount, std::size_t(1));
        auto reread = store->loadScenario(added.id);
        QVERIFY(reread.isOk());
        QVERIFY(*reread == added);

        // Update: new territory, moved and unassigned units, new lock, override gone.
        const std::int64_t created = added.createdAt;
        added.name = "Workshop v2";
        added.addTerritory({TerritoryId(), "Duo", 0x010203, RepId()});
        added.alignment.assign(UnitId(2), TerritoryId(1));
        added.alignment.assign(UnitId(0), TerritoryId(0));
        added.alignment.setLocked(UnitId(1), true);
        added.alignment.clearAccountOverride(AccountId(3));
        added.alignment.setAccountOverride(AccountId(4), TerritoryId(1));
        added.baseline = 7;
        QVERIFY(store->saveScenario(added).isOk());
        QCOMPARE(added.createdAt, created);
        reread = store->loadScenario(added.id);
        QVERIFY(reread.isOk());
        QVERIFY(*reread == added);
        QCOMPARE(reread->alignment.territoryOf(UnitId(3)), TerritoryId());
        QCOMPARE(rawQuery(path, ("SELECT count(*) FROM alignment WHERE scenario = " + std::to_string(added.id)).c_str()),
                 std::string("3"));

        // The other scenarios are untouched.
        auto loaded = store->load();
        QVERIFY(loaded.isOk());
        QCOMPARE(loaded->scenarios().size(), std::size_t(3));
        QVERIFY(loaded->scenarios()[0] == project.scenarios()[0]);
        QVERIFY(loaded->scenarios()[1] == project.scenarios()[1]);
        QVERIFY(loaded->scenarios()[2] == added);

        // Delete the baseline: its dependants lose the baseline, its rows go.
        QVERIFY(store->deleteScenario(7).isOk());
        list = store->listScenarios();
        QVERIFY(list.isOk());
        QCOMPARE(list->size(), std::size_t(2));
        QCOMPARE(list->at(0).id, ScenarioId(9));
        QVERIFY(!list->at(0).baseline.has_value());
        QVERIFY(!list->at(1).baseline.has_value());
        QCOMPARE(rawQuery(path, "SELECT count(*) FROM alignment WHERE scenario = 7"), std::string("0"));
        QCOMPARE(rawQuery(path, "SELECT count(*) FROM territories WHERE scenario = 7"), std::string("0"));
        QCOMPARE(rawQuery(path, "SELECT count(*) FROM account_overrides WHERE scenario = 7"), std::string("0"));

        const Result<void> again = store->deleteScenario(7);
        QVERIFY(!again.isOk());
        QCOMPARE(again.error().code, ErrorCode::NotFound);
        Scenario ghost = added;
        ghost.id = 4242;
        const Result<void> missing = store->saveScenario(ghost);
        QVERIFY(!missing.isOk());
        QCOMPARE(missing.error().code, ErrorCode::NotFound);
        QCOMPARE(rawQuery(path, "PRAGMA integrity_check"), std::string("ok"));
        QCOMPARE(rawQuery(path, "PRAGMA foreign_key_check"), std::string("<none>"));
    }

    void rosterIsSavedWithItsScenariosInOneTransaction()
    {
        const std::string path = file("roster.tessera");
        auto store = openOrFail(path, ProjectStore::OpenMode::Create);
        QVERIFY(store);
        Project project = sampleProject();
        QVERIFY(store->save(project).isOk());
        QCOMPARE(project.reps().size(), std::size_t(2));
        const ScenarioId firstId = project.scenarios()[0].id;
        const std::size_t entries = store->history(firstId)->size();
        const std::string alignmentRows = rawQuery(path, "SELECT count(*) FROM alignment");

        // Remove the first rep: the second becomes rep 0, the first one's territories fall vacant.
        std::vector<Rep> reps = project.reps();
        reps.erase(reps.begin());
        reps[0].id = RepId(0);
        reps[0].skills = {"oncology"};
        for (Scenario &scenario : project.scenarios())
            for (Territory &territory : scenario.territories)
                territory.rep = territory.rep == RepId(0) ? RepId() : territory.rep == RepId(1) ? RepId(0) : territory.rep;
        QVERIFY(store->saveRoster(reps, project.scenarios(), {"Removed rep Anna"}).isOk());
        project.reps() = reps;
        const Project reread = *store->load();
        QCOMPARE(reread.reps(), reps);
        for (std::size_t s = 0; s < project.scenarios().size(); ++s)
            QCOMPARE(reread.scenarios()[s].territories, project.scenarios()[s].territories);
        // One new entry (a file without entries also lists its state "as saved before history was kept").
        const auto history = *store->history(firstId);
        QCOMPARE(std::count_if(history.begin(), history.end(),
                               [](const HistoryEntry &h) { return h.summary == "Removed rep Anna"; }),
                 std::ptrdiff_t(1));
        QVERIFY(history.size() > entries);
        QCOMPARE(history.back().summary, std::string("Removed rep Anna"));
        QCOMPARE(rawQuery(path, "SELECT count(*) FROM alignment"), alignmentRows);

        // A scenario naming a rep the roster does not have: refused, nothing written.
        std::vector<Scenario> broken = project.scenarios();
        broken[0].territories[1].rep = RepId(1);
        QVERIFY(!store->saveRoster({}, broken).isOk());
        const Project unchanged = *store->load();
        QCOMPARE(unchanged.reps(), reps);
        QCOMPARE(unchanged.scenarios()[0].territories, project.scenarios()[0].territories);

        // A rep without a home would make the file unreadable: refused by name, nothing written.
        std::vector<Rep> homeless = reps;
        homeless[0].home = {std::nan(""), std::nan("")};
        const auto refused = store->saveRoster(homeless, project.scenarios());
        QVERIFY(!refused.isOk());
        QVERIFY2(refused.error().message.find("'" + reps[0].name + "' has no home") != std::string::npos,
                 refused.error().message.c_str());
        QCOMPARE(store->load()->reps(), reps);
    }

    void recoveryRecordKeepsRosterAndSettings()
    {
        const std::string project = file("recovered.tessera");
        Project sample = sampleProject();
        RecoveryState state;
        state.scenarios = sample.scenarios();
        state.summary = "Remove Rep Anna";
        std::vector<Rep> reps = sample.reps();
        reps.erase(reps.begin());
        reps[0].id = RepId(0);
        reps[0].home = {std::nan(""), std::nan("")}; // no home: JSON has no NaN
        reps[0].skills = {"oncology", "devices"};
        state.reps = reps;
        state.settingsJson = R"({"attribute_display":[]})";
        const std::size_t units = sample.units().size();
        QVERIFY(recoveryrecord::write(project, state, units).isOk());
        auto read = recoveryrecord::read(project, units);
        QVERIFY(read.isOk());
        QVERIFY(read->reps && read->settingsJson);
        QCOMPARE(*read->reps, reps);
        QCOMPARE(*read->settingsJson, *state.settingsJson);

        // Restoring: a territory whose rep is not on the recovered roster falls vacant.
        int edited = 0;
        const std::vector<Scenario> merged = recoveryrecord::merge(sample.scenarios(), *read, edited);
        QCOMPARE(merged[1].territories[0].rep, RepId());
        QCOMPARE(merged[1].territories[1].rep, RepId(0));

        // Edits that left the roster alone record none.
        state.reps.reset();
        state.settingsJson.reset();
        QVERIFY(recoveryrecord::write(project, state, units).isOk());
        read = recoveryrecord::read(project, units);
        QVERIFY(read.isOk() && !read->reps && !read->settingsJson);

        // A record from before rosters were kept still reads.
        const std::string record = recoveryrecord::pathFor(project);
        QVERIFY(rawExec(record, "DROP TABLE project"));
        QVERIFY(recoveryrecord::read(project, units).isOk());

        // A damaged roster is named, not restored.
        state.reps = reps;
        QVERIFY(recoveryrecord::write(project, state, units).isOk());
        QVERIFY(rawExec(record, R"(UPDATE project SET reps = '[{"key":"R","name":5}]')"));
        read = recoveryrecord::read(project, units);
        QVERIFY(!read.isOk());
        QVERIFY2(read.error().toString().find("rep 1 of the recovery record") != std::string::npos,
                 read.error().toString().c_str());
        QVERIFY(rawExec(record, R"(UPDATE project SET reps = '[{"key":"R","name":"N","lon":1e400}]')"));
        QVERIFY(!recoveryrecord::read(project, units).isOk());
    }

    void badReferencesAreRefusedAndNothingChanges()
    {
        const std::string path = file("badrefs.tessera");
        auto store = openOrFail(path, ProjectStore::OpenMode::Create);
        QVERIFY(store);
        const Project good = sampleProject();
        QVERIFY(store->save(good).isOk());

        Scenario scenario = good.scenarios()[0];
        scenario.alignment.assign(UnitId(1), TerritoryId(5));
        Result<void> result = store->saveScenario(scenario);
        QVERIFY(!result.isOk());
        QCOMPARE(result.error().code, ErrorCode::InvalidArgument);
        QVERIFY(result.error().message.find("Current plan") != std::string::npos);

        scenario = good.scenarios()[0];
        scenario.territories[1].rep = RepId(2);
        QVERIFY(!store->saveScenario(scenario).isOk());
        scenario = good.scenarios()[0];
        scenario.alignment.setAccountOverride(AccountId(5), TerritoryId(0));
        QVERIFY(!store->saveScenario(scenario).isOk());
        scenario = good.scenarios()[0];
        scenario.baseline = 1234; // no such scenario: the foreign key refuses it
        result = store->saveScenario(scenario);
        QVERIFY(!result.isOk());
        QCOMPARE(result.error().code, ErrorCode::InvalidArgument);

        Project bad = good;
        bad.accounts().account(AccountId(1)).unit = UnitId(17);
        result = store->save(bad);
        QVERIFY(!result.isOk());
        QCOMPARE(result.error().code, ErrorCode::InvalidArgument);
        QVERIFY(result.error().message.find("CRM-1001") != std::string::npos);

        bad = good;
        bad.setSettingsJson("{not json");
        QCOMPARE(store->save(bad).error().code, ErrorCode::InvalidArgument);
        QCOMPARE(store->saveSettings("[1,").error().code, ErrorCode::InvalidArgument);

        bad = good;
        bad.scenarios()[1].baseline = 8;
        QCOMPARE(store->save(bad).error().code, ErrorCode::InvalidArgument);

        bad = good;
        bad.units().unit(UnitId(3)).key = "01001";
        QCOMPARE(store->save(bad).error().code, ErrorCode::InvalidArgument);

        auto loaded = store->load();
        QVERIFY(loaded.isOk());
        compareProjects(*loaded, good);
        QVERIFY(store->saveSettings(R"({"name":"renamed"})").isOk());
        QCOMPARE(store->load()->settingsJson(), std::string(R"({"name":"renamed"})"));
    }

    void cancelledSaveLeavesFileUnchanged()
    {
        const std::string path = file("cancel.tessera");
        auto store = openOrFail(path, ProjectStore::OpenMode::Create);
        QVERIFY(store);
        const Project first = gridProject(20, 100, "first");
        QVERIFY(store->save(first).isOk());
        Feedback feedback;
        int calls = 0;
        feedback.setProgressCallback([&](double fraction, std::string_view) {
            ++calls;
            if (fraction > 0.3)
                feedback.cancel();
        });
        const Result<void> result = store->save(gridProject(20, 100000, "second"), &feedback);
        QVERIFY(!result.isOk());
        QCOMPARE(result.error().code, ErrorCode::Cancelled);
        QVERIFY(calls > 2);
        auto loaded = store->load();
        QVERIFY(loaded.isOk());
        compareProjects(*loaded, first);
    }

    void loadOptionsSkipParts()
    {
        const std::string path = file("partial.tessera");
        const Project project = sampleProject();
        {
            auto store = openOrFail(path, ProjectStore::OpenMode::Create);
            QVERIFY(store && store->save(project).isOk());
        }
        auto store = openOrFail(path, ProjectStore::OpenMode::ReadOnly);
        QVERIFY(store);
        LoadOptions options;
        options.accounts = false;
        options.scenarios = false;
        auto loaded = store->load(options);
        QVERIFY(loaded.isOk());
        QVERIFY(loaded->units() == project.units());
        QVERIFY(loaded->adjacency() == project.adjacency());
        QVERIFY(loaded->reps() == project.reps());
        QVERIFY(loaded->accounts().isEmpty());
        QVERIFY(loaded->scenarios().empty());

        auto summary = store->summary();
        QVERIFY(summary.isOk());
        QCOMPARE(summary->unitCount, std::size_t(4));
        QCOMPARE(summary->accountCount, std::size_t(5));
        QCOMPARE(summary->unplacedAccountCount, std::size_t(1));
        QCOMPARE(summary->repCount, std::size_t(2));
        QCOMPARE(summary->adjacencyEdgeCount, std::size_t(3));
        QCOMPARE(summary->scenarioCount, std::size_t(2));
        QCOMPARE(summary->territoryCount, std::size_t(5));
        QCOMPARE(summary->schemaVersion, ProjectStore::SchemaVersion);
        // Units 0, 1 and 3 have geometry: x 0..6.5, y 0..5.
        QCOMPARE(summary->bounds, (BoundingBox{0, 0, 6.5, 5}));
    }

    void unusualPathsWork()
    {
        QTemporaryDir odd(mDir.path() + "/odd folder #1 ?x=ü-XXXXXX");
        QVERIFY(odd.isValid());
        const std::string path = odd.path().toStdString() + "/Plan 2026 #3 (Zürich)?.tessera";
        const Project project = sampleProject();
        {
            auto store = openOrFail(path, ProjectStore::OpenMode::Create);
            QVERIFY(store && store->save(project).isOk());
        }
        auto store = openOrFail(path, ProjectStore::OpenMode::ReadOnly);
        QVERIFY(store);
        auto loaded = store->load();
        QVERIFY(loaded.isOk());
        compareProjects(*loaded, project);
        QCOMPARE(rawQuery(path, "PRAGMA integrity_check"), std::string("ok"));
    }

    void cancelledLoadReportsCancelled()
    {
        const std::string path = file("cancelload.tessera");
        {
            auto store = openOrFail(path, ProjectStore::OpenMode::Create);
            QVERIFY(store && store->save(gridProject(50, 200000, "c")).isOk());
        }
        auto store = openOrFail(path, ProjectStore::OpenMode::ReadOnly);
        QVERIFY(store);
        Feedback feedback;
        double last = -1.0;
        bool monotonic = true;
        feedback.setProgressCallback([&](double fraction, std::string_view) {
            monotonic = monotonic && fraction >= last;
            last = fraction;
            if (fraction > 0.5)
                feedback.cancel();
        });
        const auto loaded = store->load(&feedback);
        QVERIFY(!loaded.isOk());
        QCOMPARE(loaded.error().code, ErrorCode::Cancelled);
        QVERIFY(monotonic);
        Feedback complete;
        last = -1.0;
        complete.setProgressCallback([&](double fraction, std::string_view) { last = fraction; });
        const auto full = store->load(&complete);
        QVERIFY(full.isOk());
        QCOMPARE(full->accounts().size(), std::size_t(200000));
        QCOMPARE(last, 1.0);
    }

    void fileCarriesApplicationIdAndVersion()
    {
        const std::string path = file("pragmas.tessera");
        {
            auto store = openOrFail(path, ProjectStore::OpenMode::Create);
            QVERIFY(store);
        }
        QCOMPARE(rawQuery(path, "PRAGMA application_id"), std::to_string(ProjectStore::ApplicationId));
        QCOMPARE(rawQuery(path, "PRAGMA application_id"), std::to_string(0x54535352));
        QCOMPARE(rawQuery(path, "PRAGMA user_version"), std::to_string(ProjectStore::SchemaVersion));
        QCOMPARE(rawQuery(path, "PRAGMA journal_mode"), std::string("wal"));
        QCOMPARE(rawQuery(path, "SELECT count(DISTINCT id) FROM pragma_foreign_key_list('alignment')"), std::string("3"));
        QCOMPARE(rawQuery(path, "PRAGMA integrity_check"), std::string("ok"));
        // Opening an existing project in Create mode keeps it.
        auto store = openOrFail(path, ProjectStore::OpenMode::Create);
        QVERIFY(store);
        QVERIFY(store->save(sampleProject()).isOk());
        store.reset();
        store = openOrFail(path, ProjectStore::OpenMode::Create);
        QVERIFY(store);
        QCOMPARE(store->load()->units().size(), std::size_t(4));
        // The lock file goes away with the store.
        QVERIFY(fileSize(path + "-lock") >= 0);
        store.reset();
        QCOMPARE(fileSize(path + "-lock"), std::int64_t(-1));
    }

    void notAProjectIsRefused_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<int>("mode");
        const char *kinds[] = {"text", "foreign", "empty", "folder"};
        for (const char *kind : kinds)
            for (int mode = 0; mode < 3; ++mode) {
                if (std::string(kind) == "empty" && mode == int(ProjectStore::OpenMode::Create))
                    continue; // an empty file is where Create makes a new project
                QTest::addRow("%s-%d", kind, mode) << QString(kind) << mode;
            }
    }

    void notAProjectIsRefused()
    {
        QFETCH(QString, kind);
        QFETCH(int, mode);
        const std::string path = file(("notaproject-" + kind.toStdString() + std::to_string(mode) + ".tessera").c_str());
        if (kind == "text")
            writeText(path, "unit,name\n01001,Autauga\n");
        else if (kind == "foreign")
            QVERIFY(rawExec(path, "CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('mine');"));
        else if (kind == "empty")
            writeText(path, "");
        else
            QVERIFY(::mkdir(path.c_str(), 0755) == 0);
        const auto result = ProjectStore::open(path, static_cast<ProjectStore::OpenMode>(mode));
        QVERIFY(!result.isOk());
        QCOMPARE(result.error().code, ErrorCode::NotAProject);
        QVERIFY(result.error().toString().find(path) != std::string::npos);
        if (kind == "foreign") {
            // The foreign database is left exactly as it was.
            QCOMPARE(rawQuery(path, "SELECT body FROM notes"), std::string("mine"));
            QCOMPARE(rawQuery(path, "PRAGMA journal_mode"), std::string("delete"));
            QCOMPARE(fileSize(path + "-lock"), std::int64_t(-1));
        }
    }

    void newerSchemaIsRefused()
    {
        const std::string path = file("newer.tessera");
        {
            auto store = openOrFail(path, ProjectStore::OpenMode::Create);
            QVERIFY(store && store->save(sampleProject()).isOk());
        }
        const std::string newer = std::to_string(ProjectStore::SchemaVersion + 1);
        QVERIFY(rawExec(path, ("PRAGMA user_version = " + newer).c_str()));
        for (auto mode : {ProjectStore::OpenMode::ReadOnly, ProjectStore::OpenMode::ReadWrite,
                          ProjectStore::OpenMode::Create}) {
            const auto result = ProjectStore::open(path, mode);
            QVERIFY(!result.isOk());
            QCOMPARE(result.error().code, ErrorCode::NewerSchema);
            QVERIFY(result.error().toString().find(path) != std::string::npos);
        }
        QCOMPARE(rawQuery(path, "PRAGMA user_version"), newer);
        QVERIFY(rawExec(path, ("PRAGMA user_version = " + std::to_string(ProjectStore::SchemaVersion)).c_str()));
        QVERIFY(openOrFail(path, ProjectStore::OpenMode::ReadWrite));
    }

    void readOnlyFileOpensOnlyForReading()
    {
        const std::string path = file("readonly.tessera");
        const Project project = sampleProject();
        {
            auto store = openOrFail(path, ProjectStore::OpenMode::Create);
            QVERIFY(store && store->save(project).isOk());
        }
        QVERIFY(::chmod(path.c_str(), 0444) == 0);
        for (auto mode : {ProjectStore::OpenMode::ReadWrite, ProjectStore::OpenMode::Create}) {
            const auto result = ProjectStore::open(path, mode);
            QVERIFY(!result.isOk());
            QCOMPARE(result.error().code, ErrorCode::ReadOnly);
            QVERIFY(result.error().toString().find(path) != std::string::npos);
        }
        {
            auto store = openOrFail(path, ProjectStore::OpenMode::ReadOnly);
            QVERIFY(store);
            auto loaded = store->load();
            QVERIFY(loaded.isOk());
            compareProjects(*loaded, project);
            QCOMPARE(store->save(project).error().code, ErrorCode::ReadOnly);
            Scenario scenario = project.scenarios()[0];
            QCOMPARE(store->saveScenario(scenario).error().code, ErrorCode::ReadOnly);
            QCOMPARE(store->deleteScenario(7).error().code, ErrorCode::ReadOnly);
        }
        QVERIFY(::chmod(path.c_str(), 0644) == 0);
        QVERIFY(openOrFail(path, ProjectStore::OpenMode::ReadWrite));
    }

    void readOnlyFolderOpensOnlyForReading()
    {
        const std::string folder = file("lockedfolder");
        QVERIFY(::mkdir(folder.c_str(), 0755) == 0);
        const std::string path = folder + "/project.tessera";
        const Project project = sampleProject();
        {
            auto store = openOrFail(path, ProjectStore::OpenMode::Create);
            QVERIFY(store && store->save(project).isOk());
        }
        QVERIFY(::chmod(folder.c_str(), 0555) == 0);
        const auto result = ProjectStore::open(path, ProjectStore::OpenMode::ReadWrite);
        const auto created = ProjectStore::open(folder + "/new.tessera", ProjectStore::OpenMode::Create);
        auto reader = openOrFail(path, ProjectStore::OpenMode::ReadOnly);
        const bool loads = reader && reader->load().isOk() && *reader->load() == project;
        reader.reset();
        QVERIFY(::chmod(folder.c_str(), 0755) == 0);
        QVERIFY(!result.isOk());
        QCOMPARE(result.error().code, ErrorCode::ReadOnly);
        QVERIFY(!created.isOk());
        QCOMPARE(created.error().code, ErrorCode::ReadOnly);
        QVERIFY(loads);
    }

    void readOnlyForAnotherUser()
    {
        // A user who may neither write the file nor its folder can still
        // read the project (SQLite cannot create the -shm file there).
        if (::geteuid() != 0)
            QSKIP("switching to another user needs root; the chmod cases cover this user");
        QTemporaryDir shared;
        QVERIFY(shared.isValid());
        const std::string folder = shared.path().toStdString();
        QVERIFY(::chmod(folder.c_str(), 0755) == 0);
        const std::string path = folder + "/shared.tessera";
        const Project project = sampleProject();
        {
            auto store = openOrFail(path, ProjectStore::OpenMode::Create);
            QVERIFY(store && store->save(project).isOk());
        }
        QCOMPARE(fileSize(path + "-shm"), std::int64_t(-1));
        const pid_t child = ::fork();
        QVERIFY(child >= 0);
        if (child == 0) {
            if (::setgid(65534) != 0 || ::setuid(65534) != 0)
                ::_exit(10);
            const auto writer = ProjectStore::open(path, ProjectStore::OpenMode::ReadWrite);
            if (writer.isOk() || writer.error().code != ErrorCode::ReadOnly)
                ::_exit(11);
            auto reader = ProjectStore::open(path, ProjectStore::OpenMode::ReadOnly);
            if (!reader)
                ::_exit(12);
            auto loaded = (*reader)->load();
            if (!loaded)
                ::_exit(13);
            ::_exit(*loaded == project ? 0 : 14);
        }
        int status = 0;
        QCOMPARE(::waitpid(child, &status, 0), child);
        QVERIFY(WIFEXITED(status));
        if (WEXITSTATUS(status) == 10)
            QSKIP("this system does not let root switch to user 65534");
        QCOMPARE(WEXITSTATUS(status), 0);
    }

    void notANumberIsKept()
    {
        const std::string path = file("nan.tessera");
        Project project = sampleProject();
        project.units().unit(UnitId(2)).centroid = {std::nan(""), std::nan("")};
        project.accounts().account(AccountId(1)).location.lat = std::nan("");
        project.accounts().attributes().setValue(3, 0, std::nan(""));
        auto store = openOrFail(path, ProjectStore::OpenMode::Create);
        QVERIFY(store);
        const Result<void> saved = store->save(project);
        QVERIFY2(saved.isOk(), saved.isOk() ? "" : saved.error().toString().c_str());
        auto loaded = store->load();
        QVERIFY(loaded.isOk());
        QVERIFY(std::isnan(loaded->units().unit(UnitId(2)).centroid.lon));
        QVERIFY(std::isnan(loaded->units().unit(UnitId(2)).centroid.lat));
        QVERIFY(std::isnan(loaded->accounts().account(AccountId(1)).location.lat));
        QCOMPARE(loaded->accounts().account(AccountId(1)).location.lon, 0.15);
        QVERIFY(std::isnan(loaded->accounts().attributes().value(3, 0)));
        QCOMPARE(loaded->accounts().attributes().value(2, 0), 2000.125);
    }

    void secondWriterIsLockedOut()
    {
        const std::string path = file("locked.tessera");
        const Project project = sampleProject();
        auto first = openOrFail(path, ProjectStore::OpenMode::Create);
        QVERIFY(first && first->save(project).isOk());
        for (auto mode : {ProjectStore::OpenMode::ReadWrite, ProjectStore::OpenMode::Create}) {
            const auto second = ProjectStore::open(path, mode);
            QVERIFY(!second.isOk());
            QCOMPARE(second.error().code, ErrorCode::Locked);
            QVERIFY(second.error().toString().find(path) != std::string::npos);
        }
        // Readers still work while the writer holds the lock, and see its saves.
        auto reader = openOrFail(path, ProjectStore::OpenMode::ReadOnly);
        QVERIFY(reader);
        Scenario scenario = project.scenarios()[0];
        scenario.name = "Renamed while read";
        QVERIFY(first->saveScenario(scenario).isOk());
        auto loaded = reader->load();
        QVERIFY(loaded.isOk());
        QCOMPARE(loaded->scenarios()[0].name, std::string("Renamed while read"));
        // The first writer can still save while a reader is open.
        QVERIFY(first->save(project).isOk());
        first.reset();
        QVERIFY(openOrFail(path, ProjectStore::OpenMode::ReadWrite));
    }

    void racingWriterProcessesGetOneLock()
    {
        const std::string path = file("race.tessera");
        {
            auto store = openOrFail(path, ProjectStore::OpenMode::Create);
            QVERIFY(store && store->save(sampleProject()).isOk());
        }
        int results[2], release[2];
        QVERIFY(::pipe(results) == 0 && ::pipe(release) == 0);
        constexpr int Writers = 4;
        std::vector<pid_t> children;
        for (int i = 0; i < Writers; ++i) {
            const pid_t child = ::fork();
            QVERIFY(child >= 0);
            if (child == 0) {
                ::close(results[0]);
                ::close(release[1]);
                auto store = ProjectStore::open(path, ProjectStore::OpenMode::ReadWrite);
                const char verdict = store.isOk() ? 'o' : store.error().code == ErrorCode::Locked ? 'l' : 'e';
                (void)!::write(results[1], &verdict, 1);
                char byte;
                (void)!::read(release[0], &byte, 1); // hold the store until the parent lets go
                ::_exit(0);
            }
            children.push_back(child);
        }
        ::close(results[1]);
        ::close(release[0]);
        int opened = 0, locked = 0;
        for (int i = 0; i < Writers; ++i) {
            char verdict = 0;
            QCOMPARE(::read(results[0], &verdict, 1), ssize_t(1));
            opened += verdict == 'o';
            locked += verdict == 'l';
        }
        ::close(release[1]);
        ::close(results[0]);
        for (pid_t child : children)
            ::waitpid(child, nullptr, 0);
        QCOMPARE(opened, 1);
        QCOMPARE(locked, Writers - 1);
        QVERIFY(openOrFail(path, ProjectStore::OpenMode::ReadWrite));
    }

    void rawSqliteWriterIsReportedAsLocked()
    {
        const std::string path = file("rawlock.tessera");
        const Project project = sampleProject();
        {
            auto store = openOrFail(path, ProjectStore::OpenMode::Create);
            QVERIFY(store && store->save(project).isOk());
        }
        auto store = openOrFail(path, ProjectStore::OpenMode::ReadWrite);
        QVERIFY(store);

        sqlite3 *raw = nullptr;
        QCOMPARE(sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE, nullptr), SQLITE_OK);
        QCOMPARE(sqlite3_exec(raw, "BEGIN IMMEDIATE; UPDATE scenarios SET notes = 'raw' WHERE id = 7", nullptr,
                              nullptr, nullptr),
                 SQLITE_OK);
        // The store's saves wait briefly, then report the lock.
        Scenario scenario = project.scenarios()[0];
        const Result<void> saved = store->saveScenario(scenario);
        QVERIFY(!saved.isOk());
        QCOMPARE(saved.error().code, ErrorCode::Locked);
        QVERIFY(saved.error().toString().find(path) != std::string::npos);
        const Result<void> full = store->save(project);
        QCOMPARE(full.error().code, ErrorCode::Locked);
        store.reset();
        // A new writer cannot open while the raw writer holds its RESERVED lock.
        const auto blocked = ProjectStore::open(path, ProjectStore::OpenMode::ReadWrite);
        QVERIFY(!blocked.isOk());
        QCOMPARE(blocked.error().code, ErrorCode::Locked);
        // Readers are not blocked and see the last committed state.
        auto reader = openOrFail(path, ProjectStore::OpenMode::ReadOnly);
        QVERIFY(reader);
        auto loaded = reader->load();
        QVERIFY(loaded.isOk());
        compareProjects(*loaded, project);

        QCOMPARE(sqlite3_exec(raw, "ROLLBACK", nullptr, nullptr, nullptr), SQLITE_OK);
        sqlite3_close(raw);
        store = openOrFail(path, ProjectStore::OpenMode::ReadWrite);
        QVERIFY(store);
        QVERIFY(store->saveScenario(scenario).isOk());
    }

    void missingFileIsNotFound()
    {
        const std::string path = file("missing.tessera");
        for (auto mode : {ProjectStore::OpenMode::ReadOnly, ProjectStore::OpenMode::ReadWrite}) {
            const auto result = ProjectStore::open(path, mode);
            QVERIFY(!result.isOk());
            QCOMPARE(result.error().code, ErrorCode::NotFound);
            QVERIFY(result.error().toString().find(path) != std::string::npos);
        }
        QCOMPARE(fileSize(path), std::int64_t(-1));
        const auto noFolder = ProjectStore::open(file("no/such/folder/p.tessera"), ProjectStore::OpenMode::Create);
        QVERIFY(!noFolder.isOk());
        QCOMPARE(noFolder.error().code, ErrorCode::NotFound);
    }

    void damagedContentIsReportedNotCrashed()
    {
        const std::string path = file("damaged.tessera");
        {
            auto store = openOrFail(path, ProjectStore::OpenMode::Create);
            QVERIFY(store && store->save(sampleProject()).isOk());
        }
        QVERIFY(rawExec(path, "UPDATE units SET geometry = x'0102030405' WHERE key = '02134'"));
        auto store = openOrFail(path, ProjectStore::OpenMode::ReadOnly);
        QVERIFY(store);
        auto loaded = store->load();
        QVERIFY(!loaded.isOk());
        QCOMPARE(loaded.error().code, ErrorCode::InvalidInput);
        QVERIFY(loaded.error().message.find("02134") != std::string::npos);
        QVERIFY(loaded.error().toString().find(path) != std::string::npos);

        QVERIFY(rawExec(path, "UPDATE units SET geometry = NULL, attributes = x'00' WHERE key = '02134'"));
        loaded = store->load();
        QVERIFY(!loaded.isOk());
        QCOMPARE(loaded.error().code, ErrorCode::InvalidInput);

        // References to rows that do not exist (written by another program
        // with foreign keys off) are reported, not handed to the model.
        QVERIFY(rawExec(path, "UPDATE units SET attributes = NULL WHERE key = '02134'; "
                              "UPDATE units SET attributes = zeroblob(16)"));
        QVERIFY(store->load().isOk());
        const char *damages[][3] = {
            {"UPDATE accounts SET unit = 99 WHERE key = 'CRM-1002'",
             "UPDATE accounts SET unit = 0 WHERE key = 'CRM-1002'", "CRM-1002"},
            {"UPDATE territories SET rep = 5 WHERE name = 'West'", "UPDATE territories SET rep = 0 WHERE name = 'West'",
             "West"},
            {"UPDATE account_overrides SET account = 77 WHERE account = 4",
             "UPDATE account_overrides SET account = 4 WHERE account = 77", "77"},
            {"UPDATE alignment SET territory = 9 WHERE scenario = 7 AND unit = 0",
             "UPDATE alignment SET territory = 0 WHERE scenario = 7 AND unit = 0", "Current plan"},
            {"UPDATE alignment SET unit = 12 WHERE scenario = 9 AND unit = 3",
             "UPDATE alignment SET unit = 3 WHERE scenario = 9 AND unit = 12", "Proposal"},
        };
        for (const auto &[damage, repair, named] : damages) {
            QVERIFY(rawExec(path, damage));
            loaded = store->load();
            QVERIFY2(!loaded.isOk(), damage);
            QCOMPARE(loaded.error().code, ErrorCode::InvalidInput);
            QVERIFY2(loaded.error().message.find(named) != std::string::npos, loaded.error().message.c_str());
            QVERIFY(rawExec(path, repair));
            QVERIFY2(store->load().isOk(), repair);
        }
    }

    void plantedSchemaObjectsAreRefused_data()
    {
        QTest::addColumn<QString>("plant");
        QTest::addColumn<QString>("named");
        // A trigger that rewrites the plan whenever Tessera saves, a view, a
        // table and an index Tessera never creates.
        QTest::newRow("trigger") << "CREATE TRIGGER planted AFTER INSERT ON alignment BEGIN "
                                    "UPDATE meta SET value = 'owned' WHERE key = 'created_by'; END"
                                 << "planted";
        QTest::newRow("view") << "CREATE VIEW peek AS SELECT * FROM units" << "peek";
        QTest::newRow("table") << "CREATE TABLE extra (x)" << "extra";
        QTest::newRow("index") << "CREATE INDEX units_by_name ON units (name)" << "units_by_name";
    }

    void plantedSchemaObjectsAreRefused()
    {
        QFETCH(QString, plant);
        QFETCH(QString, named);
        const std::string path = file(("planted-" + named.toStdString() + ".tessera").c_str());
        {
            auto store = openOrFail(path, ProjectStore::OpenMode::Create);
            QVERIFY(store && store->save(sampleProject()).isOk());
        }
        QVERIFY(rawExec(path, plant.toUtf8().constData()));
        const std::string before = rawQuery(path, "SELECT group_concat(unit || ':' || territory) FROM alignment");
        for (auto mode : {ProjectStore::OpenMode::ReadOnly, ProjectStore::OpenMode::ReadWrite,
                          ProjectStore::OpenMode::Create}) {
            const auto result = ProjectStore::open(path, mode);
            QVERIFY(!result.isOk());
            QCOMPARE(result.error().code, ErrorCode::NotAProject);
            QVERIFY2(result.error().message.find(named.toStdString()) != std::string::npos,
                     result.error().message.c_str());
            QVERIFY(result.error().toString().find(path) != std::string::npos);
        }
        // Nothing ran and nothing changed.
        QCOMPARE(rawQuery(path, "SELECT value FROM meta WHERE key = 'created_by'"), std::string("Tessera"));
        QCOMPARE(rawQuery(path, "SELECT group_concat(unit || ':' || territory) FROM alignment"), before);
        QCOMPARE(fileSize(path + "-lock"), std::int64_t(-1));
    }

    void analyzeStatisticsAreAllowed()
    {
        // SQLite's own tables (ANALYZE, AUTOINCREMENT) are not planted code.
        const std::string path = file("analyzed.tessera");
        {
            auto store = openOrFail(path, ProjectStore::OpenMode::Create);
            QVERIFY(store && store->save(sampleProject()).isOk());
        }
        QVERIFY(rawExec(path, "ANALYZE"));
        QVERIFY(rawQuery(path, "SELECT count(*) FROM sqlite_schema WHERE name = 'sqlite_stat1'") == "1");
        auto store = openOrFail(path, ProjectStore::OpenMode::ReadWrite);
        QVERIFY(store && store->load().isOk());
    }

    void crashDuringSaveKeepsLastCommittedState_data()
    {
        QTest::addColumn<bool>("holdInsideSave");
        QTest::newRow("killed-while-paused-in-save") << true;
        QTest::newRow("killed-while-writing") << false;
    }

    void crashDuringSaveKeepsLastCommittedState()
    {
        QFETCH(bool, holdInsideSave);
        const std::string path = file(holdInsideSave ? "crash-paused.tessera" : "crash-running.tessera");
        const Project committed = gridProject(100, 20000, "committed");
        {
            auto store = openOrFail(path, ProjectStore::OpenMode::Create);
            QVERIFY(store && store->save(committed).isOk());
        }
        QCOMPARE(fileSize(path + "-wal"), std::int64_t(-1)); // closed cleanly: everything is in the file
        // Long keys and names make the uncommitted rows outgrow SQLite's page
        // cache, so part of them is already in the write-ahead log on disk
        // when the writer dies.
        const Project bigger = gridProject(100, 400000, "uncommitted-" + std::string(60, 'x'));

        int pipeFds[2];
        QVERIFY(::pipe(pipeFds) == 0);
        const pid_t child = ::fork();
        QVERIFY(child >= 0);
        if (child == 0) {
            // The writer process: saves the bigger project and tells the
            // parent once it is well inside the transaction.
            ::close(pipeFds[0]);
            auto opened = ProjectStore::open(path, ProjectStore::OpenMode::ReadWrite);
            if (!opened) {
                (void)!::write(pipeFds[1], "e", 1);
                ::_exit(1);
            }
            bool told = false;
            Feedback feedback([&](double fraction, std::string_view phase) {
                if (!told && phase == "Writing accounts" && fraction > 0.8) {
                    told = true;
                    (void)!::write(pipeFds[1], "s", 1);
                    while (holdInsideSave)
                        ::pause();
                }
            });
            (void)(*opened)->save(bigger, &feedback);
            (void)!::write(pipeFds[1], "d", 1);
            ::_exit(0);
        }
        ::close(pipeFds[1]);
        pollfd waitFor{pipeFds[0], POLLIN, 0};
        QVERIFY(::poll(&waitFor, 1, 120000) == 1);
        char signal = 0;
        QCOMPARE(::read(pipeFds[0], &signal, 1), ssize_t(1));
        QCOMPARE(signal, 's');
        if (!holdInsideSave)
            ::usleep(20000);
        // Uncommitted pages already reached the write-ahead log on disk.
        const std::int64_t walBytes = fileSize(path + "-wal");
        if (holdInsideSave) {
            // A reader opened during the writer's transaction sees the last
            // committed state, and a second writer is refused.
            auto reader = openOrFail(path, ProjectStore::OpenMode::ReadOnly);
            QVERIFY(reader);
            auto during = reader->load();
            QVERIFY(during.isOk());
            compareProjects(*during, committed);
            const auto writer = ProjectStore::open(path, ProjectStore::OpenMode::ReadWrite);
            QVERIFY(!writer.isOk());
            QCOMPARE(writer.error().code, ErrorCode::Locked);
        }
        QVERIFY(::kill(child, SIGKILL) == 0);
        int status = 0;
        QCOMPARE(::waitpid(child, &status, 0), child);
        const ssize_t after = ::read(pipeFds[0], &signal, 1);
        ::close(pipeFds[0]);
        QVERIFY2(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL, "the writer was not killed");
        QCOMPARE(after, ssize_t(0)); // the child never reported the save as done
        QVERIFY2(walBytes > 1000000, std::to_string(walBytes).c_str());

        // The dead writer's lock is gone; the file holds the committed state.
        auto store = openOrFail(path, ProjectStore::OpenMode::ReadWrite);
        QVERIFY(store);
        auto loaded = store->load();
        QVERIFY(loaded.isOk());
        compareProjects(*loaded, committed);
        QCOMPARE(rawQuery(path, "PRAGMA integrity_check"), std::string("ok"));
        QCOMPARE(rawQuery(path, "PRAGMA foreign_key_check"), std::string("<none>"));
        // And the project keeps working: the next save goes through.
        const Project small = gridProject(100, 50, "after");
        QVERIFY(store->save(small).isOk());
        store.reset();
        store = openOrFail(path, ProjectStore::OpenMode::ReadOnly);
        QVERIFY(store);
        loaded = store->load();
        QVERIFY(loaded.isOk());
        compareProjects(*loaded, small);
        QCOMPARE(rawQuery(path, "PRAGMA integrity_check"), std::string("ok"));
    }

    void integrityHoldsAfterManySaves()
    {
        const std::string path = file("integrity.tessera");
        auto store = openOrFail(path, ProjectStore::OpenMode::Create);
        QVERIFY(store);
        Project project = sampleProject();
        for (int round = 0; round < 5; ++round) {
            QVERIFY(store->save(round % 2 ? gridProject(30, 500, "r") : project).isOk());
            Scenario scenario = project.scenarios()[0];
            scenario.id = 0;
            scenario.name = "round " + std::to_string(round);
            if (round % 2 == 0)
                QVERIFY(store->saveScenario(scenario).isOk());
            QCOMPARE(rawQuery(path, "PRAGMA integrity_check"), std::string("ok"));
            QCOMPARE(rawQuery(path, "PRAGMA foreign_key_check"), std::string("<none>"));
        }
    }
};

QTEST_GUILESS_MAIN(TestStore)
#include "tst_store.moc"
