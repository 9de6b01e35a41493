// The Reps dock in the real main window on a copy of the sample project: add,
// edit and remove reps (one undo step each, a removed rep's territory left
// vacant and given back by undo), typed homes checked, a home picked on the
// map through the one-shot tool (Esc cancels), and the reps saved with the
// project.
#include "core/store/projectstore.h"
#include "ui/canvas/mapcanvas.h"
#include "ui/dialogs/repdialog.h"
#include "ui/document/document.h"
#include "ui/mainwindow/mainwindow.h"
#include "ui/panels/repspanel.h"
#include "ui/tools/pickpointtool.h"

#include <QDoubleSpinBox>
#include <QFile>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

#include <map>

using namespace tessera;
using namespace tessera::ui;

namespace {

/// Territory name → name of its rep ("" when vacant), for the edited scenario.
std::map<std::string, std::string> holders(const Document &document)
{
    std::map<std::string, std::string> out;
    for (const Territory &t : document.scenario().territories)
        out[t.name] = t.rep.isValid() ? document.project().reps().at(static_cast<std::size_t>(t.rep.value())).name : "";
    return out;
}

int rowOf(const QTableWidget *table, const QString &name)
{
    for (int row = 0; row < table->rowCount(); ++row)
        if (table->item(row, RepsPanel::NameColumn)->text() == name)
            return row;
    return -1;
}

} // namespace

