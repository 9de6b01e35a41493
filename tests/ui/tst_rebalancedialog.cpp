// Rebalance mode of Territory ▸ Optimize… on the south-east sample: the
// moves-against-balance chart, picking a point sets the cap or fewest moves,
// a rebalanced plan's result names the territories breaking a constraint, and
// every result text carries its unit.
#include "core/optimizer/districtingproblem.h"
#include "core/optimizer/optimizeroptions.h"
#include "core/plan/resultwording.h"
#include "ui/dialogs/optimizationrun.h"
#include "ui/dialogs/optimizedialog.h"
#include "ui/dialogs/rebalancecurvechart.h"
#include "ui/document/document.h"
#include "ui/panels/movereasonspanel.h"

#include <QFile>
#include <QRadioButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

#include <cmath>
#include <limits>

using namespace tessera;
using namespace tessera::ui;

class TestRebalanceDialog : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void chartPicksTheCap();
    void rebalanceResultNamesBreakingTerritories();
    void wordingCarriesUnits();
    void reasonsDockListsNamesAndZooms();

private:
    QTemporaryDir mDir;
    Document mDocument;
};

void TestRebalanceDialog::initTestCase()
{
    QVERIFY(mDir.isValid());
    const QString copy = mDir.filePath(QStringLiteral("southeast.tessera"));
    QVERIFY(QFile::copy(QStringLiteral(TESSERA_SOURCE_DIR "/resources/samples/southeast.tessera"), copy));
    QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner);
    auto opened = mDocument.open(copy);
    QVERIFY2(opened, opened ? "" : opened.error().toString().c_str());
}

void TestRebalanceDialog::chartPicksTheCap()
{
    OptimizeDialog dialog(mDocument);
    OptimizeRequest request = OptimizeRequest::defaults(mDocument);
    request.rebalance = true;
    request.balance = {{"population", 0.05}};
    dialog.setRequest(request);
    dialog.resize(1100, 560);
    dialog.show();
    dialog.showTradeOff();
    RebalanceCurveChart *chart = dialog.curveChart();
    QTRY_VERIFY_WITH_TIMEOUT(!chart->points().empty(), 120000);
    const auto &points = chart->points();
    QCOMPARE(points.front().maxMoves, 0);
    QCOMPARE(points.front().movedUnits, 0);
    QVERIFY(points.back().balanced); // the sample's plan can be rebalanced by border moves at ±5 %
    int fewest = -1, capped = -1;
    for (std::size_t i = 0; i < points.size(); ++i) {
        QVERIFY(points[i].movedUnits <= points[i].maxMoves);
        if (points[i].fewest)
            fewest = int(i);
        else if (points[i].maxMoves == 20)
            capped = int(i);
    }
    QVERIFY(fewest >= 0 && capped >= 0);

    // A point sets the cap to its moved units ...
    chart->select(capped);
    emit chart->pointPicked(capped);
    QCOMPARE(dialog.request().moveCap, points[std::size_t(capped)].movedUnits);
    QVERIFY(dialog.request().rebalance);
    QVERIFY(chart->caption().contains(QStringLiteral("%")));
    QVERIFY(chart->caption().contains(QStringLiteral("outside the tolerance")));
    // ... and the fewest-moves point lifts it.
    chart->select(fewest);
    emit chart->pointPicked(fewest);
    QCOMPARE(dialog.request().moveCap, -1);
    QVERIFY(chart->caption().contains(QStringLiteral("within the tolerance")));

    // For a screenshot under xvfb-run: keep the dialog on screen a while.
    if (const int hold = qEnvironmentVariableIntValue("TESSERA_HOLD_DIALOG_MS"); hold > 0)
        QTest::qWait(hold);
}

void TestRebalanceDialog::rebalanceResultNamesBreakingTerritories()
{
    const Scenario before = mDocument.scenario();
    OptimizeRequest request = OptimizeRequest::defaults(mDocument);
    request.rebalance = true;
    request.moveCap = 20;
    request.balance = {{"population", 0.05}};
    OptimizationRun run(&mDocument);
    QSignalSpy finished(&run, &OptimizationRun::finished);
    auto started = run.start(request);
    QVERIFY2(started, started ? "" : started.error().toString().c_str());
    QVERIFY(finished.wait(120000));
    QVERIFY(finished.at(0).at(0).toBool());
    const OptimizerResult &result = run.outcome().result;
    QVERIFY(result.movedUnits <= 20);
    QVERIFY(result.contiguous);
    QVERIFY(!result.balanced);     // 20 moves are not enough on the sample
    QVERIFY(!result.breaches.empty());
    const QString summary = run.outcome().summary();
    QVERIFY2(summary.contains(QStringLiteral("Breaks a constraint: territory '")), qPrintable(summary));
    QVERIFY(summary.contains(QStringLiteral("Atlanta")));
    QVERIFY(summary.contains(QStringLiteral("Bound: not applicable")));
    QVERIFY(!summary.contains(QStringLiteral("e+")));
    // Discard restores the plan.
    QVERIFY(run.discard());
    QVERIFY(mDocument.scenario() == before);
}

