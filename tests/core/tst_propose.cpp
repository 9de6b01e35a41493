// Tests for core/health/fixproposal and `tessera-cli propose`: the move cap,
// locked and pinned units, the breaches a proposal names, rejected moves
// (pins stored in the project) and determinism, on a real project file.
#include "core/health/bordermoves.h"
#include "core/health/fixproposal.h"
#include "core/health/healthcheck.h"
#include "core/metrics/metricsengine.h"
#include "core/model/project.h"
#include "core/store/projectstore.h"
#include "tests/ui/testprojects.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <set>
#include <tuple>

using namespace tessera;

namespace {

/// A 6 × 4 grid in three bands of two columns: revenue 8400, 10000 and
/// 11600 against a mean of 10000, so T1 (84 %) and T3 (116 %) breach the
/// 85–115 % balance rule; two boundary moves can fix both.
Project skewedProject() { return testing::makeGridProject(6, 4, 3); }

HealthRules balanceRules()
{
    HealthRules rules;
    rules.rules.push_back(
        {HealthRuleKind::BalanceOutside, "revenue_balance", "revenue_potential", "accounts", 0.85, 1.15, true});
    rules.rules.push_back({HealthRuleKind::NotContiguous, "not_contiguous", "", "accounts", 0.0, 0.0, true});
    return rules;
}

HealthReport checkOf(const Project &project, const Scenario &scenario, const HealthRules &rules)
{
    const HealthCheck check(rules);
    auto engine = MetricsEngine::create(project, scenario, check.metricOptions(project));
    if (!engine)
        qFatal("engine: %s", engine.error().toString().c_str());
    return check.check(**engine);
}

FixProposal propose(const Project &project, const Scenario &scenario, int maxMoves)
{
    ProposalOptions options;
    options.maxMoves = maxMoves;
    options.workBudget = 20000;
    auto proposal = proposeFixes(project, scenario, balanceRules(), options);
    if (!proposal)
        qFatal("propose: %s", proposal.error().toString().c_str());
    return std::move(*proposal);
}

/// Each breach counts 1 plus its severity (how far past its limit).
double score(const HealthReport &report)
{
    double sum = 0.0;
    for (const HealthBreach &b : report.breaches)
        sum += 1.0 + b.severity;
    return sum;
}

/// A columns × rows grid in vertical bands whose account revenue grows with
/// the square of the column, so the eastern bands carry far more than the mean.
Project skewedGrid(int columns, int rows, int territories)
{
    Project project = testing::makeGridProject(columns, rows, territories);
    AttributeTable &table = project.accounts().attributes();
    const int revenue = table.columnIndex("revenue_potential");
    for (std::size_t a = 0; a < project.accounts().size(); ++a) {
        const double c = static_cast<double>(a % static_cast<std::size_t>(columns));
        table.setValue(a, revenue, 100.0 * (1.0 + c * c));
    }
    return project;
}

/// 6 × 4 grid in two bands of 12 units with one account each and no visits
/// (no travel): T1's accounts need \a westHours each, T2's \a eastHours;
/// Rep One (T1) has \a westCapacity hours, Rep Two (T2) \a eastCapacity.
Project twoRepProject(double westHours, double eastHours, double westCapacity, double eastCapacity)
{
    Project project = testing::makeGridProject(6, 4, 2);
    AttributeTable &table = project.accounts().attributes();
    const int hours = table.addColumn("workload_hours");
    const int visits = table.addColumn("visit_frequency");
    for (std::size_t a = 0; a < project.accounts().size(); ++a) {
        table.setValue(a, hours, a % 6 < 3 ? westHours : eastHours);
        table.setValue(a, visits, 0.0);
    }
    project.reps()[0].capacityHours = westCapacity;
    Rep two;
    two.key = "R2";
    two.name = "Rep Two";
    two.home = {-83.5, 33.2};
    two.capacityHours = eastCapacity;
    project.addRep(two);
    Scenario &scenario = project.scenarios()[0];
    scenario.territories[0].rep = RepId(0);
    scenario.territories[1].rep = RepId(1);
    return project;
}

/// Utilisation above 110 % or below 70 %, and contiguity.
HealthRules utilisationRules()
{
    HealthRules rules;
    rules.rules.push_back({HealthRuleKind::UtilisationAbove, "utilisation_above", "", "accounts", 1.10, 0.0, true});
    rules.rules.push_back({HealthRuleKind::UtilisationBelow, "utilisation_below", "", "accounts", 0.70, 0.0, true});
    rules.rules.push_back({HealthRuleKind::NotContiguous, "not_contiguous", "", "accounts", 0.0, 0.0, true});
    return rules;
}

std::size_t unitsChanged(const Scenario &a, const Scenario &b)
{
    std::size_t changed = 0;
    for (std::size_t u = 0; u < a.alignment.unitCount(); ++u)
        changed += a.alignment.territoryOf(UnitId(static_cast<std::int32_t>(u)))
                   != b.alignment.territoryOf(UnitId(static_cast<std::int32_t>(u)));
    return changed;
}

struct Run {
    int exitCode = -1;
    QJsonObject json;
    QString err;
};

Run runCli(const QStringList &arguments)
{
    QProcess process;
    process.start(QStringLiteral(TESSERA_CLI_PATH), arguments);
    Run run;
    if (!process.waitForFinished(120000) || process.exitStatus() != QProcess::NormalExit)
        return run;
    run.exitCode = process.exitCode();
    run.json = QJsonDocument::fromJson(process.readAllStandardOutput()).object();
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

QStringList movedUnits(const QJsonObject &json)
{
    QStringList units;
    for (const QJsonValue &move : json.value(QStringLiteral("moves")).toArray())
        units << move.toObject().value(QStringLiteral("unit")).toString();
    return units;
}

} // namespace

class TestPropose : public QObject {
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
    void theTestPlanBreachesTheBalanceRule()
    {
        const Project project = skewedProject();
        const HealthReport report = checkOf(project, project.scenarios()[0], balanceRules());
        QCOMPARE(report.breaches.size(), std::size_t(2));
    }

