// Scenarios in the real main window: create, clone, rename, notes, delete
// with undo, the baseline flag, switching, Save and Save As through the
// file, the compare view with its tables and hatched map, and a what-if
// scenario shown on its transformed data, as the CLI reports it.
#include "core/store/projectstore.h"
#include "tests/ui/testprojects.h"
#include "tests/ui/testsettings.h"
#include "ui/canvas/changedunitslayer.h"
#include "ui/canvas/mapcanvas.h"
#include "ui/commands/assignunitscommand.h"
#include "ui/dialogs/comparedialog.h"
#include "core/metrics/territorymetrics.h"
#include "ui/document/document.h"
#include "ui/document/territorystatistics.h"
#include "ui/mainwindow/mainwindow.h"
#include "ui/mainwindow/scenariomenu.h"
#include "ui/panels/scenariopanel.h"
#include "ui/panels/territorylistpanel.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QUndoStack>
#include <QtTest>

using namespace tessera;
using namespace tessera::ui;

class TestScenarios : public QObject {
    Q_OBJECT

private:
    QTemporaryDir mDir;
    std::unique_ptr<MainWindow> mWindow;
    QString mPath;
    int mCount = 0;

    Document *doc() const { return mWindow->document(); }
    ScenarioPanel *panel() const { return mWindow->scenarioMenu()->panel(); }

    void moveUnits(const std::vector<UnitId> &units, TerritoryId to)
    {
        doc()->setSelection(units);
        mWindow->assignSelectionTo(to);
    }

    Project reread() const
    {
        auto store = ProjectStore::open(mPath.toStdString(), ProjectStore::OpenMode::ReadOnly);
        return store ? *(*store)->load() : Project();
    }

private slots:
    void init()
    {
        mPath = mDir.filePath(QStringLiteral("grid%1.tessera").arg(++mCount));
        {
            auto store = ProjectStore::open(mPath.toStdString(), ProjectStore::OpenMode::Create);
            QVERIFY(store);
            QVERIFY((*store)->save(testing::makeGridProject(6, 4, 2)));
        }
        mWindow = std::make_unique<MainWindow>();
        mWindow->setQuiet(true);
        mWindow->setConfirmClose(false);
        mWindow->resize(1200, 800);
        mWindow->show();
        QVERIFY(mWindow->openProject(mPath, false));
        QVERIFY(mWindow->canvas()->waitUntilReady());
    }

    void cleanup() { mWindow.reset(); }

    void switchingEditsTheChosenScenario()
    {
        QCOMPARE(panel()->tree()->topLevelItemCount(), 1);
        panel()->createScenario("Proposal", true);
        QCOMPARE(doc()->scenarioCount(), 2);
        QCOMPARE(doc()->scenario().name, std::string("Proposal"));
        QCOMPARE(panel()->tree()->topLevelItemCount(), 2);
        moveUnits({UnitId(2), UnitId(8)}, TerritoryId(1));
        QCOMPARE(doc()->territoryOf(UnitId(2)), TerritoryId(1));

        // Clicking the first row edits the plan again: its units did not move.
        panel()->tree()->setCurrentItem(panel()->tree()->topLevelItem(0));
        QCOMPARE(doc()->scenario().name, std::string("Plan"));
        QCOMPARE(doc()->territoryOf(UnitId(2)), TerritoryId(0));
        QCOMPARE(mWindow->territoryPanel()->tree()->topLevelItemCount(), 2);

        // Undo walks back through the switch and then the proposal's edit.
        doc()->undoStack()->undo();
        QCOMPARE(doc()->scenario().name, std::string("Proposal"));
        QCOMPARE(doc()->territoryOf(UnitId(2)), TerritoryId(1));
        doc()->undoStack()->undo();
        QCOMPARE(doc()->territoryOf(UnitId(2)), TerritoryId(0));
        doc()->undoStack()->redo();
        QCOMPARE(doc()->territoryOf(UnitId(2)), TerritoryId(1));

        // Save writes both; the file has them as edited.
        QVERIFY(mWindow->saveProject());
        const Project saved = reread();
        QCOMPARE(saved.scenarios().size(), std::size_t(2));
        QCOMPARE(saved.findScenario("Proposal")->alignment.territoryOf(UnitId(2)), TerritoryId(1));
        QCOMPARE(saved.findScenario("Plan")->alignment.territoryOf(UnitId(2)), TerritoryId(0));
    }

