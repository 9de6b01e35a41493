#include "ui/panels/auditpanel.h"

#include "core/io/auditworkbook.h"
#include "core/metrics/metricsengine.h"
#include "core/model/accountlayer.h"
#include "core/model/attributedisplay.h"
#include "core/plan/scenariometrics.h"
#include "ui/document/document.h"
#include "ui/export/auditreportpdf.h"

#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QElapsedTimer>
#include <QFileDialog>
#include <QMessageBox>
#include <QPushButton>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineSeries>
#include <QLocale>
#include <QSplitter>
#include <QTableWidget>
#include <QTimer>
#include <QValueAxis>
#include <QVBoxLayout>

#include <cmath>

namespace tessera::ui {

namespace {

/// \a value with \a decimals, "–" when undefined.
QString number(double value, int decimals)
{
    return std::isfinite(value) ? QLocale().toString(value, 'f', decimals) : QStringLiteral("–");
}

/// Money-sized figures in millions ("13.28 M") so the columns stay narrow.
QString amount(double value)
{
    if (!std::isfinite(value))
        return QStringLiteral("–");
    if (std::abs(value) >= 1e6)
        return QLocale().toString(value / 1e6, 'f', 2) + QStringLiteral(" M");
    return QLocale().toString(value, 'f', 0);
}

QString percent(double fraction)
{
    return std::isfinite(fraction) ? QLocale().toString(fraction * 100.0, 'f', 0) + QStringLiteral(" %")
                                   : QStringLiteral("–");
}

QTableWidgetItem *figureItem(const QString &text, double value)
{
    auto *item = new QTableWidgetItem(text);
    item->setData(Qt::UserRole, value);
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}

QTableWidget *makeTable(int columns, const QStringList &headers, QWidget *parent)
{
    auto *table = new QTableWidget(0, columns, parent);
    table->setHorizontalHeaderLabels(headers);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setWordWrap(false);
    table->verticalHeader()->hide();
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 6);
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    return table;
}

QLineSeries *curveSeries(const std::vector<std::pair<double, double>> &points, const QString &name, const QColor &color)
{
    auto *series = new QLineSeries;
    series->setName(name);
    for (const auto &[holders, share] : points)
        series->append(holders * 100.0, share * 100.0);
    QPen pen(color);
    pen.setWidthF(2.0);
    series->setPen(pen);
    return series;
}

} // namespace

