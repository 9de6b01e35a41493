// Territory ▸ Optimize… on the south-east sample: the same run the dialog
// starts (worker thread, queued progress, one undo command), checked with
// figures computed here from the unit attribute and the adjacency graph.
#include "core/geometry/unitindex.h"
#include "core/metrics/metricsengine.h"
#include "core/plan/scenariometrics.h"
#include "core/plan/whatiftransform.h"
#include "core/store/projectstore.h"
#include "tests/ui/testsettings.h"
#include "ui/commands/addremovescenariocommand.h"
#include "ui/commands/lockunitscommand.h"
#include "ui/dialogs/optimizationprogressdialog.h"
#include "ui/dialogs/optimizationrun.h"
#include "ui/dialogs/optimizedialog.h"
#include "ui/document/document.h"
#include "ui/mainwindow/mainwindow.h"

#include <QAction>
#include <QCheckBox>
#include <QFile>
#include <QMenu>
#include <QMessageBox>
#include <QProcess>
#include <QPushButton>
#include <QTimer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

#include <cmath>
#include <deque>

using namespace tessera;
using namespace tessera::ui;

class TestOptimize : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void dialogDefaults();
    void optimizeBalancedContiguousUndoable();
    void cancelLeavesPlanUnchanged();
    void infeasibleRequestChangesNothing();
    void rebalanceWithMoveCap();
    void sameSeedSamePlan();
    void menuEntry();
    void interactiveRun();
    void progressWindowPlotsBestAndBound();
    void infeasibleRequestReturnsToTheDialog();
    void guiAndCliGiveTheSamePlan_data();
    void guiAndCliGiveTheSamePlan();
    void discardLeavesNoRedoableStep();
    void utilisationLimitFromDialog();
    void whatIfScenarioIsOptimizedOnItsTransformedData();

private:
    OptimizeRequest baseRequest() const;

    QTemporaryDir mDir;
    Document mDocument;
    std::vector<UnitId> mLocked;
};

void TestOptimize::initTestCase()
{
    QVERIFY(mDir.isValid());
    const QString copy = mDir.filePath(QStringLiteral("southeast.tessera"));
    QVERIFY(QFile::copy(QStringLiteral(TESSERA_SOURCE_DIR "/resources/samples/southeast.tessera"), copy));
    QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner);
    auto opened = mDocument.open(copy);
    QVERIFY2(opened, opened ? "" : opened.error().toString().c_str());
    QCOMPARE(mDocument.territoryCount(), 12);
    QVERIFY(mDocument.unitCount() > 100);

    // Lock two assigned units in different territories.
    const UnitId first(0);
    UnitId second;
    for (std::size_t u = 1; u < mDocument.unitCount(); ++u) {
        const UnitId unit(static_cast<std::int32_t>(u));
        if (mDocument.territoryOf(unit).isValid() && mDocument.territoryOf(unit) != mDocument.territoryOf(first)) {
            second = unit;
            break;
        }
    }
    QVERIFY(mDocument.territoryOf(first).isValid());
    QVERIFY(second.isValid());
    mLocked = {first, second};
    auto lock = LockUnitsCommand::create(&mDocument, mLocked, true);
    QVERIFY(lock);
    mDocument.undoStack()->push(lock.release());
    QVERIFY(mDocument.isLocked(first) && mDocument.isLocked(second));
}

OptimizeRequest TestOptimize::baseRequest() const
{
    OptimizeRequest request;
    request.territories = 12;
    request.balance = {{"population", 0.05}};
    request.contiguity = true;
    request.seed = 7;
    request.timeLimitSeconds = 120;
    return request;
}

