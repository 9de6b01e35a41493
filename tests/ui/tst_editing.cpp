// Editing through the real main window: lasso + assign, undo, redo, locks,
// brush strokes, the balance table following every edit, save and reopen.
#include "core/store/projectstore.h"
#include "tests/ui/testprojects.h"
#include "ui/canvas/mapcanvas.h"
#include "ui/canvas/preparedgeometry.h"
#include "ui/document/document.h"
#include "ui/mainwindow/mainwindow.h"
#include "ui/panels/metricspanel.h"
#include "ui/panels/territorylistpanel.h"

#include <QAction>
#include <QFile>
#include <QMessageBox>
#include <QPushButton>
#include <QTimer>
#include <QStatusBar>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QUndoStack>
#include <QtTest>

#include <sqlite3.h>

using namespace tessera;
using namespace tessera::ui;

class TestEditing : public QObject {
    Q_OBJECT

private:
    QTemporaryDir mDir;
    std::unique_ptr<MainWindow> mWindow;
    QString mPath;

    Document *doc() const { return mWindow->document(); }
    MapCanvas *canvas() const { return mWindow->canvas(); }

    /// Value shown in the balance table for \a territory and the column headed \a attribute.
    double tableSum(int territory, const QString &attribute) const
    {
        QTableWidget *table = mWindow->metricsPanel()->table();
        for (int column = 0; column < table->columnCount(); ++column)
            if (table->horizontalHeaderItem(column)->text() == attribute)
                return table->item(territory, column)->data(Qt::UserRole).toDouble();
        return -1.0;
    }

    QPoint screenOf(UnitId unit) const
    {
        return canvas()->toScreen(canvas()->geometry()->labelPoint(unit)).toPoint();
    }

    /// Draws a lasso through the given widget points.
    void lasso(const QList<QPoint> &points, Qt::KeyboardModifiers modifiers = {})
    {
        mWindow->setTool(QStringLiteral("lasso"));
        QTest::mousePress(canvas(), Qt::LeftButton, modifiers, points.first());
        for (qsizetype i = 1; i < points.size(); ++i)
            QTest::mouseMove(canvas(), points[i]);
        QTest::mouseRelease(canvas(), Qt::LeftButton, modifiers, points.last());
    }

    /// A lasso around the label points of \a units (a padded bounding polygon).
    void lassoAround(const std::vector<UnitId> &units)
    {
        QRect box;
        for (UnitId u : units)
            box = box.isNull() ? QRect(screenOf(u), QSize(1, 1)) : box.united(QRect(screenOf(u), QSize(1, 1)));
        box.adjust(-8, -8, 8, 8);
        lasso({box.topLeft(), box.topRight(), box.bottomRight(), box.bottomLeft(), box.topLeft() + QPoint(0, 2)});
    }

    /// Column 0 of the 6×4 grid: units 0, 6, 12, 18 (all in T1).
    static std::vector<UnitId> firstColumn() { return {UnitId(0), UnitId(6), UnitId(12), UnitId(18)}; }

private slots:
    void initTestCase()
    {
        QVERIFY(mDir.isValid());
        mPath = mDir.filePath(QStringLiteral("grid.tessera"));
        auto store = ProjectStore::open(mPath.toStdString(), ProjectStore::OpenMode::Create);
        QVERIFY2(store, store ? "" : store.error().toString().c_str());
        auto saved = (*store)->save(testing::makeGridProject(6, 4, 2));
        QVERIFY2(saved, saved ? "" : saved.error().toString().c_str());
    }

    void init()
    {
        mWindow = std::make_unique<MainWindow>();
        mWindow->setQuiet(true);
        mWindow->setConfirmClose(false);
        mWindow->resize(1200, 800);
        mWindow->show();
        QVERIFY(mWindow->openProject(mPath, false));
        QVERIFY(canvas()->waitUntilReady());
        QCOMPARE(doc()->territoryCount(), 2);
    }

    void cleanup() { mWindow.reset(); }

