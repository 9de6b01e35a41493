// Autosave and crash recovery with a real child process: the test binary
// runs itself with --edit-child, the child edits a project in the real main
// window (offscreen) and reports each edit once autosave has recorded it;
// the test kills it with SIGKILL, checks that the saved project is exactly as
// last saved, restores the edits in a new window and compares. Also the
// second window on an open project (read-only, clear message, file intact)
// and the record's life cycle (clean close and undo to saved delete it).
#include "core/store/projectstore.h"
#include "core/store/recoveryrecord.h"
#include "tests/ui/testprojects.h"
#include "ui/canvas/mapcanvas.h"
#include "ui/commands/addremoverepcommand.h"
#include "ui/commands/changerepcommand.h"
#include "ui/commands/changesettingscommand.h"
#include "ui/document/autosaver.h"
#include "ui/document/document.h"
#include "ui/mainwindow/mainwindow.h"

#include <QApplication>
#include <QProcess>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

#include <cstdio>

using namespace tessera;
using namespace tessera::ui;

namespace {

/// The units of the grid's first territory, in the order the child moves them to the second.
const std::vector<int> EditedUnits = {0, 1, 2, 6, 7, 8, 12, 13, 14, 18, 19, 20};

std::unique_ptr<MainWindow> openWindow(const QString &path)
{
    auto window = std::make_unique<MainWindow>();
    window->setQuiet(true);
    window->setConfirmClose(false);
    window->resize(900, 600);
    if (!window->openProject(path, false))
        return nullptr;
    return window;
}

void moveUnit(MainWindow &window, int unit)
{
    window.document()->setSelection({UnitId(unit)});
    window.assignSelectionTo(TerritoryId(1));
}

/// The child: moves unit 0 and saves, then moves the others one by one,
/// printing "recorded K" once the recovery record holds edit K; then waits to be killed.
int runEditingChild(int argc, char **argv)
{
    QApplication app(argc, argv);
    auto window = openWindow(QString::fromLocal8Bit(argv[2]));
    if (!window || window->document()->isReadOnly())
        return 1;
    Autosaver *autosaver = window->autosaver();
    autosaver->setInterval(50);
    int written = -1;
    QObject::connect(autosaver, &Autosaver::recordWritten, [&written](int generation) { written = generation; });
    moveUnit(*window, EditedUnits[0]);
    if (!window->saveProject())
        return 1;
    std::printf("saved\n");
    std::fflush(stdout);
    for (std::size_t k = 1; k < EditedUnits.size(); ++k) {
        moveUnit(*window, EditedUnits[k]);
        const int target = autosaver->generation();
        while (written < target)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        std::printf("recorded %d\n", static_cast<int>(k));
        std::fflush(stdout);
    }
    return app.exec();
}

} // namespace

class TestRecovery : public QObject {
    Q_OBJECT

private:
    QTemporaryDir mDir;
    int mCount = 0;

    QString newProject()
    {
        const QString path = mDir.filePath(QStringLiteral("grid%1.tessera").arg(++mCount));
        auto store = ProjectStore::open(path.toStdString(), ProjectStore::OpenMode::Create);
        if (!store || !(*store)->save(testing::makeGridProject(6, 4, 2)))
            return {};
        return path;
    }

