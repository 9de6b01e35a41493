// The saved history of a scenario (History dock ▸ Saved History) on a copy of
// the south-east sample: two saves are listed newest first with what they
// changed, and restoring the first one adds its state as a new scenario in
// one undoable step while the original scenario stays as it is; the CLI
// lists and restores the same entries.
#include "core/store/projectstore.h"
#include "ui/canvas/mapcanvas.h"
#include "ui/document/document.h"
#include "ui/mainwindow/mainwindow.h"
#include "ui/panels/scenariohistorypanel.h"

#include <QApplication>
#include <QFile>
#include <QInputDialog>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QProcess>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTimer>
#include <QTreeWidget>
#include <QUndoStack>
#include <QtTest>

#include <memory>

using namespace tessera;
using namespace tessera::ui;

class TestScenarioHistory : public QObject {
    Q_OBJECT

private:
    Document *doc() const { return mWindow->document(); }
    ScenarioHistoryPanel *panel() const { return mWindow->findChild<ScenarioHistoryPanel *>(); }

    /// Up to \a count unlocked units not in \a target and not in \a avoid.
    std::vector<UnitId> unitsOutside(TerritoryId target, std::size_t count, const std::vector<UnitId> &avoid) const
    {
        std::vector<UnitId> units;
        for (std::size_t u = 0; u < doc()->unitCount() && units.size() < count; ++u) {
            const UnitId unit(static_cast<std::int32_t>(u));
            if (doc()->territoryOf(unit) != target && !doc()->isLocked(unit)
                && std::find(avoid.begin(), avoid.end(), unit) == avoid.end())
                units.push_back(unit);
        }
        return units;
    }

    /// Moves \a units to \a target and saves; returns the undo text the save describes.
    QString editAndSave(const std::vector<UnitId> &units, TerritoryId target)
    {
        doc()->setSelection(units);
        mWindow->assignSelectionTo(target);
        const QString text = doc()->undoStack()->text(doc()->undoStack()->index() - 1);
        if (!mWindow->saveProject())
            return {};
        return text;
    }

    /// Two saved edits; fills mAfterFirst, mAfterSecond and the summaries.
    void makeTwoSaves()
    {
        const std::vector<UnitId> first = unitsOutside(TerritoryId(1), 3, {});
        QCOMPARE(first.size(), std::size_t(3));
        mFirstSummary = editAndSave(first, TerritoryId(1));
        QVERIFY(!mFirstSummary.isEmpty());
        mAfterFirst = doc()->scenario().alignment;
        const std::vector<UnitId> second = unitsOutside(TerritoryId(2), 2, first);
        QCOMPARE(second.size(), std::size_t(2));
        mSecondSummary = editAndSave(second, TerritoryId(2));
        QVERIFY(!mSecondSummary.isEmpty());
        QVERIFY(mSecondSummary != mFirstSummary);
        mAfterSecond = doc()->scenario().alignment;
        QVERIFY(mAfterFirst != mAfterSecond);
    }

    QByteArray runCli(const QStringList &arguments, int *exitCode)
    {
        QProcess process;
        process.start(QStringLiteral(TESSERA_CLI_PATH), arguments);
        process.waitForFinished(60000);
        *exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
        return process.readAllStandardOutput() + process.readAllStandardError();
    }

private slots:
    void init()
    {
        QVERIFY(mDir.isValid());
        mPath = mDir.filePath(QStringLiteral("southeast%1.tessera").arg(++mCount));
        QVERIFY(QFile::copy(QStringLiteral(TESSERA_SOURCE_DIR "/resources/samples/southeast.tessera"), mPath));
        QFile::setPermissions(mPath, QFile::ReadOwner | QFile::WriteOwner);
        mWindow = std::make_unique<MainWindow>();
        mWindow->setQuiet(true);
        mWindow->setConfirmClose(false);
        mWindow->resize(1200, 800);
        mWindow->show();
        QVERIFY(mWindow->openProject(mPath, false));
        QVERIFY(panel());
        mOriginalName = doc()->scenario().name;
    }

    void cleanup() { mWindow.reset(); }