    void neverMoreThanNMoves()
    {
        const Project project = skewedProject();
        const Scenario &scenario = project.scenarios()[0];
        for (const int n : {0, 1, 2, 5}) {
            const FixProposal proposal = propose(project, scenario, n);
            QVERIFY2(proposal.moves.size() <= static_cast<std::size_t>(n), qPrintable(QString::number(n)));
            QCOMPARE(unitsChanged(scenario, proposal.proposed), proposal.moves.size());
            if (n > 0)
                QVERIFY2(!proposal.moves.empty(), "a breached plan gets at least one move");
        }
    }

    void namedBreachesAreReduced_data()
    {
        QTest::addColumn<int>("columns");
        QTest::addColumn<int>("rows");
        QTest::addColumn<int>("territories");
        QTest::addColumn<int>("maxMoves");
        QTest::newRow("6x4 in 3, N=5") << 6 << 4 << 3 << 5;
        QTest::newRow("10x8 in 5, N=12") << 10 << 8 << 5 << 12;
        QTest::newRow("12x6 in 4, N=20") << 12 << 6 << 4 << 20;
    }

    void namedBreachesAreReduced()
    {
        QFETCH(int, columns);
        QFETCH(int, rows);
        QFETCH(int, territories);
        QFETCH(int, maxMoves);
        const Project project = columns == 6 ? skewedProject() : skewedGrid(columns, rows, territories);
        const Scenario &scenario = project.scenarios()[0];
        const FixProposal proposal = propose(project, scenario, maxMoves);
        QVERIFY(!proposal.before.breaches.empty());
        QVERIFY(!proposal.moves.empty());
        QVERIFY(proposal.moves.size() <= static_cast<std::size_t>(maxMoves));
        // Every move shrinks the breach it names, measured after the moves before it.
        Scenario partial = scenario;
        for (const ProposedMove &move : proposal.moves) {
            QVERIFY2(move.rule < balanceRules().rules.size(), move.reason.c_str());
            QVERIFY2(move.breachAfter < move.breachBefore, move.reason.c_str());
            QVERIFY(move.breachTerritory == move.from || move.breachTerritory == move.to);
            const HealthReport before = checkOf(project, partial, balanceRules());
            partial.alignment.assign(move.unit, move.to);
            const HealthReport after = checkOf(project, partial, balanceRules());
            double severity = -1.0;
            for (const HealthBreach &b : after.breaches)
                if (b.rule == move.rule && b.territory == move.breachTerritory)
                    severity = b.severity;
            QCOMPARE(severity < 0.0 ? 0.0 : severity, move.breachAfter);
            QVERIFY2(score(after) < score(before), move.reason.c_str());
        }
        // The figures after are those of the proposed plan, measured afresh.
        const HealthReport after = checkOf(project, proposal.proposed, balanceRules());
        QCOMPARE(after.breaches, proposal.after.breaches);
        QVERIFY(after.breaches.size() < proposal.before.breaches.size());
    }

