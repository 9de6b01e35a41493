// File ▸ New Project… driven as a user would: the wizard on the sample's
// GeoJSON and CSVs makes the project `tessera-cli import` makes from the same
// files, and a CSV with bad rows is listed row by row with nothing written.
#include "core/io/projectimporter.h"
#include "core/store/projectstore.h"
#include "ui/document/document.h"
#include "tests/ui/testsettings.h"
#include "ui/mainwindow/mainwindow.h"
#include "ui/wizard/importcheckpage.h"
#include "ui/wizard/importmenu.h"
#include "ui/wizard/newprojectwizard.h"
#include "ui/wizard/unitspreview.h"

#include <QAbstractButton>
#include <QComboBox>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
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
bool previewLoaded(UnitsPreview *preview);

bool runCheck(NewProjectWizard &wizard)
{
    wizard.show();
    if (!previewLoaded(wizard.unitsPreview()))
        return false;
    QSignalSpy checked(wizard.checkPage(), &ImportCheckPage::checked);
    screenshot(wizard, QStringLiteral("new-project-units"));
    wizard.next();
    screenshot(wizard, QStringLiteral("new-project-tables"));
    wizard.next();
    return wizard.currentPage() == wizard.checkPage() && checked.wait(120000);
}

/// Chooses the "fips" id field, as the sample's plan and accounts expect.
bool chooseFips(NewProjectWizard &wizard)
{
    auto *idField = wizard.findChild<QComboBox *>(QStringLiteral("idField"));
    const int fips = idField ? idField->findText(QStringLiteral("fips")) : -1;
    if (fips <= 0)
        return false;
    idField->setCurrentIndex(fips);
    return wizard.options().units.idField == "fips";
}