    void opensInTheBackground()
    {
        MainWindow window;
        window.setQuiet(true);
        window.setConfirmClose(false);
        window.show();
        QVERIFY(window.openProject(mPath, true));
        QTRY_VERIFY_WITH_TIMEOUT(window.document()->hasProject(), 20000);
        QVERIFY(window.canvas()->waitUntilReady());
        QCOMPARE(window.document()->unitCount(), std::size_t(24));
        QCOMPARE(window.territoryPanel()->tree()->topLevelItemCount(), 2);
        // A file that is not a project leaves the window empty and says why.
        const QString bogus = mDir.filePath(QStringLiteral("bogus.tessera"));
        QFile file(bogus);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("not a database");
        file.close();
        MainWindow other;
        other.setQuiet(true);
        QVERIFY(!other.openProject(bogus, false));
        QVERIFY(!other.document()->hasProject());
        // The window gives the reason the command line gives, not just "cannot open".
        const QString message = other.statusBar()->currentMessage();
        QVERIFY2(message.contains(QStringLiteral("not a Tessera project (not a SQLite database)")), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("bogus.tessera")), qPrintable(message));
        // A received project with a trigger planted in it is refused with the reason too.
        const QString planted = mDir.filePath(QStringLiteral("planted.tessera"));
        QVERIFY(QFile::copy(mPath, planted));
        {
            sqlite3 *db = nullptr;
            QCOMPARE(sqlite3_open(planted.toUtf8().constData(), &db), SQLITE_OK);
            QCOMPARE(sqlite3_exec(db, "CREATE TRIGGER planted AFTER INSERT ON units BEGIN SELECT 1; END", nullptr,
                                  nullptr, nullptr),
                     SQLITE_OK);
            sqlite3_close(db);
        }
        QVERIFY(!other.openProject(planted, false));
        const QString plantedMessage = other.statusBar()->currentMessage();
        QVERIFY2(plantedMessage.contains(QStringLiteral("planted")), qPrintable(plantedMessage));
        QVERIFY2(plantedMessage.contains(QStringLiteral("trigger"), Qt::CaseInsensitive), qPrintable(plantedMessage));
    }

    void zoomToSelectionAndTerritory()
    {
        doc()->setSelection({UnitId(0)});
        mWindow->action(QStringLiteral("zoomSelection"))->trigger();
        const QRectF unit = canvas()->geometry()->bounds(UnitId(0));
        QVERIFY(canvas()->viewport().extent().contains(unit));
        QVERIFY(canvas()->viewport().extent().width() < unit.width() * 4); // close in, not the full extent
        doc()->setCurrentTerritory(TerritoryId(1));
        mWindow->action(QStringLiteral("zoomTerritory"))->trigger();
        QVERIFY(canvas()->viewport().extent().contains(canvas()->geometry()->bounds(UnitId(23))));
        QVERIFY(!canvas()->viewport().extent().contains(canvas()->geometry()->labelPoint(UnitId(0))));
        QTest::keyClick(canvas(), Qt::Key_Escape);
        QVERIFY(doc()->selection().empty());
    }

    void lassoAssignUndoRedo()
    {
        const QString population = QStringLiteral("population");
        mWindow->metricsPanel()->setChosenAttributes({population});
        // Column 0 holds units 0, 6, 12, 18 with populations 1, 7, 13, 19 = 40.
        const double t1Before = tableSum(0, population);
        const double t2Before = tableSum(1, population);
        QCOMPARE(t1Before + t2Before, 300.0); // 1 + 2 + ... + 24

        lassoAround(firstColumn());
        QCOMPARE(doc()->selection(), firstColumn());
        mWindow->action(QStringLiteral("assignTerritory2"))->trigger();
        for (UnitId u : firstColumn())
            QCOMPARE(doc()->territoryOf(u), TerritoryId(1));
        QCOMPARE(tableSum(0, population), t1Before - 40.0);
        QCOMPARE(tableSum(1, population), t2Before + 40.0);
        QCOMPARE(doc()->undoStack()->count(), 1);
        QVERIFY(doc()->isModified());

        mWindow->action(QStringLiteral("undo"))->trigger();
        for (UnitId u : firstColumn())
            QCOMPARE(doc()->territoryOf(u), TerritoryId(0));
        QCOMPARE(tableSum(0, population), t1Before);
        QCOMPARE(tableSum(1, population), t2Before);
        QVERIFY(!doc()->isModified());

        mWindow->action(QStringLiteral("redo"))->trigger();
        for (UnitId u : firstColumn())
            QCOMPARE(doc()->territoryOf(u), TerritoryId(1));
        QCOMPARE(tableSum(1, population), t2Before + 40.0);
        // The map follows: the canvas renders again and completes.
        QVERIFY(canvas()->waitUntilReady());
    }

    void lockedUnitIsRespected()
    {
        // Lock unit 6 through a click selection and the lock action.
        mWindow->setTool(QStringLiteral("select"));
        QTest::mouseClick(canvas(), Qt::LeftButton, {}, screenOf(UnitId(6)));
        QCOMPARE(doc()->selection(), std::vector<UnitId>{UnitId(6)});
        mWindow->action(QStringLiteral("lock"))->trigger();
        QVERIFY(doc()->isLocked(UnitId(6)));

        lassoAround(firstColumn());
        mWindow->action(QStringLiteral("assignTerritory2"))->trigger();
        QCOMPARE(doc()->territoryOf(UnitId(6)), TerritoryId(0));
        QCOMPARE(doc()->territoryOf(UnitId(0)), TerritoryId(1));
        QCOMPARE(doc()->territoryOf(UnitId(12)), TerritoryId(1));
        QVERIFY2(mWindow->statusBar()->currentMessage().contains(QStringLiteral("locked")),
                 qPrintable(mWindow->statusBar()->currentMessage()));

        // The brush respects it too.
        doc()->setCurrentTerritory(TerritoryId(1));
        mWindow->setTool(QStringLiteral("brush"));
        const QPoint p = screenOf(UnitId(6));
        QTest::mousePress(canvas(), Qt::LeftButton, {}, p);
        QTest::mouseMove(canvas(), p + QPoint(1, 1));
        QTest::mouseRelease(canvas(), Qt::LeftButton, {}, p + QPoint(1, 1));
        QCOMPARE(doc()->territoryOf(UnitId(6)), TerritoryId(0));
    }

    void brushStrokeIsOneUndoStep()
    {
        doc()->setCurrentTerritory(TerritoryId(1));
        mWindow->setTool(QStringLiteral("brush"));
        const int before = doc()->undoStack()->count();
        // Paint along row 0 from unit 0 to unit 2 (all in T1 before).
        const QPoint a = screenOf(UnitId(0));
        const QPoint b = screenOf(UnitId(2));
        QTest::mousePress(canvas(), Qt::LeftButton, {}, a);
        for (int i = 1; i <= 10; ++i)
            QTest::mouseMove(canvas(), a + (b - a) * i / 10);
        QTest::mouseRelease(canvas(), Qt::LeftButton, {}, b);
        QCOMPARE(doc()->undoStack()->count(), before + 1);
        for (int u : {0, 1, 2})
            QCOMPARE(doc()->territoryOf(UnitId(u)), TerritoryId(1));
        doc()->undoStack()->undo();
        for (int u : {0, 1, 2})
            QCOMPARE(doc()->territoryOf(UnitId(u)), TerritoryId(0));
    }

    void tableAndMapHighlightFollowEachOther()
    {
        QTableWidget *table = mWindow->metricsPanel()->table();
        table->selectRow(1);
        QCOMPARE(doc()->currentTerritory(), TerritoryId(1));
        QCOMPARE(mWindow->territoryPanel()->tree()->currentItem()->data(0, Qt::UserRole).toInt(), 1);
        // Clicking a unit of T1 on the map selects T1's row.
        mWindow->setTool(QStringLiteral("select"));
        QTest::mouseClick(canvas(), Qt::LeftButton, {}, screenOf(UnitId(0)));
        QCOMPARE(doc()->currentTerritory(), TerritoryId(0));
        QCOMPARE(table->selectionModel()->selectedRows().value(0).row(), 0);
    }

    void hoverShowsEffectOfMove()
    {
        doc()->setCurrentTerritory(TerritoryId(1));
        mWindow->metricsPanel()->setChosenAttributes({QStringLiteral("population")});
        QTest::mouseMove(canvas(), screenOf(UnitId(0)));
        QCOMPARE(canvas()->hoveredUnit(), UnitId(0));
        const QString text = mWindow->metricsPanel()->hoverText();
        QVERIFY2(text.contains(QStringLiteral("Unit 0")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("Moving it to")), qPrintable(text));
    }

    void territoryVerbs()
    {
        const TerritoryId added = mWindow->newTerritory(QStringLiteral("North"));
        QCOMPARE(added, TerritoryId(2));
        mWindow->renameTerritory(added, QStringLiteral("Northeast"));
        QCOMPARE(doc()->territory(added).name, std::string("Northeast"));
        mWindow->assignRep(added, RepId(0));
        QCOMPARE(doc()->territory(added).rep, RepId(0));
        doc()->setSelection({UnitId(5), UnitId(11)});
        mWindow->assignSelectionTo(added);
        QCOMPARE(doc()->territoryOf(UnitId(5)), added);
        // Merging T2 into Northeast renumbers Northeast to id 1 and moves T2's units.
        mWindow->mergeTerritory(TerritoryId(1), added);
        QCOMPARE(doc()->territoryCount(), 2);
        QCOMPARE(doc()->territory(TerritoryId(1)).name, std::string("Northeast"));
        QCOMPARE(doc()->territoryOf(UnitId(3)), TerritoryId(1));
        QCOMPARE(mWindow->territoryPanel()->tree()->topLevelItemCount(), 2);
        mWindow->deleteTerritory(TerritoryId(0));
        QCOMPARE(doc()->territoryOf(UnitId(0)), TerritoryId());
        QCOMPARE(doc()->territoryOf(UnitId(3)), TerritoryId(0));
        // All six edits undo back to the opened plan.
        while (doc()->undoStack()->canUndo())
            doc()->undoStack()->undo();
        QCOMPARE(doc()->territoryCount(), 2);
        QCOMPARE(doc()->territoryOf(UnitId(0)), TerritoryId(0));
        QCOMPARE(doc()->territoryOf(UnitId(5)), TerritoryId(1));
    }

    void closingWithUnsavedEditsAsks()
    {
        doc()->setSelection(firstColumn());
        mWindow->assignSelectionTo(TerritoryId(1));
        mWindow->setConfirmClose(true);
        bool asked = false;
        QTimer::singleShot(0, this, [&] {
            auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
            asked = box != nullptr;
            if (box)
                box->button(QMessageBox::Cancel)->click();
        });
        QVERIFY(!mWindow->close()); // cancelled: the window stays open with its edits
        QVERIFY(asked);
        QVERIFY(doc()->isModified());
        mWindow->setConfirmClose(false);
    }

    void saveAndReopen()
    {
        doc()->setSelection(firstColumn());
        mWindow->assignSelectionTo(TerritoryId(1));
        doc()->setSelection({UnitId(23)});
        mWindow->lockSelection(true);
        mWindow->renameTerritory(TerritoryId(0), QStringLiteral("West"));
        QVERIFY(doc()->isModified());
        QVERIFY(mWindow->saveProject());
        QVERIFY(!doc()->isModified());
        const Alignment saved = doc()->scenario().alignment;

        Document reopened;
        auto opened = reopened.open(mPath);
        QVERIFY2(opened, opened ? "" : opened.error().toString().c_str());
        QCOMPARE(reopened.scenario().alignment.unitTerritories(), saved.unitTerritories());
        QVERIFY(reopened.isLocked(UnitId(23)));
        QCOMPARE(reopened.territory(TerritoryId(0)).name, std::string("West"));
        QCOMPARE(reopened.territoryOf(UnitId(12)), TerritoryId(1));
    }
};

QTEST_MAIN(TestEditing)
#include "tst_editing.moc"
