// Tests for tessera-cli import and info: the real binary, run as a user would.
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

namespace {

const QString Cli = QStringLiteral(TESSERA_CLI_PATH);
const QString DataDir = QStringLiteral(TESSERA_SOURCE_DIR "/tests/data/io");

struct Run {
    int exitCode = -1;
    QString out;
    QString err;
};

Run runCli(const QStringList &arguments)
{
    QProcess process;
    process.start(Cli, arguments);
    Run run;
    if (!process.waitForFinished(60000) || process.exitStatus() != QProcess::NormalExit)
        return run;
    run.exitCode = process.exitCode();
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

QStringList fullImport(const QString &project)
{
    return {"import",     project,
            "--units",    DataDir + "/units.geojson",
            "--accounts", DataDir + "/accounts.csv",
            "--reps",     DataDir + "/reps.csv",
            "--plan",     DataDir + "/plan.csv"};
}

QJsonObject infoJson(const QString &project)
{
    const Run run = runCli({"info", project, "--json"});
    if (run.exitCode != 0)
        return {};
    return QJsonDocument::fromJson(run.out.toUtf8()).object();
}

} // namespace

class TestCli : public QObject {
    Q_OBJECT

    QTemporaryDir mTemp;

    QString writeFile(const QString &name, const QByteArray &content)
    {
        QFile file(mTemp.filePath(name));
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return {};
        file.write(content);
        return file.fileName();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(mTemp.isValid());
        QVERIFY2(QFile::exists(Cli), qPrintable(Cli));
    }

    void helpForEachCommand_data()
    {
        QTest::addColumn<QString>("command");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("import") << "import" << "--units";
        QTest::newRow("info") << "info" << "--json";
        QTest::newRow("metrics") << "metrics" << "--baseline";
        QTest::newRow("optimize") << "optimize" << "-k [ --territories ]";
        QTest::newRow("locate") << "locate" << "-k [ --territories ]";
    }

    void helpForEachCommand()
    {
        QFETCH(QString, command);
        QFETCH(QString, mentions);
        const Run run = runCli({command, "--help"});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.startsWith("Usage: tessera-cli " + command));
        QVERIFY(run.out.contains(mentions));
        // Every command lists its exit codes.
        QVERIFY2(run.out.contains("Exit status: 0 done, 1 bad input or failed (nothing written), 2 bad usage"),
                 qPrintable(run.out));
        QVERIFY(runCli({"--help"}).out.contains(command));
    }

    void importCreatesProject()
    {
        const QString project = mTemp.filePath("created.tessera");
        const Run run = runCli(fullImport(project));
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY(QFile::exists(project));
        QVERIFY2(run.out.startsWith("created " + project + ": 5 units, 4 adjacencies, 1 islands; 5 accounts; 2 reps;"),
                 qPrintable(run.out));
        QVERIFY(run.out.contains("1 accounts outside every unit"));
        // The account in the sea is listed as a problem, not dropped.
        QVERIFY2(run.err.contains("X9"), qPrintable(run.err));

        const QJsonObject info = infoJson(project);
        QCOMPARE(info["units"].toInt(), 5);
        QCOMPARE(info["accounts"].toInt(), 5);
        QCOMPARE(info["reps"].toInt(), 2);
        QCOMPARE(info["territories"].toInt(), 2);
        QCOMPARE(info["scenarios"].toInt(), 1);
        QCOMPARE(info["adjacency_edges"].toInt(), 4);
        const QJsonObject bbox = info["bbox"].toObject();
        QCOMPARE(bbox["min_lon"].toDouble(), -86.0);
        QCOMPARE(bbox["min_lat"].toDouble(), 32.0);
        QCOMPARE(bbox["max_lon"].toDouble(), -79.0);
        QCOMPARE(bbox["max_lat"].toDouble(), 34.0);
        QCOMPARE(info["islands"].toObject()["count"].toInt(), 1);
        QCOMPARE(info["islands"].toObject()["keys"].toArray(), QJsonArray{"20001"});
        QCOMPARE(info["accounts_outside"].toObject()["count"].toInt(), 1);
        QCOMPARE(info["accounts_outside"].toObject()["keys"].toArray(), QJsonArray{"X9"});
        const QJsonObject scenario = info["scenario_list"].toArray().first().toObject();
        QCOMPARE(scenario["name"].toString(), QString("Current plan"));
        QCOMPARE(scenario["territories"].toInt(), 2);
        QCOMPARE(scenario["unassigned_units"].toInt(), 0);

        const Run text = runCli({"info", project});
        QCOMPARE(text.exitCode, 0);
        QVERIFY(text.out.contains("Units:       5\n"));
        QVERIFY(text.out.contains("Islands:     1: 20001\n"));
        QVERIFY(text.out.contains("(1 outside every unit: X9)"));
    }

