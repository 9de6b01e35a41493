// Every undo command: redo, undo, redo leaves the plan exactly as after the first redo,
// and undo restores the plan exactly; change events name what changed.
#include "tests/ui/testprojects.h"
#include "ui/commands/addterritorycommand.h"
#include "ui/commands/assignunitscommand.h"
#include "ui/commands/changeterritorycommand.h"
#include "ui/commands/lockunitscommand.h"
#include "ui/commands/replaceplancommand.h"
#include "ui/document/document.h"
#include "core/metrics/metricsengine.h"
#include "core/metrics/territorymetrics.h"
#include "ui/document/territorystatistics.h"

#include <QUndoStack>
#include <QtTest>

#include <functional>

using namespace tessera;
using namespace tessera::ui;

class TestCommands : public QObject {
    Q_OBJECT

private:
    /// Pushes the command built by \a make, then checks redo/undo/redo equality.
    static void checkRoundTrip(Document &document, const std::function<QUndoCommand *()> &make)
    {
        const Scenario before = document.scenario();
        QUndoCommand *command = make();
        QVERIFY(command);
        document.undoStack()->push(command);
        const Scenario after = document.scenario();
        QVERIFY2(!(after == before), "the command must change the plan");
        document.undoStack()->undo();
        QVERIFY(document.scenario() == before);
        document.undoStack()->redo();
        QVERIFY(document.scenario() == after);
        document.undoStack()->undo();
        QVERIFY(document.scenario() == before);
    }

private slots:
    void assignUnits()
    {
        Document document;
        document.setProject(testing::makeGridProject(4, 3, 2));
        checkRoundTrip(document, [&] {
            return AssignUnitsCommand::create(&document, {UnitId(0), UnitId(4)}, TerritoryId(1)).release();
        });
        // Units already in the target or locked are left out; nothing to do gives null.
        QVERIFY(!AssignUnitsCommand::create(&document, {UnitId(3)}, TerritoryId(1)));
        document.scenario(); // no change
        auto lock = LockUnitsCommand::create(&document, {UnitId(0)}, true);
        document.undoStack()->push(lock.release());
        int locked = 0;
        QVERIFY(!AssignUnitsCommand::create(&document, {UnitId(0)}, TerritoryId(1), &locked));
        QCOMPARE(locked, 1);
    }

    void assignEmitsTypedEvent()
    {
        Document document;
        document.setProject(testing::makeGridProject(4, 3, 2));
        QList<ChangeEvent> events;
        connect(&document, &Document::changed, this, [&](const ChangeEvent &e) { events.append(e); });
        document.undoStack()->push(AssignUnitsCommand::create(&document, {UnitId(1)}, TerritoryId(1)).release());
        QCOMPARE(events.size(), 1);
        QCOMPARE(events[0].properties, std::uint32_t(ChangeEvent::Assignment));
        QCOMPARE(events[0].units, std::vector<UnitId>{UnitId(1)});
        QCOMPARE(events[0].territories, (std::vector<TerritoryId>{TerritoryId(0), TerritoryId(1)}));
    }

    void brushStrokesMerge()
    {
        Document document;
        document.setProject(testing::makeGridProject(4, 3, 2));
        const Scenario before = document.scenario();
        QUndoStack *stack = document.undoStack();
        stack->push(AssignUnitsCommand::create(&document, {UnitId(0)}, TerritoryId(1), nullptr, 7).release());
        stack->push(AssignUnitsCommand::create(&document, {UnitId(4)}, TerritoryId(1), nullptr, 7).release());
        stack->push(AssignUnitsCommand::create(&document, {UnitId(8), UnitId(0)}, TerritoryId(1), nullptr, 7).release());
        QCOMPARE(stack->count(), 1);
        // Another stroke is another step.
        stack->push(AssignUnitsCommand::create(&document, {UnitId(1)}, TerritoryId(1), nullptr, 8).release());
        QCOMPARE(stack->count(), 2);
        stack->undo();
        stack->undo();
        QVERIFY(document.scenario() == before);
        stack->redo();
        for (int u : {0, 4, 8})
            QCOMPARE(document.territoryOf(UnitId(u)), TerritoryId(1));
        QCOMPARE(document.territoryOf(UnitId(1)), TerritoryId(0));
    }

    void lockUnits()
    {
        Document document;
        document.setProject(testing::makeGridProject(4, 3, 2));
        checkRoundTrip(document, [&] { return LockUnitsCommand::create(&document, {UnitId(2), UnitId(5)}, true).release(); });
        QVERIFY(!LockUnitsCommand::create(&document, {UnitId(2)}, false)); // already unlocked
    }

    void renameRecolorRep()
    {
        Document document;
        document.setProject(testing::makeGridProject(4, 3, 2));
        checkRoundTrip(document, [&] { return ChangeTerritoryCommand::rename(&document, TerritoryId(0), "West"); });
        checkRoundTrip(document, [&] { return ChangeTerritoryCommand::recolor(&document, TerritoryId(1), 0x123456); });
        checkRoundTrip(document, [&] { return ChangeTerritoryCommand::assignRep(&document, TerritoryId(1), RepId(0)); });
    }

    void addTerritory()
    {
        Document document;
        document.setProject(testing::makeGridProject(4, 3, 2));
        Territory t;
        t.name = "New";
        checkRoundTrip(document, [&] { return new AddTerritoryCommand(&document, t); });
        document.undoStack()->redo();
        QCOMPARE(document.territoryCount(), 3);
        QCOMPARE(document.territory(TerritoryId(2)).name, std::string("New"));
    }

