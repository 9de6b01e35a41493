// Tests for core/plan's scenario diff: a hand-made pair of plans whose
// differences are known unit by unit, account by account and rep by rep.
#include "core/metrics/metricsengine.h"
#include "core/optimizer/optimizerresult.h"
#include "core/plan/movereasons.h"
#include "core/plan/scenariodiff.h"
#include "tests/ui/testprojects.h"

#include <QTest>

using namespace tessera;

namespace {

/// A 6 × 4 grid, two territories (columns 0-2 = T1, 3-5 = T2), reps on both.
Project pairProject()
{
    Project project = testing::makeGridProject(6, 4, 2);
    Rep second;
    second.key = "R2";
    second.name = "Rep Two";
    second.home = {-83.5, 33.2};
    project.addRep(second);
    Scenario &plan = project.scenarios()[0];
    plan.territories[0].rep = RepId(0);
    plan.territories[1].rep = RepId(1);
    return project;
}

double population(int unit)
{
    return unit + 1; // makeGridProject: population id + 1
}

double revenue(int unit)
{
    return 100.0 * (unit + 1); // one account per unit
}

} // namespace

class TestScenarioDiff : public QObject {
    Q_OBJECT

private slots:
    void identicalPlansDiffer_nowhere()
    {
        const Project project = pairProject();
        const Scenario &plan = project.scenarios()[0];
        auto diff = diffScenarios(project, plan, plan);
        QVERIFY(diff);
        QVERIFY(diff->movedUnits.empty());
        QCOMPARE(diff->movedAccounts, std::size_t(0));
        QCOMPARE(diff->territories.size(), std::size_t(2));
        for (const TerritoryDelta &t : diff->territories) {
            QVERIFY(t.before.isValid() && t.after.isValid());
            for (const FigureChange &f : t.attributes)
                QCOMPARE(f.delta(), 0.0);
        }
        for (const RepImpact &r : diff->reps)
            QCOMPARE(r.accountsGained + r.accountsLost, std::size_t(0));
    }

    void handMadePair()
    {
        const Project project = pairProject();
        const Scenario &before = project.scenarios()[0];
        Scenario after = before;
        after.name = "Proposal";
        // U2 (row 0, column 2) and U8 (row 1, column 2) go from T1 to T2; U23 is unassigned.
        after.alignment.assign(UnitId(2), TerritoryId(1));
        after.alignment.assign(UnitId(8), TerritoryId(1));
        after.alignment.assign(UnitId(23), TerritoryId());

        auto diff = diffScenarios(project, before, after);
        QVERIFY2(diff, diff ? "" : diff.error().toString().c_str());
        QCOMPARE(diff->before, std::string("Plan"));
        QCOMPARE(diff->after, std::string("Proposal"));
        QCOMPARE(diff->movedUnits.size(), std::size_t(3));
        QCOMPARE(diff->movedUnits[0], (MovedUnit{UnitId(2), "U2", "Unit 2", "T1", "T2", 1, "Hand edit"}));
        QCOMPARE(diff->movedUnits[1], (MovedUnit{UnitId(8), "U8", "Unit 8", "T1", "T2", 1, "Hand edit"}));
        QCOMPARE(diff->movedUnits[2], (MovedUnit{UnitId(23), "U23", "Unit 23", "T2", "", 1, "Unassigned"}));
        QCOMPARE(diff->movedAccounts, std::size_t(3));
        QCOMPARE(diff->movedRevenue, revenue(2) + revenue(8) + revenue(23));

        const std::vector<std::string> &names = diff->attributeNames;
        const auto populationIndex = std::find(names.begin(), names.end(), "population") - names.begin();
        QVERIFY(populationIndex < static_cast<std::ptrdiff_t>(names.size()));
        const TerritoryDelta &t1 = diff->territories[0];
        const TerritoryDelta &t2 = diff->territories[1];
        QCOMPARE(t1.name, std::string("T1"));
        QCOMPARE(t1.units.delta(), -2.0);
        QCOMPARE(t2.units.delta(), 1.0); // +2 from T1, −1 unassigned
        QCOMPARE(t1.attributes[populationIndex].delta(), -(population(2) + population(8)));
        QCOMPARE(t2.attributes[populationIndex].delta(), population(2) + population(8) - population(23));
        QCOMPARE(t1.unitsLost, std::size_t(2));
        QCOMPARE(t2.unitsGained, std::size_t(2));
        QCOMPARE(t2.unitsLost, std::size_t(1));
        QCOMPARE(t1.repAfter, std::string("Rep One"));

        // The figures are MetricsEngine's own.
        auto engineA = MetricsEngine::create(project, before);
        auto engineB = MetricsEngine::create(project, after);
        QCOMPARE(t1.workloadHours.before, (*engineA)->territory(TerritoryId(0)).workloadHours);
        QCOMPARE(t2.travelHours.after, (*engineB)->territory(TerritoryId(1)).travelHours);
        QCOMPARE(t2.polsbyPopper.after, (*engineB)->territory(TerritoryId(1)).polsbyPopper);

        QCOMPARE(diff->reps.size(), std::size_t(2));
        const RepImpact &one = diff->reps[0];
        const RepImpact &two = diff->reps[1];
        QCOMPARE(one.name, std::string("Rep One"));
        QCOMPARE(one.accountsLost, std::size_t(2));
        QCOMPARE(one.accountsGained, std::size_t(0));
        QCOMPARE(one.revenueLost, revenue(2) + revenue(8));
        QCOMPARE(two.accountsGained, std::size_t(2));
        QCOMPARE(two.accountsLost, std::size_t(1));
        QCOMPARE(two.revenueGained, revenue(2) + revenue(8));
        QCOMPARE(two.revenueLost, revenue(23));
        QCOMPARE(two.travelHours.after, (*engineB)->territory(TerritoryId(1)).travelHours);
        QVERIFY(two.travelHours.delta() != 0.0);
    }