AuditPanel::AuditPanel(Document *document, QWidget *parent)
    : QDockWidget(tr("Fairness audit"), parent), mDocument(document)
{
    setObjectName(QStringLiteral("AuditPanel"));
    auto *content = new QWidget(this);
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(4, 4, 4, 4);
    auto *form = new QFormLayout;
    mBaseline = new QComboBox(content);
    mBaseline->setToolTip(tr("The plan the edited scenario is compared with"));
    mExport = new QPushButton(tr("Export Report…"), content);
    mExport->setToolTip(tr("Save the audit as a PDF report or an Excel workbook"));
    mExport->setEnabled(false);
    auto *against = new QHBoxLayout;
    against->addWidget(mBaseline, 1);
    against->addWidget(mExport);
    form->addRow(tr("Against"), against);
    layout->addLayout(form);
    mStatus = new QLabel(content);
    mStatus->setWordWrap(true);
    layout->addWidget(mStatus);

    auto *splitter = new QSplitter(Qt::Vertical, content);
    mReps = makeTable(9,
                      {tr("Rep"), tr("Potential"), tr("was"), tr("Work h"), tr("was"), tr("Util."),
                       tr("Gained"), tr("Kept"), tr("Skills")},
                      splitter);
    const QStringList tips{QString(), tr("Revenue potential of the rep's territories"), tr("Potential in the baseline"),
                           tr("Workload hours: account hours plus travel"), tr("Workload hours in the baseline"),
                           tr("Utilisation: workload ÷ capacity"),
                           tr("Accounts the rep serves now and did not serve in the baseline"),
                           tr("Share of the rep's baseline accounts the rep still serves"),
                           tr("Skill mismatches: accounts the rep serves that require a skill the rep lacks")};
    for (int column = 1; column < tips.size(); ++column)
        mReps->horizontalHeaderItem(column)->setToolTip(tips[column]);
    mSpread = makeTable(3, {tr("Across reps"), tr("Now"), tr("Baseline")}, splitter);
    mSpread->setRowCount(SpreadRowCount);
    const QStringList rows{tr("Potential max/min"), tr("Potential CV"), tr("Potential Gini"),
                           tr("Workload max/min"),  tr("Workload CV"),  tr("Workload Gini")};
    for (int row = 0; row < SpreadRowCount; ++row)
        mSpread->setItem(row, 0, new QTableWidgetItem(rows[row]));
    mSpread->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    mSpread->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    mSpread->setToolTip(tr("CV: standard deviation ÷ mean. Gini: 0 when every rep has the same, "
                           "near 1 when one rep has everything."));

    auto *chartBox = new QWidget(splitter);
    auto *chartLayout = new QVBoxLayout(chartBox);
    chartLayout->setContentsMargins(0, 0, 0, 0);
    mCurve = new QComboBox(chartBox);
    mCurve->addItems({tr("Lorenz curve of potential"), tr("Lorenz curve of workload")});
    chartLayout->addWidget(mCurve);
    auto *chart = new QChart;
    chart->setMargins(QMargins(2, 2, 2, 2));
    chart->legend()->setAlignment(Qt::AlignBottom);
    mChartView = new QChartView(chart, chartBox);
    mChartView->setRenderHint(QPainter::Antialiasing);
    mChartView->setMinimumHeight(120);
    chartLayout->addWidget(mChartView, 1);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 0);
    splitter->setStretchFactor(2, 1);
    layout->addWidget(splitter, 1);
    setWidget(content);

    // Edits come in bursts (a brush stroke, an undo run): audit once they settle.
    mDelay = new QTimer(this);
    mDelay->setSingleShot(true);
    mDelay->setInterval(150);
    connect(mDelay, &QTimer::timeout, this, [this] {
        if (isVisible())
            refresh();
    });
    connect(mDocument, &Document::changed, this, [this](const ChangeEvent &event) {
        if (event.touches(ChangeEvent::Project))
            rebuildBaselines();
        if (event.touches(ChangeEvent::Assignment | ChangeEvent::TerritoryRep | ChangeEvent::TerritoryList
                          | ChangeEvent::TerritoryName | ChangeEvent::Project))
            scheduleRefresh();
    });
    connect(mDocument, &Document::scenariosChanged, this, [this] {
        rebuildBaselines();
        scheduleRefresh();
    });
    connect(mBaseline, &QComboBox::currentIndexChanged, this, [this] {
        if (!mUpdating)
            scheduleRefresh();
    });
    connect(mCurve, &QComboBox::currentIndexChanged, this, &AuditPanel::showChart);
    connect(mExport, &QPushButton::clicked, this, &AuditPanel::chooseReportFile);
    rebuildBaselines();
}

QString AuditPanel::statusText() const
{
    return mStatus->text();
}

void AuditPanel::showEvent(QShowEvent *event)
{
    QDockWidget::showEvent(event);
    // The spread table is as tall as its rows once the style has sized them;
    // the rep table and the chart share the rest.
    mSpread->setFixedHeight(mSpread->horizontalHeader()->sizeHint().height() + mSpread->verticalHeader()->length()
                            + 2 * mSpread->frameWidth());
    if (mStale)
        refresh();
}

void AuditPanel::scheduleRefresh()
{
    mStale = true;
    mDelay->start();
}

void AuditPanel::rebuildBaselines()
{
    // Keep the user's choice by name across renames of other scenarios and reloads.
    const QString chosen = mBaseline->currentData().isValid() ? mBaseline->currentText() : QString();
    mUpdating = true;
    mBaseline->clear();
    if (mDocument->hasProject()) {
        const Scenario &current = mDocument->scenario();
        const Scenario *standard = FairnessAudit::defaultBaseline(mDocument->project(), current);
        int preferred = -1;
        for (int i = 0; i < mDocument->scenarioCount(); ++i) {
            const Scenario &scenario = mDocument->scenarioAt(i);
            if (&scenario == &current)
                continue;
            mBaseline->addItem(QString::fromStdString(scenario.name), i);
            if (&scenario == standard)
                preferred = mBaseline->count() - 1;
        }
        int index = chosen.isEmpty() ? -1 : mBaseline->findText(chosen);
        if (index < 0)
            index = preferred >= 0 ? preferred : 0;
        mBaseline->setCurrentIndex(mBaseline->count() > 0 ? index : -1);
    }
    mBaseline->setEnabled(mBaseline->count() > 0);
    mUpdating = false;
}

void AuditPanel::clearFigures()
{
    mAudit.reset();
    mAuditData.reset();
    mExport->setEnabled(false);
    mReps->setRowCount(0);
    for (int row = 0; row < SpreadRowCount; ++row)
        for (int column = 1; column < 3; ++column)
            mSpread->setItem(row, column, nullptr);
    showChart();
}

