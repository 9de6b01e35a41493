// The Health and Audit docks on the south-east sample: they show the figures
// of HealthCheck and FairnessAudit (computed here from engines of their own,
// the way the CLI does) and follow undoable edits.
#include "core/health/fairnessaudit.h"
#include "core/health/healthcheck.h"
#include "core/metrics/metricsengine.h"
#include "ui/commands/addremovescenariocommand.h"
#include "ui/commands/assignunitscommand.h"
#include "ui/commands/changescenariocommand.h"
#include "ui/document/document.h"
#include "ui/dialogs/healthrulesdialog.h"
#include "ui/document/territorystatistics.h"
#include "ui/panels/auditpanel.h"
#include "ui/panels/healthpanel.h"

#include <QApplication>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QElapsedTimer>
#include <QFile>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTimer>
#include <QUndoStack>
#include <QtTest>

#include <algorithm>

using namespace tessera;
using namespace tessera::ui;

namespace {

/// One breach as the panel shows it and as HealthCheck reports it.
struct Row {
    QString territory;
    QString rep;
    double value = 0.0;
    double limit = 0.0;
    bool operator==(const Row &) const = default;
};

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

} // namespace

class TestHealthPanel : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void listsEveryBreachWorstFirst();
    void followsUndoableEdit();
    void doubleClickShowsTerritory();
    void auditWithoutSecondScenarioSaysSo();
    void auditShowsFairnessAuditFigures();
    void rulesEditedInTheDialogChangeTheBreaches();

private:
    HealthReport expectedHealth() const;
    std::vector<Row> expectedRows(const HealthReport &report) const;
    std::vector<Row> panelRows() const;
    /// Moves every unit of \a from to another territory, as one undoable step.
    void emptyTerritory(TerritoryId from);

    QTemporaryDir mDir;
    Document mDocument;
    std::unique_ptr<TerritoryStatistics> mStatistics;
    std::unique_ptr<HealthPanel> mHealth;
    std::unique_ptr<AuditPanel> mAudit;
};

void TestHealthPanel::initTestCase()
{
    QVERIFY(mDir.isValid());
    const QString copy = mDir.filePath(QStringLiteral("southeast.tessera"));
    QVERIFY(QFile::copy(QStringLiteral(TESSERA_SOURCE_DIR "/resources/samples/southeast.tessera"), copy));
    QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner);
    auto opened = mDocument.open(copy);
    QVERIFY2(opened, opened ? "" : opened.error().toString().c_str());
    mStatistics = std::make_unique<TerritoryStatistics>(&mDocument);
    mHealth = std::make_unique<HealthPanel>(&mDocument, mStatistics.get());
    mAudit = std::make_unique<AuditPanel>(&mDocument);
}

HealthReport TestHealthPanel::expectedHealth() const
{
    const Project &project = mDocument.project();
    auto rules = HealthRules::fromSettings(project.settingsJson());
    if (!rules)
        return {};
    const HealthCheck check(*rules);
    auto engine = MetricsEngine::create(project, mDocument.scenario(), check.metricOptions(project));
    if (!engine)
        return {};
    return check.check(**engine);
}

std::vector<Row> TestHealthPanel::expectedRows(const HealthReport &report) const
{
    std::vector<Row> rows;
    for (const HealthBreach &b : report.breaches)
        rows.push_back({QString::fromStdString(mDocument.territory(b.territory).name),
                        b.rep.isValid() ? QString::fromStdString(mDocument.project().reps()[std::size_t(b.rep.value())].name)
                                        : QStringLiteral("(no rep)"),
                        b.value, b.threshold});
    return rows;
}

std::vector<Row> TestHealthPanel::panelRows() const
{
    std::vector<Row> rows;
    const QTableWidget *table = mHealth->table();
    for (int r = 0; r < table->rowCount(); ++r)
        rows.push_back({table->item(r, HealthPanel::TerritoryColumn)->text(),
                        table->item(r, HealthPanel::RepColumn)->text(),
                        table->item(r, HealthPanel::FigureColumn)->data(Qt::UserRole).toDouble(),
                        table->item(r, HealthPanel::LimitColumn)->data(Qt::UserRole).toDouble()});
    return rows;
}

void TestHealthPanel::emptyTerritory(TerritoryId from)
{
    std::vector<UnitId> units;
    for (std::size_t u = 0; u < mDocument.unitCount(); ++u)
        if (mDocument.territoryOf(UnitId(static_cast<std::int32_t>(u))) == from)
            units.push_back(UnitId(static_cast<std::int32_t>(u)));
    const TerritoryId to((from.value() + 1) % mDocument.territoryCount());
    auto command = AssignUnitsCommand::create(&mDocument, units, to);
    QVERIFY(command);
    mDocument.undoStack()->push(command.release());
}

