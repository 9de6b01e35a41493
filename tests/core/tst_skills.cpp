// Tests for skills and expertise: rep skills and account requirements through
// the CSV importers and the project file, the mismatch count per rep
// (SkillMatch, the health rule), the account-level step of the optimizer and
// the proposals (never a mismatch, nearest qualified rep), and the audit
// report read back from PDF (pdftotext) and XLSX (LibreOffice to CSV).
#include "core/health/fairnessaudit.h"
#include "core/health/fixproposal.h"
#include "core/health/healthcheck.h"
#include "core/io/accountimporter.h"
#include "core/io/auditworkbook.h"
#include "core/io/repimporter.h"
#include "core/metrics/metricsengine.h"
#include "core/metrics/skillmatch.h"
#include "core/model/project.h"
#include "core/plan/skillassignment.h"
#include "core/store/projectstore.h"
#include "tests/ui/testprojects.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>

using namespace tessera;

namespace {

/// The 6 × 4 grid in three bands (T1 columns 0-1, T2 2-3, T3 4-5; unit
/// r * 6 + c, account A<unit> at its centre), one rep per band living in its
/// middle: Ann (T1) speaks Spanish, Bob (T2) is oncology certified, Cara
/// (T3) is oncology certified and senior. T1 holds 84 % and T3 116 % of the
/// mean revenue, so the balance rule is breached.
Project skillsProject()
{
    Project project = testing::makeGridProject(6, 4, 3);
    project.reps().clear();
    const struct {
        const char *key, *name;
        double lon;
        std::vector<std::string> skills;
    } reps[] = {{"R1", "Ann Lee", -83.9, {"es"}},
                {"R2", "Bob Ray", -83.7, {"oncology"}},
                {"R3", "Cara Diaz", -83.5, {"Oncology", "senior"}}};
    for (const auto &r : reps) {
        Rep rep;
        rep.key = r.key;
        rep.name = r.name;
        rep.home = {r.lon, 33.2};
        rep.capacityHours = 100.0;
        rep.skills = r.skills;
        project.addRep(rep);
    }
    Scenario &plan = project.scenarios().front();
    for (int t = 0; t < 3; ++t)
        plan.territories[static_cast<std::size_t>(t)].rep = RepId(t);
    return project;
}

Account &account(Project &project, int unit) { return project.accounts().account(AccountId(unit)); }

std::size_t mismatchCount(const Project &project, const Scenario &scenario)
{
    return SkillMatch::measure(project, scenario.territories, scenario.alignment).mismatches.size();
}

QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &content)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", qPrintable(path));
    file.write(content);
    return path;
}

struct Run {
    int exitCode = -1;
    QByteArray out;
    QString err;
};

Run run(const QString &program, const QStringList &arguments, int timeoutMs = 120000)
{
    QProcess process;
    process.start(program, arguments);
    Run result;
    if (!process.waitForFinished(timeoutMs) || process.exitStatus() != QProcess::NormalExit)
        return result;
    result.exitCode = process.exitCode();
    result.out = process.readAllStandardOutput();
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

/// A saved skills project with a second scenario "Moved" in which units 2
/// and 8 (column 2) went from T2 to T1, so the audit has gains and losses.
QString savedProject(const QTemporaryDir &dir, Project project)
{
    Scenario moved = project.scenarios().front();
    moved.name = "Moved";
    moved.id = 0;
    for (int unit : {2, 8})
        moved.alignment.assign(UnitId(unit), TerritoryId(0));
    project.scenarios().push_back(moved);
    const QString path = dir.filePath(QStringLiteral("skills.tessera"));
    auto store = ProjectStore::open(path.toStdString(), ProjectStore::OpenMode::Create);
    if (!store)
        qFatal("open: %s", store.error().toString().c_str());
    if (auto saved = (*store)->save(project); !saved)
        qFatal("save: %s", saved.error().toString().c_str());
    return path;
}

} // namespace