void AuditPanel::refresh()
{
    mStale = false;
    mDelay->stop();
    if (!mDocument->hasProject()) {
        mStatus->setText(tr("No project open."));
        return clearFigures();
    }
    const int baselineIndex = mBaseline->currentData().isValid() ? mBaseline->currentData().toInt() : -1;
    if (baselineIndex < 0 || baselineIndex >= mDocument->scenarioCount()) {
        mStatus->setText(tr("Nothing to compare with: the project has one scenario. "
                            "Duplicate or optimize it to audit the change."));
        return clearFigures();
    }
    const Project &project = mDocument->project();
    const Scenario &current = mDocument->scenario();
    const Scenario &baseline = mDocument->scenarioAt(baselineIndex);
    auto fail = [this](const std::string &message) {
        mStatus->setText(tr("No audit: %1").arg(QString::fromStdString(message)));
        clearFigures();
    };
    QElapsedTimer timer;
    timer.start();
    const Result<MetricOptions> options = FairnessAudit::metricOptions(project, MetricOptions().revenueAttribute);
    if (!options)
        return fail(options.error().toString());
    // Each plan on its own input data: a what-if scenario with its scaled
    // figures and added reps, as the balance table shows it.
    auto now = ScenarioMetrics::measure(project, current, *options, &baseline);
    if (!now)
        return fail(now.error().toString());
    auto before = ScenarioMetrics::measure(project, baseline, *options);
    if (!before)
        return fail(before.error().toString());
    Result<FairnessAudit> audit = FairnessAudit::measure(*now->engine, *before->engine, options->revenueAttribute);
    if (!audit)
        return fail(audit.error().toString());
    // Reps are named from the roster that has every rep of either plan (added reps come last).
    mAuditData = now->dataOr(project).reps().size() >= before->dataOr(project).reps().size() ? now->data : before->data;
    mStatus->setText(tr("%1 against %2 (potential: %3)")
                         .arg(QString::fromStdString(current.name), QString::fromStdString(baseline.name),
                              QString::fromStdString(audit->potentialAttribute).replace(QLatin1Char('_'), QLatin1Char(' '))));
    mStatus->setToolTip(tr("Audited in %1 ms").arg(timer.elapsed()));
    showAudit(*audit);
    mAudit = std::move(audit).value();
    mScenarioName = QString::fromStdString(current.name);
    mBaselineName = QString::fromStdString(baseline.name);
    mExport->setEnabled(true);
    showChart();
}

const Project &AuditPanel::auditData() const
{
    return mAuditData ? *mAuditData : mDocument->project();
}

void AuditPanel::showAudit(const FairnessAudit &audit)
{
    const auto &reps = auditData().reps();
    // Potential is the revenue potential attribute: its display name, unit and format apply.
    const Result<AttributeDisplay> stored = AttributeDisplay::fromSettings(mDocument->project().settingsJson());
    const AttributeDisplay display = stored ? *stored : AttributeDisplay();
    const AttributePresentation potential = display.presentation(attributes::RevenuePotential);
    const auto potentialText = [&](double value) {
        return potential.displayName.empty() && potential.unit.empty() && potential.format == NumberFormat()
                   ? amount(value)
                   : QString::fromStdString(display.format(attributes::RevenuePotential, value));
    };
    if (!potential.displayName.empty())
        mReps->horizontalHeaderItem(1)->setText(QString::fromStdString(potential.displayName));
    mReps->setRowCount(static_cast<int>(audit.reps.size()));
    for (int row = 0; row < mReps->rowCount(); ++row) {
        const RepAudit &a = audit.reps[static_cast<std::size_t>(row)];
        const auto r = static_cast<std::size_t>(a.rep.value());
        mReps->setItem(row, 0, new QTableWidgetItem(r < reps.size() ? QString::fromStdString(reps[r].name) : QString()));
        mReps->setItem(row, 1, figureItem(potentialText(a.current.potential), a.current.potential));
        mReps->setItem(row, 2, figureItem(potentialText(a.baseline.potential), a.baseline.potential));
        mReps->setItem(row, 3, figureItem(number(a.current.workloadHours, 0), a.current.workloadHours));
        mReps->setItem(row, 4, figureItem(number(a.baseline.workloadHours, 0), a.baseline.workloadHours));
        auto *utilisation = figureItem(percent(a.current.utilisation), a.current.utilisation);
        utilisation->setToolTip(tr("Was %1").arg(percent(a.baseline.utilisation)));
        mReps->setItem(row, 5, utilisation);
        auto *gained = figureItem(QLocale().toString(static_cast<qulonglong>(a.accountsGained)),
                                  static_cast<double>(a.accountsGained));
        gained->setToolTip(tr("%n account(s) lost", nullptr, static_cast<int>(a.accountsLost)));
        mReps->setItem(row, 6, gained);
        mReps->setItem(row, 7, figureItem(percent(a.keptShare), a.keptShare));
        auto *skills = figureItem(QLocale().toString(static_cast<qulonglong>(a.current.skillMismatches)),
                                  static_cast<double>(a.current.skillMismatches));
        skills->setToolTip(tr("%n in the baseline", nullptr, static_cast<int>(a.baseline.skillMismatches)));
        if (a.current.skillMismatches > 0)
            skills->setForeground(QColor(0xC6, 0x28, 0x28));
        mReps->setItem(row, 8, skills);
    }
    const struct {
        SpreadRow row;
        const Spread &now, &before;
        double Spread::*figure;
    } figures[] = {
        {PotentialMaxMin, audit.potential, audit.baselinePotential, &Spread::maxMinRatio},
        {PotentialCv, audit.potential, audit.baselinePotential, &Spread::coefficientOfVariation},
        {PotentialGini, audit.potential, audit.baselinePotential, &Spread::gini},
        {WorkloadMaxMin, audit.workload, audit.baselineWorkload, &Spread::maxMinRatio},
        {WorkloadCv, audit.workload, audit.baselineWorkload, &Spread::coefficientOfVariation},
        {WorkloadGini, audit.workload, audit.baselineWorkload, &Spread::gini},
    };
    for (const auto &f : figures) {
        mSpread->setItem(f.row, 1, figureItem(number(f.now.*f.figure, 3), f.now.*f.figure));
        mSpread->setItem(f.row, 2, figureItem(number(f.before.*f.figure, 3), f.before.*f.figure));
    }
}