void TestOptimize::dialogDefaults()
{
    OptimizeDialog dialog(mDocument);
    const OptimizeRequest request = dialog.request();
    QCOMPARE(request.territories, 12);
    QCOMPARE(request.balance.size(), std::size_t(1));
    QCOMPARE(request.balance[0].attribute, std::string("population"));
    QCOMPARE(request.balance[0].tolerance, 0.05);
    QVERIFY(request.contiguity);
    QVERIFY(request.joinIslands); // islands may join the mainland, as a director expects
    QVERIFY(!request.rebalance);
    QCOMPARE(request.moveCap, -1);
    // Every territory of the sample has a rep: the reps live inside their territories by default.
    QVERIFY(request.repCentres);
    QCheckBox *repCentres = nullptr;
    for (QCheckBox *box : dialog.findChildren<QCheckBox *>())
        if (box->text().contains(QStringLiteral("rep's home")))
            repCentres = box;
    QVERIFY(repCentres);
    QVERIFY(repCentres->isEnabled() && repCentres->isChecked());

    // What the dialog shows round-trips.
    OptimizeRequest changed = baseRequest();
    changed.rebalance = true;
    changed.moveCap = 25;
    changed.compactness = CompactnessObjective::Boundary;
    changed.balance = {{"population", 0.03}, {"accounts", 0.2}};
    changed.joinIslands = false;
    dialog.setRequest(changed);
    const OptimizeRequest shown = dialog.request();
    QVERIFY(!shown.joinIslands);
    QCheckBox *joinIslands = nullptr;
    for (QCheckBox *box : dialog.findChildren<QCheckBox *>())
        if (box->text().contains(QStringLiteral("Islands")))
            joinIslands = box;
    QVERIFY(joinIslands && joinIslands->isEnabled());
    OptimizeRequest loose = changed;
    loose.contiguity = false;
    dialog.setRequest(loose);
    QVERIFY(!joinIslands->isEnabled()); // only meaningful with contiguity
    dialog.setRequest(changed);
    QCOMPARE(shown.territories, 12);
    QVERIFY(shown.rebalance);
    QCOMPARE(shown.moveCap, 25);
    QVERIFY(shown.compactness == CompactnessObjective::Boundary);
    QCOMPARE(shown.balance.size(), std::size_t(2));
    QCOMPARE(shown.seed, std::uint64_t(7));
    QVERIFY(!repCentres->isEnabled()); // rebalancing keeps the current centres
    changed.rebalance = false;
    changed.repCentres = false;
    dialog.setRequest(changed);
    QVERIFY(repCentres->isEnabled());
    QVERIFY(!dialog.request().repCentres);
    changed.territories = 13; // the 13th territory has no rep
    dialog.setRequest(changed);
    QVERIFY(!repCentres->isEnabled());
}

