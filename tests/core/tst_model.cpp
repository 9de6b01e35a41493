// Tests for core/model: ids, attribute tables, layers, alignment, adjacency.
#include "core/model/adjacencygraph.h"
#include "core/model/alignment.h"
#include "core/model/project.h"

#include <QTest>

using namespace tessera;

class TestModel : public QObject {
    Q_OBJECT
private slots:
    void strongIdDefaultIsInvalid()
    {
        QVERIFY(!UnitId().isValid());
        QVERIFY(UnitId(0).isValid());
        QVERIFY(UnitId(1) < UnitId(2));
    }

    void attributeTableAddsColumnsOnce()
    {
        AttributeTable table;
        table.resize(3);
        const int revenue = table.addColumn("revenue");
        QCOMPARE(table.addColumn("revenue"), revenue);
        table.setValue(2, revenue, 7.5);
        QCOMPARE(table.value(2, revenue), 7.5);
        QCOMPARE(table.value(0, revenue), 0.0);
        table.resize(4);
        QCOMPARE(table.column(revenue).size(), std::size_t(4));
        QCOMPARE(table.columnIndex("missing"), -1);
    }

    void unitLayerFindsKeysWithLeadingZeros()
    {
        UnitLayer layer;
        Unit a;
        a.key = "01001";
        Unit b;
        b.key = "1001";
        const UnitId ia = layer.add(a);
        const UnitId ib = layer.add(b);
        QCOMPARE(layer.findByKey("01001"), ia);
        QCOMPARE(layer.findByKey("1001"), ib);
        QVERIFY(!layer.findByKey("1").isValid());
        QCOMPARE(layer.unit(ib).id, ib);
    }

    void alignmentCountsAndLocks()
    {
        Alignment alignment(4);
        alignment.assign(UnitId(0), TerritoryId(1));
        alignment.assign(UnitId(1), TerritoryId(1));
        alignment.assign(UnitId(2), TerritoryId(0));
        alignment.setLocked(UnitId(2), true);
        QCOMPARE(alignment.unassignedCount(), std::size_t(1));
        QCOMPARE(alignment.lockedCount(), std::size_t(1));
        const auto counts = alignment.unitCounts(2);
        QCOMPARE(counts[0], std::size_t(1));
        QCOMPARE(counts[1], std::size_t(2));
    }

    void adjacencyDropsDuplicatesAndFindsIslands()
    {
        // 0-1-2 path, 3 isolated, duplicate and reversed edges given.
        AdjacencyGraph graph(4, {{UnitId(1), UnitId(0), 2.0}, {UnitId(0), UnitId(1), 3.0},
                                 {UnitId(1), UnitId(2), 1.0}, {UnitId(2), UnitId(2), 1.0}});
        QCOMPARE(graph.edgeCount(), std::size_t(2));
        QVERIFY(graph.areAdjacent(UnitId(0), UnitId(1)));
        QVERIFY(graph.areAdjacent(UnitId(2), UnitId(1)));
        QVERIFY(!graph.areAdjacent(UnitId(0), UnitId(2)));
        QCOMPARE(graph.sharedLengths(UnitId(0))[0], 3.0);
        QCOMPARE(graph.islands(), std::vector<UnitId>{UnitId(3)});
        const auto [component, count] = graph.components();
        QCOMPARE(count, 2);
        QCOMPARE(component[0], component[2]);
        QVERIFY(component[0] != component[3]);
    }

    void scenarioAssignsTerritoryIds()
    {
        Project project;
        Scenario scenario;
        scenario.name = "Current";
        QCOMPARE(scenario.addTerritory({TerritoryId(), "North", 0xff0000, RepId()}), TerritoryId(0));
        QCOMPARE(scenario.addTerritory({TerritoryId(), "South", 0x00ff00, RepId()}), TerritoryId(1));
        project.scenarios().push_back(scenario);
        QVERIFY(project.findScenario("Current") != nullptr);
        QCOMPARE(project.findScenario("Current")->territories[1].name, std::string("South"));
        QVERIFY(project.findScenario("Other") == nullptr);
    }
};

QTEST_GUILESS_MAIN(TestModel)
#include "tst_model.moc"