class TestSkills : public QObject {
    Q_OBJECT

private slots:
    void importAndProjectFileRoundTrip()
    {
        QTemporaryDir dir;
        const QString reps = writeFile(dir, QStringLiteral("reps.csv"),
                                       "id,name,lat,lon,capacity_hours,skills\n"
                                       "R1,Ann Lee,33.2,-83.9,100,es;oncology;senior\n"
                                       "R2,Bob Ray,33.2,-83.7,100,\n");
        const QString accounts = writeFile(dir, QStringLiteral("accounts.csv"),
                                           "id,name,lat,lon,revenue_potential,requires\n"
                                           "A1,Clinic,32.5,-85.5,100,oncology; senior\n"
                                           "A2,Shop,32.5,-84.5,200,\n"
                                           "A3,Hospital,32.4,-84.4,300,es|oncology\n");
        std::vector<Rep> repList;
        QVERIFY(io::importReps(reps.toStdString(), {}, repList));
        QCOMPARE(repList[0].skills, (std::vector<std::string>{"es", "oncology", "senior"}));
        QVERIFY(repList[1].skills.empty());
        AccountLayer layer;
        QVERIFY(io::importAccounts(accounts.toStdString(), {}, layer));
        QCOMPARE(layer.size(), std::size_t(3));
        QCOMPARE(layer.accounts()[0].requiredSkills, (std::vector<std::string>{"oncology", "senior"}));
        QVERIFY(layer.accounts()[1].requiredSkills.empty());
        QCOMPARE(layer.accounts()[2].requiredSkills, (std::vector<std::string>{"es", "oncology"}));
        // The requirement column is text, never an attribute.
        QCOMPARE(layer.attributes().columnIndex("requires"), -1);
        QVERIFY(layer.attributes().columnIndex("revenue_potential") >= 0);

        Project project = skillsProject();
        account(project, 0).requiredSkills = {"oncology", "senior"};
        account(project, 5).requiredSkills = {"es"};
        const QString path = savedProject(dir, project);
        auto store = ProjectStore::open(path.toStdString(), ProjectStore::OpenMode::ReadOnly);
        QVERIFY(store);
        auto loaded = (*store)->load();
        QVERIFY2(loaded, loaded ? "" : loaded.error().toString().c_str());
        QCOMPARE(loaded->accounts().accounts()[0].requiredSkills, (std::vector<std::string>{"oncology", "senior"}));
        QCOMPARE(loaded->accounts().accounts()[5].requiredSkills, (std::vector<std::string>{"es"}));
        QVERIFY(loaded->accounts().accounts()[1].requiredSkills.empty());
        QCOMPARE(loaded->reps()[2].skills, (std::vector<std::string>{"Oncology", "senior"}));

        // `tessera-cli import` reads the columns too.
        const QString imported = dir.filePath(QStringLiteral("imported.tessera"));
        const QString units = QStringLiteral(TESSERA_SOURCE_DIR "/tests/data/io/units.geojson");
        const Run cli = run(QStringLiteral(TESSERA_CLI_PATH),
                            {QStringLiteral("import"), imported, QStringLiteral("--units"), units,
                             QStringLiteral("--accounts"), accounts, QStringLiteral("--reps"), reps});
        QVERIFY2(cli.exitCode == 0, qPrintable(cli.err));
        auto reread = ProjectStore::open(imported.toStdString(), ProjectStore::OpenMode::ReadOnly);
        QVERIFY(reread);
        auto project2 = (*reread)->load();
        QVERIFY(project2);
        QCOMPARE(project2->accounts().size(), std::size_t(3));
        QCOMPARE(project2->accounts().accounts()[2].requiredSkills, (std::vector<std::string>{"es", "oncology"}));
        QCOMPARE(project2->reps()[0].skills, (std::vector<std::string>{"es", "oncology", "senior"}));
    }