    void savesAreListedNewestFirst()
    {
        QVERIFY(panel()->entries().empty());
        QCOMPARE(panel()->tree()->topLevelItemCount(), 0);
        makeTwoSaves();
        if (QTest::currentTestFailed())
            return;
        const auto &entries = panel()->entries();
        // The state before the first save is kept as the oldest entry.
        QCOMPARE(entries.size(), std::size_t(3));
        QCOMPARE(panel()->tree()->topLevelItemCount(), 3);
        QCOMPARE(QString::fromStdString(entries[0].summary), mSecondSummary);
        QCOMPARE(QString::fromStdString(entries[1].summary), mFirstSummary);
        QVERIFY(entries[0].at >= entries[1].at && entries[1].at >= entries[2].at);
        QVERIFY(entries[0].id > entries[1].id && entries[1].id > entries[2].id);
        for (int row = 0; row < 3; ++row) {
            const QTreeWidgetItem *item = panel()->tree()->topLevelItem(row);
            QCOMPARE(item->text(1), QString::fromStdString(entries[static_cast<std::size_t>(row)].summary));
            // Local time as the user reads it, not raw seconds or UTC.
            QCOMPARE(item->text(0), ScenarioHistoryPanel::displayTime(entries[static_cast<std::size_t>(row)].at));
            QVERIFY(!item->text(0).contains(QLatin1Char('Z')));
        }
        // The newest save is selected and its whole summary shown under the list.
        auto *details = panel()->findChild<QLabel *>(QStringLiteral("savedHistoryDetails"));
        QVERIFY(details);
        QVERIFY(details->text().contains(mSecondSummary));
        panel()->tree()->setCurrentItem(panel()->tree()->topLevelItem(1));
        QVERIFY(details->text().contains(mFirstSummary));
        // The same list the file holds.
        auto store = ProjectStore::open(mPath.toStdString(), ProjectStore::OpenMode::ReadOnly);
        QVERIFY(store);
        auto stored = (*store)->history(doc()->scenario().id);
        QVERIFY(stored);
        QCOMPARE(stored->size(), entries.size());
        QCOMPARE(stored->back(), entries.front());
    }

    void restoreFirstSaveAsNewScenario()
    {
        makeTwoSaves();
        if (QTest::currentTestFailed())
            return;
        const int before = doc()->scenarioCount();
        const int originalIndex = doc()->scenarioIndex();
        const HistoryEntry firstSave = panel()->entries()[1];
        const QString name = panel()->defaultRestoreName(firstSave);
        QVERIFY(name.startsWith(QString::fromStdString(mOriginalName) + QStringLiteral(" as of ")));
        QString error;
        QVERIFY2(panel()->restoreEntry(firstSave, name, &error), qPrintable(error));

        QCOMPARE(doc()->scenarioCount(), before + 1);
        QCOMPARE(doc()->scenario().name, name.toStdString());
        QVERIFY(doc()->scenarioIndex() != originalIndex);
        QCOMPARE(doc()->scenario().id, ScenarioId(0));
        QVERIFY(!doc()->scenario().isBaseline);
        QVERIFY(doc()->scenario().alignment == mAfterFirst);
        QVERIFY(doc()->scenario().alignment != mAfterSecond);
        QCOMPARE(doc()->scenario().territories.size(), doc()->scenarioAt(originalIndex).territories.size());
        QVERIFY(QString::fromStdString(doc()->scenario().notes).contains(mFirstSummary));
        // The original scenario is untouched.
        QCOMPARE(doc()->scenarioAt(originalIndex).name, mOriginalName);
        QVERIFY(doc()->scenarioAt(originalIndex).alignment == mAfterSecond);
        // The new scenario has no saved history yet.
        QVERIFY(panel()->entries().empty());

        // One undo step removes it and edits the original again.
        doc()->undoStack()->undo();
        QCOMPARE(doc()->scenarioCount(), before);
        QCOMPARE(doc()->indexOfScenario(name.toStdString()), -1);
        QCOMPARE(doc()->scenario().name, mOriginalName);
        QVERIFY(doc()->scenario().alignment == mAfterSecond);
        QCOMPARE(panel()->entries().size(), std::size_t(3));

        // Redo and save: the file holds the restored state under the new name.
        doc()->undoStack()->redo();
        QVERIFY(mWindow->saveProject());
        auto store = ProjectStore::open(mPath.toStdString(), ProjectStore::OpenMode::ReadOnly);
        QVERIFY(store);
        auto restored = (*store)->findScenario(name.toStdString());
        QVERIFY(restored);
        QVERIFY((*store)->loadScenario(restored->id)->alignment == mAfterFirst);
        auto original = (*store)->findScenario(mOriginalName);
        QVERIFY(original);
        QVERIFY((*store)->loadScenario(original->id)->alignment == mAfterSecond);
    }