void AuditPanel::showChart()
{
    QChart *chart = mChartView->chart();
    chart->removeAllSeries();
    for (QAbstractAxis *axis : chart->axes())
        chart->removeAxis(axis);
    if (!mAudit)
        return;
    const bool potential = mCurve->currentIndex() == 0;
    auto *equality = curveSeries({{0.0, 0.0}, {1.0, 1.0}}, tr("Equality"), QColor(0x9E, 0x9E, 0x9E));
    equality->setPen(QPen(QColor(0x9E, 0x9E, 0x9E), 1.0, Qt::DashLine));
    QLineSeries *series[] = {
        equality,
        curveSeries(potential ? mAudit->baselinePotentialLorenz : mAudit->baselineWorkloadLorenz, tr("Baseline"),
                    QColor(0xE6, 0x9F, 0x00)),
        curveSeries(potential ? mAudit->potentialLorenz : mAudit->workloadLorenz, tr("Now"), QColor(0x00, 0x72, 0xB2)),
    };
    auto *x = new QValueAxis;
    x->setRange(0, 100);
    x->setTitleText(tr("% of reps, smallest share first"));
    x->setLabelFormat(QStringLiteral("%.0f"));
    auto *y = new QValueAxis;
    y->setRange(0, 100);
    y->setTitleText(tr("% of total"));
    y->setLabelFormat(QStringLiteral("%.0f"));
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    for (QLineSeries *s : series) {
        chart->addSeries(s);
        s->attachAxis(x);
        s->attachAxis(y);
    }
}

Result<void> AuditPanel::exportReport(const QString &path)
{
    if (!mAudit)
        return makeError(ErrorCode::InvalidArgument, "no audit to export", path.toStdString());
    if (path.endsWith(QLatin1String(".xlsx"), Qt::CaseInsensitive))
        return io::writeAuditWorkbook(auditData(), mScenarioName.toStdString(), mBaselineName.toStdString(),
                                      *mAudit, path.toStdString());
    return AuditReportPdf::write(auditData(), mScenarioName, mBaselineName, *mAudit, path);
}

void AuditPanel::chooseReportFile()
{
    QString filter;
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export Audit Report"), mScenarioName + tr(" audit.pdf"),
        tr("PDF document (*.pdf);;Excel workbook (*.xlsx)"), &filter);
    if (path.isEmpty())
        return;
    QString file = path;
    if (!file.endsWith(QLatin1String(".pdf"), Qt::CaseInsensitive)
        && !file.endsWith(QLatin1String(".xlsx"), Qt::CaseInsensitive))
        file += filter.contains(QLatin1String("xlsx")) ? QStringLiteral(".xlsx") : QStringLiteral(".pdf");
    if (const Result<void> written = exportReport(file); !written)
        QMessageBox::warning(this, tr("Export Audit Report"),
                             tr("The report was not written: %1").arg(QString::fromStdString(written.error().toString())));
}

} // namespace tessera::ui