    void mismatchesPerRep()
    {
        Project project = skillsProject();
        account(project, 0).requiredSkills = {"oncology"};  // T1, Ann lacks it
        account(project, 6).requiredSkills = {"ONCOLOGY"};  // T1, Ann lacks it (tags ignore case)
        account(project, 1).requiredSkills = {"es"};        // T1, Ann has it
        account(project, 2).requiredSkills = {"senior"};    // T2, Bob lacks it
        account(project, 4).requiredSkills = {"oncology", "senior"}; // T3, Cara has both
        const Scenario &plan = project.scenarios().front();
        SkillMatch match = SkillMatch::measure(project, plan.territories, plan.alignment);
        QCOMPARE(match.requiring, std::size_t(5));
        QCOMPARE(match.perRep, (std::vector<std::size_t>{2, 1, 0}));
        QCOMPARE(match.mismatches.size(), std::size_t(3));
        QCOMPARE(match.mismatches[1].account, AccountId(2));
        QCOMPARE(match.mismatches[1].missing, (std::vector<std::string>{"senior"}));

        // An override to Cara's territory repairs account 2; one to Ann's breaks account 4.
        Scenario changed = plan;
        changed.alignment.setAccountOverride(AccountId(2), TerritoryId(2));
        changed.alignment.setAccountOverride(AccountId(4), TerritoryId(0));
        match = SkillMatch::measure(project, changed.territories, changed.alignment);
        QCOMPARE(match.perRep, (std::vector<std::size_t>{3, 0, 0}));

        // A territory without a rep blames nobody.
        changed.territories[0].rep = RepId();
        match = SkillMatch::measure(project, changed.territories, changed.alignment);
        QCOMPARE(match.mismatches.size(), std::size_t(0));
        QCOMPARE(match.unstaffed, std::size_t(4)); // accounts 0, 1, 4 and 6 are in T1 now

        // The health rule reports one breach per rep over the threshold.
        HealthRules rules;
        rules.rules.push_back({HealthRuleKind::SkillMismatch, "skill_mismatch", "", "accounts", 0.0, 0.0, true});
        auto engine = MetricsEngine::create(project, plan, HealthCheck(rules).metricOptions(project));
        QVERIFY(engine);
        HealthReport report = HealthCheck(rules).check(**engine);
        QCOMPARE(report.breaches.size(), std::size_t(2));
        QCOMPARE(report.breaches[0].rep, RepId(0));
        QCOMPARE(report.breaches[0].value, 2.0);
        QCOMPARE(report.breaches[1].rep, RepId(1));
        rules.rules[0].threshold = 1.0;
        report = HealthCheck(rules).check(**engine);
        QCOMPARE(report.breaches.size(), std::size_t(1));
        QCOMPARE(report.breaches[0].severity, 1.0);
        // Stored and read back with its threshold.
        auto reread = HealthRules::fromJson(rules.toJson(), "test");
        QVERIFY(reread);
        QCOMPARE(*reread, rules);
    }

    void repairGoesToNearestQualifiedRep()
    {
        Project project = skillsProject();
        account(project, 12).requiredSkills = {"oncology"}; // T1 (column 0): Ann lacks it; Bob is nearer than Cara
        account(project, 13).requiredSkills = {"senior"};   // T1 (column 1): only Cara
        account(project, 14).requiredSkills = {"es"};       // T2 (column 2): only Ann
        account(project, 15).requiredSkills = {"surgery"};  // nobody has it
        Scenario plan = project.scenarios().front();
        QCOMPARE(mismatchCount(project, plan), std::size_t(4));
        const plan::SkillRepair repair = plan::repairSkillMismatches(project, plan);
        QCOMPARE(repair.moves.size(), std::size_t(3));
        QCOMPARE(plan.alignment.territoryOfAccount(AccountId(12), UnitId(12)), TerritoryId(1));
        QCOMPARE(plan.alignment.territoryOfAccount(AccountId(13), UnitId(13)), TerritoryId(2));
        QCOMPARE(plan.alignment.territoryOfAccount(AccountId(14), UnitId(14)), TerritoryId(0));
        QCOMPARE(repair.unresolved, (std::vector<AccountId>{AccountId(15)}));
        QCOMPARE(mismatchCount(project, plan), std::size_t(1));
        QVERIFY(repair.moves[0].reason.find("oncology") != std::string::npos);
        QVERIFY(repair.moves[0].reason.find("Bob Ray") != std::string::npos);
        // The reasons are kept with the scenario.
        const auto parameters = nlohmann::json::parse(plan::withAccountReasons("{\"x\":1}", repair.moves));
        QCOMPARE(parameters["x"].get<int>(), 1);
        QCOMPARE(parameters["account_reasons"]["A12"].get<std::string>(), repair.moves[0].reason);

        // A cap of one repairs only the first; an override back to the unit's own territory is cleared.
        Scenario capped = project.scenarios().front();
        QCOMPARE(plan::repairSkillMismatches(project, capped, 1).moves.size(), std::size_t(1));
        Scenario overridden = project.scenarios().front();
        account(project, 12).requiredSkills = {"es"};
        overridden.alignment.setAccountOverride(AccountId(12), TerritoryId(1)); // Bob lacks es
        plan::repairSkillMismatches(project, overridden);
        QVERIFY(!overridden.alignment.accountOverrides().count(AccountId(12)));
    }

