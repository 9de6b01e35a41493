// Tests for core/plan's what-if transforms: their JSON form, validation, each
// transform on a hand-checked grid, and re-application (the same data gives
// the same plan; changed data gives a changed plan); ScenarioMetrics, which
// switches between plans and measures a what-if on its transformed data.
#include "core/metrics/metricsengine.h"
#include "core/plan/scenariometrics.h"
#include "core/plan/whatifapplier.h"
#include "core/plan/whatiftransform.h"
#include "tests/ui/testprojects.h"

#include <QTest>

#include <algorithm>
#include <cmath>

using namespace tessera;
using namespace tessera::whatif;

namespace {

/// A 6 × 4 grid with two reps (R1 on T1, R2 on T2) and a unit column "state":
/// 13 for columns 0-2, 12 for columns 3-5. Accounts in even units are "hospital".
Project gridProject()
{
    Project project = testing::makeGridProject(6, 4, 2);
    Rep second;
    second.key = "R2";
    second.name = "Rep Two";
    second.home = {-83.45, 33.25};
    project.addRep(second);
    project.reps()[0].home = {-83.85, 33.15};
    Scenario &plan = project.scenarios()[0];
    plan.territories[0].rep = RepId(0);
    plan.territories[1].rep = RepId(1);
    const int state = project.units().attributes().addColumn("state");
    for (std::size_t u = 0; u < project.units().size(); ++u)
        project.units().attributes().setValue(u, state, (u % 6) < 3 ? 13.0 : 12.0);
    for (std::size_t a = 0; a < project.accounts().size(); ++a)
        project.accounts().account(AccountId(static_cast<std::int32_t>(a))).segment = a % 2 == 0 ? "hospital" : "clinic";
    return project;
}

double unitValue(const Project &project, const char *column, std::size_t unit)
{
    const AttributeTable &table = project.units().attributes();
    return table.value(unit, table.columnIndex(column));
}

double accountValue(const Project &project, const char *column, std::size_t account)
{
    const AttributeTable &table = project.accounts().attributes();
    return table.value(account, table.columnIndex(column));
}

std::size_t unitsIn(const Scenario &scenario, TerritoryId territory)
{
    std::size_t count = 0;
    for (const TerritoryId t : scenario.alignment.unitTerritories())
        count += t == territory;
    return count;
}

} // namespace

class TestWhatIf : public QObject {
    Q_OBJECT

private slots:
    void jsonRoundTrip()
    {
        const std::vector<Transform> transforms{
            ScaleAttribute{"population", 2.5, Selection{{}, "state", "13"}},
            ScaleAttribute{"revenue_potential", 1.1, Selection{{"U1", "U7"}, {}, {}}},
            AddRep{"Ann Lee", -83.7, 33.2, 1600, {"oncology"}},
            RemoveRep{"R2", false},
            MoveRep{"R1", -83.5, 33.1},
            SetTerritoryCount{3},
            SetTolerance{"population", 0.03},
            Reoptimize{10, true},
            Reoptimize{},
        };
        auto parsed = fromJson(toJson(transforms));
        QVERIFY2(parsed, parsed ? "" : parsed.error().toString().c_str());
        QCOMPARE(parsed->size(), transforms.size());
        for (std::size_t i = 0; i < transforms.size(); ++i)
            QVERIFY2((*parsed)[i] == transforms[i], describe(transforms[i]).c_str());
        // The form projects already hold stays readable.
        auto stored = fromJson(R"([{"kind":"scale","attribute":"population","factor":2}])");
        QVERIFY(stored);
        QCOMPARE(std::get<ScaleAttribute>(stored->at(0)).factor, 2.0);
    }

    void badArgumentsAreRefused()
    {
        const double nan = std::nan("");
        QVERIFY(!validate(ScaleAttribute{"population", 0.0, {}}));
        QVERIFY(!validate(ScaleAttribute{"population", -2.0, {}}));
        QVERIFY(!validate(ScaleAttribute{"population", nan, {}}));
        QVERIFY(!validate(ScaleAttribute{"population", INFINITY, {}}));
        QVERIFY(!validate(ScaleAttribute{"", 2.0, {}}));
        QVERIFY(!validate(AddRep{"Ann", 200.0, 10.0, 0, {}}));
        QVERIFY(!validate(AddRep{"Ann", 10.0, -95.0, 0, {}}));
        QVERIFY(!validate(AddRep{" ", 10.0, 10.0, 0, {}}));
        QVERIFY(!validate(MoveRep{"R1", nan, 10.0}));
        QVERIFY(!validate(SetTerritoryCount{0}));
        QVERIFY(!validate(SetTolerance{"population", 1.0}));
        QVERIFY(validate(AddRep{"Ann", -180.0, 90.0, 0, {}}));
        QVERIFY(validate(ScaleAttribute{"population", 0.5, {}}));

        auto unknownKind = fromJson(R"([{"kind":"teleport"}])");
        QVERIFY(!unknownKind);
        QCOMPARE(unknownKind.error().code, ErrorCode::InvalidInput);
        QVERIFY(!fromJson(R"([{"kind":"scale","attribute":"population","factor":0}])"));
        QVERIFY(!fromJson("{}"));
        QVERIFY(!fromJson("not json"));
    }