/// Waits for the units preview to finish reading.
bool previewLoaded(UnitsPreview *preview)
{
    return !preview->isLoading() || QSignalSpy(preview, &UnitsPreview::loaded).wait(120000);
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
        QVERIFY(chooseFips(wizard));
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

    void previewDrawsTheLayerWithItsCrs()
    {
        const QString units = Samples + "/southeast-counties.geojson";
        auto layers = io::listLayers(units.toStdString());
        QVERIFY(layers && !layers->empty());
        NewProjectWizard wizard;
        wizard.setUnitsPath(units);
        UnitsPreview *preview = wizard.unitsPreview();
        QVERIFY(previewLoaded(preview));
        QVERIFY2(preview->errorText().isEmpty(), qPrintable(preview->errorText()));
        QVERIFY(layers->front().featureCount > 100);
        QCOMPARE(preview->featureCount(), int(layers->front().featureCount));
        QVERIFY(!layers->front().crs.empty());
        QVERIFY2(preview->crsText().contains(QString::fromStdString(layers->front().crs)), qPrintable(preview->crsText()));
        // The shapes are drawn: the preview is not one flat colour.
        wizard.show();
        const QImage image = preview->grab().toImage();
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 3)
            for (int x = 0; x < image.width(); x += 3)
                colours.insert(image.pixel(x, y));
        QVERIFY(colours.size() > 3);
    }

    void accountsJoinedByUnitIdLandInTheSameUnits()
    {
        // The sample's accounts placed by lat/lon are the reference.
        io::ProjectImportOptions byCoordinates;
        byCoordinates.unitsPath = (Samples + "/southeast-counties.geojson").toStdString();
        byCoordinates.units.idField = "fips";
        byCoordinates.accountsPath = (Samples + "/southeast-accounts.csv").toStdString();
        io::ProjectImportReport report;
        auto reference = io::importIntoProject(Project(), byCoordinates, report);
        QVERIFY(reference);
        // The same accounts with a unit id column instead of coordinates (those outside every unit left out).
        const QString joined = mDir.filePath(QStringLiteral("accounts-by-unit.csv"));
        std::map<std::string, std::string> expected; // account id -> unit id
        {
            QFile file(joined);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("id,name,unit_id,revenue_potential\n");
            const AttributeTable &attributes = reference->accounts().attributes();
            const int revenue = attributes.columnIndex("revenue_potential");
            QVERIFY(revenue >= 0);
            for (const Account &account : reference->accounts().accounts()) {
                if (!account.unit.isValid())
                    continue;
                const std::string unit = reference->units().unit(account.unit).key;
                expected[account.key] = unit;
                file.write(QStringLiteral("%1,\"%2\",%3,%4\n")
                               .arg(QString::fromStdString(account.key), QString::fromStdString(account.name),
                                    QString::fromStdString(unit))
                               .arg(attributes.value(std::size_t(account.id.value()), revenue), 0, 'f', 2)
                               .toUtf8());
            }
        }
        QVERIFY(expected.size() > 100);
        const QString project = mDir.filePath(QStringLiteral("joined.tessera"));
        NewProjectWizard wizard;
        wizard.setUnitsPath(Samples + "/southeast-counties.geojson");
        QVERIFY(chooseFips(wizard));
        wizard.setAccountsPath(joined);
        wizard.setProjectPath(project);
        QVERIFY(runCheck(wizard));
        QVERIFY2(wizard.checkPage()->isComplete(), qPrintable(wizard.checkPage()->problemTexts().join('\n')));
        wizard.button(QWizard::FinishButton)->click();
        auto store = ProjectStore::open(project.toStdString(), ProjectStore::OpenMode::ReadOnly);
        QVERIFY(store);
        auto written = (*store)->load();
        QVERIFY(written);
        QCOMPARE(written->accounts().size(), expected.size());
        for (const Account &account : written->accounts().accounts()) {
            QVERIFY(account.unit.isValid());
            QCOMPARE(written->units().unit(account.unit).key, expected.at(account.key));
        }
    }

    void unknownUnitIdIsListedWithItsLine()
    {
        const QString bad = mDir.filePath(QStringLiteral("unknown-unit.csv"));
        {
            QFile file(bad);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("id,name,unit_id\nA1,Good,13121\nA2,Nowhere,99999\nA3,Good too,01001\n");
        }
        const QString project = mDir.filePath(QStringLiteral("unknown-unit.tessera"));
        NewProjectWizard wizard;
        wizard.setUnitsPath(Samples + "/southeast-counties.geojson");
        QVERIFY(chooseFips(wizard));
        wizard.setAccountsPath(bad);
        wizard.setProjectPath(project);
        QVERIFY(runCheck(wizard));
        QVERIFY(!wizard.checkPage()->isComplete());
        const QString problems = wizard.checkPage()->problemTexts().join('\n');
        QVERIFY2(problems.contains(QStringLiteral("unknown-unit.csv:3")) && problems.contains(QStringLiteral("99999")),
                 qPrintable(problems));
        QVERIFY2(!problems.contains(QStringLiteral("unknown-unit.csv:2")), qPrintable(problems));
        QVERIFY2(!problems.contains(QStringLiteral("unknown-unit.csv:4")), qPrintable(problems));
        QVERIFY(!wizard.button(QWizard::FinishButton)->isEnabled());
        QVERIFY(!QFile::exists(project));
    }

    void crsOverrideImportsAMisdeclaredLayer()
    {
        // The sample's longitude/latitude counties, declared as Web Mercator metres.
        QFile source(Samples + "/southeast-counties.geojson");
        QVERIFY(source.open(QIODevice::ReadOnly));
        QByteArray text = source.readAll();
        const int brace = int(text.indexOf('{'));
        text.insert(brace + 1, R"("crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::3857"}},)");
        const QString misdeclared = mDir.filePath(QStringLiteral("misdeclared.geojson"));
        {
            QFile file(misdeclared);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(text);
        }
        const QString project = mDir.filePath(QStringLiteral("misdeclared.tessera"));
        NewProjectWizard wizard;
        wizard.setUnitsPath(misdeclared);
        QVERIFY(chooseFips(wizard));
        wizard.setProjectPath(project);
        QVERIFY(previewLoaded(wizard.unitsPreview()));
        QVERIFY2(wizard.unitsPreview()->errorText().contains(QStringLiteral("3857")),
                 qPrintable(wizard.unitsPreview()->errorText()));
        QVERIFY(runCheck(wizard));
        QVERIFY(!wizard.checkPage()->isComplete());
        const QString problems = wizard.checkPage()->problemTexts().join('\n');
        QVERIFY2(problems.contains(QStringLiteral("3857")), qPrintable(problems));
        QVERIFY(!QFile::exists(project));

        // Back to the Units page, type the CRS of the coordinates, check again.
        wizard.back();
        auto *crs = wizard.findChild<QLineEdit *>(QStringLiteral("assumedCrs"));
        QVERIFY(crs);
        wizard.setAssumedCrs(QStringLiteral("EPSG:4326"));
        QVERIFY(previewLoaded(wizard.unitsPreview()));
        QVERIFY2(wizard.unitsPreview()->errorText().isEmpty(), qPrintable(wizard.unitsPreview()->errorText()));
        QVERIFY(wizard.unitsPreview()->crsText().contains(QStringLiteral("EPSG:4326")));
        QSignalSpy checked(wizard.checkPage(), &ImportCheckPage::checked);
        wizard.next();
        wizard.next();
        QVERIFY(checked.wait(120000));
        QVERIFY2(wizard.checkPage()->isComplete(), qPrintable(wizard.checkPage()->problemTexts().join('\n')));
        wizard.button(QWizard::FinishButton)->click();
        auto store = ProjectStore::open(project.toStdString(), ProjectStore::OpenMode::ReadOnly);
        QVERIFY(store);
        auto written = (*store)->load();
        QVERIFY(written);
        auto layers = io::listLayers((Samples + "/southeast-counties.geojson").toStdString());
        QVERIFY(layers);
        QCOMPARE(qint64(written->units().size()), qint64(layers->front().featureCount));
        const LonLat atlanta = written->units().unit(written->units().findByKey("13121")).centroid;
        QVERIFY2(atlanta.lon < -83.0 && atlanta.lon > -85.5 && atlanta.lat > 33.0 && atlanta.lat < 34.5,
                 qPrintable(QStringLiteral("%1 %2").arg(atlanta.lon).arg(atlanta.lat)));
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