    void proposalsNeverCreateAMismatch()
    {
        Project project = skillsProject();
        // Column 2 (T2, next to the too small T1) needs oncology: moving it to Ann would break it.
        for (int unit : {2, 8, 14, 20})
            account(project, unit).requiredSkills = {"oncology"};
        account(project, 13).requiredSkills = {"senior"}; // an existing mismatch (Ann)
        const Scenario &plan = project.scenarios().front();
        QCOMPARE(mismatchCount(project, plan), std::size_t(1));
        HealthRules rules = HealthRules::defaults();
        for (int maxMoves : {1, 4, 8}) {
            ProposalOptions options;
            options.maxMoves = maxMoves;
            options.workBudget = 20000;
            auto proposal = proposeFixes(project, plan, rules, options);
            QVERIFY2(proposal, proposal ? "" : proposal.error().toString().c_str());
            QVERIFY(proposal->accountMoves.size() + proposal->moves.size() <= static_cast<std::size_t>(maxMoves));
            QCOMPARE(proposal->accountMoves.size(), std::size_t(1));
            QCOMPARE(proposal->accountMoves[0].accountKey, std::string("A13"));
            QCOMPARE(mismatchCount(project, proposal->proposed), std::size_t(0));
            for (const ProposedMove &move : proposal->moves)
                QVERIFY2(move.unit.value() % 6 != 2 || move.to != TerritoryId(0), move.unitKey.c_str());
            if (maxMoves > 1)
                QVERIFY(!proposal->moves.empty()); // the balance breaches still get unit moves
        }
        // With the skill rule on, the breach it names is gone afterwards.
        ProposalOptions options;
        options.maxMoves = 4;
        options.workBudget = 20000;
        auto proposal = proposeFixes(project, plan, rules, options);
        QVERIFY(proposal);
        auto skillBreaches = [&](const HealthReport &report) {
            std::size_t n = 0;
            for (const HealthBreach &b : report.breaches)
                n += rules.rules[b.rule].kind == HealthRuleKind::SkillMismatch;
            return n;
        };
        QCOMPARE(skillBreaches(proposal->before), std::size_t(1));
        QCOMPARE(skillBreaches(proposal->after), std::size_t(0));
    }

    void optimizerRunHasNoMismatch()
    {
        Project project = skillsProject();
        for (int unit : {0, 6, 12, 18})
            account(project, unit).requiredSkills = {"senior"}; // column 0, far from Cara's home
        account(project, 9).requiredSkills = {"es"};
        QTemporaryDir dir;
        const QString path = savedProject(dir, project);
        const Run optimized = run(QStringLiteral(TESSERA_CLI_PATH),
                                  {QStringLiteral("optimize"), path, QStringLiteral("--scenario"), QStringLiteral("Plan"),
                                   QStringLiteral("--territories"), QStringLiteral("3"), QStringLiteral("--out-scenario"),
                                   QStringLiteral("Optimized"), QStringLiteral("--keep-best"), QStringLiteral("--json")});
        // 4: saved with --keep-best although outside a tolerance.
        QVERIFY2(optimized.exitCode == 0 || optimized.exitCode == 4, qPrintable(optimized.err));
        auto store = ProjectStore::open(path.toStdString(), ProjectStore::OpenMode::ReadOnly);
        QVERIFY(store);
        auto loaded = (*store)->load();
        QVERIFY(loaded);
        const Scenario *result = loaded->findScenario("Optimized");
        QVERIFY(result);
        QCOMPARE(mismatchCount(*loaded, *result), std::size_t(0));
        // Every account requiring "senior" is Cara's, whatever unit plan the optimizer chose.
        for (int unit : {0, 6, 12, 18}) {
            const TerritoryId t = result->alignment.territoryOfAccount(AccountId(unit), UnitId(unit));
            QCOMPARE(result->territories[static_cast<std::size_t>(t.value())].rep, RepId(2));
        }
        QVERIFY(result->parametersJson.find("account_reasons") != std::string::npos);

        // The metrics JSON reports the mismatches of the source plan per rep.
        const Run metrics = run(QStringLiteral(TESSERA_CLI_PATH),
                                {QStringLiteral("metrics"), path, QStringLiteral("--scenario"), QStringLiteral("Plan"),
                                 QStringLiteral("--json")});
        QCOMPARE(metrics.exitCode, 0);
        const QJsonObject skills =
            QJsonDocument::fromJson(metrics.out).object().value(QStringLiteral("skill_mismatches")).toObject();
        QCOMPARE(skills.value(QStringLiteral("total")).toInt(), 5); // four "senior" (Ann), "es" (Bob)
        const QJsonArray perRep = skills.value(QStringLiteral("per_rep")).toArray();
        QCOMPARE(perRep.size(), 2);
        QCOMPARE(perRep[0].toObject().value(QStringLiteral("name")).toString(), QStringLiteral("Ann Lee"));
        QCOMPARE(perRep[0].toObject().value(QStringLiteral("count")).toInt(), 4);
        QCOMPARE(perRep[1].toObject().value(QStringLiteral("count")).toInt(), 1);
    }

