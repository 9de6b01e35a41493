// File ▸ New Project… driven as a user would: the wizard on the sample's
// GeoJSON and CSVs makes the project `tessera-cli import` makes from the same
// files, and a CSV with bad rows is listed row by row with nothing written.
#include "ui/document/document.h"
#include "tests/ui/testsettings.h"
#include "ui/mainwindow/mainwindow.h"
#include "ui/wizard/importcheckpage.h"
#include "ui/wizard/importmenu.h"
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

/// With TESSERA_SCREENSHOT_DIR set, saves the wizard as NAME.png there (the
/// user guide's pictures).
void screenshot(QWidget &widget, const QString &name)
{
    const QString dir = qEnvironmentVariable("TESSERA_SCREENSHOT_DIR");
    if (!dir.isEmpty())
        widget.grab().save(dir + "/" + name + ".png");
}

/// Walks the wizard to the check page and waits for the in-memory import.
bool runCheck(NewProjectWizard &wizard)
{
    wizard.show();
    QSignalSpy checked(wizard.checkPage(), &ImportCheckPage::checked);
    screenshot(wizard, QStringLiteral("new-project-units"));
    wizard.next();
    screenshot(wizard, QStringLiteral("new-project-tables"));
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
        screenshot(wizard, QStringLiteral("new-project-check"));
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
        screenshot(wizard, QStringLiteral("new-project-problems"));
        // Back, fix the mapping (here: no accounts), check again: now it may finish.
        wizard.back();
        QSignalSpy checked(wizard.checkPage(), &ImportCheckPage::checked);
        wizard.setAccountsPath(QString());
        wizard.next();
        QVERIFY(checked.wait(120000));
        QVERIFY(wizard.checkPage()->isComplete());
        QVERIFY(!QFile::exists(project));
    }

    void importIntoOpenProjectKeepsScenarios()
    {
        const QString project = mDir.filePath(QStringLiteral("open.tessera"));
        QVERIFY(QFile::copy(Samples + "/southeast.tessera", project));
        QFile::setPermissions(project, QFile::ReadOwner | QFile::WriteOwner);
        const QString plan = mDir.filePath(QStringLiteral("exported-plan.csv"));
        QVERIFY(!exported(project, QStringLiteral("units"), plan).isEmpty());

        ui::MainWindow window;
        window.setConfirmClose(false);
        QVERIFY(window.openProject(project, false));
        ui::Document *doc = window.document();
        const int scenarios = doc->scenarioCount();
        QVERIFY(scenarios >= 1);

        // The exported plan comes back as a new scenario with the same assignment.
        const QString summary = window.importMenu()->importFile(ImportMenu::Kind::Plan, plan, false);
        QVERIFY2(summary.contains("units assigned"), qPrintable(summary));
        QCOMPARE(doc->scenarioCount(), scenarios + 1);
        const Scenario &original = doc->scenarioAt(0);
        const Scenario &back = doc->scenarioAt(scenarios);
        QCOMPARE(back.name, std::string("exported-plan"));
        auto nameOf = [](const Scenario &scenario, UnitId unit) {
            const TerritoryId t = scenario.alignment.territoryOf(unit);
            return t.isValid() ? scenario.territories[std::size_t(t.value())].name : std::string();
        };
        int assigned = 0;
        for (std::size_t u = 0; u < doc->unitCount(); ++u) {
            const UnitId unit(static_cast<std::int32_t>(u));
            QCOMPARE(nameOf(back, unit), nameOf(original, unit));
            assigned += !nameOf(back, unit).empty();
        }
        QVERIFY(assigned > 100);

        // New accounts by id: the summary names what came and went; scenarios stay.
        const std::vector<Account> &before = doc->project().accounts().accounts();
        const std::size_t oldCount = before.size();
        QVERIFY(oldCount > 3);
        const QString accounts = mDir.filePath(QStringLiteral("new-accounts.csv"));
        {
            QFile file(accounts);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("id,name,lat,lon\n");
            for (std::size_t i = 0; i < 2; ++i)
                file.write(QStringLiteral("%1,Kept,%2,%3\n").arg(QString::fromStdString(before[i].key))
                               .arg(before[i].location.lat).arg(before[i].location.lon).toUtf8());
            file.write("NEW1,Fresh,33.75,-84.39\n");
        }
        const QString update = window.importMenu()->importFile(ImportMenu::Kind::Accounts, accounts, false);
        QVERIFY2(update.contains(QStringLiteral("3 accounts (1 added, %1 removed").arg(oldCount - 2)), qPrintable(update));
        QCOMPARE(doc->project().accounts().size(), std::size_t(3));
        QCOMPARE(doc->scenarioCount(), scenarios + 1);
    }
};

QTEST_MAIN(TestNewProject)
#include "tst_newproject.moc"
