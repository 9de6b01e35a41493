// tessera-cli whatif run as a real child process on a real project file:
// a what-if stored as a new scenario, re-applied to the same and to changed
// data, and errors that leave the file byte for byte as it was; the figures of
// a stored what-if (metrics, export) on its transformed data, with its added rep.
#include "core/geometry/unitindex.h"
#include "core/metrics/metricsengine.h"
#include "core/plan/scenariometrics.h"
#include "core/plan/whatifapplier.h"
#include "core/plan/whatiftransform.h"
#include "core/metrics/territorymetrics.h"
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

#include <algorithm>

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

Project loadProject(const QString &path)
{
    auto store = ProjectStore::open(path.toStdString(), ProjectStore::OpenMode::ReadOnly);
    if (!store)
        qFatal("cannot open %s", qPrintable(path));
    auto project = (*store)->load();
    if (!project)
        qFatal("cannot load %s", qPrintable(path));
    return std::move(*project);
}

} // namespace

class TestWhatIfCli : public QObject {
    Q_OBJECT

private:
    QTemporaryDir mDir;
    int mCount = 0;

    /// A 6 × 4 grid project, "Plan" with R1 on T1 and R2 on T2.
    QString newProject()
    {
        const QString path = mDir.filePath(QStringLiteral("w%1.tessera").arg(++mCount));
        Project project = testing::makeGridProject(6, 4, 2);
        Rep second;
        second.key = "R2";
        second.name = "Rep Two";
        second.home = {-83.45, 33.25};
        project.addRep(second);
        project.reps()[0].home = {-83.85, 33.15};
        project.scenarios()[0].territories[0].rep = RepId(0);
        project.scenarios()[0].territories[1].rep = RepId(1);
        auto store = ProjectStore::open(path.toStdString(), ProjectStore::OpenMode::Create);
        if (!store || !(*store)->save(project))
            qFatal("cannot write %s", qPrintable(path));
        return path;
    }

private slots:
    void storesTheTransformsWithTheNewScenario()
    {
        const QString path = newProject();
        const Run run = runCli({"whatif", path, "--scenario", "Plan", "--out-scenario", "Shock", "--scale",
                                "population:4:key=U5*", "--add-rep", "Ann Lee:-83.65:33.25:1600", "--json"});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QJsonObject out = QJsonDocument::fromJson(run.out.toUtf8()).object();
        QCOMPARE(out["scenario"].toString(), QString("Shock"));
        QCOMPARE(out["source"].toString(), QString("Plan"));
        QCOMPARE(out["territories"].toInt(), 3);
        QCOMPARE(out["transforms"].toArray().size(), 2);
        QCOMPARE(out["changes"].toObject()["moved_units"].toArray().size(), 1); // the new rep's home unit

        const Project project = loadProject(path);
        const Scenario *shock = project.findScenario("Shock");
        QVERIFY(shock);
        QCOMPARE(shock->baseline, std::optional<ScenarioId>(project.findScenario("Plan")->id));
        QCOMPARE(shock->territories[2].name, std::string("Ann Lee"));
        QVERIFY(!shock->territories[2].rep.isValid());
        auto transforms = whatif::fromJson(shock->transformsJson);
        QVERIFY(transforms);
        QCOMPARE(transforms->size(), std::size_t(2));
        // The input data is the project's own: population of U5 unchanged.
        QCOMPARE(project.units().attributes().value(5, 0), 6.0);
        QCOMPARE(project.reps().size(), std::size_t(2));
    }