    void renameNotesBaselineAndDeleteWithUndo()
    {
        panel()->createScenario("Empty", false);
        QCOMPARE(doc()->territoryCount(), 0);
        panel()->cloneScenario(0, "Copy");
        QCOMPARE(doc()->scenarioCount(), 3);
        QCOMPARE(doc()->scenario().name, std::string("Copy"));
        QCOMPARE(doc()->territoryCount(), 2);
        QVERIFY(!panel()->renameScenario(2, "Plan")); // taken
        QVERIFY(panel()->renameScenario(2, "Florida hires"));
        panel()->notesEditor()->setPlainText(QStringLiteral("Two more reps in Florida"));
        panel()->findChild<QPushButton *>(QStringLiteral("keepNotes"))->click();
        QCOMPARE(doc()->scenarioAt(2).notes, std::string("Two more reps in Florida"));
        panel()->makeBaseline(0);
        QVERIFY(doc()->scenarioAt(0).isBaseline);
        QVERIFY(panel()->tree()->topLevelItem(0)->text(0).contains(QStringLiteral("baseline")));

        // Delete the edited scenario, then bring it back.
        QVERIFY(panel()->deleteScenario(2));
        QCOMPARE(doc()->scenarioCount(), 2);
        QCOMPARE(doc()->scenario().name, std::string("Empty"));
        doc()->undoStack()->undo();
        QCOMPARE(doc()->scenarioCount(), 3);
        QCOMPARE(doc()->scenario().name, std::string("Florida hires"));
        QCOMPARE(doc()->scenarioAt(2).notes, std::string("Two more reps in Florida"));

        QVERIFY(mWindow->saveProject());
        Project saved = reread();
        QCOMPARE(saved.scenarios().size(), std::size_t(3));
        QVERIFY(saved.findScenario("Plan")->isBaseline);
        QCOMPARE(saved.findScenario("Florida hires")->notes, std::string("Two more reps in Florida"));

        // Deleted and saved: gone from the file; undone and saved again: back.
        QVERIFY(panel()->deleteScenario(1));
        QVERIFY(mWindow->saveProject());
        QCOMPARE(reread().scenarios().size(), std::size_t(2));
        QVERIFY(!reread().findScenario("Empty"));
        doc()->undoStack()->undo();
        QVERIFY(mWindow->saveProject());
        QVERIFY(reread().findScenario("Empty"));
        // The last scenario cannot be deleted.
        QVERIFY(panel()->deleteScenario(0));
        QVERIFY(panel()->deleteScenario(0));
        QVERIFY(!panel()->deleteScenario(0));
    }

    void saveAsNewScenario()
    {
        moveUnits({UnitId(3)}, TerritoryId(0));
        QVERIFY(mWindow->scenarioMenu()->saveAsScenario(QStringLiteral("Workshop")));
        QCOMPARE(doc()->scenario().name, std::string("Workshop"));
        QVERIFY(!doc()->isModified());
        const Project saved = reread();
        QCOMPARE(saved.findScenario("Workshop")->alignment.territoryOf(UnitId(3)), TerritoryId(0));
        // Save As keeps the plan it started from as it was edited too.
        QCOMPARE(saved.findScenario("Plan")->alignment.territoryOf(UnitId(3)), TerritoryId(0));
        // History: the plan records what changed, the new scenario its creation,
        // and a later save of the edited scenario the edits' own words.
        moveUnits({UnitId(4)}, TerritoryId(0));
        QVERIFY(mWindow->saveProject());
        auto store = ProjectStore::open(mPath.toStdString(), ProjectStore::OpenMode::ReadOnly);
        auto history = (*store)->history((*store)->findScenario("Plan")->id);
        QVERIFY(!history->empty());
        QCOMPARE(history->back().summary, std::string("1 unit reassigned"));
        history = (*store)->history((*store)->findScenario("Workshop")->id);
        QCOMPARE(history->size(), std::size_t(2));
        QCOMPARE(history->front().summary, std::string("created"));
        QVERIFY2(QString::fromStdString(history->back().summary).startsWith(QStringLiteral("Assign")),
                 history->back().summary.c_str());
    }