    void importUpdatesExistingProject()
    {
        const QString project = mTemp.filePath("updated.tessera");
        QCOMPARE(runCli(fullImport(project)).exitCode, 0);
        // Another plan under another name, then new accounts: units, reps and
        // both plans stay.
        const QString plan = writeFile("plan2.csv", "unit_id,territory\n01001,North\n01003,North\n02134,South\n");
        Run run = runCli({"import", project, "--plan", plan, "--scenario", "Draft"});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY(run.out.startsWith("updated "));
        const QString accounts = writeFile("accounts2.csv", "id,lat,lon\nN1,33.5,-85.5\nA2,32.5,-79.5\n");
        run = runCli({"import", project, "--accounts", accounts});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        // Update by id: the summary names what came and went.
        QVERIFY2(run.out.contains(": 2 accounts (1 added, 4 removed: A1, A3, A4, X9);"), qPrintable(run.out));

        const QJsonObject info = infoJson(project);
        QCOMPARE(info["units"].toInt(), 5);
        QCOMPARE(info["reps"].toInt(), 2);
        QCOMPARE(info["accounts"].toInt(), 2);
        QCOMPARE(info["accounts_outside"].toObject()["count"].toInt(), 0);
        QCOMPARE(info["scenarios"].toInt(), 2);
        QCOMPARE(info["territories"].toInt(), 4);
        const QJsonArray list = info["scenario_list"].toArray();
        QCOMPARE(list[1].toObject()["name"].toString(), QString("Draft"));
        QCOMPARE(list[1].toObject()["unassigned_units"].toInt(), 2);
    }