    void reapplyFollowsTheData()
    {
        const QString path = newProject();
        const QStringList make{"whatif", path, "--scenario", "Plan", "--out-scenario", "Capped",
                               "--scale", "population:3:key=U*", "--tolerance", "population:5%",
                               "--remove-rep", "R2:vacant", "--reoptimize", "--max-moved-units", "6"};
        Run run = runCli(make);
        QVERIFY2(run.exitCode == 0 || run.exitCode == 4, qPrintable(run.err));
        const Scenario first = *loadProject(path).findScenario("Capped");
        QVERIFY(!first.territories[1].rep.isValid());

        // The same data: the same plan.
        run = runCli({"whatif", path, "--reapply", "Capped", "--json"});
        QVERIFY2(run.exitCode == 0 || run.exitCode == 4, qPrintable(run.err));
        QCOMPARE(QJsonDocument::fromJson(run.out.toUtf8()).object()["plan_changed"].toBool(), false);
        QVERIFY(loadProject(path).findScenario("Capped")->alignment == first.alignment);

        // Changed data (the east doubles tenfold): the stored transforms give another plan.
        {
            auto store = ProjectStore::open(path.toStdString(), ProjectStore::OpenMode::ReadWrite);
            QVERIFY(store);
            auto project = (*store)->load();
            QVERIFY(project);
            for (std::size_t u = 0; u < project->units().size(); ++u)
                if (u % 6 == 5)
                    project->units().attributes().setValue(u, 0, 10.0 * project->units().attributes().value(u, 0));
            QVERIFY((*store)->save(*project));
        }
        run = runCli({"whatif", path, "--reapply", "Capped", "--json"});
        QVERIFY2(run.exitCode == 0 || run.exitCode == 4, qPrintable(run.err));
        QCOMPARE(QJsonDocument::fromJson(run.out.toUtf8()).object()["plan_changed"].toBool(), true);
        QVERIFY(loadProject(path).findScenario("Capped")->alignment != first.alignment);
    }

    void errorsChangeNothing()
    {
        const QString path = newProject();
        QVERIFY(runCli({"whatif", path, "--scenario", "Plan", "--out-scenario", "Taken", "--territories", "3"}).exitCode == 0);
        const QByteArray before = digest(path);
        const struct {
            QStringList arguments;
            int exitCode;
            const char *message;
        } cases[] = {
            {{"--scenario", "Nope", "--out-scenario", "X", "--territories", "3"}, 1, "no scenario named 'Nope'"},
            {{"--scenario", "Plan", "--out-scenario", "Taken", "--territories", "3"}, 1, "'Taken' exists already"},
            {{"--reapply", "Nope"}, 1, "no scenario named 'Nope'"},
            {{"--reapply", "Plan"}, 1, "has no what-if transforms"},
            {{"--scenario", "Plan", "--out-scenario", "X", "--remove-rep", "R9"}, 1, "no rep with the id or name 'R9'"},
            {{"--scenario", "Plan", "--out-scenario", "X", "--scale", "income:2"}, 1, "no unit or account attribute 'income'"},
            {{"--scenario", "Plan", "--out-scenario", "X", "--scale", "population:-1"}, 2, "above 0"},
            {{"--scenario", "Plan", "--out-scenario", "X", "--add-rep", "A:-83:95"}, 2, "latitude"},
            {{"--scenario", "Plan", "--out-scenario", "X", "--territories", "99"}, 1, "between 1 and 24"},
            {{"--scenario", "Plan", "--out-scenario", "X"}, 2, "at least one transform"},
        };
        for (const auto &c : cases) {
            const Run run = runCli(QStringList{"whatif", path} + c.arguments);
            QVERIFY2(run.exitCode == c.exitCode, qPrintable(c.arguments.join(' ') + ": " + run.err));
            QVERIFY2(run.err.contains(QString::fromUtf8(c.message)), qPrintable(run.err));
            QCOMPARE(run.err.count('\n'), 1);
        }
        // A project another process writes to is refused.
        {
            auto holder = ProjectStore::open(path.toStdString(), ProjectStore::OpenMode::ReadWrite);
            QVERIFY(holder);
            const Run run = runCli({"whatif", path, "--scenario", "Plan", "--out-scenario", "X", "--territories", "3"});
            QCOMPARE(run.exitCode, 1);
            QVERIFY2(run.err.contains("already open for writing"), qPrintable(run.err));
        }
        QCOMPARE(digest(path), before);
    }