void TestHealthPanel::listsEveryBreachWorstFirst()
{
    const HealthReport report = expectedHealth();
    QVERIFY(report.breaches.size() > 1);
    QCOMPARE(mHealth->table()->rowCount(), static_cast<int>(report.breaches.size()));
    QVERIFY(mHealth->summaryText().contains(QString::number(report.breaches.size())));

    // The first row is the worst breach, and the rows follow the check's order.
    const std::vector<Row> expected = expectedRows(report);
    const std::vector<Row> shown = panelRows();
    QCOMPARE(shown.front().territory, expected.front().territory);
    QCOMPARE(shown.front().value, expected.front().value);
    QVERIFY(shown == expected);

    // Figures carry their unit: percent for utilisation and balance, pieces for contiguity.
    const auto rules = HealthRules::fromSettings(mDocument.project().settingsJson());
    QVERIFY(rules);
    for (int r = 0; r < mHealth->table()->rowCount(); ++r) {
        const HealthRule &rule = rules->rules[report.breaches[std::size_t(r)].rule];
        const QString figure = mHealth->table()->item(r, HealthPanel::FigureColumn)->text();
        if (rule.kind == HealthRuleKind::NotContiguous)
            QVERIFY2(figure.contains(QStringLiteral("piece")), qPrintable(figure));
        else if (rule.kind != HealthRuleKind::KpiBelow)
            QVERIFY2(figure.endsWith(QStringLiteral(" %")), qPrintable(figure));
        QVERIFY(!mHealth->table()->item(r, HealthPanel::RuleColumn)->text().contains(QLatin1Char('_')));
    }
    QCOMPARE(mHealth->skippedText().isEmpty(), report.skipped.empty());

    // Checking the rules is a pass over the shared engine's figures: timed
    // here to show it needs no worker thread.
    std::vector<double> ms;
    for (int i = 0; i < 7; ++i) {
        QElapsedTimer timer;
        timer.start();
        (void)HealthCheck(*rules).check(*mStatistics->engine());
        ms.push_back(timer.nsecsElapsed() / 1e6);
    }
    qInfo("health check on the sample: median %.1f µs", median(ms) * 1000.0);
}

void TestHealthPanel::followsUndoableEdit()
{
    const std::vector<Row> before = expectedRows(expectedHealth());
    QVERIFY(panelRows() == before);
    // Emptying the worst breach's territory removes its breaches and makes its rep idle.
    const TerritoryId worst(mHealth->table()->item(0, HealthPanel::TerritoryColumn)->data(Qt::UserRole).toInt());
    QVERIFY(mDocument.isValidTerritory(worst));
    emptyTerritory(worst);
    const std::vector<Row> after = expectedRows(expectedHealth());
    QVERIFY(after != before);
    QVERIFY(panelRows() == after);
    QCOMPARE(mHealth->table()->rowCount(), static_cast<int>(after.size()));

    mDocument.undoStack()->undo();
    QVERIFY(panelRows() == before);
}

void TestHealthPanel::doubleClickShowsTerritory()
{
    mHealth->show();
    QVERIFY(QTest::qWaitForWindowExposed(mHealth.get()));
    QTableWidget *table = mHealth->table();
    const int row = table->rowCount() - 1;
    QVERIFY(row > 0);
    const TerritoryId territory(table->item(row, HealthPanel::TerritoryColumn)->data(Qt::UserRole).toInt());
    mDocument.setCurrentTerritory(TerritoryId());
    QSignalSpy zoom(mHealth.get(), &HealthPanel::zoomRequested);
    table->scrollToItem(table->item(row, HealthPanel::TerritoryColumn));
    const QPoint centre = table->visualItemRect(table->item(row, HealthPanel::TerritoryColumn)).center();
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, centre);
    QTest::mouseDClick(table->viewport(), Qt::LeftButton, {}, centre);
    QCOMPARE(zoom.count(), 1);
    QCOMPARE(zoom.first().first().value<TerritoryId>(), territory);
    QCOMPARE(mDocument.currentTerritory(), territory);
    mHealth->hide();
}

void TestHealthPanel::auditWithoutSecondScenarioSaysSo()
{
    QCOMPARE(mDocument.scenarioCount(), 1);
    mAudit->refresh();
    QCOMPARE(mAudit->repTable()->rowCount(), 0);
    QVERIFY(mAudit->statusText().contains(QStringLiteral("one scenario")));
}