    void movesCarryTheOptimizersReason()
    {
        const Project project = pairProject();
        const Scenario &before = project.scenarios()[0];
        Scenario after = before;
        after.name = "Optimized";
        after.alignment.assign(UnitId(2), TerritoryId(1));
        after.alignment.assign(UnitId(8), TerritoryId(1));
        // The run explained U2's move (balance gained most) and, stale, a move of U3 that did not happen.
        MoveExplanation u2;
        u2.unit = 2;
        u2.fromTerritory = 0;
        u2.toTerritory = 1;
        u2.travelGain = 1.5;
        u2.balanceGain = 0.042;
        MoveExplanation u3 = u2;
        u3.unit = 3;
        after.parametersJson = plan::withOptimizerRun(after.parametersJson, 2, true);
        after.parametersJson = plan::withMoveReasons(after.parametersJson, before, after, {u2, u3}, true);
        QCOMPARE(plan::moveReasons(after.parametersJson).size(), std::size_t(2));

        auto diff = diffScenarios(project, before, after);
        QVERIFY(diff);
        QCOMPARE(diff->movedUnits.size(), std::size_t(2));
        const std::string reason = diff->movedUnits[0].reason;
        QCOMPARE(reason, plan::describeMove(u2, true));
        QVERIFY2(reason.find("better balance") != std::string::npos, reason.c_str());
        QVERIFY2(reason.find("worst deviation −4.2 %") != std::string::npos, reason.c_str());
        QVERIFY2(reason.find("km²") != std::string::npos, reason.c_str());
        // U8 has no stored explanation: the scenario's origin says why.
        QCOMPARE(diff->movedUnits[1].reason, std::string("Rebalance"));

        // Compared the other way round, the stored reasons do not fit the moves.
        auto back = diffScenarios(project, after, before);
        QVERIFY(back);
        QCOMPARE(back->movedUnits[0].reason, std::string("Hand edit"));
        // Invalid parameters are no reasons, and no crash.
        QVERIFY(plan::moveReasons("{not json").empty());
    }

    void territoriesMatchByName()
    {
        const Project project = pairProject();
        const Scenario &before = project.scenarios()[0];
        Scenario after = before;
        // Territories listed the other way round, and a third one only the proposal has.
        std::swap(after.territories[0], after.territories[1]);
        after.territories[0].id = TerritoryId(0);
        after.territories[1].id = TerritoryId(1);
        for (std::size_t u = 0; u < after.alignment.unitCount(); ++u) {
            const UnitId unit(static_cast<std::int32_t>(u));
            after.alignment.assign(unit, TerritoryId(1 - before.alignment.territoryOf(unit).value()));
        }
        const TerritoryId north = after.addTerritory({TerritoryId(), "North", 0x123456, RepId()});
        after.alignment.assign(UnitId(0), north);

        auto diff = diffScenarios(project, before, after);
        QVERIFY(diff);
        QCOMPARE(diff->movedUnits.size(), std::size_t(1)); // only U0, renumbering is not a move
        QCOMPARE(diff->movedUnits[0].to, std::string("North"));
        QCOMPARE(diff->movedAccounts, std::size_t(1));
        QCOMPARE(diff->territories[1].unitsLost, std::size_t(1));
        QCOMPARE(diff->territories[0].unitsGained, std::size_t(0));
        QCOMPARE(diff->territories.size(), std::size_t(3));
        QCOMPARE(diff->territories[0].name, std::string("T2"));
        QCOMPARE(diff->territories[0].units.delta(), 0.0);
        QCOMPARE(diff->territories[1].name, std::string("T1"));
        QCOMPARE(diff->territories[1].units.delta(), -1.0);
        QCOMPARE(diff->territories[2].name, std::string("North"));
        QVERIFY(!diff->territories[2].before.isValid());
        QCOMPARE(diff->territories[2].units.before, 0.0);
        QVERIFY(!diff->territories[2].utilisation.isDefined());
    }
};

QTEST_GUILESS_MAIN(TestScenarioDiff)
#include "tst_scenariodiff.moc"