void TestOptimize::optimizeBalancedContiguousUndoable()
{
    const Scenario before = mDocument.scenario();
    const int undoCount = mDocument.undoStack()->count();
    std::vector<TerritoryId> lockedTerritories;
    for (UnitId u : mLocked)
        lockedTerritories.push_back(mDocument.territoryOf(u));

    OptimizationRun run(&mDocument);
    QSignalSpy finished(&run, &OptimizationRun::finished);
    QSignalSpy progress(&run, &OptimizationRun::progress);
    auto started = run.start(baseRequest());
    QVERIFY2(started, started ? "" : started.error().toString().c_str());
    QVERIFY(run.isRunning());
    QVERIFY(finished.wait(300000));
    QVERIFY2(finished.at(0).at(0).toBool(), run.error().toString().c_str());
    QVERIFY(progress.count() > 0);
    // The progress window's figures: the best objective and the lower bound reach the GUI thread.
    bool sawBest = false, sawBound = false;
    for (const QList<QVariant> &report : progress) {
        sawBest = sawBest || !std::isnan(report.at(2).toDouble());
        sawBound = sawBound || !std::isnan(report.at(3).toDouble());
    }
    QVERIFY(sawBest);
    QVERIFY(sawBound);
    const QList<QVariant> last = progress.last();
    // Numbers, not text: the last bound is the result's, read as a distance in km.
    QCOMPARE(last.at(3).toDouble(), run.shownObjective(run.outcome().result.lowerBound));
    QVERIFY(last.at(3).toDouble() > 1.0 && last.at(3).toDouble() < 1000.0); // km, not population·km²
    QCOMPARE(run.objectiveUnit(), QStringLiteral("km"));
    QCOMPARE(run.objectiveLabel(), QStringLiteral("population-weighted root-mean-square distance to the centre"));
    QCOMPARE(mDocument.undoStack()->count(), undoCount + 1);
    const Scenario after = mDocument.scenario();
    QVERIFY(!(after.alignment == before.alignment));
    QCOMPARE(static_cast<int>(after.territories.size()), 12);

    // Balance, from the unit attribute.
    const AttributeTable &attributes = mDocument.project().units().attributes();
    const int column = attributes.columnIndex("population");
    QVERIFY(column >= 0);
    const std::vector<double> &population = attributes.column(column);
    std::vector<double> sums(12, 0.0);
    double total = 0;
    for (std::size_t u = 0; u < mDocument.unitCount(); ++u) {
        const TerritoryId t = after.alignment.territoryOf(UnitId(static_cast<std::int32_t>(u)));
        QVERIFY2(t.isValid() && t.value() < 12, "every unit is assigned");
        sums[static_cast<std::size_t>(t.value())] += population[u];
        total += population[u];
    }
    const double mean = total / 12.0;
    double worst = 0;
    for (double s : sums)
        worst = std::max(worst, std::abs(s - mean) / mean);
    QVERIFY2(worst <= 0.05 + 1e-9, qPrintable(QStringLiteral("worst deviation %1").arg(worst)));
    QVERIFY(std::abs(run.outcome().result.worstDeviation[0] - worst) < 1e-6);

    // Contiguity: BFS inside each territory on the project adjacency.
    const AdjacencyGraph &graph = mDocument.project().adjacency();
    for (int t = 0; t < 12; ++t) {
        std::vector<char> seen(mDocument.unitCount(), 0);
        int start = -1, members = 0;
        for (std::size_t u = 0; u < mDocument.unitCount(); ++u)
            if (after.alignment.territoryOf(UnitId(static_cast<std::int32_t>(u))).value() == t) {
                ++members;
                if (start < 0)
                    start = static_cast<int>(u);
            }
        QVERIFY2(members > 0, "no empty territory");
        std::deque<int> queue{start};
        seen[static_cast<std::size_t>(start)] = 1;
        int reached = 0;
        while (!queue.empty()) {
            const int u = queue.front();
            queue.pop_front();
            ++reached;
            for (UnitId v : graph.neighbours(UnitId(u)))
                if (!seen[static_cast<std::size_t>(v.value())] && after.alignment.territoryOf(v).value() == t) {
                    seen[static_cast<std::size_t>(v.value())] = 1;
                    queue.push_back(v.value());
                }
        }
        QVERIFY2(reached == members, qPrintable(QStringLiteral("territory %1: %2 of %3 units connected").arg(t + 1).arg(reached).arg(members)));
    }

    // Locked units stayed, and stay locked.
    for (std::size_t i = 0; i < mLocked.size(); ++i) {
        QCOMPARE(after.alignment.territoryOf(mLocked[i]), lockedTerritories[i]);
        QVERIFY(after.alignment.isLocked(mLocked[i]));
    }

    // Moved-unit figure and explanations agree with the plans.
    int moved = 0;
    for (std::size_t u = 0; u < mDocument.unitCount(); ++u) {
        const UnitId unit(static_cast<std::int32_t>(u));
        moved += before.alignment.territoryOf(unit) != after.alignment.territoryOf(unit);
    }
    QCOMPARE(run.outcome().result.movedUnits, moved);
    // The result reads in words: the objective with its unit, the bound in plain words.
    QVERIFY(run.outcome().summary().contains(QStringLiteral(" km")));
    QVERIFY(run.outcome().summary().contains(QStringLiteral("Bound: ")));
    QVERIFY(!run.outcome().summary().contains(QStringLiteral("e+")));
    QCOMPARE(run.outcome().explanations().size(), static_cast<qsizetype>(run.outcome().result.explanations.size()));

    mDocument.undoStack()->undo();
    QVERIFY(mDocument.scenario() == before);
    mDocument.undoStack()->redo();
    QVERIFY(mDocument.scenario() == after);
    mDocument.undoStack()->undo();
    QVERIFY(mDocument.scenario() == before);
}

void TestOptimize::cancelLeavesPlanUnchanged()
{
    const Scenario before = mDocument.scenario();
    const int undoCount = mDocument.undoStack()->count();
    OptimizeRequest request = baseRequest();
    request.workBudget = 4'000'000'000'000LL; // far more than any test would wait for
    request.timeLimitSeconds = 3600;
    OptimizationRun run(&mDocument);
    QSignalSpy finished(&run, &OptimizationRun::finished);
    QSignalSpy progress(&run, &OptimizationRun::progress);
    QVERIFY(run.start(request));
    progress.wait(30000); // let the search get going
    QVERIFY(run.isRunning());
    run.cancel();
    QVERIFY(finished.wait(60000));
    QCOMPARE(finished.at(0).at(0).toBool(), false);
    QVERIFY(run.error().code == ErrorCode::Cancelled);
    QVERIFY(mDocument.scenario() == before);
    QCOMPARE(mDocument.undoStack()->count(), undoCount);
}