    void compareViewShowsChanges()
    {
        panel()->createScenario("Proposal", true);
        moveUnits({UnitId(2), UnitId(8)}, TerritoryId(1));
        mWindow->assignRep(TerritoryId(0), RepId(0)); // the plan's T1 has no rep
        panel()->makeBaseline(0);
        CompareDialog *dialog = mWindow->scenarioMenu()->openCompare();
        QVERIFY(dialog);
        QVERIFY(dialog->waitUntilReady());
        QVERIFY(dialog->diff());
        QCOMPARE(dialog->diff()->before, std::string("Plan"));
        QCOMPARE(dialog->diff()->after, std::string("Proposal"));
        QTableWidget *moved = dialog->movedUnitTable();
        QCOMPARE(moved->rowCount(), 2);
        QCOMPARE(moved->item(0, 0)->text(), QStringLiteral("U2"));
        QCOMPARE(moved->item(0, 1)->text(), QStringLiteral("Unit 2"));
        QCOMPARE(moved->item(0, 2)->text(), QStringLiteral("T1"));
        QCOMPARE(moved->item(0, 3)->text(), QStringLiteral("T2"));
        QCOMPARE(moved->item(0, 4)->text(), QStringLiteral("1")); // the grid has one account per unit
        QCOMPARE(moved->item(0, 5)->text(), QStringLiteral("Hand edit"));
        QTableWidget *territories = dialog->territoryTable();
        QCOMPARE(territories->rowCount(), 2);
        QCOMPARE(territories->item(0, 0)->text(), QStringLiteral("T1"));
        QCOMPARE(territories->item(0, 2)->text(), QStringLiteral("10 (−2)"));
        bool hoursHeader = false;
        for (int c = 0; c < territories->columnCount(); ++c)
            hoursHeader |= territories->horizontalHeaderItem(c)->text() == QStringLiteral("Workload (h)");
        QVERIFY(hoursHeader);
        QTableWidget *reps = dialog->repTable();
        QCOMPARE(reps->rowCount(), 1);
        QCOMPARE(reps->item(0, 0)->text(), QStringLiteral("Rep One"));
        QCOMPARE(reps->item(0, 1)->text(), QStringLiteral("10")); // T1's ten accounts now have a rep
        QCOMPARE(reps->item(0, 2)->text(), QStringLiteral("0"));
        QCOMPARE(dialog->changesLayer()->units(), (std::vector<UnitId>{UnitId(2), UnitId(8)}));
        QVERIFY(dialog->canvas()->geometry());

        // Side by side: the plan before next to the plan after, panning and zooming together.
        QVERIFY(!dialog->isSideBySide());
        dialog->show();
        dialog->setSideBySide(true);
        QVERIFY(dialog->beforeCanvas()->isVisible());
        QVERIFY(dialog->waitUntilReady());
        MapCanvas *after = dialog->canvas();
        MapCanvas *before = dialog->beforeCanvas();
        QCOMPARE(before->document()->scenario().name, std::string("Plan"));
        QCOMPARE(after->document()->scenario().name, std::string("Proposal"));
        const auto same = [&] {
            return before->viewport().center() == after->viewport().center()
                   && before->viewport().metersPerPixel() == after->viewport().metersPerPixel();
        };
        QVERIFY(same());
        const double mpp = after->viewport().metersPerPixel();
        after->zoomBy(2.0, QPointF(after->width() / 3.0, after->height() / 3.0));
        QVERIFY(after->viewport().metersPerPixel() < mpp);
        QVERIFY(same());
        const QPointF centre = after->viewport().center();
        before->panBy(QPointF(40, -25));
        QVERIFY(after->viewport().center() != centre);
        QVERIFY(same());
        dialog->setSideBySide(false);
        QVERIFY(!dialog->beforeCanvas()->isVisible());
        dialog->close();
    }