    void restoreButtonAsksForTheName()
    {
        makeTwoSaves();
        if (QTest::currentTestFailed())
            return;
        panel()->tree()->setCurrentItem(panel()->tree()->topLevelItem(1));
        bool asked = false;
        QString proposed;
        QTimer::singleShot(0, this, [&] {
            auto *dialog = qobject_cast<QInputDialog *>(QApplication::activeModalWidget());
            if (!dialog)
                return;
            asked = true;
            proposed = dialog->textValue();
            dialog->setTextValue(QStringLiteral("Before the second move"));
            dialog->accept();
        });
        auto *button = panel()->findChild<QPushButton *>(QStringLiteral("restoreScenario"));
        QVERIFY(button);
        QVERIFY(button->isEnabled());
        button->click();
        QVERIFY(asked);
        QVERIFY(proposed.startsWith(QString::fromStdString(mOriginalName) + QStringLiteral(" as of ")));
        QCOMPARE(doc()->scenario().name, std::string("Before the second move"));
        QVERIFY(doc()->scenario().alignment == mAfterFirst);
    }

    void cliListsAndRestoresTheSameEntries()
    {
        makeTwoSaves();
        if (QTest::currentTestFailed())
            return;
        mWindow.reset(); // releases the project's write lock
        const QString name = QString::fromStdString(mOriginalName);
        int code = -1;
        const QByteArray listed = runCli({QStringLiteral("scenario"), QStringLiteral("history"), mPath, name,
                                          QStringLiteral("--json")},
                                         &code);
        QCOMPARE(code, 0);
        const QJsonArray entries = QJsonDocument::fromJson(listed).array();
        QCOMPARE(entries.size(), 3);
        QCOMPARE(entries[1].toObject().value(QStringLiteral("summary")).toString(), mFirstSummary);
        QCOMPARE(entries[2].toObject().value(QStringLiteral("summary")).toString(), mSecondSummary);
        QCOMPARE(entries[1].toObject().value(QStringLiteral("entry")).toInt(), 2);

        const QByteArray missing = runCli({QStringLiteral("scenario"), QStringLiteral("restore"), mPath, name,
                                           QStringLiteral("9"), QStringLiteral("--as"), QStringLiteral("X")},
                                          &code);
        QCOMPARE(code, 1);
        QVERIFY2(missing.contains("no history entry '9'"), missing.constData());
        runCli({QStringLiteral("scenario"), QStringLiteral("restore"), mPath, name, QStringLiteral("2")}, &code);
        QCOMPARE(code, 2);

        runCli({QStringLiteral("scenario"), QStringLiteral("restore"), mPath, name, QStringLiteral("2"),
                QStringLiteral("--as"), QStringLiteral("First save")},
               &code);
        QCOMPARE(code, 0);
        auto store = ProjectStore::open(mPath.toStdString(), ProjectStore::OpenMode::ReadOnly);
        QVERIFY(store);
        auto restored = (*store)->findScenario("First save");
        QVERIFY(restored);
        QVERIFY((*store)->loadScenario(restored->id)->alignment == mAfterFirst);
        auto original = (*store)->findScenario(mOriginalName);
        QVERIFY(original);
        QVERIFY((*store)->loadScenario(original->id)->alignment == mAfterSecond);
        QCOMPARE((*store)->history(original->id)->size(), std::size_t(3));
        // A taken name is refused and changes nothing.
        const std::size_t scenarios = (*store)->listScenarios()->size();
        runCli({QStringLiteral("scenario"), QStringLiteral("restore"), mPath, name, QStringLiteral("1"),
                QStringLiteral("--as"), QStringLiteral("First save")},
               &code);
        QCOMPARE(code, 1);
        QCOMPARE((*store)->listScenarios()->size(), scenarios);
    }

private:
    QTemporaryDir mDir;
    QString mPath;
    int mCount = 0;
    std::unique_ptr<MainWindow> mWindow;
    std::string mOriginalName;
    QString mFirstSummary;
    QString mSecondSummary;
    Alignment mAfterFirst;
    Alignment mAfterSecond;
};

QTEST_MAIN(TestScenarioHistory)
#include "tst_scenariohistory.moc"