void TestOptimize::infeasibleRequestChangesNothing()
{
    const Scenario before = mDocument.scenario();
    const int undoCount = mDocument.undoStack()->count();
    // As many territories as units at ±1 %: every unit would need the mean population.
    OptimizeRequest request = baseRequest();
    request.territories = static_cast<int>(mDocument.unitCount());
    request.balance = {{"population", 0.01}};
    OptimizationRun run(&mDocument);
    QSignalSpy finished(&run, &OptimizationRun::finished);
    auto started = run.start(request);
    Error error;
    if (!started) {
        error = started.error();
    } else {
        QVERIFY(finished.wait(60000));
        QCOMPARE(finished.at(0).at(0).toBool(), false);
        error = run.error();
    }
    qInfo("%s", error.toString().c_str());
    QVERIFY2(error.code == ErrorCode::Infeasible, error.toString().c_str());
    QVERIFY(!error.message.empty());
    QVERIFY(mDocument.scenario() == before);
    QCOMPARE(mDocument.undoStack()->count(), undoCount);
}

void TestOptimize::rebalanceWithMoveCap()
{
    const Scenario before = mDocument.scenario();
    const int undoIndex = mDocument.undoStack()->index();
    OptimizeRequest request = baseRequest();
    request.rebalance = true;
    request.moveCap = 30;
    request.balance = {{"population", 0.10}};
    OptimizationRun run(&mDocument);
    QSignalSpy finished(&run, &OptimizationRun::finished);
    auto started = run.start(request);
    QVERIFY2(started, started ? "" : started.error().toString().c_str());
    QVERIFY(finished.wait(300000));
    if (!finished.at(0).at(0).toBool()) {
        // Allowed only as a stated infeasibility, and then nothing changed.
        QVERIFY2(run.error().code == ErrorCode::Infeasible, run.error().toString().c_str());
        QVERIFY(mDocument.scenario() == before);
        return;
    }
    qInfo("%s", qPrintable(run.outcome().summary()));
    QCOMPARE(mDocument.undoStack()->index(), undoIndex + 1);
    const Scenario after = mDocument.scenario();
    QCOMPARE(after.territories, before.territories);
    int moved = 0;
    for (std::size_t u = 0; u < mDocument.unitCount(); ++u) {
        const UnitId unit(static_cast<std::int32_t>(u));
        moved += before.alignment.territoryOf(unit) != after.alignment.territoryOf(unit);
    }
    QVERIFY2(moved <= 30, qPrintable(QStringLiteral("%1 units moved").arg(moved)));
    QCOMPARE(run.outcome().result.movedUnits, moved);
    QCOMPARE(run.outcome().explanations().size(), static_cast<qsizetype>(moved));
    for (UnitId u : mLocked)
        QCOMPARE(after.alignment.territoryOf(u), before.alignment.territoryOf(u));
    mDocument.undoStack()->undo();
    QVERIFY(mDocument.scenario() == before);
}

void TestOptimize::sameSeedSamePlan()
{
    const Scenario before = mDocument.scenario();
    std::vector<Alignment> plans;
    for (int i = 0; i < 2; ++i) {
        OptimizationRun run(&mDocument);
        QSignalSpy finished(&run, &OptimizationRun::finished);
        QVERIFY(run.start(baseRequest()));
        QVERIFY(finished.wait(300000));
        QVERIFY(finished.at(0).at(0).toBool());
        plans.push_back(mDocument.scenario().alignment);
        mDocument.undoStack()->undo();
        QVERIFY(mDocument.scenario() == before);
    }
    QVERIFY(plans[0] == plans[1]);
}