void TestRebalanceDialog::wordingCarriesUnits()
{
    DistrictingProblem problem;
    problem.points = {{0, 0}, {3, 4}};
    problem.attributeNames = {"population"};
    problem.weights = {{1000.0, 1000.0}};
    problem.adjacency = AdjacencyGraph(2, {{UnitId(0), UnitId(1), 2.5}});
    OptimizerOptions options;
    options.territories = 1;
    options.balance = {{0, 0.05}};
    // Σ w d² = 2002 × 25 km² over weight 2002 → root-mean-square distance 5 km.
    const double objective = 25.0 * (1000.0 + 1.0) * 2;
    const std::string travel = plan::objectiveText(problem, options, objective);
    QVERIFY2(travel.find("5.0 km") != std::string::npos, travel.c_str());
    options.compactness = CompactnessObjective::Boundary;
    QCOMPARE(plan::objectiveText(problem, options, 412.4), std::string("412 km of border"));
    QCOMPARE(plan::gapText(options, 100.0, 79.7, false), std::string("no plan can be more than 20.3 % better"));
    QCOMPARE(plan::gapText(options, 100.0, std::numeric_limits<double>::quiet_NaN(), false),
             std::string("bound not computed yet"));
    QCOMPARE(plan::gapText(options, 100.0, 100.0, true), std::string("proven optimal"));
    QCOMPARE(groupedNumber(106886000000.0), std::string("106,886,000,000"));
    QCOMPARE(groupedNumber(33300.0), std::string("33,300"));
}

void TestRebalanceDialog::reasonsDockListsNamesAndZooms()
{
    MoveReasonsPanel panel(&mDocument);
    const int before = panel.table()->rowCount();
    OptimizeRequest request = OptimizeRequest::defaults(mDocument);
    request.rebalance = true;
    request.moveCap = 12;
    request.balance = {{"population", 0.05}};
    OptimizationRun run(&mDocument);
    QSignalSpy finished(&run, &OptimizationRun::finished);
    QVERIFY(run.start(request));
    QVERIFY(finished.wait(120000));
    QVERIFY(finished.at(0).at(0).toBool());
    QTableWidget *table = panel.table();
    QCOMPARE(table->rowCount(), run.outcome().result.movedUnits);
    QVERIFY(table->rowCount() > before);
    // Names, not codes: the unit's name, territory names and the rep's name.
    QStringList territoryNames, repNames;
    for (const Territory &t : mDocument.scenario().territories)
        territoryNames << QString::fromStdString(t.name);
    for (const Rep &r : mDocument.project().reps())
        repNames << QString::fromStdString(r.name);
    for (int row = 0; row < table->rowCount(); ++row) {
        const int unit = table->item(row, MoveReasonsPanel::UnitColumn)->data(Qt::UserRole).toInt();
        QVERIFY(table->item(row, MoveReasonsPanel::UnitColumn)->text().startsWith(
            QString::fromStdString(mDocument.project().units().unit(UnitId(unit)).name)));
        QVERIFY2(territoryNames.contains(table->item(row, MoveReasonsPanel::ToColumn)->text()), qPrintable(table->item(row, MoveReasonsPanel::ToColumn)->text() + " / " + table->item(row, MoveReasonsPanel::ReasonColumn)->text()));
        QVERIFY(repNames.contains(table->item(row, MoveReasonsPanel::RepColumn)->text()));
        QVERIFY(!table->item(row, MoveReasonsPanel::ReasonColumn)->text().isEmpty());
    }
    // Sortable: sorting by unit orders the names.
    table->sortItems(MoveReasonsPanel::UnitColumn);
    for (int row = 1; row < table->rowCount(); ++row)
        QVERIFY(table->item(row - 1, 0)->text().localeAwareCompare(table->item(row, 0)->text()) <= 0
                || table->item(row - 1, 0)->text() <= table->item(row, 0)->text());
    // A click asks for the unit.
    std::vector<int> asked;
    connect(&panel, &MoveReasonsPanel::zoomRequested, this, [&asked](UnitId unit) { asked.push_back(unit.value()); });
    emit table->cellClicked(0, MoveReasonsPanel::ReasonColumn);
    QCOMPARE(asked.size(), std::size_t(1));
    QCOMPARE(asked.front(), table->item(0, 0)->data(Qt::UserRole).toInt());
    mDocument.undoStack()->undo();
}

QTEST_MAIN(TestRebalanceDialog)
#include "tst_rebalancedialog.moc"
