// Tests for core/health and the health/audit commands: spread figures against
// hand-computed values, each rule's breaches on a hand-made plan (each found,
// none invented), rules stored in a real project file, and the fairness audit
// of a plan against its baseline.
#include "core/health/fairnessaudit.h"
#include "core/health/healthcheck.h"
#include "core/metrics/metricsengine.h"
#include "core/metrics/spread.h"
#include "core/model/project.h"
#include "core/store/projectstore.h"
#include "tests/ui/testprojects.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace tessera;

namespace {

#define QNEAR(a, b)                                                                                                   \
    do {                                                                                                              \
        const double qa = (a), qb = (b);                                                                              \
        if (!(std::fabs(qa - qb) <= 1e-9 * std::max(1.0, std::fabs(qb))))                                              \
            QFAIL(qPrintable(QStringLiteral("%1 = %2, expected %3").arg(#a).arg(qa, 0, 'g', 12).arg(qb, 0, 'g', 12))); \
    } while (false)

/// A strip of four units U0..U3 with one account each and two reps:
/// - accounts: revenue 100, 100, 10, 10; workload 20, 1, 1, 1 h; no visits
///   (so no travel); won 2, 5, 0, 0 of 10, 10, 0, 0 opportunities;
/// - Rep One (capacity 10 h) and Rep Two (capacity 100 h);
/// - "Plan": T1 = {U0, U2} (Rep One, two pieces), T2 = {U1} (Rep Two), T3 = {U3} (no rep);
/// - "Before": T1 = {U0, U1}, T2 = {U2}, T3 = {U3}.
Project stripProject()
{
    Project project = testing::makeGridProject(4, 1, 3);
    AttributeTable &table = project.accounts().attributes();
    const int revenue = table.addColumn("revenue_potential");
    const int hours = table.addColumn("workload_hours");
    const int visits = table.addColumn("visit_frequency");
    const int won = table.addColumn("won");
    const int opportunities = table.addColumn("opportunities");
    const double values[4][5] = {{100, 20, 0, 2, 10}, {100, 1, 0, 5, 10}, {10, 1, 0, 0, 0}, {10, 1, 0, 0, 0}};
    for (std::size_t a = 0; a < 4; ++a) {
        table.setValue(a, revenue, values[a][0]);
        table.setValue(a, hours, values[a][1]);
        table.setValue(a, visits, values[a][2]);
        table.setValue(a, won, values[a][3]);
        table.setValue(a, opportunities, values[a][4]);
    }
    project.reps()[0].capacityHours = 10;
    Rep two;
    two.key = "R2";
    two.name = "Rep Two";
    two.home = {-83.85, 33.05};
    two.capacityHours = 100;
    project.addRep(two);

    Scenario &plan = project.scenarios()[0];
    plan.territories[0].rep = RepId(0);
    plan.territories[1].rep = RepId(1);
    const int planOf[4] = {0, 1, 0, 2}, beforeOf[4] = {0, 0, 1, 2};
    Scenario before = plan;
    before.name = "Before";
    for (int u = 0; u < 4; ++u) {
        plan.alignment.assign(UnitId(u), TerritoryId(planOf[u]));
        before.alignment.assign(UnitId(u), TerritoryId(beforeOf[u]));
    }
    project.scenarios().push_back(before);
    return project;
}

HealthRules rulesWithWinRate()
{
    HealthRules rules = HealthRules::defaults();
    HealthRule winRate;
    winRate.kind = HealthRuleKind::KpiBelow;
    winRate.name = "win_rate";
    winRate.attribute = "won";
    winRate.denominator = "opportunities";
    winRate.threshold = 0.3;
    rules.rules.push_back(winRate);
    return rules;
}

std::unique_ptr<MetricsEngine> engineFor(const Project &project, const Scenario &scenario, const HealthCheck &check,
                                         const Scenario *baseline = nullptr)
{
    auto engine = MetricsEngine::create(project, scenario, check.metricOptions(project), baseline);
    if (!engine)
        qFatal("engine: %s", engine.error().toString().c_str());
    return std::move(*engine);
}

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

} // namespace

class TestHealth : public QObject {
    Q_OBJECT

private:
    QTemporaryDir mDir;

    QString writeProject(const Project &project, const QString &name)
    {
        const QString path = mDir.filePath(name);
        auto store = ProjectStore::open(path.toStdString(), ProjectStore::OpenMode::Create);
        if (!store || !(*store)->save(project))
            qFatal("cannot write %s", qPrintable(path));
        return path;
    }

private slots:
    void spreadMatchesHandComputedValues()
    {
        const std::vector<double> values{1, 2, 3, 4};
        const Spread s = spreadOf(values);
        QCOMPARE(s.count, std::size_t(4));
        QNEAR(s.total, 10.0);
        QNEAR(s.mean, 2.5);
        QNEAR(s.maxMinRatio, 4.0);
        // Population variance ((1.5² + 0.5²) · 2) ÷ 4 = 1.25.
        QNEAR(s.coefficientOfVariation, std::sqrt(1.25) / 2.5);
        // Σᵢ Σⱼ |xᵢ − xⱼ| = 20 over 2 n² mean = 80.
        QNEAR(s.gini, 0.25);

        QNEAR(spreadOf(std::vector<double>{0, 0, 0, 10}).gini, 0.75); // one holds everything: (n − 1) ÷ n
        QNEAR(spreadOf(std::vector<double>{7, 7, 7}).gini, 0.0);
        QNEAR(spreadOf(std::vector<double>{7, 7, 7}).coefficientOfVariation, 0.0);
        QVERIFY(std::isnan(spreadOf(std::vector<double>{0, 0, 10}).maxMinRatio));
        QVERIFY(std::isnan(spreadOf(std::vector<double>{-1, 3}).gini));
        QVERIFY(std::isnan(spreadOf(std::vector<double>{0, 0}).gini));
        QVERIFY(std::isnan(spreadOf(std::vector<double>{}).mean));
        QVERIFY(std::isnan(spreadOf(std::vector<double>{1, NAN}).coefficientOfVariation));

        const auto curve = lorenzCurve(std::vector<double>{3, 1});
        QCOMPARE(curve.size(), std::size_t(3));
        QNEAR(curve[1].first, 0.5);
        QNEAR(curve[1].second, 0.25);
        QNEAR(curve[2].second, 1.0);
        QVERIFY(lorenzCurve(std::vector<double>{-1, 2}).empty());
    }

    void planMetricsUseTheSameSpread()
    {
        const Project project = stripProject();
        const HealthCheck check(HealthRules::defaults());
        const auto engine = engineFor(project, project.scenarios()[0], check);
        const std::vector<std::string> &names = engine->attributeNames();
        const auto k = std::find(names.begin(), names.end(), "revenue_potential") - names.begin();
        std::vector<double> sums;
        for (const TerritoryMetrics &m : engine->territories())
            sums.push_back(m.attributes[static_cast<std::size_t>(k)].sum);
        const AttributeSpread &plan = engine->plan().attributes[static_cast<std::size_t>(k)];
        QCOMPARE(plan.coefficientOfVariation, spreadOf(sums).coefficientOfVariation);
        QCOMPARE(plan.maxMinRatio, spreadOf(sums).maxMinRatio);
        // Per rep sums: Rep One serves T1 (U0 + U2), Rep Two T2 (U1).
        QNEAR(engine->plan().reps[0].attributeSums[static_cast<std::size_t>(k)], 110.0);
        QNEAR(engine->plan().reps[1].attributeSums[static_cast<std::size_t>(k)], 100.0);
        QCOMPARE(engine->plan().reps[0].accountCount, std::size_t(2));
    }

    void everyBreachIsFoundAndNoneInvented()
    {
        const Project project = stripProject();
        const HealthRules rules = rulesWithWinRate();
        const HealthCheck check(rules);
        const auto engine = engineFor(project, project.scenarios()[0], check);
        const HealthReport report = check.check(*engine);
        QVERIFY(report.skipped.empty());

        struct Expected {
            std::size_t rule;
            int territory;
            double value, threshold;
        };
        // Worst first. Revenue mean 220 ÷ 3; utilisation 21 ÷ 10 and 1 ÷ 100; win rate 2 ÷ 10.
        const double mean = 220.0 / 3.0;
        const Expected expected[] = {
            {3, 0, 2.0, 1.0},               // T1 in two pieces: severity 1
            {1, 1, 0.01, 0.70},             // Rep Two: 1 − 0.01 ÷ 0.7
            {0, 0, 2.1, 1.10},              // Rep One: 2.1 ÷ 1.1 − 1
            {2, 2, 10.0 / mean, 0.85},      // T3: revenue 10
            {5, 0, 0.2, 0.3},               // T1: win rate (after the five default rules)
            {2, 0, 110.0 / mean, 1.15},     // T1: revenue 110
            {2, 1, 100.0 / mean, 1.15},     // T2: revenue 100
        };
        QCOMPARE(report.breaches.size(), std::size(expected));
        for (std::size_t i = 0; i < std::size(expected); ++i) {
            const HealthBreach &b = report.breaches[i];
            QCOMPARE(b.rule, expected[i].rule);
            QCOMPARE(b.territory.value(), expected[i].territory);
            QNEAR(b.value, expected[i].value);
            QNEAR(b.threshold, expected[i].threshold);
            QVERIFY(b.severity > 0.0);
            if (i > 0)
                QVERIFY(b.severity <= report.breaches[i - 1].severity);
        }
        // T3 has no rep: its breaches carry none.
        QVERIFY(!report.breaches[3].rep.isValid());
        QCOMPARE(report.breaches[1].rep, RepId(1));
    }

    void limitsAreStrict()
    {
        const Project project = stripProject();
        HealthRules rules;
        rules.rules.push_back({HealthRuleKind::UtilisationAbove, "above", "", "accounts", 2.1, 0.0, true});
        rules.rules.push_back({HealthRuleKind::UtilisationBelow, "below", "", "accounts", 0.01, 0.0, true});
        rules.rules.push_back({HealthRuleKind::BalanceOutside, "band", "revenue_potential", "accounts", 0.1, 1.5, true});
        rules.rules.push_back({HealthRuleKind::KpiBelow, "kpi", "won", "opportunities", 0.2, 0.0, true});
        HealthCheck atTheLimit(rules);
        auto engine = engineFor(project, project.scenarios()[0], atTheLimit);
        QVERIFY(atTheLimit.check(*engine).breaches.empty());

        rules.rules[0].threshold = 2.0999;
        const HealthCheck justInside(rules);
        const HealthReport report = justInside.check(*engine);
        QCOMPARE(report.breaches.size(), std::size_t(1));
        QCOMPARE(report.breaches[0].rule, std::size_t(0));

        rules.rules[0].enabled = false;
        QVERIFY(HealthCheck(rules).check(*engine).breaches.empty());
    }

    void rulesOnMissingColumnsAreSkippedNotGuessed()
    {
        const Project project = stripProject();
        HealthRules rules;
        rules.rules.push_back({HealthRuleKind::KpiBelow, "attainment", "bookings", "quota", 0.8, 0.0, true});
        const HealthCheck check(rules);
        const auto engine = engineFor(project, project.scenarios()[0], check);
        const HealthReport report = check.check(*engine);
        QVERIFY(report.breaches.empty());
        QCOMPARE(report.skipped.size(), std::size_t(1));
        QVERIFY(report.skipped[0].reason.find("bookings") != std::string::npos);
    }

    void rulesRoundTripThroughJsonAndRefuseNonsense()
    {
        const HealthRules rules = rulesWithWinRate();
        const auto back = HealthRules::fromJson(rules.toJson(), "test");
        QVERIFY2(back, back ? "" : back.error().toString().c_str());
        QVERIFY(*back == rules);

        const auto stored = rules.storedIn(R"({"name": "South-East"})");
        QVERIFY(stored);
        QVERIFY(stored->find("South-East") != std::string::npos);
        const auto read = HealthRules::fromSettings(*stored);
        QVERIFY(read && *read == rules);
        QVERIFY(*HealthRules::fromSettings("{}") == HealthRules::defaults());

        const char *bad[] = {
            R"([{"kind": "utilisation_sideways", "threshold": 1}])",
            R"([{"kind": "utilisation_above", "threshold": -1}])",
            R"([{"kind": "balance_outside", "threshold": 0.9, "upper": 1.1}])",
            R"([{"kind": "balance_outside", "attribute": "x", "threshold": 0.9, "upper": 0.5}])",
            R"([{"kind": "kpi_below", "threshold": 0.5}])",
            R"([{"kind": "utilisation_above", "threshold": "high"}])",
            R"({"kind": "not_contiguous"})",
            "[",
        };
        for (const char *text : bad) {
            const auto parsed = HealthRules::fromJson(text, "rules.json");
            QVERIFY2(!parsed, text);
            QCOMPARE(parsed.error().code, ErrorCode::InvalidInput);
            QCOMPARE(parsed.error().context, std::string("rules.json"));
        }
        const auto second = HealthRules::fromJson(
            R"([{"kind": "not_contiguous"}, {"kind": "utilisation_below", "threshold": 1e300}])", "rules.json");
        QVERIFY(!second);
        QVERIFY(second.error().message.find("rule 2") != std::string::npos);
    }

    void auditAgainstTheBaselineByHand()
    {
        const Project project = stripProject();
        const HealthCheck check(HealthRules::defaults());
        const Scenario &plan = project.scenarios()[0], &before = project.scenarios()[1];
        const auto current = engineFor(project, plan, check, &before);
        const auto baseline = engineFor(project, before, check);
        const auto audit = FairnessAudit::measure(*current, *baseline, "revenue_potential");
        QVERIFY2(audit, audit ? "" : audit.error().toString().c_str());
        QCOMPARE(audit->reps.size(), std::size_t(2));

        // Rep One had A0 and A1 (200), now A0 and A2 (110): lost A1, gained A2.
        const RepAudit &one = audit->reps[0];
        QNEAR(one.current.potential, 110.0);
        QNEAR(one.baseline.potential, 200.0);
        QCOMPARE(one.accountsGained, std::size_t(1));
        QCOMPARE(one.accountsLost, std::size_t(1));
        QNEAR(one.revenueGained, 10.0);
        QNEAR(one.revenueLost, 100.0);
        QNEAR(one.keptShare, 0.5);
        QNEAR(one.current.workloadHours, 21.0);
        QNEAR(one.current.utilisation, 2.1);
        // Rep Two had A2 (10), now A1 (100): keeps nothing.
        const RepAudit &two = audit->reps[1];
        QNEAR(two.current.potential, 100.0);
        QNEAR(two.baseline.potential, 10.0);
        QNEAR(two.keptShare, 0.0);

        // {110, 100}: Gini 20 ÷ (2 · 4 · 105), CV 5 ÷ 105; baseline {200, 10}: Gini 380 ÷ 840.
        QNEAR(audit->potential.gini, 20.0 / 840.0);
        QNEAR(audit->potential.coefficientOfVariation, 5.0 / 105.0);
        QNEAR(audit->potential.maxMinRatio, 1.1);
        QNEAR(audit->baselinePotential.gini, 380.0 / 840.0);
        QNEAR(audit->baselinePotential.maxMinRatio, 20.0);
        QCOMPARE(audit->potentialLorenz.size(), std::size_t(3));
        QNEAR(audit->potentialLorenz[1].second, 100.0 / 210.0);

        QCOMPARE(FairnessAudit::measure(*baseline, *baseline, "revenue_potential").error().code,
                 ErrorCode::InvalidArgument);
        QCOMPARE(FairnessAudit::measure(*current, *baseline, "nowhere").error().code, ErrorCode::NotFound);
    }

    void cliHealthReadsAndStoresRules()
    {
        const QString path = writeProject(stripProject(), QStringLiteral("strip.tessera"));
        Run run = runCli({"health", path, "--json"});
        QCOMPARE(run.exitCode, 0);
        QJsonObject out = QJsonDocument::fromJson(run.out).object();
        QCOMPARE(out["scenario"].toString(), QStringLiteral("Plan"));
        QCOMPARE(out["breaches"].toArray().size(), 6); // the defaults: no win-rate rule
        const QJsonObject worst = out["breaches"].toArray()[0].toObject();
        QCOMPARE(worst["rule"].toString(), QStringLiteral("not_contiguous"));
        QCOMPARE(worst["territory"].toString(), QStringLiteral("T1"));
        QCOMPARE(worst["rep"].toObject()["name"].toString(), QStringLiteral("Rep One"));

        const QString rulesPath = mDir.filePath(QStringLiteral("rules.json"));
        QFile rulesFile(rulesPath);
        QVERIFY(rulesFile.open(QIODevice::WriteOnly));
        rulesFile.write(rulesWithWinRate().toJson().c_str());
        rulesFile.close();
        QCOMPARE(runCli({"health", path, "--rules", rulesPath, "--save-rules"}).exitCode, 0);
        run = runCli({"health", path, "--json"});
        out = QJsonDocument::fromJson(run.out).object();
        QCOMPARE(out["breaches"].toArray().size(), 7);
        QCOMPARE(out["rules"].toArray().last().toObject()["name"].toString(), QStringLiteral("win_rate"));

        QCOMPARE(runCli({"health", path, "--save-rules"}).exitCode, 2);
        QCOMPARE(runCli({"health", path, "--scenario", "Nowhere"}).exitCode, 1);
        QFile broken(mDir.filePath(QStringLiteral("broken.json")));
        QVERIFY(broken.open(QIODevice::WriteOnly));
        broken.write(R"([{"kind": "utilisation_above", "threshold": -2}])");
        broken.close();
        run = runCli({"health", path, "--rules", broken.fileName(), "--save-rules"});
        QCOMPARE(run.exitCode, 1);
        QVERIFY(run.err.contains(QStringLiteral("broken.json")));
        // The stored rules are untouched by the failed command.
        QCOMPARE(QJsonDocument::fromJson(runCli({"health", path, "--json"}).out).object()["breaches"].toArray().size(), 7);
    }

    void cliAuditMatchesTheCore()
    {
        const QString path = writeProject(stripProject(), QStringLiteral("audit.tessera"));
        const Run run = runCli({"audit", path, "--scenario", "Plan", "--baseline", "Before", "--json"});
        QCOMPARE(run.exitCode, 0);
        const QJsonObject out = QJsonDocument::fromJson(run.out).object();
        QCOMPARE(out["reps"].toArray().size(), 2);
        const QJsonObject one = out["reps"].toArray()[0].toObject();
        QCOMPARE(one["name"].toString(), QStringLiteral("Rep One"));
        QCOMPARE(one["accounts_lost"].toInt(), 1);
        QNEAR(one["kept_share"].toDouble(), 0.5);
        QNEAR(out["potential"].toObject()["scenario"].toObject()["gini"].toDouble(), 20.0 / 840.0);
        QNEAR(out["potential"].toObject()["baseline"].toObject()["gini"].toDouble(), 380.0 / 840.0);
        QCOMPARE(runCli({"audit", path, "--scenario", "Plan"}).exitCode, 2); // no baseline to audit against
        QCOMPARE(runCli({"audit", path, "--scenario", "Plan", "--baseline", "Before", "--potential", "nothing"}).exitCode,
                 1);
    }
};

QTEST_GUILESS_MAIN(TestHealth)
#include "tst_health.moc"