    void aStoredWhatIfIsMeasuredOnItsTransformedData()
    {
        const QString path = newProject();
        Run run = runCli({"whatif", path, "--scenario", "Plan", "--out-scenario", "Shock", "--scale",
                          "population:4:key=U5*", "--add-rep", "Ann Lee:-83.65:33.25:1600"});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        run = runCli({"metrics", path, "--scenario", "Shock", "--json"});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QJsonArray territories = QJsonDocument::fromJson(run.out.toUtf8()).object()["territories"].toArray();

        // What the what-if previewed: the transforms applied to the project, measured.
        const Project project = loadProject(path);
        const Scenario *shock = project.findScenario("Shock");
        QVERIFY(shock);
        auto transforms = whatif::fromJson(shock->transformsJson);
        QVERIFY(transforms);
        auto previewed = whatif::Applier(project).apply(*project.findScenario("Plan"), *transforms);
        QVERIFY(previewed);
        auto engine = MetricsEngine::create(previewed->project, previewed->scenario);
        QVERIFY(engine);
        auto plain = MetricsEngine::create(project, *shock);
        QVERIFY(plain);
        const auto population = [](const MetricsEngine &e, std::size_t t) {
            const auto &names = e.attributeNames();
            const auto k = std::size_t(std::find(names.begin(), names.end(), "population") - names.begin());
            return e.territories()[t].attributes.at(k).sum;
        };
        QCOMPARE(territories.size(), qsizetype(3));
        bool differs = false;
        for (int t = 0; t < 3; ++t) {
            const QJsonObject figures = territories[t].toObject();
            QCOMPARE(figures["attributes"].toObject()["population"].toObject()["sum"].toDouble(),
                     population(**engine, std::size_t(t)));
            QCOMPARE(figures["workload"].toObject()["capacity_hours"].toDouble(),
                     (*engine)->territories()[std::size_t(t)].capacityHours);
            differs = differs || population(**plain, std::size_t(t)) != population(**engine, std::size_t(t));
        }
        QVERIFY(differs); // the project's own data would give other figures
        // The added rep is the third territory's rep, with its capacity.
        QCOMPARE(territories[2].toObject()["rep"].toObject()["name"].toString(), QString("Ann Lee"));
        QCOMPARE(territories[2].toObject()["workload"].toObject()["capacity_hours"].toDouble(), 1600.0);

        // After reopening, the rep is the scenario's and its home unit is in its territory.
        ScenarioMetrics metrics(project, MetricOptions{});
        QVERIFY(metrics.show(*shock));
        const auto &reps = metrics.data().reps();
        const auto ann = std::find_if(reps.begin(), reps.end(), [](const Rep &r) { return r.name == "Ann Lee"; });
        QVERIFY(ann != reps.end());
        const UnitId home = geometry::UnitIndex(project.units()).locate(ann->home);
        QVERIFY(home.isValid());
        const TerritoryId served = metrics.engine()->territoryOf(home);
        QVERIFY(served.isValid());
        QCOMPARE(metrics.engine()->territory(served).rep, ann->id);

        // Export writes the same figures and the rep's name.
        const QString csv = mDir.filePath(QStringLiteral("shock.csv"));
        run = runCli({"export", path, "--scenario", "Shock", "--format", "csv", "--what", "territories", "--out", csv});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QFile file(csv);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(QString::fromUtf8(file.readAll()).contains(QStringLiteral("Ann Lee")));

        // Health checks the same data: the added rep is named in a breach.
        const QString rules = mDir.filePath(QStringLiteral("rules.json"));
        QFile rulesFile(rules);
        QVERIFY(rulesFile.open(QIODevice::WriteOnly));
        rulesFile.write(R"([{"kind":"utilisation_below","name":"Room to grow","threshold":100}])");
        rulesFile.close();
        run = runCli({"health", path, "--scenario", "Shock", "--rules", rules, "--json"});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY2(run.out.contains(QStringLiteral("Ann Lee")), qPrintable(run.out));

        // The audit too: the added rep with the scaled population of their territory.
        run = runCli({"audit", path, "--scenario", "Shock", "--baseline", "Plan", "--potential", "population", "--json"});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QJsonArray audited = QJsonDocument::fromJson(run.out.toUtf8()).object()["reps"].toArray();
        bool found = false;
        for (const QJsonValue &rep : audited)
            if (rep.toObject()["name"].toString() == QStringLiteral("Ann Lee")) {
                found = true;
                QCOMPARE(rep.toObject()["scenario"].toObject()["potential"].toDouble(), population(**engine, 2));
            }
        QVERIFY2(found, qPrintable(run.out));

#ifdef TESSERA_GUI_PATH
        // The slide deck's legend names the added rep as the territory's rep.
        const QString deck = mDir.filePath(QStringLiteral("shock.pptx"));
        run = runCli({"export", path, "--scenario", "Shock", "--format", "pptx", "--out", deck});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QProcess python;
        python.start(QStringLiteral("python3"),
                     {QStringLiteral("-c"),
                      QStringLiteral("import sys, zipfile\n"
                                     "z = zipfile.ZipFile(sys.argv[1])\n"
                                     "print(''.join(z.read(n).decode() for n in z.namelist() if n.startswith('ppt/slides/slide')))"),
                      deck});
        QVERIFY(python.waitForFinished(30000));
        QCOMPARE(python.exitCode(), 0);
        QVERIFY(QString::fromUtf8(python.readAllStandardOutput()).contains(QStringLiteral("Ann Lee")));
#endif
    }

