// File ▸ New Project… driven as a user would: the wizard on the sample's
// GeoJSON and CSVs makes the project `tessera-cli import` makes from the same
// files, and a CSV with bad rows is listed row by row with nothing written.
#include "ui/wizard/importcheckpage.h"
#include "ui/wizard/newprojectwizard.h"

#include <QAbstractButton>
#include <QComboBox>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace tessera;

namespace {

const QString Samples = QStringLiteral(TESSERA_SOURCE_DIR "/resources/samples");

QByteArray runCli(const QStringList &arguments, int *exitCode = nullptr)
{
    QProcess process;
    process.start(QStringLiteral(TESSERA_CLI_PATH), arguments);
    process.waitForFinished(120000);
    if (exitCode)
        *exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    return process.readAllStandardOutput();
}

/// `info --json` without the path, which differs by design.
QJsonObject info(const QString &project)
{
    QJsonObject object = QJsonDocument::fromJson(runCli({"info", project, "--json"})).object();
    object.remove(QStringLiteral("project"));
    return object;
}

QByteArray exported(const QString &project, const QString &what, const QString &out)
{
    int code = -1;
    runCli({"export", project, "--scenario", "Current plan", "--format", "csv", "--what", what, "--out", out}, &code);
    QFile file(out);
    return code == 0 && file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

/// Walks the wizard to the check page and waits for the in-memory import.
bool runCheck(NewProjectWizard &wizard)
{
    wizard.show();
    QSignalSpy checked(wizard.checkPage(), &ImportCheckPage::checked);
    wizard.next();
    wizard.next();
    return wizard.currentPage() == wizard.checkPage() && checked.wait(120000);
}

} // namespace

class TestNewProject : public QObject {
    Q_OBJECT

    QTemporaryDir mDir;

private slots:
    void wizardMakesTheProjectTheCliMakes()
    {
        const QString fromWizard = mDir.filePath(QStringLiteral("wizard.tessera"));
        const QString fromCli = mDir.filePath(QStringLiteral("cli.tessera"));
        NewProjectWizard wizard;
        wizard.setUnitsPath(Samples + "/southeast-counties.geojson");
        auto *idField = wizard.findChild<QComboBox *>(QStringLiteral("idField"));
        QVERIFY(idField);
        const int fips = idField->findText(QStringLiteral("fips"));
        QVERIFY(fips > 0);
        idField->setCurrentIndex(fips);
        wizard.setAccountsPath(Samples + "/southeast-accounts.csv");
        wizard.setRepsPath(Samples + "/southeast-reps.csv");
        wizard.setPlanPath(Samples + "/southeast-plan.csv");
        wizard.setProjectPath(fromWizard);
        QVERIFY(runCheck(wizard));
        QVERIFY2(wizard.checkPage()->isComplete(), qPrintable(wizard.checkPage()->problemTexts().join('\n')));
        QVERIFY(!QFile::exists(fromWizard)); // nothing written before Finish
        wizard.button(QWizard::FinishButton)->click();
        QVERIFY(QFile::exists(fromWizard));

        int code = -1;
        runCli({"import", fromCli, "--units", Samples + "/southeast-counties.geojson", "--id", "fips", "--accounts",
                Samples + "/southeast-accounts.csv", "--reps", Samples + "/southeast-reps.csv", "--plan",
                Samples + "/southeast-plan.csv"},
               &code);
        QCOMPARE(code, 0);
        const QJsonObject cli = info(fromCli);
        QVERIFY(cli["units"].toInt() > 100);
        QCOMPARE(info(fromWizard), cli);
        for (const QString what : {QStringLiteral("units"), QStringLiteral("accounts")}) {
            const QByteArray viaCli = exported(fromCli, what, mDir.filePath("cli-" + what + ".csv"));
            QVERIFY(viaCli.count('\n') > 100);
            QCOMPARE(exported(fromWizard, what, mDir.filePath("wizard-" + what + ".csv")), viaCli);
        }
    }

    void badRowsAreListedAndNothingIsWritten()
    {
        const QString bad = mDir.filePath(QStringLiteral("bad-accounts.csv"));
        {
            QFile file(bad);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("id,name,lat,lon\nA1,Good,33.5,-84.4\nA2,Bad lat,north,-84.4\nA3,Short,33.1\n");
        }
        const QString project = mDir.filePath(QStringLiteral("bad.tessera"));
        NewProjectWizard wizard;
        wizard.setUnitsPath(Samples + "/southeast-counties.geojson");
        wizard.setAccountsPath(bad);
        wizard.setProjectPath(project);
        QVERIFY(runCheck(wizard));
        QVERIFY(!wizard.checkPage()->isComplete());
        const QString problems = wizard.checkPage()->problemTexts().join('\n');
        QVERIFY2(problems.contains("bad-accounts.csv:3"), qPrintable(problems));
        QVERIFY2(problems.contains("bad-accounts.csv:4"), qPrintable(problems));
        QVERIFY2(!problems.contains("bad-accounts.csv:2"), qPrintable(problems));
        QVERIFY(!wizard.button(QWizard::FinishButton)->isEnabled());
        QVERIFY(!QFile::exists(project));
        // Back, fix the mapping (here: no accounts), check again: now it may finish.
        wizard.back();
        QSignalSpy checked(wizard.checkPage(), &ImportCheckPage::checked);
        wizard.setAccountsPath(QString());
        wizard.next();
        QVERIFY(checked.wait(120000));
        QVERIFY(wizard.checkPage()->isComplete());
        QVERIFY(!QFile::exists(project));
    }
};

QTEST_MAIN(TestNewProject)
#include "tst_newproject.moc"