    void borderMovesKeepTheTerritoryTheyLeaveWhole()
    {
        // 3 × 2: row 0 is T1 T1 T1, row 1 is T1 T2 T1, so T1's middle unit of
        // row 0 holds T1 together and T2 is a single unit.
        Project project = testing::makeGridProject(3, 2, 2);
        Alignment &alignment = project.scenarios()[0].alignment;
        for (int u = 0; u < 6; ++u)
            alignment.assign(UnitId(u), TerritoryId(u == 4 ? 1 : 0));
        const auto movesAround = [&](TerritoryId aimed, const std::vector<int> &locked) {
            std::set<std::tuple<int, int, int>> moves;
            for (const BorderMove &m : borderMovesAround(project.adjacency(), alignment, {aimed}, locked))
                moves.insert({m.unit.value(), m.from.value(), m.to.value()});
            return moves;
        };
        // Not U1 (T1 would fall in two), not U4 (T2 would be empty).
        QCOMPARE(movesAround(TerritoryId(1), {}), (std::set<std::tuple<int, int, int>>{{3, 0, 1}, {5, 0, 1}}));
        QCOMPARE(movesAround(TerritoryId(0), {}), (std::set<std::tuple<int, int, int>>{{3, 0, 1}, {5, 0, 1}}));
        QCOMPARE(movesAround(TerritoryId(1), {-1, -1, -1, -1, -1, 0}), (std::set<std::tuple<int, int, int>>{{3, 0, 1}}));

        // 6 × 4 in bands of two columns: T1 trades its four border units with T2's four.
        const Project bands = skewedProject();
        const auto trades = borderMovesAround(bands.adjacency(), bands.scenarios()[0].alignment, {TerritoryId(0)}, {});
        QCOMPARE(trades.size(), std::size_t(8));
        for (const BorderMove &m : trades) {
            const int column = m.unit.value() % 6;
            QVERIFY(column == 1 ? (m.from == TerritoryId(0) && m.to == TerritoryId(1))
                                : (column == 2 && m.from == TerritoryId(1) && m.to == TerritoryId(0)));
        }
    }