    /// Every rep serving a territory of \a name has the unit holding their home in that territory.
    static void checkHomeUnits(const QString &path, const std::string &name, int expectedReps)
    {
        const Project project = loadProject(path);
        const Scenario *scenario = project.findScenario(name);
        QVERIFY(scenario);
        ScenarioMetrics metrics(project, MetricOptions{});
        auto shown = metrics.show(*scenario);
        QVERIFY2(shown, shown ? "" : shown.error().toString().c_str());
        const geometry::UnitIndex index(project.units());
        int checked = 0;
        for (const TerritoryMetrics &territory : metrics.engine()->territories()) {
            if (!territory.rep.isValid())
                continue;
            const Rep &rep = metrics.data().reps()[std::size_t(territory.rep.value())];
            UnitId home = index.locate(rep.home);
            if (!home.isValid())
                home = index.nearest(rep.home);
            QVERIFY2(metrics.engine()->territoryOf(home) == territory.territory, rep.name.c_str());
            ++checked;
        }
        QCOMPARE(checked, expectedReps);
    }

    void addedRepsKeepTheirHomeUnitsWhenReoptimized()
    {
        const QString path = newProject();
        const Run run = runCli({"whatif", path, "--scenario", "Plan", "--out-scenario", "Hire", "--add-rep",
                                "Ann Lee:-83.65:33.25:1600", "--tolerance", "population:10%", "--reoptimize", "--json"});
        QVERIFY2(run.exitCode == 0 || run.exitCode == 4, qPrintable(run.err));
        checkHomeUnits(path, "Hire", 3);
    }

    void workshopHireOnTheSample()
    {
        // The user guide's workshop: two hires and a 14-territory plan on the sample, then rebalanced.
        const QString path = mDir.filePath(QStringLiteral("southeast.tessera"));
        QVERIFY(QFile::copy(QStringLiteral(TESSERA_SOURCE_DIR "/resources/samples/southeast.tessera"), path));
        QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
        const Run run = runCli({"whatif", path, "--scenario", "Current plan", "--out-scenario", "Hire", "--add-rep",
                                "Macon:-83.63:32.84", "--add-rep", "Augusta:-81.97:33.47", "--territories", "14",
                                "--reoptimize", "--json"});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err)); // within the ±5 % population tolerance, contiguous
        const QJsonObject out = QJsonDocument::fromJson(run.out.toUtf8()).object();
        QCOMPARE(out["balanced"].toBool(), true);
        QCOMPARE(out["contiguous"].toBool(), true);
        QCOMPARE(out["territories"].toInt(), 14);
        checkHomeUnits(path, "Hire", 14);
    }
};

QTEST_GUILESS_MAIN(TestWhatIfCli)
#include "tst_whatifcli.moc"