    void badInputFailsWithOneLine_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("mentions");
        const QString project = "@/fresh.tessera";
        QTest::newRow("unterminated quote in accounts")
            << QStringList{"import", project, "--units", DataDir + "/units.geojson", "--accounts", "@/quote.csv"}
            << "quote.csv:3: a quoted field is never closed";
        QTest::newRow("no lat/lon column")
            << QStringList{"import", project, "--units", DataDir + "/units.geojson", "--reps", "@/nolat.csv"}
            << "nolat.csv: no latitude column";
        QTest::newRow("missing units file")
            << QStringList{"import", project, "--units", "@/absent.geojson"} << "absent.geojson: the file does not exist";
        QTest::newRow("missing id field")
            << QStringList{"import", project, "--units", DataDir + "/units.geojson", "--id", "geoid"}
            << "units.geojson: layer 'units' has no field 'geoid'";
        QTest::newRow("plan row names unknown unit under --strict")
            << QStringList{"import", project, "--units", DataDir + "/units.geojson", "--plan", "@/badplan.csv", "--strict"}
            << "badplan.csv:3: column 'unit_id': unknown unit id '77777'";
        QTest::newRow("info on a file that is not a project")
            << QStringList{"info", DataDir + "/accounts.csv"} << "accounts.csv";
        QTest::newRow("info on a missing project") << QStringList{"info", "@/nothing.tessera"} << "nothing.tessera";
    }

    void badInputFailsWithOneLine()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, mentions);
        writeFile("quote.csv", "id,lat,lon\nA1,32.5,-85.5\nA2,\"32.5,-84.5\nA3,33,-84\n");
        writeFile("nolat.csv", "id,name\nR1,Ann\n");
        writeFile("badplan.csv", "unit_id,territory\n01001,West\n77777,East\n");
        for (QString &argument : arguments)
            argument.replace("@/", mTemp.path() + "/");

        const Run run = runCli(arguments);
        QVERIFY2(run.exitCode == 1, qPrintable(QString("exit %1, %2").arg(run.exitCode).arg(run.err)));
        QVERIFY(run.out.isEmpty());
        QVERIFY2(run.err.endsWith('\n') && run.err.count('\n') == 1, qPrintable(run.err));
        QVERIFY2(run.err.contains(mentions), qPrintable(run.err));
        QVERIFY(run.err.startsWith("tessera-cli " + arguments.first() + ": "));
        QVERIFY(!QFile::exists(mTemp.filePath("fresh.tessera"))); // nothing created
    }

    void failedImportLeavesProjectAsItWas()
    {
        const QString project = mTemp.filePath("kept.tessera");
        QCOMPARE(runCli(fullImport(project)).exitCode, 0);
        const QJsonObject before = infoJson(project);
        QVERIFY(!before.isEmpty());

        const QString broken = writeFile("broken.csv", QByteArray("id,lat,lon\nA1,32.5,-85.5\nA\xC3\x28,33,-84\n"));
        const QString fewer = mTemp.filePath("fewer.topojson");
        QFile::remove(fewer);
        QVERIFY(QFile::copy(DataDir + "/units.topojson", fewer));
        const Run run = runCli({"import", project, "--units", fewer, "--accounts", broken});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains("broken.csv:3: the text is not valid UTF-8"), qPrintable(run.err));
        QCOMPARE(infoJson(project), before);

        // Bad rows are skipped and listed; --strict turns them into a failure.
        const QString badRow = writeFile("badrow.csv", "id,lat,lon\nA1,32.5,-85.5\nA2,95,-84.5\n");
        const Run strict = runCli({"import", project, "--accounts", badRow, "--strict"});
        QCOMPARE(strict.exitCode, 1);
        QVERIFY2(strict.err.contains("badrow.csv:3: column 'lat': latitude 95 is out of range"), qPrintable(strict.err));
        QCOMPARE(infoJson(project), before);

        // One bad row in two is more than the default 10 % share: nothing saved.
        const Run refused = runCli({"import", project, "--accounts", badRow});
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.contains("1 of 2 accounts were skipped"), qPrintable(refused.err));
        QCOMPARE(infoJson(project), before);

        const Run lenient = runCli({"import", project, "--accounts", badRow, "--max-skipped", "50%"});
        QCOMPARE(lenient.exitCode, 0);
        QVERIFY2(lenient.err.contains("error: " + badRow + ":3: column 'lat'"), qPrintable(lenient.err));
        QVERIFY2(lenient.out.contains("1 accounts (1 of 2 skipped)"), qPrintable(lenient.out));
        QVERIFY(lenient.out.contains("1 errors"));
        QCOMPARE(infoJson(project)["accounts"].toInt(), 1);
    }

    void usageErrorsExitWithTwo()
    {
        QCOMPARE(runCli({"import"}).exitCode, 2);
        QCOMPARE(runCli({"import", mTemp.filePath("x.tessera"), "--bogus"}).exitCode, 2);
        QCOMPARE(runCli({"import", mTemp.filePath("x.tessera")}).exitCode, 2);
        QCOMPARE(runCli({"info"}).exitCode, 2);
        // --idle-rounds: -1 (no rule) is the lowest value; the message names the option.
        const Run idle = runCli({"optimize", QStringLiteral(TESSERA_SOURCE_DIR "/resources/samples/southeast.tessera"), "--scenario",
                                 "Current plan", "--balance", "population:5%", "--idle-rounds", "-2"});
        QCOMPARE(idle.exitCode, 2);
        QVERIFY2(idle.err.contains("idle-rounds"), qPrintable(idle.err));
    }

    void optimizeNamesTerritoriesInFilesAndExplanations()
    {
        const QString project = mTemp.filePath("explained.tessera");
        QVERIFY(QFile::copy(QStringLiteral(TESSERA_SOURCE_DIR "/resources/samples/southeast.tessera"), project));
        QFile::setPermissions(project, QFile::ReadOwner | QFile::WriteOwner);
        const QString plan = mTemp.filePath("explained.csv");
        const Run run = runCli({"optimize", project, "--scenario", "Current plan", "--balance", "accounts:10%",
                                "--rebalance", "--max-moved-units", "5", "--work", "5000", "--explain", "--keep-best", "--out", plan});
        QVERIFY2(run.exitCode == 0 || run.exitCode == 4, qPrintable(run.err));
        // Each explanation names the territories the unit leaves and joins.
        const QStringList explanations = run.out.split('\n').filter(QRegularExpression("^unit "));
        QVERIFY(!explanations.isEmpty());
        for (const QString &line : explanations)
            QVERIFY2(QRegularExpression("^unit \\S+: territory '[^']+' -> '[^']+'; ").match(line).hasMatch(),
                     qPrintable(line));
        // The plan file names territories as the new scenario does, so import --plan reads it back.
        QFile file(plan);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QStringList lines = QString::fromUtf8(file.readAll()).split('\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.first(), QString("unit_id,territory"));
        QCOMPARE(lines.size(), 368);
        QSet<QString> names;
        for (qsizetype i = 1; i < lines.size(); ++i)
            names.insert(lines[i].section(',', 1));
        QCOMPARE(names.size(), 12);
        QVERIFY(names.contains("Atlanta")); // the sample's territories keep their names
        const Run back = runCli({"import", project, "--plan", plan, "--scenario", "Read back", "--strict"});
        QVERIFY2(back.exitCode == 0, qPrintable(back.err));
        const QJsonArray scenarios = infoJson(project)["scenario_list"].toArray();
        QCOMPARE(scenarios.last().toObject()["name"].toString(), QString("Read back"));
        QCOMPARE(scenarios.last().toObject()["territories"].toInt(), 12);
        QCOMPARE(scenarios.last().toObject()["unassigned_units"].toInt(), 0);
    }

    void exportedPlanComesBackUnchanged_data()
    {
        QTest::addColumn<QString>("what");
        QTest::newRow("unit → territory") << "units";
        QTest::newRow("account → rep") << "accounts";
    }

    void exportedPlanComesBackUnchanged()
    {
        QFETCH(QString, what);
        const QString project = mTemp.filePath("roundtrip-" + what + ".tessera");
        QFile::remove(project);
        QVERIFY(QFile::copy(QStringLiteral(TESSERA_SOURCE_DIR "/resources/samples/southeast.tessera"), project));
        QFile::setPermissions(project, QFile::ReadOwner | QFile::WriteOwner);
        const QString scenario = infoJson(project)["scenario_list"].toArray().first().toObject()["name"].toString();
        QVERIFY(!scenario.isEmpty());
        const QString exported = mTemp.filePath("plan-" + what + ".csv");
        Run run = runCli({"export", project, "--scenario", scenario, "--format", "csv", "--what", what, "--out", exported});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        run = runCli({"import", project, "--plan", exported, "--scenario", "Read back", "--strict"});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY2(run.out.contains(what + " assigned"), qPrintable(run.out));
        const QString again = mTemp.filePath("plan-" + what + "-again.csv");
        run = runCli({"export", project, "--scenario", "Read back", "--format", "csv", "--what", what, "--out", again});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QFile first(exported);
        QFile second(again);
        QVERIFY(first.open(QIODevice::ReadOnly) && second.open(QIODevice::ReadOnly));
        const QByteArray before = first.readAll();
        QVERIFY(before.count('\n') > 10);
        QCOMPARE(second.readAll(), before);
    }

    void writesWorkbookAndSlidesInOneProgram()
    {
        // The program carries both zip writers (slides and workbooks): each must write a
        // whole file, whichever ran first (their zip libraries used to clash and crash).
        const QString project = mTemp.filePath("zips.tessera");
        QFile::remove(project);
        QVERIFY(QFile::copy(QStringLiteral(TESSERA_SOURCE_DIR "/resources/samples/southeast.tessera"), project));
        QFile::setPermissions(project, QFile::ReadOwner | QFile::WriteOwner);
        for (const QString format : {QStringLiteral("xlsx"), QStringLiteral("pptx"), QStringLiteral("xlsx")}) {
            const QString out = mTemp.filePath("zips." + format);
            QFile::remove(out);
            const Run run = runCli({"export", project, "--format", format, "--out", out});
#ifndef TESSERA_GUI_PATH
            if (format == QLatin1String("pptx")) {
                // A build without the user interface has no slide writer: it says so and writes nothing.
                QVERIFY(run.exitCode != 0);
                QVERIFY2(run.err.contains("no slide export"), qPrintable(run.err));
                QVERIFY(!QFile::exists(out));
                continue;
            }
#endif
            QVERIFY2(run.exitCode == 0, qPrintable(format + ": " + run.err));
            QFile file(out);
            QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(out));
            const QByteArray bytes = file.readAll();
            QVERIFY(bytes.startsWith("PK\x03\x04"));
            // The central directory's end record closes a complete zip file.
            QVERIFY(bytes.size() > 1000 && bytes.lastIndexOf("PK\x05\x06") > bytes.size() - 100);
        }
    }

    void accountPlanListsUnknownIdsWithTheirLine()
    {
        const QString project = mTemp.filePath("accountplan.tessera");
        QCOMPARE(runCli(fullImport(project)).exitCode, 0);
        const QString plan = writeFile("accountplan.csv", "account_id,rep_id\nA1,R1\nZZ,R2\nA3,R2\nA4,R9\n");
        const Run run = runCli({"import", project, "--plan", plan, "--scenario", "By account", "--max-skipped", "100%"});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY2(run.err.contains("accountplan.csv:3: column 'account_id': unknown account id 'ZZ'"), qPrintable(run.err));
        QVERIFY2(run.err.contains("accountplan.csv:5: column 'rep_id': unknown rep 'R9'"), qPrintable(run.err));
        QVERIFY2(run.out.contains("plan 'By account': 2 accounts assigned (2 of 4 skipped)"), qPrintable(run.out));
        // One territory per rep, named after the rep.
        const QJsonObject scenario = infoJson(project)["scenario_list"].toArray().last().toObject();
        QCOMPARE(scenario["name"].toString(), QString("By account"));
        QCOMPARE(scenario["territories"].toInt(), 2);
    }

    void listsLayers()
    {
        const Run run = runCli({"import", "--units", DataDir + "/units.geojson", "--list-layers"});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.startsWith("units: Polygon (polygons), 5 features, CRS EPSG:4326"), qPrintable(run.out));
        QVERIFY(run.out.contains("id (text)"));
        QVERIFY(run.out.contains("code (integer)"));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