    void whatIfScenarioShowsTheCliFiguresAfterSwitching()
    {
        // The CLI stores a what-if (the window is closed: it holds the write lock).
        mWindow.reset();
        QProcess cli;
        cli.start(QStringLiteral(TESSERA_CLI_PATH),
                  {"whatif", mPath, "--scenario", "Plan", "--out-scenario", "Demand", "--scale", "population:5:key=U1*",
                   "--add-rep", "Ann Lee:-83.75:33.15:1500"});
        QVERIFY(cli.waitForFinished(60000));
        QVERIFY2(cli.exitCode() == 0, cli.readAllStandardError().constData());
        cli.start(QStringLiteral(TESSERA_CLI_PATH), {"metrics", mPath, "--scenario", "Demand", "--json"});
        QVERIFY(cli.waitForFinished(60000));
        QCOMPARE(cli.exitCode(), 0);
        const QJsonArray expected = QJsonDocument::fromJson(cli.readAllStandardOutput()).object()["territories"].toArray();
        QCOMPARE(expected.size(), qsizetype(3));

        mWindow = std::make_unique<MainWindow>();
        mWindow->setQuiet(true);
        mWindow->setConfirmClose(false);
        QVERIFY(mWindow->openProject(mPath, false));
        TerritoryStatistics *statistics = mWindow->statistics();
        const int population = statistics->attributeIndex(QStringLiteral("population"));
        QVERIFY(population >= 0);
        const int demand = doc()->indexOfScenario("Demand");
        QVERIFY(demand >= 0);
        const double plainWest = statistics->territoryMetrics(TerritoryId(0))->attributes[std::size_t(population)].sum;
        // Back and forth: each switch shows what a fresh load (the CLI) reports.
        for (int round = 0; round < 2; ++round) {
            panel()->tree()->setCurrentItem(panel()->tree()->topLevelItem(demand));
            QCOMPARE(doc()->scenario().name, std::string("Demand"));
            for (int t = 0; t < 3; ++t) {
                const TerritoryMetrics *shown = statistics->territoryMetrics(TerritoryId(t));
                QVERIFY(shown);
                const QJsonObject figures = expected[t].toObject();
                QCOMPARE(shown->attributes[std::size_t(population)].sum,
                         figures["attributes"].toObject()["population"].toObject()["sum"].toDouble());
                QCOMPARE(double(shown->accountCount), figures["accounts"].toDouble());
                QCOMPARE(shown->workloadHours, figures["workload"].toObject()["workload_hours"].toDouble());
            }
            QVERIFY(statistics->territoryMetrics(TerritoryId(0))->attributes[std::size_t(population)].sum > plainWest);
            // The added rep serves the new territory, with their capacity, and the list names them.
            QCOMPARE(statistics->territoryMetrics(TerritoryId(2))->capacityHours, 1500.0);
            QCOMPARE(mWindow->territoryPanel()->tree()->topLevelItem(2)->text(1), QStringLiteral("Ann Lee"));
            panel()->tree()->setCurrentItem(panel()->tree()->topLevelItem(demand == 0 ? 1 : 0));
            QCOMPARE(statistics->territoryMetrics(TerritoryId(0))->attributes[std::size_t(population)].sum, plainWest);
        }
    }
};

QTEST_MAIN(TestScenarios)
#include "tst_scenarios.moc"
