// tessera-cli scenario: every verb run as a real child process on a real
// project file; errors leave the file byte for byte as it was.
#include "core/store/projectstore.h"
#include "tests/ui/testprojects.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace tessera;

namespace {

struct Run {
    int exitCode = -1;
    QString out;
    QString err;
};

Run runCli(const QStringList &arguments)
{
    QProcess process;
    process.start(QStringLiteral(TESSERA_CLI_PATH), arguments);
    Run run;
    if (!process.waitForFinished(60000) || process.exitStatus() != QProcess::NormalExit)
        return run;
    run.exitCode = process.exitCode();
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

QByteArray digest(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256);
}

} // namespace

class TestScenarioCli : public QObject {
    Q_OBJECT

private:
    QTemporaryDir mDir;
    int mCount = 0;

    /// A grid project with "Plan" and "Proposal" (U2 and U8 moved from T1 to T2, reps on both).
    QString newProject()
    {
        const QString path = mDir.filePath(QStringLiteral("p%1.tessera").arg(++mCount));
        Project project = testing::makeGridProject(6, 4, 2);
        Rep second;
        second.key = "R2";
        second.name = "Rep Two";
        second.home = {-83.6, 33.2};
        project.addRep(second);
        project.scenarios()[0].territories[0].rep = RepId(0);
        project.scenarios()[0].territories[1].rep = RepId(1);
        project.scenarios()[0].notes = "as today";
        Scenario proposal = project.scenarios()[0];
        proposal.name = "Proposal";
        proposal.notes.clear();
        proposal.alignment.assign(UnitId(2), TerritoryId(1));
        proposal.alignment.assign(UnitId(8), TerritoryId(1));
        project.scenarios().push_back(proposal);
        auto store = ProjectStore::open(path.toStdString(), ProjectStore::OpenMode::Create);
        if (!store || !(*store)->save(project))
            qFatal("cannot write %s", qPrintable(path));
        return path;
    }

    QJsonArray list(const QString &project)
    {
        const Run run = runCli({"scenario", "list", project, "--json"});
        return QJsonDocument::fromJson(run.out.toUtf8()).array();
    }

private slots:
    void listShowsEveryScenario()
    {
        const QString project = newProject();
        const Run run = runCli({"scenario", "list", project, "--json"});
        QCOMPARE(run.exitCode, 0);
        const QJsonArray scenarios = QJsonDocument::fromJson(run.out.toUtf8()).array();
        QCOMPARE(scenarios.size(), 2);
        const QJsonObject plan = scenarios[0].toObject();
        QCOMPARE(plan["name"].toString(), QStringLiteral("Plan"));
        QCOMPARE(plan["territories"].toInt(), 2);
        QCOMPARE(plan["baseline"].toBool(true), false);
        QCOMPARE(plan["notes"].toString(), QStringLiteral("as today"));
        QVERIFY(plan["modified"].toString().endsWith(QLatin1Char('Z')));
        QVERIFY(runCli({"scenario", "list", project}).out.contains(QStringLiteral("Proposal: 2 territories")));
    }

    void cloneRenameBaselineDelete()
    {
        const QString project = newProject();
        QCOMPARE(runCli({"scenario", "clone", project, "Plan", "Florida hires"}).exitCode, 0);
        QCOMPARE(runCli({"scenario", "rename", project, "Florida hires", "Two more reps"}).exitCode, 0);
        QCOMPARE(runCli({"scenario", "baseline", project, "Plan"}).exitCode, 0);
        QJsonArray scenarios = list(project);
        QCOMPARE(scenarios.size(), 3);
        QCOMPARE(scenarios[2].toObject()["name"].toString(), QStringLiteral("Two more reps"));
        QCOMPARE(scenarios[2].toObject()["notes"].toString(), QStringLiteral("as today")); // cloned with the plan
        QVERIFY(scenarios[0].toObject()["baseline"].toBool());
        QVERIFY(!scenarios[2].toObject()["baseline"].toBool());
        QCOMPARE(runCli({"scenario", "baseline", project, "Two more reps"}).exitCode, 0);
        scenarios = list(project);
        QVERIFY(!scenarios[0].toObject()["baseline"].toBool());
        QVERIFY(scenarios[2].toObject()["baseline"].toBool());
        QCOMPARE(runCli({"scenario", "delete", project, "Two more reps"}).exitCode, 0);
        QCOMPARE(list(project).size(), 2);

        // The clone holds the plan's alignment.
        auto store = ProjectStore::open(project.toStdString(), ProjectStore::OpenMode::ReadOnly);
        QVERIFY(store);
    }

