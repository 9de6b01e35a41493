// Tests for core/plan's what-if transforms: their JSON form, validation, each
// transform on a hand-checked grid, and re-application (the same data gives
// the same plan; changed data gives a changed plan).
#include "core/plan/whatifapplier.h"
#include "core/plan/whatiftransform.h"
#include "tests/ui/testprojects.h"

#include <QTest>

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
};

QTEST_GUILESS_MAIN(TestWhatIf)
#include "tst_whatif.moc"
