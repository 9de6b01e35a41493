// Account KPI snapshots: import by date through tessera-cli into a real
// project file, replacement of a date, the latest snapshot feeding the KPI
// health rules, bad rows named by file, line and column, unknown account ids
// listed, and nothing written when the import fails.
#include "core/health/healthcheck.h"
#include "core/health/kpitrend.h"
#include "core/io/kpisnapshotimporter.h"
#include "core/metrics/metricsengine.h"
#include "core/model/project.h"
#include "core/store/projectstore.h"
#include "tests/ui/testprojects.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace tessera;

namespace {

struct Run {
    int exitCode = -1;
    QByteArray out;
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
    run.out = process.readAllStandardOutput();
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

/// Four units U0..U3 with accounts A0..A3, territories T1 = {U0, U1}, T2 = {U2, U3}.
Project fourAccounts() { return testing::makeGridProject(4, 1, 2); }

HealthRules attainmentRule(double threshold)
{
    HealthRules rules;
    HealthRule rule;
    rule.kind = HealthRuleKind::KpiBelow;
    rule.name = "attainment";
    rule.attribute = "kpi:attainment";
    rule.threshold = threshold;
    rules.rules.push_back(rule);
    return rules;
}

} // namespace

class TestKpiSnapshot : public QObject {
    Q_OBJECT

private:
    QTemporaryDir mDir;

    QString writeProject(const QString &name)
    {
        const QString path = mDir.filePath(name);
        auto store = ProjectStore::open(path.toStdString(), ProjectStore::OpenMode::Create);
        if (!store || !(*store)->save(fourAccounts()))
            qFatal("cannot write %s", qPrintable(path));
        return path;
    }

    QString writeCsv(const QString &name, const QByteArray &text)
    {
        const QString path = mDir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(text) != text.size())
            qFatal("cannot write %s", qPrintable(path));
        return path;
    }