    void kpiBreachIsFixedByABorderTrade()
    {
        // Win rate is the mean of "won" per account; T1 (columns 0–1) has two
        // lost accounts in its border column: 6 of 8 = 0.75 < 0.8. Taking a
        // won unit in from T2 only narrows the breach (7 of 9); giving a lost
        // one away ends it (6 of 7), and T2 stays above the limit (8 of 9).
        Project project = skewedProject();
        AttributeTable &table = project.accounts().attributes();
        const int won = table.addColumn("won");
        table.resize(project.accounts().size());
        for (std::size_t a = 0; a < project.accounts().size(); ++a)
            table.setValue(a, won, a == 1 || a == 7 ? 0.0 : 1.0); // units (row 0, col 1) and (row 1, col 1)
        HealthRules rules;
        rules.rules.push_back({HealthRuleKind::KpiBelow, "win rate", "won", "accounts", 0.8, 0.0, true});
        rules.rules.push_back({HealthRuleKind::NotContiguous, "not_contiguous", "", "accounts", 0.0, 0.0, true});
        const Scenario &scenario = project.scenarios()[0];
        QCOMPARE(checkOf(project, scenario, rules).breaches.size(), std::size_t(1));

        ProposalOptions options;
        options.maxMoves = 1;
        options.workBudget = 20000;
        auto proposal = proposeFixes(project, scenario, rules, options);
        QVERIFY2(proposal, proposal ? "" : proposal.error().toString().c_str());
        QCOMPARE(proposal->moves.size(), std::size_t(1));
        const ProposedMove &move = proposal->moves.front();
        QVERIFY2(move.unit == UnitId(1) || move.unit == UnitId(7), move.unitKey.c_str());
        QCOMPARE(move.from, TerritoryId(0));
        QCOMPARE(move.to, TerritoryId(1));
        QCOMPARE(move.rule, std::size_t(0));
        QCOMPARE(move.breachAfter, 0.0);
        QVERIFY(proposal->after.breaches.empty());
        QVERIFY(checkOf(project, proposal->proposed, rules).breaches.empty());
    }

    void contiguityBreachIsRepairedWithOneMove()
    {
        // U0 (south-west corner, T1's band) given to T3: T3 is in two pieces.
        Project project = skewedProject();
        Scenario &scenario = project.scenarios()[0];
        scenario.alignment.assign(UnitId(0), TerritoryId(2));
        const HealthReport before = checkOf(project, scenario, balanceRules());
        const auto contiguity = [](const HealthReport &report) {
            return std::count_if(report.breaches.begin(), report.breaches.end(),
                                 [](const HealthBreach &b) { return b.rule == 1; });
        };
        QCOMPARE(contiguity(before), 1);
        const FixProposal proposal = propose(project, scenario, 1);
        QCOMPARE(proposal.moves.size(), std::size_t(1));
        QCOMPARE(proposal.moves[0].unit, UnitId(0));
        QCOMPARE(proposal.moves[0].to, TerritoryId(0));
        QCOMPARE(contiguity(proposal.after), 0);
    }

    void utilisationBreachesBalanceWorkload()
    {
        // T1's accounts need 10 h, T2's 2 h; both reps have 100 h, so Rep One
        // is at 120 % and Rep Two at 24 %.
        const Project project = twoRepProject(10.0, 2.0, 100, 100);
        const Scenario &scenario = project.scenarios()[0];
        const HealthRules rules = utilisationRules();

        ProposalOptions options;
        options.maxMoves = 6;
        options.workBudget = 20000;
        auto proposal = proposeFixes(project, scenario, rules, options);
        QVERIFY(proposal);
        QCOMPARE(proposal->before.breaches.size(), std::size_t(2));
        QVERIFY(std::find(proposal->balanced.begin(), proposal->balanced.end(), "workload_hours")
                != proposal->balanced.end());
        QVERIFY(!proposal->moves.empty() && proposal->moves.size() <= 6);
        for (const ProposedMove &move : proposal->moves) {
            QVERIFY2(move.rule == 0 || move.rule == 1, move.reason.c_str());
            QCOMPARE(move.from, TerritoryId(0)); // work flows from the overloaded rep
            QVERIFY(move.breachAfter < move.breachBefore);
        }
        QVERIFY(proposal->after.breaches.size() < proposal->before.breaches.size());
    }