    static Project reread(const QString &path)
    {
        auto store = ProjectStore::open(path.toStdString(), ProjectStore::OpenMode::ReadOnly);
        return store ? *(*store)->load() : Project();
    }

private slots:
    void killedEditorIsRestoredAndSavedWorkKept()
    {
        const QString path = newProject();
        QVERIFY(!path.isEmpty());
        QProcess child;
        child.setProcessChannelMode(QProcess::SeparateChannels);
        child.start(QCoreApplication::applicationFilePath(), {QStringLiteral("--edit-child"), path});
        QVERIFY(child.waitForStarted());
        int recorded = 0;
        QElapsedTimer clock;
        clock.start();
        while (recorded < 5 && clock.elapsed() < 60000) {
            child.waitForReadyRead(200);
            while (child.canReadLine()) {
                const QByteArray line = child.readLine().trimmed();
                if (line.startsWith("recorded "))
                    recorded = line.mid(9).toInt();
            }
        }
        QVERIFY2(recorded >= 5, child.readAllStandardError().constData());

        // A second window while the child edits: read-only, says why, never writes.
        {
            auto second = openWindow(path);
            QVERIFY(second);
            QVERIFY(second->document()->isReadOnly());
            QVERIFY(second->document()->readOnlyReason().contains(QStringLiteral("another Tessera window")));
            QVERIFY(second->windowTitle().contains(QStringLiteral("read-only")));
            QVERIFY(!second->action(QStringLiteral("save"))->isEnabled());
            QVERIFY(!second->autosaver()->hasPendingRecovery()); // the child's record is live, not offered
            moveUnit(*second, 23);
            QVERIFY(!second->document()->save());
        }
        QVERIFY(recoveryrecord::exists(path.toStdString()));

        child.kill(); // SIGKILL: no destructor, no clean close
        QVERIFY(child.waitForFinished(10000));
        QCOMPARE(child.exitStatus(), QProcess::CrashExit);

        // Nothing saved is lost and nothing unsaved leaked into the file.
        const Project saved = reread(path);
        QCOMPARE(saved.scenarios().front().alignment.territoryOf(UnitId(0)), TerritoryId(1));
        for (std::size_t k = 1; k < EditedUnits.size(); ++k)
            QCOMPARE(saved.scenarios().front().alignment.territoryOf(UnitId(EditedUnits[k])), TerritoryId(0));
        QCOMPARE(saved.scenarios().front().alignment.territoryOf(UnitId(23)), TerritoryId(1));

        // The next start offers the edits; restoring brings back at least what was recorded.
        auto window = openWindow(path);
        QVERIFY(window);
        QVERIFY(!window->document()->isReadOnly());
        Autosaver *autosaver = window->autosaver();
        QVERIFY(autosaver->hasPendingRecovery());
        QVERIFY(autosaver->pendingRecovery());
        QVERIFY(autosaver->restore());
        QVERIFY(window->document()->isModified());
        std::size_t moved = 0;
        while (moved < EditedUnits.size()
               && window->document()->territoryOf(UnitId(EditedUnits[moved])) == TerritoryId(1))
            ++moved;
        QVERIFY2(moved >= static_cast<std::size_t>(recorded) + 1, qPrintable(QString::number(moved)));
        for (std::size_t k = moved; k < EditedUnits.size(); ++k)
            QCOMPARE(window->document()->territoryOf(UnitId(EditedUnits[k])), TerritoryId(0));

        // Restoring is one undo step back to the saved plan.
        window->document()->undoStack()->undo();
        QCOMPARE(window->document()->territoryOf(UnitId(EditedUnits[1])), TerritoryId(0));
        window->document()->undoStack()->redo();
        QCOMPARE(window->document()->territoryOf(UnitId(EditedUnits[1])), TerritoryId(1));
        QVERIFY(window->saveProject());
        autosaver->waitForWrites();
        QVERIFY(!recoveryrecord::exists(path.toStdString()));
        QCOMPARE(reread(path).scenarios().front().alignment.territoryOf(UnitId(EditedUnits[moved - 1])), TerritoryId(1));
    }

    void cleanCloseAndUndoToSavedDeleteTheRecord()
    {
        const QString path = newProject();
        auto window = openWindow(path);
        QVERIFY(window);
        moveUnit(*window, 0);
        QVERIFY(window->autosaver()->writeNow());
        QVERIFY(recoveryrecord::exists(path.toStdString()));
        window->document()->undoStack()->undo(); // back to the saved plan: nothing to recover
        window->autosaver()->waitForWrites();
        QVERIFY(!recoveryrecord::exists(path.toStdString()));
        moveUnit(*window, 1);
        QVERIFY(window->autosaver()->writeNow());
        QVERIFY(recoveryrecord::exists(path.toStdString()));
        window.reset(); // a clean close (unsaved edits discarded by the user)
        QVERIFY(!recoveryrecord::exists(path.toStdString()));
        QCOMPARE(reread(path).scenarios().front().alignment.territoryOf(UnitId(1)), TerritoryId(0));
        // The lock went with the window: the next one edits.
        window = openWindow(path);
        QVERIFY(window && !window->document()->isReadOnly());
        QVERIFY(!window->autosaver()->hasPendingRecovery());
    }