void TestHealthPanel::auditShowsFairnessAuditFigures()
{
    // The opened plan becomes the baseline; a copy of it is edited.
    mDocument.undoStack()->push(ChangeScenarioCommand::makeBaseline(&mDocument, 0));
    Scenario copy = mDocument.scenario();
    copy.id = 0;
    copy.isBaseline = false;
    copy.name = mDocument.uniqueScenarioName("Rebalanced");
    mDocument.undoStack()->push(AddRemoveScenarioCommand::add(&mDocument, copy, true, QStringLiteral("Add")));
    QCOMPARE(mDocument.scenarioCount(), 2);
    QCOMPARE(mDocument.scenarioIndex(), 1);

    mAudit->show();
    QVERIFY(QTest::qWaitForWindowExposed(mAudit.get()));
    QCOMPARE(mAudit->baselineBox()->currentText(), QString::fromStdString(mDocument.scenarioAt(0).name));
    emptyTerritory(TerritoryId(0));

    auto expected = [this]() -> FairnessAudit {
        const Project &project = mDocument.project();
        const Scenario *baseline = FairnessAudit::defaultBaseline(project, mDocument.scenario());
        const auto options = FairnessAudit::metricOptions(project, "revenue_potential");
        if (!baseline || !options)
            return {};
        auto now = MetricsEngine::create(project, mDocument.scenario(), *options, baseline);
        auto before = MetricsEngine::create(project, *baseline, *options);
        if (!now || !before)
            return {};
        auto audit = FairnessAudit::measure(**now, **before, "revenue_potential");
        return audit ? *audit : FairnessAudit{};
    };
    auto shown = [this](int row, int column) {
        const QTableWidgetItem *item = mAudit->spreadTable()->item(row, column);
        return item ? item->data(Qt::UserRole).toDouble() : -1.0;
    };
    FairnessAudit audit = expected();
    QVERIFY(!audit.reps.empty());
    QVERIFY(std::abs(audit.potential.gini - audit.baselinePotential.gini) > 1e-6); // the edit shows
    // The panel audits once the edits settle (it is visible).
    QTRY_COMPARE(shown(AuditPanel::PotentialGini, 1), audit.potential.gini);
    QCOMPARE(shown(AuditPanel::PotentialGini, 2), audit.baselinePotential.gini);
    QCOMPARE(shown(AuditPanel::WorkloadGini, 1), audit.workload.gini);
    QCOMPARE(shown(AuditPanel::WorkloadGini, 2), audit.baselineWorkload.gini);
    QCOMPARE(shown(AuditPanel::PotentialCv, 1), audit.potential.coefficientOfVariation);
    QCOMPARE(mAudit->repTable()->rowCount(), static_cast<int>(audit.reps.size()));
    QCOMPARE(mAudit->repTable()->item(0, 0)->text(),
             QString::fromStdString(mDocument.project().reps()[std::size_t(audit.reps.front().rep.value())].name));
    // Scenario, baseline and equality line.
    QCOMPARE(mAudit->chartView()->chart()->series().size(), 3);
    // The skills column shows each rep's mismatches.
    QCOMPARE(mAudit->repTable()->columnCount(), 9);
    for (int row = 0; row < mAudit->repTable()->rowCount(); ++row)
        QCOMPARE(mAudit->repTable()->item(row, 8)->data(Qt::UserRole).toDouble(),
                 static_cast<double>(audit.reps[std::size_t(row)].current.skillMismatches));
    // Export Report writes the audit shown (the workbook is checked in tst_skills).
    QVERIFY(mAudit->exportButton()->isEnabled());
    for (const QString name : {QStringLiteral("audit.pdf")}) {
        const QString path = mDir.filePath(name);
        const Result<void> written = mAudit->exportReport(path);
        QVERIFY2(written, written ? "" : written.error().toString().c_str());
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.read(4) == (name.endsWith(QLatin1String(".pdf")) ? QByteArray("%PDF") : QByteArray("PK\x03\x04")));
    }

    // Undo the edit: both plans are the same again, and the panel follows.
    const double edited = audit.potential.gini;
    mDocument.undoStack()->undo();
    audit = expected();
    QVERIFY(std::abs(audit.potential.gini - edited) > 1e-6);
    QTRY_COMPARE(shown(AuditPanel::PotentialGini, 1), audit.potential.gini);
    QCOMPARE(shown(AuditPanel::PotentialGini, 1), shown(AuditPanel::PotentialGini, 2));

    std::vector<double> ms;
    for (int i = 0; i < 5; ++i) {
        QElapsedTimer timer;
        timer.start();
        mAudit->refresh();
        ms.push_back(timer.nsecsElapsed() / 1e6);
    }
    qInfo("audit refresh on the sample: median %.1f ms", median(ms));
    mAudit->hide();
}