void TestOptimize::menuEntry()
{
    MainWindow window;
    window.setQuiet(true);
    QAction *optimize = window.action(QStringLiteral("optimize"));
    QVERIFY(optimize);
    QCOMPARE(optimize->shortcut(), QKeySequence(QStringLiteral("Ctrl+Shift+O")));
    QVERIFY(!optimize->isEnabled()); // no project open
    bool inTerritoryMenu = false;
    for (QMenu *menu : window.findChildren<QMenu *>())
        if (menu->title().remove(QLatin1Char('&')) == QStringLiteral("Territory") && menu->actions().contains(optimize))
            inTerritoryMenu = true;
    QVERIFY(inTerritoryMenu);
}

void TestOptimize::interactiveRun()
{
    // The menu's path: the dialog (accepted with its defaults), the progress
    // window, the result window; answered by a timer as a user would.
    const Scenario before = mDocument.scenario();
    const int undoIndex = mDocument.undoStack()->index();
    bool sawDialog = false;
    QString resultText, progressText;
    int plotted = 0;
    QTimer answer;
    answer.setInterval(20);
    connect(&answer, &QTimer::timeout, this, [&] {
        QWidget *modal = QApplication::activeModalWidget();
        if (auto *dialog = qobject_cast<OptimizeDialog *>(modal)) {
            sawDialog = true;
            dialog->accept();
        } else if (auto *progress = qobject_cast<OptimizationProgressDialog *>(modal)) {
            progressText = progress->labelText();
            plotted = std::max(plotted, progress->bestPoints());
        } else if (auto *box = qobject_cast<QMessageBox *>(modal)) {
            resultText = box->text();
            box->accept();
        }
    });
    answer.start();
    const QString summary = OptimizeDialog::run(&mDocument);
    answer.stop();
    QVERIFY(sawDialog);
    QVERIFY2(!summary.isEmpty(), qPrintable(resultText));
    QCOMPARE(resultText, summary);
    // The progress window plotted the best plan over time, its figures in km.
    QVERIFY2(plotted >= 1, qPrintable(progressText));
    QVERIFY2(progressText.contains(QStringLiteral(" km")), qPrintable(progressText));
    QCOMPARE(mDocument.undoStack()->index(), undoIndex + 1);
    QCOMPARE(mDocument.undoStack()->count(), undoIndex + 1);
    QVERIFY(!(mDocument.scenario().alignment == before.alignment));
    for (UnitId u : mLocked)
        QCOMPARE(mDocument.territoryOf(u), before.alignment.territoryOf(u));
    qInfo("%s", qPrintable(summary));
    mDocument.undoStack()->undo();
    QVERIFY(mDocument.scenario() == before);
}

void TestOptimize::progressWindowPlotsBestAndBound()
{
    OptimizationProgressDialog progress(QStringLiteral("population-weighted root-mean-square distance to the centre"),
                                        QStringLiteral("km"));
    const double unknown = std::nan("");
    progress.addReportAt(0.1, 0.0, QStringLiteral("seeding centres"), unknown, unknown);
    QCOMPARE(progress.bestPoints(), 0);
    QVERIFY(!progress.labelText().contains(QStringLiteral("Best")));
    progress.addReportAt(1.0, 0.2, QStringLiteral("improving the plan"), 120.5, unknown);
    QVERIFY2(progress.labelText().contains(QStringLiteral("Best: 120.5 km")), qPrintable(progress.labelText()));
    QVERIFY2(progress.labelText().contains(QStringLiteral("Bound: not computed yet")), qPrintable(progress.labelText()));
    progress.addReportAt(2.0, 0.4, QStringLiteral("improving the plan"), 118.0, 60.0);
    progress.addReportAt(2.5, 0.5, QStringLiteral("improving the plan"), 118.0, 60.0); // nothing new: no point
    progress.addReportAt(3.0, 0.6, QStringLiteral("improving the plan"), 117.0, 75.0);
    QCOMPARE(progress.bestPoints(), 3);
    QCOMPARE(progress.boundPoints(), 2);
    // With a time limit the bar follows the time used when a phase reports little.
    progress.setTimeLimit(10.0);
    progress.addReportAt(5.0, 0.05, QStringLiteral("improving compactness"), 117.0, 75.0);
    QVERIFY2(progress.progressPermille() >= 499, qPrintable(QString::number(progress.progressPermille())));
    // Cancel (the button, Esc or closing) asks once and keeps the window until the run ends.
    QSignalSpy cancelled(&progress, &OptimizationProgressDialog::cancelRequested);
    progress.reject();
    progress.reject();
    QCOMPARE(cancelled.count(), 1);
    QVERIFY(progress.labelText().startsWith(QStringLiteral("Cancelling")));
}