    void mergeDeleteRecolourAll()
    {
        Document document;
        document.setProject(testing::makeGridProject(6, 2, 3));
        checkRoundTrip(document, [&] { return ReplacePlanCommand::merge(&document, TerritoryId(0), TerritoryId(2)); });
        checkRoundTrip(document, [&] { return ReplacePlanCommand::remove(&document, TerritoryId(1)); });
        // Give every territory the same colour, then recolour all: neighbours differ.
        for (int t = 0; t < 3; ++t)
            document.undoStack()->push(ChangeTerritoryCommand::recolor(&document, TerritoryId(t), 0x808081));
        checkRoundTrip(document, [&] { return ReplacePlanCommand::autoColor(&document); });
        document.undoStack()->redo();
        QVERIFY(document.territory(TerritoryId(0)).color != document.territory(TerritoryId(1)).color);
        QVERIFY(document.territory(TerritoryId(1)).color != document.territory(TerritoryId(2)).color);
    }

    void mergeRenumbers()
    {
        Document document;
        document.setProject(testing::makeGridProject(6, 2, 3));
        // Columns 0-1 = T1, 2-3 = T2, 4-5 = T3. Merge T1 into T3: T2 becomes id 0, T3 id 1.
        document.undoStack()->push(ReplacePlanCommand::merge(&document, TerritoryId(0), TerritoryId(2)));
        QCOMPARE(document.territoryCount(), 2);
        QCOMPARE(document.territory(TerritoryId(0)).name, std::string("T2"));
        QCOMPARE(document.territory(TerritoryId(1)).name, std::string("T3"));
        QCOMPARE(document.territoryOf(UnitId(0)), TerritoryId(1));
        QCOMPARE(document.territoryOf(UnitId(2)), TerritoryId(0));
        QCOMPARE(document.territoryOf(UnitId(5)), TerritoryId(1));
    }

    void statisticsFollowEdits()
    {
        Document document;
        document.setProject(testing::makeGridProject(4, 3, 2));
        TerritoryStatistics statistics(&document);
        const int population = statistics.attributeIndex(QStringLiteral("population"));
        const int revenue = statistics.attributeIndex(QStringLiteral("revenue_potential"));
        const int accounts = statistics.attributeIndex(QStringLiteral("accounts"));
        QVERIFY(population >= 0 && revenue >= 0 && accounts >= 0);
        auto figures = [&](int attribute, int territory) {
            return statistics.territoryMetrics(TerritoryId(territory))->attributes[static_cast<std::size_t>(attribute)];
        };
        // T1 = columns 0-1: units 0,1,4,5,8,9 → population 1+2+5+6+9+10 = 33.
        QCOMPARE(figures(population, 0).sum, 33.0);
        QCOMPARE(figures(revenue, 0).sum, 3300.0);
        QCOMPARE(figures(accounts, 0).sum, 6.0);
        QCOMPARE(statistics.unitValue(population, UnitId(9)), 10.0);
        const std::optional<MovePreview> preview = statistics.previewMove(UnitId(9), TerritoryId(1));
        QVERIFY(preview && preview->after.size() == 2);
        document.undoStack()->push(AssignUnitsCommand::create(&document, {UnitId(9)}, TerritoryId(1)).release());
        QCOMPARE(figures(population, 0).sum, 23.0);
        QCOMPARE(figures(population, 1).sum, 55.0);
        // The predicted deviations equal the ones after the move (mean 39).
        QCOMPARE(preview->after[0].attributes[static_cast<std::size_t>(population)].deviation, figures(population, 0).deviation);
        QCOMPARE(preview->after[1].attributes[static_cast<std::size_t>(population)].deviation, figures(population, 1).deviation);
        QCOMPARE(figures(population, 0).deviation, (23.0 - 39.0) / 39.0);
        document.undoStack()->undo();
        QCOMPARE(figures(population, 0).sum, 33.0);
    }

    void metricsEngineFollowsEdits()
    {
        // 4×3 grid, T1 = columns 0-1, T2 = columns 2-3: both in one piece.
        Document document;
        document.setProject(testing::makeGridProject(4, 3, 2));
        TerritoryStatistics statistics(&document);
        QVERIFY2(statistics.territoryMetrics(TerritoryId(0)), qPrintable(statistics.metricsError()));
        QCOMPARE(statistics.territoryMetrics(TerritoryId(0))->pieces, std::size_t(1));
        QCOMPARE(statistics.territoryMetrics(TerritoryId(0))->unitCount, std::size_t(6));
        // Unit 3 (column 3, row 0) joins T1: T1 now has a detached unit, two pieces.
        document.undoStack()->push(AssignUnitsCommand::create(&document, {UnitId(3)}, TerritoryId(0)).release());
        QCOMPARE(statistics.territoryMetrics(TerritoryId(0))->pieces, std::size_t(2));
        QCOMPARE(statistics.territoryMetrics(TerritoryId(0))->unitCount, std::size_t(7));
        QCOMPARE(statistics.territoryMetrics(TerritoryId(1))->unitCount, std::size_t(5));
        document.undoStack()->undo();
        QCOMPARE(statistics.territoryMetrics(TerritoryId(0))->pieces, std::size_t(1));
        // Structural edits rebuild the engine.
        document.undoStack()->push(ReplacePlanCommand::remove(&document, TerritoryId(0)));
        QVERIFY(statistics.territoryMetrics(TerritoryId(0)));
        QCOMPARE(statistics.territoryMetrics(TerritoryId(0))->unitCount, std::size_t(6));
        QVERIFY(!statistics.territoryMetrics(TerritoryId(1)));
    }
};

QTEST_MAIN(TestCommands)
#include "tst_commands.moc"