void TestHealthPanel::rulesEditedInTheDialogChangeTheBreaches()
{
    const auto before = HealthRules::fromSettings(mDocument.project().settingsJson());
    QVERIFY(before);
    const std::vector<Row> rowsBefore = panelRows();
    QVERIFY(!rowsBefore.empty());

    HealthRulesDialog dialog(&mDocument, mStatistics->attributes());
    QTableWidget *table = dialog.table();
    QCOMPARE(table->rowCount(), static_cast<int>(before->rules.size()));
    QVERIFY(dialog.rules());
    QVERIFY(*dialog.rules() == *before); // the table shows the stored rules unchanged
    const auto limitBox = [&](int row, int column) {
        return qobject_cast<QDoubleSpinBox *>(table->cellWidget(row, column));
    };
    // Percent limits are shown as percentages.
    for (int row = 0; row < table->rowCount(); ++row)
        if (before->rules[std::size_t(row)].kind == HealthRuleKind::UtilisationAbove)
            QCOMPARE(limitBox(row, HealthRulesDialog::Threshold)->value(), before->rules[std::size_t(row)].threshold * 100.0);

    // Switch every rule off but contiguity, and add a balance rule on population at 95–105 %.
    for (int row = 0; row < table->rowCount(); ++row)
        if (before->rules[std::size_t(row)].kind != HealthRuleKind::NotContiguous)
            table->item(row, HealthRulesDialog::Enabled)->setCheckState(Qt::Unchecked);
    HealthRule population;
    population.kind = HealthRuleKind::BalanceOutside;
    population.name = "population band";
    population.attribute = "population";
    population.threshold = 0.95;
    population.upper = 1.05;
    const int added = dialog.addRule(population);
    // A band whose upper end is below its lower end is refused, naming the rule.
    limitBox(added, HealthRulesDialog::Upper)->setValue(90.0);
    const auto refused = dialog.rules();
    QVERIFY(!refused);
    QVERIFY2(refused.error().toString().find("rule " + std::to_string(added + 1)) != std::string::npos,
             refused.error().toString().c_str());
    // index(), not count(): earlier tests leave undone steps that a push discards.
    const int undoSteps = mDocument.undoStack()->index();
    const int undoCount = mDocument.undoStack()->count();
    QTimer::singleShot(0, [] { // the refusal is said in a message box: close it
        if (QWidget *box = QApplication::activeModalWidget())
            box->close();
    });
    QVERIFY(!dialog.apply());
    QCOMPARE(mDocument.undoStack()->count(), undoCount); // nothing pushed
    QCOMPARE(mDocument.undoStack()->index(), undoSteps);
    limitBox(added, HealthRulesDialog::Upper)->setValue(105.0);
    QVERIFY(dialog.apply());
    QCOMPARE(mDocument.undoStack()->index(), undoSteps + 1);

    // The project holds the edited rules, and the dock shows exactly their breaches.
    const auto after = HealthRules::fromSettings(mDocument.project().settingsJson());
    QVERIFY(after);
    QCOMPARE(after->rules.size(), before->rules.size() + 1);
    QCOMPARE(after->rules.back().attribute, std::string("population"));
    QCOMPARE(after->rules.back().upper, 1.05);
    const HealthReport report = expectedHealth();
    for (const HealthBreach &b : report.breaches) {
        const HealthRuleKind kind = after->rules[b.rule].kind;
        QVERIFY(kind == HealthRuleKind::NotContiguous || kind == HealthRuleKind::BalanceOutside);
    }
    QVERIFY(std::any_of(report.breaches.begin(), report.breaches.end(),
                        [&](const HealthBreach &b) { return b.rule == after->rules.size() - 1; }));
    QVERIFY(panelRows() == expectedRows(report));
    QVERIFY(panelRows() != rowsBefore);

    // One undo brings the rules and the breaches back.
    mDocument.undoStack()->undo();
    QVERIFY(*HealthRules::fromSettings(mDocument.project().settingsJson()) == *before);
    QVERIFY(panelRows() == rowsBefore);
}

QTEST_MAIN(TestHealthPanel)
#include "tst_healthpanel.moc"