class TestRepsDock : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(mSettingsDir.isValid());
        QCoreApplication::setOrganizationName(QStringLiteral("TesseraRepsTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_repsdock"));
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, mSettingsDir.path());
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, mSettingsDir.path());
    }

    void init()
    {
        QVERIFY(mDir.isValid());
        mPath = mDir.filePath(QStringLiteral("sample.tessera"));
        QFile::remove(mPath);
        QVERIFY(QFile::copy(QStringLiteral(TESSERA_SOURCE_DIR "/resources/samples/southeast.tessera"), mPath));
        QFile::setPermissions(mPath, QFile::ReadOwner | QFile::WriteOwner);
        mWindow = std::make_unique<MainWindow>();
        mWindow->setConfirmClose(false);
        mWindow->resize(1200, 800);
        mWindow->show();
        QVERIFY(mWindow->openProject(mPath, false));
        QVERIFY(mWindow->canvas()->waitUntilReady());
        mPanel = mWindow->findChild<RepsPanel *>(QStringLiteral("RepsPanel"));
        QVERIFY(mPanel);
        QVERIFY(mWindow->document()->project().reps().size() >= 3);
    }

    void cleanup()
    {
        mWindow.reset();
        QFile::remove(mPath);
    }

    void tableShowsEveryRepWithUnits()
    {
        const Project &p = mWindow->document()->project();
        QCOMPARE(mPanel->table()->rowCount(), static_cast<int>(p.reps().size()));
        const Rep &first = p.reps().front();
        const int row = rowOf(mPanel->table(), QString::fromStdString(first.name));
        QVERIFY(row >= 0);
        QVERIFY2(mPanel->table()->item(row, RepsPanel::CapacityColumn)->text().endsWith(QStringLiteral("h/year")),
                 qPrintable(mPanel->table()->item(row, RepsPanel::CapacityColumn)->text()));
        QVERIFY(!mPanel->table()->item(row, RepsPanel::SkillsColumn)->text().isEmpty());
        // The territory column names the territories the rep holds.
        const auto held = holders(*mWindow->document());
        for (const auto &[territory, rep] : held)
            if (rep == first.name)
                QVERIFY(mPanel->table()->item(row, RepsPanel::TerritoryColumn)->text().contains(QString::fromStdString(territory)));
    }

    void addEditRemoveWithUndo()
    {
        Document *document = mWindow->document();
        QUndoStack *stack = document->undoStack();
        const std::vector<Rep> before = document->project().reps();
        const auto holdersBefore = holders(*document);

        // Add: one undo step, a new row.
        mPanel->addRep();
        RepDialog *dialog = mPanel->dialog();
        QVERIFY(dialog && dialog->isVisible());
        dialog->nameEdit()->setText(QStringLiteral("Dana Reed"));
        dialog->lonEdit()->setText(QStringLiteral("-84.39"));
        dialog->latEdit()->setText(QStringLiteral("33.75"));
        dialog->capacityBox()->setValue(1800);
        dialog->skillsEdit()->setText(QStringLiteral("imaging; surgical"));
        const int steps = stack->count();
        dialog->accept();
        QCOMPARE(stack->count(), steps + 1);
        QCOMPARE(document->project().reps().size(), before.size() + 1);
        const Rep added = document->project().reps().back();
        QCOMPARE(added.name, std::string("Dana Reed"));
        QCOMPARE(added.home, (LonLat{-84.39, 33.75}));
        QCOMPARE(added.capacityHours, 1800.0);
        QCOMPARE(added.skills, (std::vector<std::string>{"imaging", "surgical"}));
        QVERIFY(!added.key.empty());
        const int row = rowOf(mPanel->table(), QStringLiteral("Dana Reed"));
        QVERIFY(row >= 0);
        QCOMPARE(mPanel->table()->item(row, RepsPanel::TerritoryColumn)->text(), QStringLiteral("none"));
        stack->undo();
        QCOMPARE(document->project().reps(), before);
        QCOMPARE(rowOf(mPanel->table(), QStringLiteral("Dana Reed")), -1);
        stack->redo();
        QCOMPARE(document->project().reps().back(), added);

        // Edit the first rep through the dialog.
        mPanel->setCurrentRep(RepId(0));
        QCOMPARE(mPanel->currentRep(), RepId(0));
        mPanel->editRep();
        dialog = mPanel->dialog();
        QVERIFY(dialog);
        QCOMPARE(dialog->nameEdit()->text(), QString::fromStdString(before[0].name));
        dialog->nameEdit()->setText(QStringLiteral("Renamed Rep"));
        dialog->capacityBox()->setValue(1234);
        dialog->accept();
        QCOMPARE(document->project().reps()[0].name, std::string("Renamed Rep"));
        QCOMPARE(document->project().reps()[0].capacityHours, 1234.0);
        QCOMPARE(document->project().reps()[0].home, before[0].home);
        QVERIFY(rowOf(mPanel->table(), QStringLiteral("Renamed Rep")) >= 0);
        stack->undo();
        QCOMPARE(document->project().reps()[0], before[0]);
        stack->redo();
        QCOMPARE(document->project().reps()[0].name, std::string("Renamed Rep"));
        stack->undo(); // back to the original first rep
        QCOMPARE(holders(*document), holdersBefore);

        // Remove a rep that holds a territory and is not the last one, so later ids shift.
        std::string victim;
        RepId victimId;
        for (const Territory &t : document->scenario().territories)
            if (t.rep.isValid() && t.rep.value() + 1 < static_cast<int>(before.size())) {
                victimId = t.rep;
                victim = before[static_cast<std::size_t>(t.rep.value())].name;
                break;
            }
        QVERIFY(victimId.isValid());
        mPanel->setCurrentRep(victimId);
        const std::vector<Rep> withAdded = document->project().reps();
        mPanel->removeRep();
        QCOMPARE(document->project().reps().size(), withAdded.size() - 1);
        for (const Rep &rep : document->project().reps())
            QVERIFY(rep.name != victim);
        QVERIFY2(mPanel->note().contains(QStringLiteral("vacant")), qPrintable(mPanel->note()));
        const auto holdersAfter = holders(*document);
        for (const auto &[territory, rep] : holdersBefore)
            QCOMPARE(holdersAfter.at(territory), rep == victim ? std::string() : rep); // others keep their rep by name
        QCOMPARE(rowOf(mPanel->table(), QString::fromStdString(victim)), -1);
        stack->undo();
        QCOMPARE(document->project().reps(), withAdded);
        QCOMPARE(holders(*document), holdersBefore);
        stack->redo();
        QCOMPARE(holders(*document), holdersAfter);
    }

    void invalidCoordinatesRefused_data()
    {
        QTest::addColumn<QString>("lon");
        QTest::addColumn<QString>("lat");
        QTest::addColumn<QString>("message");
        QTest::newRow("latitude above 90") << "-84.4" << "95" << "latitude 95 is outside";
        QTest::newRow("latitude below -90") << "33.7" << "-91" << "swap";
        QTest::newRow("longitude beyond 180") << "200" << "33" << "longitude 200 is outside";
        QTest::newRow("text") << "Atlanta" << "33" << "\"Atlanta\" is not a number";
        QTest::newRow("nan") << "nan" << "33" << "not a number";
        QTest::newRow("infinite") << "-84" << "inf" << "not a number";
        QTest::newRow("empty") << "" << "33" << "not a number";
    }

    void invalidCoordinatesRefused()
    {
        QFETCH(QString, lon);
        QFETCH(QString, lat);
        QFETCH(QString, message);
        Document *document = mWindow->document();
        const std::vector<Rep> before = document->project().reps();
        const int steps = document->undoStack()->count();
        mPanel->setCurrentRep(RepId(1));
        mPanel->editRep();
        RepDialog *dialog = mPanel->dialog();
        QVERIFY(dialog);
        dialog->lonEdit()->setText(lon);
        dialog->latEdit()->setText(lat);
        dialog->accept();
        QVERIFY(dialog->isVisible()); // refused: the dialog stays open with the message
        QVERIFY2(dialog->problem().contains(message, Qt::CaseInsensitive), qPrintable(dialog->problem()));
        QCOMPARE(document->undoStack()->count(), steps);
        QCOMPARE(document->project().reps(), before);
        // Corrected, the same dialog is accepted.
        dialog->lonEdit()->setText(QStringLiteral("-84.5"));
        dialog->latEdit()->setText(QStringLiteral("33.5"));
        dialog->accept();
        QVERIFY(dialog->problem().isEmpty());
        QCOMPARE(document->project().reps()[1].home, (LonLat{-84.5, 33.5}));
    }

    void homeByMapClick()
    {
        Document *document = mWindow->document();
        MapCanvas *canvas = mWindow->canvas();
        AbstractTool *before = canvas->tool();
        QVERIFY(before);
        const LonLat oldHome = document->project().reps()[2].home;
        mPanel->setCurrentRep(RepId(2));
        QVERIFY(mPanel->pickButton()->isEnabled());
        mPanel->pickButton()->click();
        QCOMPARE(canvas->tool(), static_cast<AbstractTool *>(mPanel->pickTool()));
        QVERIFY(mPanel->pickButton()->isChecked());

        // Esc cancels: nothing changes and the previous tool is back.
        const int steps = document->undoStack()->count();
        QTest::keyClick(canvas, Qt::Key_Escape);
        QCOMPARE(canvas->tool(), before);
        QVERIFY(!mPanel->pickButton()->isChecked());
        QCOMPARE(document->undoStack()->count(), steps);
        QCOMPARE(document->project().reps()[2].home, oldHome);

        // A click sets the home where the map shows it.
        mPanel->pickButton()->click();
        const QPoint point(canvas->width() / 3, canvas->height() / 4);
        const LonLat expected = canvas->toLonLat(QPointF(point));
        QTest::mouseClick(canvas, Qt::LeftButton, {}, point);
        QCOMPARE(canvas->tool(), before);
        QCOMPARE(document->undoStack()->count(), steps + 1);
        const LonLat picked = document->project().reps()[2].home;
        QVERIFY(std::abs(picked.lon - expected.lon) < 1e-9 && std::abs(picked.lat - expected.lat) < 1e-9);
        QVERIFY(!(picked == oldHome));
        const int row = rowOf(mPanel->table(), QString::fromStdString(document->project().reps()[2].name));
        QVERIFY(mPanel->table()->item(row, RepsPanel::HomeColumn)->text().contains(QLocale().toString(picked.lat, 'f', 4)));
        // A second click does nothing: the tool was one-shot.
        QTest::mouseClick(canvas, Qt::LeftButton, {}, QPoint(10, 10));
        QCOMPARE(document->project().reps()[2].home, picked);
        document->undoStack()->undo();
        QCOMPARE(document->project().reps()[2].home, oldHome);
    }

    void saveAndReopenKeepsReps()
    {
        Document *document = mWindow->document();
        QUndoStack *stack = document->undoStack();
        Rep added;
        added.key = "R99";
        added.name = "Dana Reed";
        added.home = {-84.39, 33.75};
        added.capacityHours = 1800;
        added.skills = {"imaging"};
        mPanel->addRep();
        RepDialog *dialog = mPanel->dialog();
        dialog->nameEdit()->setText(QStringLiteral("Dana Reed"));
        dialog->lonEdit()->setText(QStringLiteral("-84.39"));
        dialog->latEdit()->setText(QStringLiteral("33.75"));
        dialog->capacityBox()->setValue(1800);
        dialog->skillsEdit()->setText(QStringLiteral("imaging"));
        dialog->accept();
        // Remove the rep of the first held territory: ids shift in the file too.
        RepId held;
        for (const Territory &t : document->scenario().territories)
            if (t.rep.isValid()) {
                held = t.rep;
                break;
            }
        QVERIFY(held.isValid());
        mPanel->setCurrentRep(held);
        mPanel->removeRep();
        QCOMPARE(stack->count(), 2);
        QVERIFY(document->isModified());
        const auto result = document->save();
        QVERIFY2(result.isOk(), result.isOk() ? "" : result.error().toString().c_str());
        QVERIFY(!document->isModified());

        auto store = ProjectStore::open(mPath.toStdString(), ProjectStore::OpenMode::ReadOnly);
        QVERIFY(store.isOk());
        auto reopened = (*store)->load();
        QVERIFY(reopened.isOk());
        QCOMPARE(reopened->reps(), document->project().reps());
        QCOMPARE(reopened->reps().back().name, std::string("Dana Reed"));
        QCOMPARE(reopened->reps().back().home, (LonLat{-84.39, 33.75}));
        QCOMPARE(reopened->reps().back().skills, std::vector<std::string>{"imaging"});
        QCOMPARE(reopened->scenarios().size(), document->project().scenarios().size());
        for (std::size_t s = 0; s < reopened->scenarios().size(); ++s)
            QCOMPARE(reopened->scenarios()[s].territories, document->project().scenarios()[s].territories);

        // An edit after the save is saved as well (the roster is compared with the file's).
        mPanel->setCurrentRep(RepId(0));
        mPanel->editRep();
        mPanel->dialog()->capacityBox()->setValue(999);
        mPanel->dialog()->accept();
        QVERIFY(document->save().isOk());
        auto again = (*store)->load();
        QVERIFY(again.isOk());
        QCOMPARE(again->reps()[0].capacityHours, 999.0);
    }

private:
    QTemporaryDir mSettingsDir;
    QTemporaryDir mDir;
    QString mPath;
    std::unique_ptr<MainWindow> mWindow;
    RepsPanel *mPanel = nullptr;
};

QTEST_MAIN(TestRepsDock)
#include "tst_repsdock.moc"