    void repAndSettingsEditsAreRecovered()
    {
        // Reps and settings are project-wide: a crash after editing them
        // must bring them back like the plan edits.
        const QString path = newProject();
        auto window = openWindow(path);
        QVERIFY(window);
        Document *document = window->document();
        Rep hired;
        hired.key = "R2";
        hired.name = "Hired In Lyon";
        hired.home = {4.8357, 45.764};
        hired.capacityHours = 32.5;
        hired.skills = {"oncology", "devices"};
        document->undoStack()->push(AddRemoveRepCommand::add(document, hired));
        Rep renamed = document->project().reps().front();
        renamed.name = "Rep One Renamed";
        document->undoStack()->push(ChangeRepCommand::edit(document, renamed));
        document->undoStack()->push(
            new ChangeSettingsCommand(document, R"({"attribute_display":[{"attribute":"population","display_name":"Residents","unit":"people"}]})",
                                      QStringLiteral("Edit Attributes")));
        document->undoStack()->push(AddRemoveRepCommand::remove(document, RepId(0))); // the hire moves to id 0
        const std::vector<Rep> edited = document->project().reps();
        const std::string settings = document->project().settingsJson();
        QCOMPARE(edited.size(), std::size_t(1));
        QCOMPARE(edited.front().name, std::string("Hired In Lyon"));
        QVERIFY(window->autosaver()->writeNow());

        // The record as a killed window leaves it: kept aside over a clean close.
        const QString record = QString::fromStdString(recoveryrecord::pathFor(path.toStdString()));
        const QString kept = record + QStringLiteral(".kept");
        QVERIFY(QFile::copy(record, kept));
        window.reset();
        QVERIFY(!QFile::exists(record));
        QVERIFY(QFile::rename(kept, record));
        QCOMPARE(reread(path).reps().size(), std::size_t(1)); // the file still has the saved roster
        QCOMPARE(reread(path).reps().front().name, std::string("Rep One"));

        window = openWindow(path);
        QVERIFY(window && window->autosaver()->hasPendingRecovery());
        QVERIFY(window->autosaver()->restore());
        document = window->document();
        QCOMPARE(document->project().reps(), edited);
        QCOMPARE(document->project().settingsJson(), settings);
        QVERIFY(document->repsEdited() && document->settingsEdited());
        document->undoStack()->undo(); // one step back to the saved roster and settings
        QCOMPARE(document->project().reps().front().name, std::string("Rep One"));
        QVERIFY(!document->repsEdited() && !document->settingsEdited());
        document->undoStack()->redo();
        QVERIFY(window->saveProject());
        window->autosaver()->waitForWrites();
        QVERIFY(!recoveryrecord::exists(path.toStdString()));
        const Project saved = reread(path);
        QCOMPARE(saved.reps(), edited);
        QCOMPARE(saved.settingsJson(), settings);
        QCOMPARE(saved.scenarios().size(), std::size_t(1));
    }

    void damagedRecordIsReportedNotRestored()
    {
        const QString path = newProject();
        QFile junk(QString::fromStdString(recoveryrecord::pathFor(path.toStdString())));
        QVERIFY(junk.open(QIODevice::WriteOnly));
        junk.write("not a database at all, just bytes");
        junk.close();
        auto window = openWindow(path);
        QVERIFY(window);
        QVERIFY(window->autosaver()->hasPendingRecovery());
        QVERIFY(!window->autosaver()->pendingRecovery());
        QVERIFY(!window->autosaver()->pendingError().isEmpty());
        QVERIFY(!window->autosaver()->restore());
        window->autosaver()->discard();
        QVERIFY(!recoveryrecord::exists(path.toStdString()));
    }
};

int main(int argc, char **argv)
{
    if (argc == 3 && qstrcmp(argv[1], "--edit-child") == 0)
        return runEditingChild(argc, argv);
    QApplication app(argc, argv);
    TestRecovery test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_recovery.moc"