    void auditReportReadBack()
    {
        Project project = skillsProject();
        account(project, 2).requiredSkills = {"es"}; // moved to Ann in "Moved": no mismatch there
        account(project, 3).requiredSkills = {"es"}; // stays with Bob: a mismatch in both plans
        QTemporaryDir dir;
        const QString path = savedProject(dir, project);
        const QString xlsx = dir.filePath(QStringLiteral("report.xlsx"));
        const QString pdf = dir.filePath(QStringLiteral("report.pdf"));
        const QStringList base{QStringLiteral("audit"), path, QStringLiteral("--scenario"), QStringLiteral("Moved"),
                               QStringLiteral("--baseline"), QStringLiteral("Plan")};
        const Run json = run(QStringLiteral(TESSERA_CLI_PATH), base + QStringList{QStringLiteral("--json")});
        QCOMPARE(json.exitCode, 0);
        const QJsonObject audit = QJsonDocument::fromJson(json.out).object();
        // The command-line program writes the workbook (it also writes PPTX: the two zip
        // libraries must not clash in one process).
        const Run xlsxRun = run(QStringLiteral(TESSERA_CLI_PATH), base + QStringList{QStringLiteral("--out"), xlsx});
        QVERIFY2(xlsxRun.exitCode == 0, qPrintable(xlsxRun.err));
        const Run pdfRun = run(QStringLiteral(TESSERA_CLI_PATH), base + QStringList{QStringLiteral("--out"), pdf});
#ifdef TESSERA_GUI_PATH
        QVERIFY2(pdfRun.exitCode == 0, qPrintable(pdfRun.err));
#else
        // A build without the user interface has no PDF writer: it says so and writes nothing.
        QVERIFY(pdfRun.exitCode != 0);
        QVERIFY2(pdfRun.err.contains("writes no PDF"), qPrintable(pdfRun.err));
        QVERIFY(!QFile::exists(pdf));
#endif
        // A bad extension is a usage error and writes nothing.
        QCOMPARE(run(QStringLiteral(TESSERA_CLI_PATH),
                     base + QStringList{QStringLiteral("--out"), dir.filePath(QStringLiteral("r.txt"))})
                     .exitCode,
                 2);
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("r.txt"))));

        // Figures from the JSON, to find in both files.
        const QJsonArray reps = audit.value(QStringLiteral("reps")).toArray();
        QCOMPARE(reps.size(), 3);
        QStringList names, potentials;
        for (const QJsonValue &rep : reps) {
            names << rep.toObject().value(QStringLiteral("name")).toString();
            potentials << QString::number(
                rep.toObject().value(QStringLiteral("scenario")).toObject().value(QStringLiteral("potential")).toDouble(),
                'f', 0);
        }
        QCOMPARE(reps[1].toObject().value(QStringLiteral("scenario")).toObject().value(QStringLiteral("skill_mismatches")).toInt(), 1);
        const double gini = audit.value(QStringLiteral("potential"))
                                .toObject().value(QStringLiteral("scenario"))
                                .toObject().value(QStringLiteral("gini")).toDouble();
        const double baselineGini = audit.value(QStringLiteral("potential"))
                                        .toObject().value(QStringLiteral("baseline"))
                                        .toObject().value(QStringLiteral("gini")).toDouble();
        QVERIFY(gini > 0.0 && baselineGini > 0.0 && std::abs(gini - baselineGini) > 1e-6);