void TestOptimize::infeasibleRequestReturnsToTheDialog()
{
    // No plan possible: the message, then the dialog again with the user's
    // settings (a cancel there ends it), and the plan untouched.
    const Scenario before = mDocument.scenario();
    const int undoCount = mDocument.undoStack()->count();
    const int impossible = static_cast<int>(mDocument.unitCount());
    int dialogs = 0, territoriesShownAgain = 0;
    QString message;
    QTimer answer;
    answer.setInterval(20);
    connect(&answer, &QTimer::timeout, this, [&] {
        QWidget *modal = QApplication::activeModalWidget();
        if (auto *dialog = qobject_cast<OptimizeDialog *>(modal)) {
            if (++dialogs == 1) {
                OptimizeRequest request = dialog->request();
                request.territories = impossible;
                request.balance = {{"population", 0.01}};
                dialog->setRequest(request);
                dialog->accept();
            } else {
                territoriesShownAgain = dialog->request().territories;
                dialog->reject();
            }
        } else if (auto *box = qobject_cast<QMessageBox *>(modal)) {
            message = box->text();
            box->accept();
        }
    });
    answer.start();
    const QString summary = OptimizeDialog::run(&mDocument);
    answer.stop();
    QVERIFY(summary.isEmpty());
    QCOMPARE(dialogs, 2);
    QCOMPARE(territoriesShownAgain, impossible);
    QVERIFY2(message.contains(QStringLiteral("The plan is unchanged")), qPrintable(message));
    QVERIFY(mDocument.scenario() == before);
    QCOMPARE(mDocument.undoStack()->count(), undoCount);
}

void TestOptimize::guiAndCliGiveTheSamePlan_data()
{
    QTest::addColumn<bool>("repCentres");
    QTest::newRow("centres at the reps' homes (default)") << true;
    QTest::newRow("free centres") << false;
}

void TestOptimize::guiAndCliGiveTheSamePlan()
{
    // The same options and seed through Territory ▸ Optimize… and through
    // tessera-cli optimize give the same plan, names, reps and colours.
    QFETCH(bool, repCentres);
    const QString guiCopy = mDir.filePath(QStringLiteral("gui-%1.tessera").arg(repCentres));
    const QString cliCopy = mDir.filePath(QStringLiteral("cli-%1.tessera").arg(repCentres));
    for (const QString &copy : {guiCopy, cliCopy}) {
        QVERIFY(QFile::copy(QStringLiteral(TESSERA_SOURCE_DIR "/resources/samples/southeast.tessera"), copy));
        QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner);
    }
    Document document;
    QVERIFY(document.open(guiCopy));
    const Scenario before = document.scenario();

    // The dialog's defaults (the plan's territory count, population ±5 %, seed 1), as a user accepts them.
    QTimer answer;
    answer.setInterval(20);
    connect(&answer, &QTimer::timeout, this, [&] {
        QWidget *modal = QApplication::activeModalWidget();
        if (auto *dialog = qobject_cast<OptimizeDialog *>(modal)) {
            OptimizeRequest request = dialog->request();
            request.repCentres = repCentres;
            dialog->setRequest(request);
            dialog->accept();
        } else if (auto *box = qobject_cast<QMessageBox *>(modal)) {
            box->accept();
        }
    });
    answer.start();
    const QString summary = OptimizeDialog::run(&document);
    answer.stop();
    QVERIFY2(!summary.isEmpty(), "the optimized plan was applied");
    const Scenario gui = document.scenario();

    QProcess cli;
    QStringList arguments{QStringLiteral("optimize"), cliCopy, QStringLiteral("--scenario"), QString::fromStdString(before.name),
                          QStringLiteral("--out-scenario"), QStringLiteral("optimized"), QStringLiteral("--balance"),
                          QStringLiteral("population:5%")};
    if (!repCentres)
        arguments << QStringLiteral("--free-centres");
    cli.start(QStringLiteral(TESSERA_CLI_PATH), arguments);
    QVERIFY(cli.waitForFinished(300000));
    QVERIFY2(cli.exitCode() == 0, cli.readAllStandardError().constData());
    auto store = ProjectStore::open(cliCopy.toStdString(), ProjectStore::OpenMode::ReadOnly);
    QVERIFY(store);
    auto project = (*store)->load();
    QVERIFY(project);
    const Scenario *out = project->findScenario("optimized");
    QVERIFY(out);

    QCOMPARE(out->territories.size(), gui.territories.size());
    for (std::size_t t = 0; t < gui.territories.size(); ++t) {
        QCOMPARE(out->territories[t].name, gui.territories[t].name);
        QCOMPARE(out->territories[t].rep, gui.territories[t].rep);
        QCOMPARE(out->territories[t].color, gui.territories[t].color);
        QCOMPARE(gui.territories[t].name, before.territories[t].name);
    }
    QVERIFY(out->alignment.unitTerritories() == gui.alignment.unitTerritories());
    QVERIFY(!(gui.alignment == before.alignment));

    // With the default, every rep lives inside their territory.
    if (repCentres) {
        const geometry::UnitIndex index(document.project().units());
        for (const Territory &territory : gui.territories) {
            const Rep &rep = document.project().reps()[static_cast<std::size_t>(territory.rep.value())];
            QVERIFY2(gui.alignment.territoryOf(index.locate(rep.home)) == territory.id, rep.name.c_str());
        }
    }
}