    void utilisationFollowsEachRepsCapacity()
    {
        // 6 h an account and no travel: both reps carry 72 h, an even
        // workload. Rep One has 130 h (55 %, under 70 %), Rep Two 60 h
        // (120 %, over 110 %). Evening out workload changes nothing; moving
        // four of Rep Two's units to Rep One ends both breaches (96 h = 74 %,
        // 48 h = 80 %).
        Project project = twoRepProject(6.0, 6.0, 130, 60);
        const Scenario &scenario = project.scenarios()[0];
        const HealthRules rules = utilisationRules();

        ProposalOptions options;
        options.maxMoves = 6;
        options.workBudget = 20000;
        auto proposal = proposeFixes(project, scenario, rules, options);
        QVERIFY2(proposal, proposal ? "" : proposal.error().toString().c_str());
        QCOMPARE(proposal->before.breaches.size(), std::size_t(2));
        QVERIFY(proposal->workloadByCapacity);
        QVERIFY(!proposal->moves.empty() && proposal->moves.size() <= 6);
        for (const ProposedMove &move : proposal->moves)
            QCOMPARE(move.from, TerritoryId(1)); // work flows to the rep with room
        QVERIFY2(proposal->after.breaches.empty(), proposal->moves.front().reason.c_str());
        QVERIFY(checkOf(project, proposal->proposed, rules).breaches.empty());

        // A territory whose rep has no capacity: the workload goal aims at the mean, as before.
        project.reps()[0].capacityHours = 0;
        auto uncapped = proposeFixes(project, scenario, rules, options);
        QVERIFY2(uncapped, uncapped ? "" : uncapped.error().toString().c_str());
        QVERIFY(!uncapped->workloadByCapacity);
    }

    void lockedUnitsStay()
    {
        Project project = skewedProject();
        Scenario &scenario = project.scenarios()[0];
        const FixProposal free = propose(project, scenario, 5);
        QVERIFY(!free.moves.empty());
        // Without the lock the same run moves this unit first.
        const UnitId locked = free.moves[0].unit;
        scenario.alignment.setLocked(locked, true);
        const FixProposal held = propose(project, scenario, 5);
        for (const ProposedMove &move : held.moves)
            QVERIFY(move.unit != locked);
        QCOMPARE(held.proposed.alignment.territoryOf(locked), scenario.alignment.territoryOf(locked));
        QVERIFY(held.proposed.alignment.isLocked(locked));
    }

    void pinnedUnitsStay()
    {
        Project project = skewedProject();
        Scenario &scenario = project.scenarios()[0];
        const FixProposal free = propose(project, scenario, 5);
        QVERIFY(!free.moves.empty());
        const UnitId pinned = free.moves[0].unit;
        scenario.parametersJson = withPins(scenario.parametersJson, {{free.moves[0].unitKey, "T1", "stays", 0}});
        const FixProposal held = propose(project, scenario, 5);
        QVERIFY(!held.moves.empty());
        for (const ProposedMove &move : held.moves)
            QVERIFY(move.unit != pinned);
        QCOMPARE(held.proposed.alignment.territoryOf(pinned), scenario.alignment.territoryOf(pinned));
        QVERIFY(held.pinsIgnored.empty());
    }

    void deterministic()
    {
        const Project project = skewedProject();
        const FixProposal a = propose(project, project.scenarios()[0], 3);
        const FixProposal b = propose(project, project.scenarios()[0], 3);
        QCOMPARE(a.moves.size(), b.moves.size());
        for (std::size_t i = 0; i < a.moves.size(); ++i) {
            QCOMPARE(a.moves[i].unit, b.moves[i].unit);
            QCOMPARE(a.moves[i].to, b.moves[i].to);
            QCOMPARE(a.moves[i].reason, b.moves[i].reason);
        }
        QCOMPARE(a.proposed.alignment, b.proposed.alignment);
    }

    void pinsRoundTripThroughParameters()
    {
        const std::vector<Pin> pins{{"U3", "T2", "key account", 1700000000}, {"U7", "T1", "", 0}};
        const std::string json = withPins(R"({"optimizer":{"seed":1}})", pins);
        QCOMPARE(pinsOf(json), pins);
        QVERIFY(json.find("\"optimizer\"") != std::string::npos);
        QVERIFY(pinsOf("not json").empty());
    }