#ifdef TESSERA_GUI_PATH
        // PDF: the text layer names every rep with its potential, and the Gini of both plans.
        const Run text = run(QStringLiteral("pdftotext"), {QStringLiteral("-layout"), pdf, QStringLiteral("-")});
        QVERIFY2(text.exitCode == 0, qPrintable(text.err));
        const QString pdfText = QString::fromUtf8(text.out);
        for (int i = 0; i < names.size(); ++i) {
            QVERIFY2(pdfText.contains(names[i]), qPrintable(names[i]));
            QVERIFY2(pdfText.contains(potentials[i]), qPrintable(potentials[i]));
        }
        QVERIFY(pdfText.contains(QString::number(gini, 'f', 3)));
        QVERIFY(pdfText.contains(QString::number(baselineGini, 'f', 3)));
        QVERIFY(pdfText.contains(QStringLiteral("Lorenz curve of potential")));
#endif

        // XLSX: read back with openpyxl (Debian's python3-openpyxl), each sheet as CSV lines.
        const QString script = QStringLiteral(
            "import openpyxl, sys\n"
            "book = openpyxl.load_workbook(sys.argv[1], data_only=True)\n"
            "for name in ('Reps', 'Spread'):\n"
            "    for row in book[name].iter_rows(values_only=True):\n"
            "        print('\\t'.join('' if v is None else repr(v) if isinstance(v, float) else str(v) for v in row))\n"
            "    print('---')\n");
        QString python;
        for (const QString candidate : {QStringLiteral("/usr/bin/python3"), QStringLiteral("python3")})
            if (run(candidate, {QStringLiteral("-c"), QStringLiteral("import openpyxl")}).exitCode == 0) {
                python = candidate;
                break;
            }
        if (python.isEmpty())
            QSKIP("openpyxl is not installed: the workbook was not read back (apt-get install python3-openpyxl)");
        const Run read = run(python, {QStringLiteral("-c"), script, xlsx});
        QVERIFY2(read.exitCode == 0, qPrintable(read.err));
        const QStringList sheets = QString::fromUtf8(read.out).split(QStringLiteral("---\n"));
        QVERIFY(sheets.size() >= 2);
        const QStringList lines = sheets[0].split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 4); // header + three reps
        const QStringList header = lines[0].split(QLatin1Char('\t'));
        const int potentialColumn = static_cast<int>(header.indexOf(QStringLiteral("Potential")));
        const int skillsColumn = static_cast<int>(header.indexOf(QStringLiteral("Skill mismatches")));
        QVERIFY(potentialColumn >= 0 && skillsColumn >= 0);
        for (int i = 0; i < names.size(); ++i) {
            const QStringList cells = lines[i + 1].split(QLatin1Char('\t'));
            QCOMPARE(cells.size(), header.size());
            QCOMPARE(cells[1], names[i]);
            QCOMPARE(QString::number(cells[potentialColumn].toDouble(), 'f', 0), potentials[i]);
        }
        const QStringList bob = lines[2].split(QLatin1Char('\t'));
        QCOMPARE(bob.size(), header.size());
        QCOMPARE(bob[skillsColumn], QStringLiteral("1"));
        const QString spread = sheets[1];
        const QStringList giniRow = spread.split(QLatin1Char('\n')).filter(QStringLiteral("Potential Gini"));
        QCOMPARE(giniRow.size(), 1);
        const QStringList giniCells = giniRow[0].split(QLatin1Char('\t'));
        QCOMPARE(giniCells.size(), 3);
        QVERIFY(std::abs(giniCells[1].toDouble() - gini) < 1e-9);
        QVERIFY(std::abs(giniCells[2].toDouble() - baselineGini) < 1e-9);
    }
};

QTEST_GUILESS_MAIN(TestSkills)
#include "tst_skills.moc"