    void unknownNamesFailAndChangeNothing()
    {
        const Project project = gridProject();
        const Project copy = project;
        const Applier applier(project);
        const Scenario &plan = project.scenarios()[0];
        const struct {
            Transform transform;
            const char *named;
        } cases[] = {
            {ScaleAttribute{"income", 2.0, {}}, "income"},
            {ScaleAttribute{"population", 2.0, Selection{{}, "county", "3"}}, "county"},
            {ScaleAttribute{"population", 2.0, Selection{{"U999"}, {}, {}}}, "U999"},
            {ScaleAttribute{"population", 2.0, Selection{{}, "segment", "hospital"}}, "segment"},
            {RemoveRep{"R9", true}, "R9"},
            {MoveRep{"Nobody", -83.0, 33.0}, "Nobody"},
            {SetTolerance{"income", 0.05}, "income"},
            {AddRep{"Rep One", -83.0, 33.0, 0, {}}, "Rep One"},
            {SetTerritoryCount{25}, "24"},
        };
        for (const auto &c : cases) {
            auto outcome = applier.apply(plan, {c.transform});
            QVERIFY2(!outcome, describe(c.transform).c_str());
            QVERIFY2(outcome.error().toString().find(c.named) != std::string::npos, outcome.error().toString().c_str());
        }
        QVERIFY(project == copy);
    }

    void scaleWithinAFilter()
    {
        const Project project = gridProject();
        const Applier applier(project);
        auto outcome = applier.apply(project.scenarios()[0],
                                     {ScaleAttribute{"population", 2.0, Selection{{}, "state", "13"}},
                                      ScaleAttribute{"revenue_potential", 3.0, Selection{{}, "segment", "hospital"}},
                                      ScaleAttribute{"population", 10.0, Selection{{"U5"}, {}, {}}}});
        QVERIFY2(outcome, outcome ? "" : outcome.error().toString().c_str());
        for (std::size_t u = 0; u < project.units().size(); ++u) {
            const double expected = unitValue(project, "population", u) * ((u % 6) < 3 ? 2.0 : 1.0) * (u == 5 ? 10.0 : 1.0);
            QCOMPARE(unitValue(outcome->project, "population", u), expected);
        }
        for (std::size_t a = 0; a < project.accounts().size(); ++a)
            QCOMPARE(accountValue(outcome->project, "revenue_potential", a),
                     accountValue(project, "revenue_potential", a) * (a % 2 == 0 ? 3.0 : 1.0));
        // The plan is untouched by data transforms; the source project too.
        QCOMPARE(outcome->scenario.alignment, project.scenarios()[0].alignment);
        QCOMPARE(unitValue(project, "population", 0), 1.0);
        QCOMPARE(outcome->log.size(), std::size_t(3));
    }

    void removeRepDissolvesOrLeavesVacant()
    {
        const Project project = gridProject();
        const Applier applier(project);
        auto dissolved = applier.apply(project.scenarios()[0], {RemoveRep{"R1", true}});
        QVERIFY2(dissolved, dissolved ? "" : dissolved.error().toString().c_str());
        QCOMPARE(dissolved->scenario.territories.size(), std::size_t(1));
        QCOMPARE(dissolved->scenario.territories[0].name, std::string("T2"));
        QCOMPARE(unitsIn(dissolved->scenario, TerritoryId(0)), project.units().size());
        QCOMPARE(dissolved->movedUnits, std::size_t(12));

        auto vacant = applier.apply(project.scenarios()[0], {RemoveRep{"Rep One", false}});
        QVERIFY(vacant);
        QCOMPARE(vacant->scenario.territories.size(), std::size_t(2));
        QVERIFY(!vacant->scenario.territories[0].rep.isValid());
        QCOMPARE(vacant->scenario.territories[1].rep, RepId(1));
        QCOMPARE(vacant->scenario.alignment, project.scenarios()[0].alignment);
    }