    void cliRejectedMoveIsNotProposedAgain()
    {
        const QString path = writeProject(skewedProject(), QStringLiteral("reject.tessera"));
        const QStringList base{QStringLiteral("propose"), path, QStringLiteral("--scenario"), QStringLiteral("Plan"),
                               QStringLiteral("--max-moves"), QStringLiteral("3"), QStringLiteral("--json")};
        const Run first = runCli(base);
        QCOMPARE(first.exitCode, 0);
        const QStringList proposed = movedUnits(first.json);
        QVERIFY(!proposed.isEmpty());
        for (const QJsonValue &move : first.json.value(QStringLiteral("moves")).toArray())
            for (const char *key : {"unit", "from", "to", "reason", "breach_before", "breach_after"})
                QVERIFY2(move.toObject().contains(QLatin1String(key)), key);
        QVERIFY(first.json.value(QStringLiteral("breaches_after")).toInt()
                < first.json.value(QStringLiteral("breaches_before")).toInt());

        const QString rejected = proposed.front();
        const Run second = runCli(base + QStringList{QStringLiteral("--reject"), rejected + QStringLiteral(":key account")});
        QCOMPARE(second.exitCode, 0);
        QVERIFY2(!movedUnits(second.json).contains(rejected), qPrintable(movedUnits(second.json).join(',')));

        // The pin is stored: a later proposal without --reject respects it too.
        const Run third = runCli(base);
        QCOMPARE(third.exitCode, 0);
        QVERIFY(!movedUnits(third.json).contains(rejected));
        auto store = ProjectStore::open(path.toStdString(), ProjectStore::OpenMode::ReadOnly);
        QVERIFY(store);
        auto project = (*store)->load();
        QVERIFY(project);
        const std::vector<Pin> pins = pinsOf(project->findScenario("Plan")->parametersJson);
        QCOMPARE(pins.size(), std::size_t(1));
        QCOMPARE(QString::fromStdString(pins[0].unit), rejected);
        QCOMPARE(pins[0].reason, std::string("key account"));
        auto history = (*store)->history(project->findScenario("Plan")->id);
        QVERIFY(history);
        QVERIFY(std::any_of(history->begin(), history->end(), [](const HistoryEntry &e) {
            return e.summary.find("rejected proposed moves") != std::string::npos;
        }));
    }

    void cliOutScenarioStoresTheProposalAndNeverWritesOnFailure()
    {
        const QString path = writeProject(skewedProject(), QStringLiteral("accept.tessera"));
        const QStringList base{QStringLiteral("propose"), path, QStringLiteral("--scenario"), QStringLiteral("Plan"),
                               QStringLiteral("--max-moves"), QStringLiteral("4"), QStringLiteral("--json")};
        const Run accepted = runCli(base + QStringList{QStringLiteral("--out-scenario"), QStringLiteral("Fixed")});
        QCOMPARE(accepted.exitCode, 0);
        const Run health = runCli({QStringLiteral("health"), path, QStringLiteral("--scenario"), QStringLiteral("Fixed"),
                                   QStringLiteral("--json")});
        QCOMPARE(health.exitCode, 0);
        QCOMPARE(health.json.value(QStringLiteral("breaches")).toArray().size(),
                 accepted.json.value(QStringLiteral("breaches_after")).toInt());

        // An existing name, an unknown unit: refused, and the file keeps its scenarios and pins.
        const Run again = runCli(base + QStringList{QStringLiteral("--out-scenario"), QStringLiteral("Fixed")});
        QCOMPARE(again.exitCode, 1);
        const Run unknown = runCli(base + QStringList{QStringLiteral("--reject"), QStringLiteral("NOPE")});
        QCOMPARE(unknown.exitCode, 1);
        QVERIFY(unknown.err.contains(QStringLiteral("NOPE")));
        auto store = ProjectStore::open(path.toStdString(), ProjectStore::OpenMode::ReadOnly);
        QVERIFY(store);
        auto project = (*store)->load();
        QVERIFY(project);
        QCOMPARE(project->scenarios().size(), std::size_t(2));
        QVERIFY(pinsOf(project->findScenario("Plan")->parametersJson).empty());
    }
};

QTEST_GUILESS_MAIN(TestPropose)
#include "tst_propose.moc"
