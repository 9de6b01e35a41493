// The What-if menu driven offscreen in the real main window: a transform
// previewed on the balance table (before/after figures from the metrics
// engine), applied as a new scenario, undone.
#include "core/plan/whatiftransform.h"
#include "core/store/projectstore.h"
#include "tests/ui/testprojects.h"
#include "tests/ui/testsettings.h"
#include "ui/dialogs/whatifdialog.h"
#include "ui/document/document.h"
#include "ui/mainwindow/mainwindow.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTimer>
#include <QUndoStack>
#include <QtTest>

using namespace tessera;
using namespace tessera::ui;

class TestWhatIfDialog : public QObject {
    Q_OBJECT

private:
    QTemporaryDir mDir;
    std::unique_ptr<MainWindow> mWindow;

    Document *doc() const { return mWindow->document(); }

    /// The number in column \a header of \a row.
    static double cell(QTableWidget *table, int row, const QString &header)
    {
        for (int c = 0; c < table->columnCount(); ++c)
            if (table->horizontalHeaderItem(c)->text() == header)
                return QLocale().toDouble(table->item(row, c)->text());
        qFatal("no column %s", qPrintable(header));
    }

private slots:
    void init()
    {
        const QString path = mDir.filePath(QStringLiteral("grid.tessera"));
        Project project = testing::makeGridProject(6, 4, 2);
        Rep second;
        second.key = "R2";
        second.name = "Rep Two";
        second.home = {-83.45, 33.25};
        project.addRep(second);
        project.scenarios()[0].territories[0].rep = RepId(0);
        project.scenarios()[0].territories[1].rep = RepId(1);
        {
            auto store = ProjectStore::open(path.toStdString(), ProjectStore::OpenMode::Create);
            QVERIFY(store);
            QVERIFY((*store)->save(project));
        }
        mWindow = std::make_unique<MainWindow>();
        mWindow->setQuiet(true);
        mWindow->setConfirmClose(false);
        mWindow->show();
        QVERIFY(mWindow->openProject(path, false));
    }

    void cleanup() { mWindow.reset(); }

    void menuPreviewsAndAppliesAsANewScenario()
    {
        QAction *action = mWindow->findChild<QAction *>(QStringLiteral("whatIf"));
        QVERIFY(action);
        bool driven = false;
        QTimer::singleShot(0, this, [&] {
            auto *dialog = qobject_cast<WhatIfDialog *>(QApplication::activeModalWidget());
            QVERIFY(dialog);
            dialog->findChild<QCheckBox *>("scale")->setChecked(true);
            auto *attribute = dialog->findChild<QComboBox *>("scaleAttribute");
            attribute->setCurrentIndex(attribute->findText("population"));
            QVERIFY(attribute->currentIndex() >= 0);
            dialog->findChild<QDoubleSpinBox *>("scaleFactor")->setValue(2.0);
            dialog->findChild<QLineEdit *>("scaleWhere")->setText("key=U1*");
            dialog->findChild<QLineEdit *>("name")->setText("Demand shock");
            dialog->findChild<QPushButton *>("preview")->click();
            auto *table = dialog->findChild<QTableWidget *>("balance");
            QCOMPARE(table->rowCount(), 2);
            // Units U1 and U10..U19 double; the expected sums come from the data itself.
            const Project &project = doc()->project();
            for (int row = 0; row < 2; ++row) {
                double before = 0, after = 0;
                for (const Unit &unit : project.units().units())
                    if (doc()->territoryOf(unit.id) == TerritoryId(row)) {
                        const double p = project.units().attributes().value(static_cast<std::size_t>(unit.id.value()), 0);
                        before += p;
                        after += unit.key.rfind("U1", 0) == 0 ? 2 * p : p;
                    }
                QCOMPARE(cell(table, row, "population before"), before);
                QCOMPARE(cell(table, row, "population after"), after);
                QCOMPARE(cell(table, row, "Units before"), cell(table, row, "Units after"));
            }
            QCOMPARE(doc()->scenarioCount(), 1); // a preview changes nothing
            dialog->findChild<QPushButton *>("apply")->click();
            driven = true;
        });
        action->trigger();
        QVERIFY(driven);
        QCOMPARE(doc()->scenarioCount(), 2);
        QCOMPARE(doc()->scenario().name, std::string("Demand shock"));
        auto stored = whatif::fromJson(doc()->scenario().transformsJson);
        QVERIFY(stored);
        QCOMPARE(stored->size(), std::size_t(1));
        QCOMPARE(std::get<whatif::ScaleAttribute>(stored->front()).selection.value, std::string("U1*"));
        // The project's own data stays as it was.
        QCOMPARE(doc()->project().units().attributes().value(1, 0), 2.0);

        doc()->undoStack()->undo();
        QCOMPARE(doc()->scenarioCount(), 1);
        QCOMPARE(doc()->scenario().name, std::string("Plan"));
    }

    void removingARepDissolvesTheTerritory()
    {
        WhatIfDialog dialog(doc());
        dialog.findChild<QCheckBox *>("removeRep")->setChecked(true);
        auto *who = dialog.findChild<QComboBox *>("removeRepWho");
        who->setCurrentIndex(who->findText("Rep Two"));
        QVERIFY(dialog.apply());
        QCOMPARE(doc()->scenario().territories.size(), std::size_t(1));
        QCOMPARE(doc()->scenario().territories[0].name, std::string("T1"));
        QCOMPARE(doc()->scenario().alignment.unassignedCount(), std::size_t(0));
        // A name already taken is refused.
        WhatIfDialog again(doc());
        again.findChild<QCheckBox *>("territories")->setChecked(true);
        again.findChild<QLineEdit *>("name")->setText(QString::fromStdString(doc()->scenario().name));
        QVERIFY(!again.apply());
        QVERIFY(again.findChild<QLabel *>("status")->text().contains("exists already"));
    }
};

QTEST_MAIN(TestWhatIfDialog)
#include "tst_whatifdialog.moc"