    void addAndMoveReps()
    {
        const Project project = gridProject();
        const Applier applier(project);
        // (-83.65, 33.25) lies in unit column 3, row 2: U15, in T2.
        auto outcome = applier.apply(project.scenarios()[0],
                                     {AddRep{"Ann Lee", -83.65, 33.25, 1600, {}}, MoveRep{"R2", -83.45, 33.35}});
        QVERIFY2(outcome, outcome ? "" : outcome.error().toString().c_str());
        QCOMPARE(outcome->project.reps().size(), std::size_t(3));
        QCOMPARE(outcome->rosterSize, std::size_t(2));
        QCOMPARE(outcome->project.reps()[2].capacityHours, 1600.0);
        QCOMPARE(outcome->project.reps()[1].home, (LonLat{-83.45, 33.35}));
        QCOMPARE(project.reps()[1].home, (LonLat{-83.45, 33.25}));
        QCOMPARE(outcome->scenario.territories.size(), std::size_t(3));
        QCOMPARE(outcome->scenario.territories[2].name, std::string("Ann Lee"));
        QCOMPARE(outcome->scenario.territories[2].rep, RepId(2));
        QCOMPARE(outcome->scenario.alignment.territoryOf(UnitId(15)), TerritoryId(2));
        // The file's roster is shared: the stored plan names the territory, without the rep.
        const Scenario stored = Applier::storable(*outcome);
        QVERIFY(!stored.territories[2].rep.isValid());
        QCOMPARE(stored.territories[0].rep, RepId(0));
    }

    void newTerritoryCount()
    {
        const Project project = gridProject();
        const Applier applier(project);
        auto outcome = applier.apply(project.scenarios()[0], {SetTolerance{"population", 0.2}, SetTerritoryCount{3}});
        QVERIFY2(outcome, outcome ? "" : outcome.error().toString().c_str());
        QVERIFY(outcome->optimized);
        QCOMPARE(outcome->scenario.territories.size(), std::size_t(3));
        for (int t = 0; t < 3; ++t)
            QVERIFY(unitsIn(outcome->scenario, TerritoryId(t)) > 0);
        QCOMPARE(outcome->scenario.alignment.unassignedCount(), std::size_t(0));
    }

    void reapplyingGivesTheSameResultAndFollowsTheData()
    {
        Project project = gridProject();
        const std::vector<Transform> transforms{ScaleAttribute{"population", 3.0, Selection{{}, "state", "12"}},
                                                SetTolerance{"population", 0.05}, Reoptimize{8, false}};
        const Scenario source = project.scenarios()[0];
        auto first = Applier(project).apply(source, transforms);
        QVERIFY2(first, first ? "" : first.error().toString().c_str());
        auto second = Applier(project).apply(source, transforms);
        QVERIFY(second);
        QVERIFY(first->scenario == second->scenario);
        QVERIFY(first->project == second->project);
        QVERIFY(first->movedUnits > 0);
        QVERIFY(first->movedUnits <= 8);

        // The stored transforms read back to the same list and the same plan.
        auto stored = fromJson(first->scenario.transformsJson);
        QVERIFY(stored);
        auto third = Applier(project).apply(source, *stored);
        QVERIFY(third);
        QVERIFY(third->scenario.alignment == first->scenario.alignment);

        // New input data (the west grows tenfold): the same transforms, another plan.
        const int population = project.units().attributes().columnIndex("population");
        for (std::size_t u = 0; u < project.units().size(); ++u)
            if (u % 6 == 0)
                project.units().attributes().setValue(u, population, unitValue(project, "population", u) * 10.0);
        auto changed = Applier(project).apply(source, transforms);
        QVERIFY2(changed, changed ? "" : changed.error().toString().c_str());
        QVERIFY(changed->scenario.alignment != first->scenario.alignment);
        QCOMPARE(unitValue(changed->project, "population", 0), 10.0);
    }

