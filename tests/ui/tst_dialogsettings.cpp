// Dialogs remember their last settings: Optimize, Export, What-if and Compare
// opened again show what was chosen last time (kept on OK, or on any close for
// the Compare view; a cancelled dialog keeps nothing), and file dialogs start
// in the last folder used. Settings go to a temporary folder.
#include "tests/ui/testsettings.h"
#include "ui/canvas/mapviewport.h"
#include "ui/dialogs/comparedialog.h"
#include "ui/dialogs/dialogsettings.h"
#include "ui/dialogs/exportdialog.h"
#include "ui/dialogs/optimizedialog.h"
#include "ui/dialogs/whatifdialog.h"
#include "ui/document/document.h"
#include "ui/export/sliderenderer.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFile>
#include <QRadioButton>
#include <QSettings>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QtTest>

using namespace tessera;
using namespace tessera::ui;

class TestDialogSettings : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(mDir.isValid());
        const QString path = mDir.filePath(QStringLiteral("sample.tessera"));
        QVERIFY(QFile::copy(QStringLiteral(TESSERA_SOURCE_DIR "/resources/samples/southeast.tessera"), path));
        QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
        const auto opened = mDocument.open(path);
        QVERIFY2(opened.isOk(), opened.isOk() ? "" : opened.error().toString().c_str());
        QVERIFY(mDocument.scenarioCount() >= 1);
        // The temporary settings are empty: nothing is remembered yet.
        QVERIFY(!QSettings().fileName().startsWith(QDir::homePath()));
        QVERIFY(QSettings().allKeys().isEmpty());
    }

    void optimizeDialog()
    {
        OptimizeRequest chosen;
        {
            OptimizeDialog dialog(mDocument);
            const OptimizeRequest defaults = dialog.request();
            chosen = defaults;
            chosen.compactness = defaults.compactness == CompactnessObjective::Travel ? CompactnessObjective::Boundary
                                                                                       : CompactnessObjective::Travel;
            chosen.contiguity = !defaults.contiguity;
            chosen.seed = defaults.seed + 4242;
            chosen.timeLimitSeconds = defaults.timeLimitSeconds + 17;
            chosen.rebalance = true;
            chosen.moveCap = 23;
            dialog.setRequest(chosen);
            dialog.accept();
        }
        {
            OptimizeDialog dialog(mDocument);
            const OptimizeRequest again = dialog.request();
            QCOMPARE(again.compactness, chosen.compactness);
            QCOMPARE(again.contiguity, chosen.contiguity);
            QCOMPARE(again.seed, chosen.seed);
            QCOMPARE(again.timeLimitSeconds, chosen.timeLimitSeconds);
            QCOMPARE(again.rebalance, true);
            QCOMPARE(again.moveCap, 23);
            // Cancelled: the change is not kept.
            OptimizeRequest changed = again;
            changed.seed = 7;
            dialog.setRequest(changed);
            dialog.reject();
        }
        OptimizeDialog dialog(mDocument);
        QCOMPARE(dialog.request().seed, chosen.seed);
    }

    void exportDialog()
    {
        const auto geometry = SlideRenderer::prepare(mDocument.project());
        QString format;
        {
            ExportDialog dialog(&mDocument, geometry, MapViewport());
            auto *formatBox = dialog.findChild<QComboBox *>(QStringLiteral("format"));
            auto *deck = dialog.findChild<QComboBox *>(QStringLiteral("deck"));
            auto *basemap = dialog.findChild<QCheckBox *>(QStringLiteral("basemap"));
            auto *accounts = dialog.findChild<QCheckBox *>(QStringLiteral("accounts"));
            QVERIFY(formatBox && deck && basemap && accounts);
            QCOMPARE(formatBox->currentData().toString(), QStringLiteral("pptx")); // the default
            formatBox->setCurrentIndex(formatBox->findData(QStringLiteral("pdf")));
            format = formatBox->currentText();
            deck->setCurrentIndex(2);
            basemap->setChecked(!basemap->isChecked());
            accounts->setChecked(!accounts->isChecked());
            mBasemap = basemap->isChecked();
            mAccounts = accounts->isChecked();
            dialog.accept();
        }
        ExportDialog dialog(&mDocument, geometry, MapViewport());
        QCOMPARE(dialog.findChild<QComboBox *>(QStringLiteral("format"))->currentText(), format);
        QCOMPARE(dialog.findChild<QComboBox *>(QStringLiteral("format"))->currentData().toString(), QStringLiteral("pdf"));
        QCOMPARE(dialog.findChild<QComboBox *>(QStringLiteral("deck"))->currentIndex(), 2);
        QCOMPARE(dialog.findChild<QCheckBox *>(QStringLiteral("basemap"))->isChecked(), mBasemap);
        QCOMPARE(dialog.findChild<QCheckBox *>(QStringLiteral("accounts"))->isChecked(), mAccounts);
        QCOMPARE(dialog.slideOptions().accounts, mAccounts);
    }

    void whatIfDialog()
    {
        double factor = 0;
        {
            WhatIfDialog dialog(&mDocument);
            auto *scale = dialog.findChild<QDoubleSpinBox *>(QStringLiteral("scaleFactor"));
            auto *reoptimize = dialog.findChild<QCheckBox *>(QStringLiteral("reoptimize"));
            auto *moveCap = dialog.findChild<QSpinBox *>(QStringLiteral("moveCap"));
            QVERIFY(scale && reoptimize && moveCap);
            factor = scale->value() + 0.75;
            scale->setValue(factor);
            reoptimize->setChecked(!reoptimize->isChecked());
            mReoptimize = reoptimize->isChecked();
            moveCap->setValue(moveCap->value() + 3);
            mMoveCap = moveCap->value();
            dialog.accept();
        }
        WhatIfDialog dialog(&mDocument);
        QCOMPARE(dialog.findChild<QDoubleSpinBox *>(QStringLiteral("scaleFactor"))->value(), factor);
        QCOMPARE(dialog.findChild<QCheckBox *>(QStringLiteral("reoptimize"))->isChecked(), mReoptimize);
        QCOMPARE(dialog.findChild<QSpinBox *>(QStringLiteral("moveCap"))->value(), mMoveCap);
    }

    void compareDialogKeepsSideBySideOnClose()
    {
        bool sideBySide = false;
        {
            CompareDialog dialog(mDocument, 0, 0);
            auto *box = dialog.findChild<QCheckBox *>(QStringLiteral("sideBySide"));
            QVERIFY(box);
            box->setChecked(!box->isChecked());
            sideBySide = box->isChecked();
            dialog.reject(); // the Close button
        }
        CompareDialog dialog(mDocument, 0, 0);
        QCOMPARE(dialog.findChild<QCheckBox *>(QStringLiteral("sideBySide"))->isChecked(), sideBySide);
    }

    void fileDialogsStartInTheLastFolder()
    {
        QTemporaryDir folder;
        QCOMPARE(DialogSettings::startPath(QStringLiteral("newProject")), QString());
        DialogSettings::rememberFolder(QStringLiteral("newProject"), folder.filePath(QStringLiteral("counties.geojson")));
        QCOMPARE(QDir(DialogSettings::startPath(QStringLiteral("newProject"))), QDir(folder.path()));
        // A path already in the field wins; other groups keep their own folder.
        QCOMPARE(DialogSettings::startPath(QStringLiteral("newProject"), QStringLiteral("/data/reps.csv")),
                 QStringLiteral("/data/reps.csv"));
        QCOMPARE(DialogSettings::startPath(QStringLiteral("export")), QString());
        // A folder that is gone is not offered.
        QVERIFY(folder.remove());
        QCOMPARE(DialogSettings::startPath(QStringLiteral("newProject")), QString());
    }

private:
    QTemporaryDir mDir;
    Document mDocument;
    bool mBasemap = false;
    bool mAccounts = false;
    bool mReoptimize = false;
    int mMoveCap = 0;
};

QTEST_MAIN(TestDialogSettings)
#include "tst_dialogsettings.moc"