void TestOptimize::discardLeavesNoRedoableStep()
{
    // A tolerance no plan meets within a second: the result window offers
    // Discard, and discarding leaves the plan and the undo stack as they were.
    const QString copy = mDir.filePath(QStringLiteral("discard.tessera"));
    QVERIFY(QFile::copy(QStringLiteral(TESSERA_SOURCE_DIR "/resources/samples/southeast.tessera"), copy));
    QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner);
    Document document;
    QVERIFY(document.open(copy));
    // One edit before, so the stack is not empty.
    auto lock = LockUnitsCommand::create(&document, {UnitId(3)}, true);
    QVERIFY(lock);
    document.undoStack()->push(lock.release());
    const Scenario before = document.scenario();
    const int undoIndex = document.undoStack()->index();
    const int undoCount = document.undoStack()->count();
    QVERIFY(!document.undoStack()->canRedo());
    bool discarded = false;
    QTimer answer;
    answer.setInterval(20);
    connect(&answer, &QTimer::timeout, this, [&] {
        QWidget *modal = QApplication::activeModalWidget();
        if (auto *dialog = qobject_cast<OptimizeDialog *>(modal)) {
            OptimizeRequest request = baseRequest();
            // Five moved units cannot bring a plan 100 % off balance within ±0.1 %.
            request.balance = {{"population", 0.001}};
            request.rebalance = true;
            request.moveCap = 5;
            request.timeLimitSeconds = 1;
            dialog->setRequest(request);
            dialog->accept();
        } else if (auto *box = qobject_cast<QMessageBox *>(modal)) {
            for (QAbstractButton *button : box->buttons())
                if (button->text() == QStringLiteral("Discard")) {
                    // The plan is on the map while the user decides.
                    QVERIFY(!(document.scenario().alignment == before.alignment));
                    discarded = true;
                    button->click();
                    return;
                }
            box->accept();
        }
    });
    answer.start();
    const QString summary = OptimizeDialog::run(&document);
    answer.stop();
    QVERIFY2(discarded, qPrintable(summary));
    QVERIFY(document.scenario() == before);
    QCOMPARE(document.undoStack()->index(), undoIndex);
    QCOMPARE(document.undoStack()->count(), undoCount);
    QVERIFY(!document.undoStack()->canRedo());
    QVERIFY(document.isLocked(UnitId(3)));
    QCOMPARE(document.undoStack()->cleanIndex(), 0);
    document.undoStack()->undo(); // the edit before is still there
    QVERIFY(!document.isLocked(UnitId(3)));
}