    static Project load(const QString &path)
    {
        auto store = ProjectStore::open(path.toStdString(), ProjectStore::OpenMode::ReadOnly);
        if (!store)
            qFatal("open: %s", store.error().toString().c_str());
        auto project = (*store)->load();
        if (!project)
            qFatal("load: %s", project.error().toString().c_str());
        return std::move(*project);
    }

private slots:
    void importByDateAndReplace()
    {
        const QString project = writeProject("dates.tessera");
        const QString march = writeCsv("march.csv", "account_id,attainment,win_rate\nA0,0.5,0.2\nA1,1.5,\nA3,0.9,0.3\n");
        Run run = runCli({"import", project, "--kpi", march, "--date", "2026-03-31"});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QString june = writeCsv("june.csv", "id,date,attainment\nA0,2026-06-30,0.8\nA2,2026-06-30,1.1\n");
        run = runCli({"import", project, "--kpi", june});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));

        Project loaded = load(project);
        QCOMPARE(loaded.kpiSnapshots().size(), std::size_t(2));
        const KpiSnapshot &first = loaded.kpiSnapshots()[0];
        QCOMPARE(first.date, std::string("2026-03-31"));
        QCOMPARE(first.source, std::string("march.csv"));
        const int attainment = first.values.columnIndex("attainment");
        const int winRate = first.values.columnIndex("win_rate");
        QVERIFY(attainment >= 0 && winRate >= 0);
        QCOMPARE(first.values.value(0, attainment), 0.5);
        QVERIFY(first.hasValue(1, attainment));
        QVERIFY(!first.hasValue(1, winRate)); // empty cell = no value
        QVERIFY(!first.hasValue(2, attainment)); // A2 not in the file
        QCOMPARE(loaded.latestKpiSnapshot()->date, std::string("2026-06-30"));
        QCOMPARE(loaded.previousKpiSnapshot()->date, std::string("2026-03-31"));

        // The same date again replaces that snapshot, and only it.
        const QString marchAgain = writeCsv("march2.csv", "account_id,attainment\nA3,0.25\n");
        run = runCli({"import", project, "--kpi", marchAgain, "--date", "2026-03-31"});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY2(run.out.contains("replaced"), run.out.constData());
        loaded = load(project);
        QCOMPARE(loaded.kpiSnapshots().size(), std::size_t(2));
        const KpiSnapshot &replaced = loaded.kpiSnapshots()[0];
        QCOMPARE(replaced.values.columnNames(), std::vector<std::string>{"attainment"});
        QVERIFY(!replaced.hasValue(0, 0));
        QCOMPARE(replaced.values.value(3, 0), 0.25);
        QCOMPARE(loaded.kpiSnapshots()[1].values.value(2, 0), 1.1);

        // A full save keeps them (the GUI saves this way).
        {
            auto store = ProjectStore::open(project.toStdString(), ProjectStore::OpenMode::ReadWrite);
            QVERIFY(store && (*store)->save(loaded));
        }
        QCOMPARE(load(project).kpiSnapshots(), loaded.kpiSnapshots());
    }

    void latestSnapshotFeedsTheRules()
    {
        Project project = fourAccounts();
        KpiSnapshot old;
        old.date = "2026-01-31";
        old.values.resize(4);
        const int a = old.addColumn("attainment");
        for (std::size_t i = 0; i < 4; ++i)
            old.setValue(i, a, 0.2); // every territory far below
        project.putKpiSnapshot(old);
        KpiSnapshot latest = old;
        latest.date = "2026-02-28";
        latest.values.column(a) = {0.0, 0.0, 0.0, 0.0};
        latest.present[0] = {1, 0, 1, 1}; // A1 has no value: T1's mean is A0's alone
        latest.values.setValue(0, a, 0.6);
        latest.values.setValue(2, a, 1.0);
        latest.values.setValue(3, a, 1.2);
        project.putKpiSnapshot(latest);

        const HealthCheck check(attainmentRule(0.8));
        auto engine = MetricsEngine::create(project, project.scenarios()[0], check.metricOptions(project));
        QVERIFY(engine);
        const HealthReport report = check.check(**engine);
        QVERIFY(report.skipped.empty());
        QCOMPARE(report.breaches.size(), std::size_t(1)); // T2 at 1.1 passes
        QCOMPARE(report.breaches[0].territory, TerritoryId(0));
        QCOMPARE(report.breaches[0].value, 0.6);

        // The trend: the same figure on the snapshot before (T1: 0.2 then, 0.6 now).
        const std::vector<double> earlier =
            kpiOnSnapshot(project, project.scenarios()[0], check.rules().rules[0], *project.previousKpiSnapshot());
        QCOMPARE(earlier.size(), std::size_t(2));
        QVERIFY(std::fabs(earlier[0] - 0.2) < 1e-12);
        const std::vector<double> now =
            kpiOnSnapshot(project, project.scenarios()[0], check.rules().rules[0], *project.latestKpiSnapshot());
        QCOMPARE(now[0], report.breaches[0].value); // same ratio as HealthCheck

        // Without a snapshot the rule is skipped with a reason, never passed.
        Project none = fourAccounts();
        auto bare = MetricsEngine::create(none, none.scenarios()[0], check.metricOptions(none));
        QVERIFY(bare);
        const HealthReport skipped = check.check(**bare);
        QCOMPARE(skipped.skipped.size(), std::size_t(1));
        QVERIFY(skipped.breaches.empty());
    }

    void cliHealthUsesTheLatest()
    {
        const QString project = writeProject("cli.tessera");
        const QString rules = writeCsv("rules.json",
                                       R"([{"kind":"kpi_below","name":"attainment","attribute":"kpi:attainment","threshold":0.8}])");
        QCOMPARE(runCli({"health", project, "--rules", rules, "--save-rules"}).exitCode, 0);
        const QString csv = writeCsv("kpi.csv", "account_id,date,attainment\n"
                                                "A0,2026-01-31,0.1\nA1,2026-01-31,0.1\nA2,2026-01-31,0.1\nA3,2026-01-31,0.1\n"
                                                "A0,2026-02-28,0.9\nA1,2026-02-28,0.9\nA2,2026-02-28,0.5\nA3,2026-02-28,0.6\n");
        QCOMPARE(runCli({"import", project, "--kpi", csv}).exitCode, 0);
        const Run run = runCli({"health", project, "--json"});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QJsonObject out = QJsonDocument::fromJson(run.out).object();
        QCOMPARE(out["kpi_snapshot_date"].toString(), QStringLiteral("2026-02-28"));
        const QJsonArray breaches = out["breaches"].toArray();
        QCOMPARE(breaches.size(), 1);
        QCOMPARE(breaches[0].toObject()["territory"].toString(), QStringLiteral("T2"));
        QVERIFY(std::fabs(breaches[0].toObject()["value"].toDouble() - 0.55) < 1e-12);
    }

    void badRowsNamedAndNothingWritten()
    {
        const QString project = writeProject("bad.tessera");
        const QString good = writeCsv("good.csv", "account_id,attainment\nA0,1\n");
        QCOMPARE(runCli({"import", project, "--kpi", good, "--date", "2026-01-31"}).exitCode, 0);
        const Project before = load(project);

        const QString bad = writeCsv("bad.csv", "account_id,attainment,win_rate\n"
                                                "A0,0.9,0.2\n"
                                                "A9,0.8,0.1\n"   // line 3: unknown id
                                                "A1,1e300,0.1\n" // line 4: absurd
                                                "A2,0.7,inf\n"   // line 5: not finite
                                                "ZZ,0.5,0.5\n"   // line 6: unknown id
                                                "A3,0.7,0.1\n");
        const Run run = runCli({"import", project, "--kpi", bad, "--date", "2026-01-31"});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains("bad.csv:3") && run.err.contains("'A9'"), qPrintable(run.err));
        QVERIFY2(run.err.contains("bad.csv:6") && run.err.contains("'ZZ'"), qPrintable(run.err));
        QVERIFY2(run.err.contains("bad.csv:4") && run.err.contains("attainment"), qPrintable(run.err));
        QVERIFY2(run.err.contains("bad.csv:5") && run.err.contains("win_rate"), qPrintable(run.err));
        QVERIFY2(run.err.contains("nothing") || run.err.contains("no KPI snapshot imported"), qPrintable(run.err));
        QCOMPARE(load(project).kpiSnapshots(), before.kpiSnapshots());

        // A bad date is refused before anything is read.
        QCOMPARE(runCli({"import", project, "--kpi", good, "--date", "2026-02-30"}).exitCode, 1);
        QCOMPARE(load(project).kpiSnapshots(), before.kpiSnapshots());
    }

    void accountsReimportedKeepTheirKpis()
    {
        Project project = fourAccounts();
        KpiSnapshot snapshot;
        snapshot.date = "2026-01-31";
        snapshot.values.resize(4);
        const int a = snapshot.addColumn("attainment");
        snapshot.setValue(3, a, 0.4);
        // Old rows 0..3 go to new rows 1, 0, dropped (4 = new size + 2), 2.
        const KpiSnapshot moved = snapshot.remapped({1, 0, 5, 2}, 3);
        QCOMPARE(moved.values.rowCount(), std::size_t(3));
        QVERIFY(moved.hasValue(2, a));
        QCOMPARE(moved.values.value(2, a), 0.4);
        QVERIFY(!moved.hasValue(0, a) && !moved.hasValue(1, a));
    }

    void datesAreCalendarDates()
    {
        QVERIFY(KpiSnapshot::isValidDate("2024-02-29"));
        QVERIFY(!KpiSnapshot::isValidDate("2026-02-29"));
        QVERIFY(!KpiSnapshot::isValidDate("2026-13-01"));
        QVERIFY(!KpiSnapshot::isValidDate("26-01-01"));
        QVERIFY(!KpiSnapshot::isValidDate("2026/01/01"));
    }
};

QTEST_GUILESS_MAIN(TestKpiSnapshot)
#include "tst_kpisnapshot.moc"