    void switchingEqualsAFreshEngine()
    {
        Project project = gridProject();
        const Scenario a = project.scenarios()[0];
        Scenario b = a; // a few units change hands, same territories
        b.name = "B";
        b.territories[0].name = "West";
        b.alignment.assign(UnitId(2), TerritoryId(1));
        b.alignment.assign(UnitId(9), TerritoryId(1));
        b.alignment.assign(UnitId(16), TerritoryId());
        Scenario c = a; // another territory list and a rep swap
        c.name = "C";
        c.territories[0].rep = RepId(1);
        c.territories[1].rep = RepId(0);
        c.addTerritory(Territory{TerritoryId(), "East", 0x00ff00, RepId()});
        c.alignment.assign(UnitId(5), TerritoryId(2));
        c.alignment.assign(UnitId(11), TerritoryId(2));

        ScenarioMetrics metrics(project, MetricOptions{});
        for (const Scenario *shown : std::initializer_list<const Scenario *>{&a, &b, &c, &b, &a, &c, &a}) {
            auto changes = metrics.show(*shown);
            QVERIFY2(changes, changes ? "" : changes.error().toString().c_str());
            auto fresh = MetricsEngine::create(project, *shown);
            QVERIFY(fresh);
            QVERIFY(metrics.engine());
            QVERIFY2(metrics.engine()->territories() == (*fresh)->territories(), shown->name.c_str());
            QVERIFY2(metrics.engine()->plan() == (*fresh)->plan(), shown->name.c_str());
            QCOMPARE(metrics.engine()->alignment(), shown->alignment);
            QCOMPARE(metrics.engine()->territoryList().size(), shown->territories.size());
            QCOMPARE(metrics.engine()->territoryList()[0].name, shown->territories[0].name);
        }
        // A plan whose alignment does not fit fails and leaves no engine behind.
        Scenario bad = a;
        bad.alignment.assign(UnitId(0), TerritoryId(7));
        QVERIFY(!metrics.show(bad));
        QVERIFY(!metrics.engine());
        QVERIFY(metrics.show(b));
        QVERIFY(metrics.engine()->plan() == (*MetricsEngine::create(project, b))->plan());
    }

    void whatIfScenarioIsMeasuredOnItsTransformedData()
    {
        Project project = gridProject();
        const std::vector<Transform> transforms{ScaleAttribute{"population", 2.0, Selection{{}, "state", "13"}},
                                                AddRep{"Ann Lee", -83.65, 33.25, 1600, {}}, MoveRep{"R2", -83.45, 33.35}};
        auto outcome = Applier(project).apply(project.scenarios()[0], transforms);
        QVERIFY2(outcome, outcome ? "" : outcome.error().toString().c_str());
        // What the what-if previewed: its plan on its data.
        auto previewed = MetricsEngine::create(outcome->project, outcome->scenario);
        QVERIFY(previewed);
        Scenario stored = Applier::storable(*outcome);
        stored.name = "Hire";
        project.scenarios().push_back(stored);

        ScenarioMetrics metrics(project, MetricOptions{});
        QVERIFY(metrics.show(project.scenarios()[0]));
        QVERIFY(!metrics.isTransformed());
        const auto population = [&metrics] {
            const auto &names = metrics.engine()->attributeNames();
            const auto at = std::find(names.begin(), names.end(), "population");
            return at == names.end() ? -1.0 : metrics.engine()->plan().attributes[std::size_t(at - names.begin())].total;
        };
        const double plainPopulation = population();
        QVERIFY(plainPopulation > 0);
        auto shown = metrics.show(project.scenarios()[1]);
        QVERIFY2(shown, shown ? "" : shown.error().toString().c_str());
        QVERIFY(metrics.isTransformed());
        QVERIFY(metrics.engine()->territories() == (*previewed)->territories());
        QVERIFY(metrics.engine()->plan() == (*previewed)->plan());
        QVERIFY(population() > plainPopulation);
        // The added rep is a rep of the scenario's data, serving its territory.
        QCOMPARE(metrics.data().reps().size(), std::size_t(3));
        QCOMPARE(metrics.data().reps()[2].name, std::string("Ann Lee"));
        QCOMPARE(metrics.data().reps()[2].capacityHours, 1600.0);
        QCOMPARE(metrics.engine()->territory(TerritoryId(2)).rep, RepId(2));
        QCOMPARE(metrics.engine()->territory(TerritoryId(2)).capacityHours, 1600.0);
        QCOMPARE(project.reps().size(), std::size_t(2)); // the project's own data is untouched
        // Back to the plain plan: the project's own figures again.
        QVERIFY(metrics.show(project.scenarios()[0]));
        QCOMPARE(population(), plainPopulation);
    }
};

QTEST_GUILESS_MAIN(TestWhatIf)
#include "tst_whatif.moc"