    void errorsChangeNothing()
    {
        const QString project = newProject();
        const QByteArray before = digest(project);
        struct Case {
            QStringList arguments;
            QString message;
        };
        const QList<Case> cases{
            {{"scenario", "clone", project, "Nope", "X"}, "no scenario named 'Nope'"},
            {{"scenario", "clone", project, "Plan", "Proposal"}, "a scenario named 'Proposal' already exists"},
            {{"scenario", "rename", project, "Plan", "Proposal"}, "a scenario named 'Proposal' already exists"},
            {{"scenario", "rename", project, "Plan", ""}, "a scenario needs a name"},
            {{"scenario", "delete", project, "Nope"}, "no scenario named 'Nope'"},
            {{"scenario", "baseline", project, "Nope"}, "no scenario named 'Nope'"},
            {{"scenario", "diff", project, "Plan", "Nope"}, "no scenario named 'Nope'"},
            {{"scenario", "list", mDir.filePath("missing.tessera")}, "no such project file"},
        };
        for (const Case &c : cases) {
            const Run run = runCli(c.arguments);
            QVERIFY2(run.exitCode == 1, qPrintable(c.arguments.join(' ') + ": " + run.err));
            QVERIFY2(run.err.contains(c.message), qPrintable(run.err));
            QCOMPARE(run.err.count(QLatin1Char('\n')), 1); // one line
            QVERIFY(run.out.isEmpty());
        }
        QCOMPARE(runCli({"scenario", "frobnicate", project}).exitCode, 2);
        QCOMPARE(runCli({"scenario", "clone", project, "Plan"}).exitCode, 2);

        // A project another program is writing is refused, and nothing changes.
        {
            auto holder = ProjectStore::open(project.toStdString(), ProjectStore::OpenMode::ReadWrite);
            QVERIFY(holder);
            const Run run = runCli({"scenario", "clone", project, "Plan", "Copy"});
            QCOMPARE(run.exitCode, 1);
            QVERIFY2(run.err.contains(QStringLiteral("already open for writing")), qPrintable(run.err));
        }
        QCOMPARE(digest(project), before);
        QCOMPARE(list(project).size(), 2);
    }

    void diffNamesMovedUnitsAndReps()
    {
        const QString project = newProject();
        const Run run = runCli({"scenario", "diff", project, "Plan", "Proposal", "--json"});
        QCOMPARE(run.exitCode, 0);
        const QJsonObject diff = QJsonDocument::fromJson(run.out.toUtf8()).object();
        const QJsonArray moved = diff["moved_units"].toArray();
        QCOMPARE(moved.size(), 2);
        QCOMPARE(moved[0].toObject()["unit"].toString(), QStringLiteral("U2"));
        QCOMPARE(moved[0].toObject()["from"].toString(), QStringLiteral("T1"));
        QCOMPARE(moved[0].toObject()["to"].toString(), QStringLiteral("T2"));
        QCOMPARE(diff["moved_accounts"].toInt(), 2);
        const QJsonArray territories = diff["territories"].toArray();
        QCOMPARE(territories.size(), 2);
        const QJsonObject t1 = territories[0].toObject();
        QCOMPARE(t1["name"].toString(), QStringLiteral("T1"));
        QCOMPARE(t1["attributes"].toObject()["population"].toObject()["delta"].toDouble(), -(3.0 + 9.0));
        QCOMPARE(t1["units"].toObject()["delta"].toDouble(), -2.0);
        const QJsonArray reps = diff["reps"].toArray();
        QCOMPARE(reps.size(), 2);
        QCOMPARE(reps[0].toObject()["name"].toString(), QStringLiteral("Rep One"));
        QCOMPARE(reps[0].toObject()["accounts_lost"].toInt(), 2);
        QCOMPARE(reps[0].toObject()["revenue_lost"].toDouble(), 300.0 + 900.0);
        QCOMPARE(reps[1].toObject()["accounts_gained"].toInt(), 2);
        QCOMPARE(reps[1].toObject()["revenue_gained"].toDouble(), 300.0 + 900.0);
        for (const QString &key : diff.keys())
            QCOMPARE(key, key.toLower()); // snake_case
        const Run text = runCli({"scenario", "diff", project, "Plan", "Proposal"});
        QCOMPARE(text.exitCode, 0);
        QVERIFY(text.out.contains(QStringLiteral("U2 Unit 2: T1 -> T2")));
    }
};

QTEST_GUILESS_MAIN(TestScenarioCli)
#include "tst_scenariocli.moc"