void TestOptimize::utilisationLimitFromDialog()
{
    // The dialog offers the limit and round-trips it.
    OptimizeDialog dialog(mDocument);
    QVERIFY(dialog.request().utilisationMax == 0.0);
    OptimizeRequest request = baseRequest();
    request.utilisationMax = 2.6;
    dialog.setRequest(request);
    QCOMPARE(dialog.request().utilisationMax, 2.6);

    // A run keeps every rep at or below 260 % as the metrics engine measures it.
    const Scenario before = mDocument.scenario();
    request.balance.clear();
    request.workBudget = 400000;
    OptimizationRun run(&mDocument);
    QSignalSpy finished(&run, &OptimizationRun::finished);
    auto started = run.start(request);
    QVERIFY2(started, started ? "" : started.error().toString().c_str());
    QVERIFY(finished.wait(300000));
    QVERIFY2(finished.at(0).at(0).toBool(), run.error().toString().c_str());
    auto engine = MetricsEngine::create(mDocument.project(), mDocument.scenario());
    QVERIFY(engine);
    for (const TerritoryMetrics &m : (*engine)->territories())
        QVERIFY2(std::isnan(m.utilisation) || m.utilisation <= 2.6 + 1e-9, qPrintable(QString::number(m.utilisation)));
    mDocument.undoStack()->undo();
    QVERIFY(mDocument.scenario() == before);
}

QTEST_MAIN(TestOptimize)
/// Worst relative deviation of population from its mean over \a territories, on \a data.
static double worstPopulationDeviation(const Project &data, const Alignment &alignment, int territories)
{
    const AttributeTable &attributes = data.units().attributes();
    const std::vector<double> &population = attributes.column(attributes.columnIndex("population"));
    std::vector<double> sums(static_cast<std::size_t>(territories), 0.0);
    double total = 0.0;
    for (std::size_t u = 0; u < data.units().size(); ++u) {
        const TerritoryId t = alignment.territoryOf(UnitId(static_cast<std::int32_t>(u)));
        if (t.isValid())
            sums[static_cast<std::size_t>(t.value())] += population[u];
        total += population[u];
    }
    const double mean = total / territories;
    double worst = 0.0;
    for (double sum : sums)
        worst = std::max(worst, std::abs(sum - mean) / mean);
    return worst;
}

void TestOptimize::whatIfScenarioIsOptimizedOnItsTransformedData()
{
    // A demand shock as a stored what-if: population × 4 in the first third of the units.
    Scenario shocked = mDocument.scenario();
    shocked.id = 0;
    shocked.name = "Demand shock";
    whatif::ScaleAttribute scale{"population", 4.0, {}};
    for (std::size_t u = 0; u < mDocument.unitCount() / 3; ++u)
        scale.selection.unitKeys.push_back(mDocument.project().units().units()[u].key);
    shocked.transformsJson = whatif::toJson({scale});
    const int undoIndex = mDocument.undoStack()->index();
    mDocument.undoStack()->push(AddRemoveScenarioCommand::add(&mDocument, shocked, true, QStringLiteral("What-if")));
    QCOMPARE(mDocument.scenario().name, std::string("Demand shock"));

    OptimizationRun run(&mDocument);
    QSignalSpy finished(&run, &OptimizationRun::finished);
    auto started = run.start(baseRequest());
    QVERIFY2(started, started ? "" : started.error().toString().c_str());
    QVERIFY(finished.wait(300000));
    QVERIFY2(finished.at(0).at(0).toBool(), run.error().toString().c_str());

    // Balanced on the shocked population, which the project's own figures do not show.
    auto input = ScenarioMetrics::input(mDocument.project(), mDocument.scenario());
    QVERIFY2(input && input->data, "the scenario's data is transformed");
    const Alignment &plan = mDocument.scenario().alignment;
    const double shockedWorst = worstPopulationDeviation(*input->data, plan, 12);
    QVERIFY2(shockedWorst <= 0.05 + 1e-9, qPrintable(QStringLiteral("worst deviation %1").arg(shockedWorst)));
    QVERIFY(std::abs(run.outcome().result.worstDeviation[0] - shockedWorst) < 1e-6);
    const double rawWorst = worstPopulationDeviation(mDocument.project(), plan, 12);
    QVERIFY2(rawWorst > 0.05, qPrintable(QStringLiteral("on the raw data %1").arg(rawWorst)));

    // Leave the document as the other tests expect it.
    while (mDocument.undoStack()->index() > undoIndex)
        mDocument.undoStack()->undo();
    QVERIFY(mDocument.scenario().name != "Demand shock");
}

#include "tst_optimize.moc"
