#include "ui/dialogs/optimizedialog.h"

#include "ui/dialogs/optimizationprogressdialog.h"

#include "ui/dialogs/dialogsettings.h"
#include "core/optimizer/rebalancer.h"
#include "core/plan/planproblem.h"
#include "core/plan/scenariometrics.h"
#include "ui/dialogs/rebalancecurvechart.h"
#include "ui/document/document.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QEventLoop>
#include <QFormLayout>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QProgressDialog>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QUndoStack>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>
#include <QFutureWatcher>
#include <QPointer>

#include <algorithm>
#include <cmath>
#include <optional>

namespace tessera::ui {

/// One trade-off computation, shared with its worker thread.
struct RebalanceCurveJob {
    Feedback feedback;
    DistrictingProblem problem;
    int territories = 0;
    RebalanceOptions options;
    std::optional<Result<std::vector<RebalanceCurvePoint>>> result;
};

OptimizeDialog::OptimizeDialog(const Document &document, QWidget *parent) : QDialog(parent), mDocument(document)
{
    setWindowTitle(tr("Optimize Territories"));
    const Project &project = document.project();
    for (const std::string &name : project.units().attributes().columnNames())
        mAttributes.push_back(name);
    for (const std::string &name : project.accounts().attributes().columnNames())
        if (std::find(mAttributes.begin(), mAttributes.end(), name) == mAttributes.end())
            mAttributes.push_back(name);
    mAttributes.push_back("accounts");

    auto *outer = new QHBoxLayout(this);
    auto *layout = new QVBoxLayout;
    outer->addLayout(layout);
    auto *form = new QFormLayout;
    mTerritories = new QSpinBox;
    mTerritories->setRange(1, static_cast<int>(std::max<std::size_t>(1, document.unitCount())));
    form->addRow(tr("&Territories:"), mTerritories);
    layout->addLayout(form);

    auto *balanceBox = new QGroupBox(tr("Balance (± around the territory mean)"));
    auto *balanceLayout = new QVBoxLayout(balanceBox);
    mBalance = new QTableWidget(static_cast<int>(mAttributes.size()), 2);
    mBalance->setHorizontalHeaderLabels({tr("Attribute"), tr("Tolerance %")});
    mBalance->verticalHeader()->hide();
    mBalance->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    for (int row = 0; row < static_cast<int>(mAttributes.size()); ++row) {
        auto *item = new QTableWidgetItem(QString::fromStdString(mAttributes[static_cast<std::size_t>(row)]));
        item->setFlags(Qt::ItemIsUserCheckable | Qt::ItemIsEnabled);
        item->setCheckState(Qt::Unchecked);
        mBalance->setItem(row, 0, item);
        auto *tolerance = new QDoubleSpinBox;
        tolerance->setRange(0.1, 99.0);
        tolerance->setDecimals(1);
        tolerance->setSuffix(QStringLiteral(" %"));
        tolerance->setValue(5.0);
        mBalance->setCellWidget(row, 1, tolerance);
    }
    balanceLayout->addWidget(mBalance);
    layout->addWidget(balanceBox);

    auto *shape = new QFormLayout;
    mCompactness = new QComboBox;
    mCompactness->addItem(tr("Travel (distance to the territory centre)"));
    mCompactness->addItem(tr("Boundary (shared border length)"));
    shape->addRow(tr("&Compactness:"), mCompactness);
    mContiguity = new QCheckBox(tr("Every territory in one piece"));
    shape->addRow(tr("C&ontiguity:"), mContiguity);
    mJoinIslands = new QCheckBox(tr("Islands may join the territory of their nearest unit"));
    mJoinIslands->setToolTip(tr("An island or exclave counts as touching the nearest unit elsewhere, so it can share "
                                "a territory with the mainland. Unticked, every island needs whole territories of its "
                                "own, which most tolerances do not allow."));
    shape->addRow(QString(), mJoinIslands);
    connect(mContiguity, &QCheckBox::toggled, mJoinIslands, &QWidget::setEnabled);
    mRepCentres = new QCheckBox(tr("Centre each territory on its rep's home"));
    mRepCentres->setToolTip(tr("The unit holding each rep's home is the centre of the rep's territory, so every rep "
                               "lives inside it. Unticked, the optimizer chooses the centres where travel is least "
                               "and hands each territory to the rep living nearest to it. Needs a rep with a home on "
                               "every territory."));
    shape->addRow(tr("&Reps live:"), mRepCentres);
    auto *utilisationRow = new QHBoxLayout;
    mLimitUtilisation = new QCheckBox(tr("At most"));
    mUtilisationMax = new QDoubleSpinBox;
    mUtilisationMax->setRange(10, 1000);
    mUtilisationMax->setDecimals(0);
    mUtilisationMax->setSuffix(tr(" % of each rep's capacity"));
    mUtilisationMax->setValue(100);
    const QString utilisationTip = tr("Workload (account hours plus travel from the rep's home, as the Balance table "
                                      "shows it) divided by the rep's capacity stays at or below this in every "
                                      "territory whose rep has a capacity. Needs a rep with a home on every territory.");
    mLimitUtilisation->setToolTip(utilisationTip);
    mUtilisationMax->setToolTip(utilisationTip);
    utilisationRow->addWidget(mLimitUtilisation);
    utilisationRow->addWidget(mUtilisationMax);
    utilisationRow->addStretch();
    shape->addRow(tr("&Utilisation:"), utilisationRow);
    connect(mLimitUtilisation, &QCheckBox::toggled, this, &OptimizeDialog::updateEnabledState);
    layout->addLayout(shape);

    auto *modeBox = new QGroupBox(tr("Mode"));
    auto *modeLayout = new QVBoxLayout(modeBox);
    mNewPlan = new QRadioButton(tr("&New plan"));
    mRebalance = new QRadioButton(tr("&Rebalance current plan (minimal disruption)"));
    auto *capRow = new QHBoxLayout;
    mCapMoves = new QCheckBox(tr("Move at most"));
    mMoveCap = new QSpinBox;
    mMoveCap->setRange(0, static_cast<int>(std::max<std::size_t>(1, document.unitCount())));
    mMoveCap->setSuffix(tr(" units"));
    mCapMoves->setToolTip(tr("Ticked: the best balance moving at most this many units. Unticked: the fewest moved "
                             "units that bring every territory within its tolerance."));
    capRow->addSpacing(20);
    capRow->addWidget(mCapMoves);
    capRow->addWidget(mMoveCap);
    capRow->addStretch();
    auto *fewestHint = new QLabel(tr("Unticked: the fewest moves that reach every tolerance."));
    fewestHint->setEnabled(false);
    auto *hintRow = new QHBoxLayout;
    hintRow->addSpacing(20);
    hintRow->addWidget(fewestHint);
    mCurveButton = new QPushButton(tr("Show &trade-off"));
    mCurveButton->setToolTip(tr("Worst deviation against moved units for 0, 5, 10, 20, 40, … moves, and the fewest "
                                "moves; click a point to choose it."));
    hintRow->addStretch();
    hintRow->addWidget(mCurveButton);
    modeLayout->addWidget(mNewPlan);
    modeLayout->addWidget(mRebalance);
    modeLayout->addLayout(capRow);
    modeLayout->addLayout(hintRow);
    layout->addWidget(modeBox);

    auto *run = new QFormLayout;
    mSeed = new QSpinBox;
    mSeed->setRange(0, 999999);
    run->addRow(tr("&Seed:"), mSeed);
    mTimeLimit = new QDoubleSpinBox;
    mTimeLimit->setRange(1, 3600);
    mTimeLimit->setDecimals(0);
    mTimeLimit->setSuffix(tr(" s"));
    run->addRow(tr("Time &limit:"), mTimeLimit);
    layout->addLayout(run);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Optimize"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);

    mCurveBox = new QGroupBox(tr("Moves against balance"));
    auto *curveLayout = new QVBoxLayout(mCurveBox);
    mCurve = new RebalanceCurveChart;
    curveLayout->addWidget(mCurve);
    outer->addWidget(mCurveBox, 1);
    connect(mCurveButton, &QPushButton::clicked, this, &OptimizeDialog::showTradeOff);
    connect(mCurve, &RebalanceCurveChart::pointPicked, this, &OptimizeDialog::pickCurvePoint);

    connect(mRebalance, &QRadioButton::toggled, this, &OptimizeDialog::updateEnabledState);
    connect(mCapMoves, &QCheckBox::toggled, this, &OptimizeDialog::updateEnabledState);
    connect(mRebalance, &QRadioButton::toggled, this, [this, &document](bool on) {
        if (on)
            mTerritories->setValue(std::max(1, document.territoryCount()));
    });

    mTerritoryCount = document.territoryCount();
    mEveryTerritoryHasHome = mTerritoryCount > 0;
    for (const Territory &territory : document.scenario().territories) {
        const RepId rep = territory.rep;
        if (!rep.isValid() || static_cast<std::size_t>(rep.value()) >= project.reps().size()
            || !std::isfinite(project.reps()[static_cast<std::size_t>(rep.value())].home.lon)
            || !std::isfinite(project.reps()[static_cast<std::size_t>(rep.value())].home.lat))
            mEveryTerritoryHasHome = false;
    }
    connect(mTerritories, &QSpinBox::valueChanged, this, &OptimizeDialog::updateEnabledState);

    OptimizeRequest defaults = OptimizeRequest::defaults(document);
    setRequest(defaults);
    // The territory count, balance rows and rep centres depend on the project; the rest is kept between runs.
    const std::pair<QWidget *, const char *> kept[] = {{mCompactness, "compactness"}, {mContiguity, "contiguity"},
                                                       {mJoinIslands, "joinIslands"},
                                                       {mNewPlan, "newPlan"},         {mRebalance, "rebalance"},
                                                       {mCapMoves, "capMoves"},       {mMoveCap, "moveCap"},
                                                       {mSeed, "seed"},               {mTimeLimit, "timeLimit"}};
    QList<QWidget *> fields;
    for (const auto &[widget, name] : kept) {
        widget->setObjectName(QString::fromLatin1(name));
        fields << widget;
    }
    DialogSettings::attach(this, QStringLiteral("optimize"), fields);
}

OptimizeRequest OptimizeDialog::request() const
{
    OptimizeRequest request;
    request.territories = mTerritories->value();
    for (int row = 0; row < mBalance->rowCount(); ++row)
        if (mBalance->item(row, 0)->checkState() == Qt::Checked) {
            const auto *spin = static_cast<QDoubleSpinBox *>(mBalance->cellWidget(row, 1));
            request.balance.push_back({mAttributes[static_cast<std::size_t>(row)], spin->value() / 100.0});
        }
    request.compactness = mCompactness->currentIndex() == 0 ? CompactnessObjective::Travel : CompactnessObjective::Boundary;
    request.contiguity = mContiguity->isChecked();
    request.joinIslands = mJoinIslands->isChecked();
    request.repCentres = mRepCentres->isChecked();
    request.rebalance = mRebalance->isChecked();
    request.moveCap = request.rebalance && mCapMoves->isChecked() ? mMoveCap->value() : -1;
    request.utilisationMax = mLimitUtilisation->isEnabled() && mLimitUtilisation->isChecked() ? mUtilisationMax->value() / 100.0 : 0.0;
    request.seed = static_cast<std::uint64_t>(mSeed->value());
    request.timeLimitSeconds = mTimeLimit->value();
    return request;
}

void OptimizeDialog::setRequest(const OptimizeRequest &request)
{
    mTerritories->setValue(request.territories);
    for (int row = 0; row < mBalance->rowCount(); ++row) {
        Qt::CheckState state = Qt::Unchecked;
        for (const OptimizeRequest::Balance &b : request.balance)
            if (b.attribute == mAttributes[static_cast<std::size_t>(row)]) {
                state = Qt::Checked;
                static_cast<QDoubleSpinBox *>(mBalance->cellWidget(row, 1))->setValue(b.tolerance * 100.0);
            }
        mBalance->item(row, 0)->setCheckState(state);
    }
    mCompactness->setCurrentIndex(request.compactness == CompactnessObjective::Travel ? 0 : 1);
    mContiguity->setChecked(request.contiguity);
    mJoinIslands->setChecked(request.joinIslands);
    mJoinIslands->setEnabled(request.contiguity);
    mRepCentres->setChecked(request.repCentres);
    (request.rebalance ? mRebalance : mNewPlan)->setChecked(true);
    mCapMoves->setChecked(request.moveCap >= 0);
    mMoveCap->setValue(std::max(0, request.moveCap >= 0 ? request.moveCap : 10));
    mLimitUtilisation->setChecked(request.utilisationMax > 0);
    if (request.utilisationMax > 0)
        mUtilisationMax->setValue(request.utilisationMax * 100.0);
    mSeed->setValue(static_cast<int>(request.seed));
    mTimeLimit->setValue(request.timeLimitSeconds);
    updateEnabledState();
}

OptimizeDialog::~OptimizeDialog()
{
    if (mCurveJob)
        mCurveJob->feedback.cancel(); // the worker finishes on its own; the job outlives the dialog
}

void OptimizeDialog::showTradeOff()
{
    const OptimizeRequest asked = request();
    if (asked.balance.empty()) {
        mCurve->showMessage(tr("Tick an attribute to balance first."));
        return;
    }
    std::vector<std::string> names;
    for (const OptimizeRequest::Balance &b : asked.balance)
        names.push_back(b.attribute);
    OptimizeRequest rebalance = asked;
    rebalance.rebalance = true;
    OptimizerOptions options = OptimizationRun::toOptions(rebalance);
    // On the data the scenario is measured on (a what-if's scaled attributes and added reps).
    auto input = ScenarioMetrics::input(mDocument.project(), mDocument.scenario());
    if (!input) {
        mCurve->showMessage(tr("No trade-off: %1").arg(QString::fromStdString(input.error().message)));
        return;
    }
    auto built = plan::scenarioProblem(input->dataOr(mDocument.project()), input->scenario, names, options,
                                       plan::CentrePlacement::Free);
    if (!built) {
        mCurve->showMessage(tr("No trade-off: %1").arg(QString::fromStdString(built.error().message)));
        return;
    }
    if (mCurveJob)
        mCurveJob->feedback.cancel();
    auto job = std::make_shared<RebalanceCurveJob>();
    job->problem = std::move(built->problem);
    job->territories = options.territories;
    job->options.balance = options.balance;
    job->options.contiguity = options.contiguity;
    job->options.seed = options.seed;
    job->options.timeLimitSeconds = options.timeLimitSeconds;
    mCurveJob = job;
    mCurveRunning = true;
    mCurveButton->setEnabled(false);
    mCurve->showMessage(tr("Computing the trade-off…"));
    auto *watcher = new QFutureWatcher<void>(this);
    const double tolerance = asked.balance.front().tolerance * 100.0;
    const QString attribute = QString::fromStdString(asked.balance.front().attribute);
    connect(watcher, &QFutureWatcher<void>::finished, this, [this, watcher, job, tolerance, attribute] {
        watcher->deleteLater();
        if (job != mCurveJob)
            return; // a newer computation replaced this one
        mCurveRunning = false;
        mCurveButton->setEnabled(mRebalance->isChecked());
        if (!job->result || !*job->result) {
            mCurve->showMessage(job->result ? tr("No trade-off: %1").arg(QString::fromStdString(job->result->error().message))
                                            : tr("No trade-off computed."));
            return;
        }
        std::vector<RebalanceCurveChart::Point> points;
        for (const RebalanceCurvePoint &p : **job->result)
            points.push_back({p.maxMoves, p.outcome.movedUnits, p.outcome.worstDeviation.empty() ? 0.0 : p.outcome.worstDeviation.front() * 100.0,
                              p.outcome.balanced, p.outcome.contiguous, p.fewest});
        mCurve->setCurve(points, tolerance, attribute);
    });
    watcher->setFuture(QtConcurrent::run([job] {
        job->result = Rebalancer(job->problem, job->territories, job->options).curve(&job->feedback);
    }));
}

void OptimizeDialog::pickCurvePoint(int index)
{
    const auto &points = mCurve->points();
    if (index < 0 || static_cast<std::size_t>(index) >= points.size())
        return;
    const RebalanceCurveChart::Point &p = points[static_cast<std::size_t>(index)];
    mRebalance->setChecked(true);
    mCapMoves->setChecked(!p.fewest);
    if (!p.fewest)
        mMoveCap->setValue(p.movedUnits);
    updateEnabledState();
}

void OptimizeDialog::updateEnabledState()
{
    const bool rebalance = mRebalance->isChecked();
    mCurveButton->setEnabled(rebalance && !mCurveRunning);
    mCurveBox->setVisible(rebalance);
    mCapMoves->setEnabled(rebalance);
    mMoveCap->setEnabled(rebalance && mCapMoves->isChecked());
    mTerritories->setEnabled(!rebalance);
    // Homes are the centres of a new plan whose territories all have a rep.
    mRepCentres->setEnabled(!rebalance && mEveryTerritoryHasHome && mTerritories->value() <= mTerritoryCount);
    // Workload includes travel from each territory's rep home.
    mLimitUtilisation->setEnabled(mEveryTerritoryHasHome && mTerritories->value() <= mTerritoryCount);
    mUtilisationMax->setEnabled(mLimitUtilisation->isEnabled() && mLimitUtilisation->isChecked());
}

QString OptimizeDialog::run(Document *document, QWidget *parent)
{
    if (!document || !document->hasProject())
        return {};
    OptimizeDialog dialog(*document, parent);
    OptimizationRun optimization(document);
    // A request that cannot run or has no plan comes back to the dialog with
    // its settings, so the director changes a tolerance instead of starting over.
    for (;;) {
        if (dialog.exec() != QDialog::Accepted)
            return {};
        if (auto started = optimization.start(dialog.request()); !started) {
            QMessageBox::warning(parent, tr("Optimize Territories"),
                                 tr("The optimizer cannot run:\n%1").arg(QString::fromStdString(started.error().toString())));
            continue;
        }
        OptimizationProgressDialog progress(optimization.objectiveLabel(), optimization.objectiveUnit(), parent);
        progress.setTimeLimit(dialog.request().timeLimitSeconds);
        connect(&optimization, &OptimizationRun::progress, &progress, &OptimizationProgressDialog::addReport);
        connect(&progress, &OptimizationProgressDialog::cancelRequested, &optimization, &OptimizationRun::cancel);
        QEventLoop loop;
        bool applied = false;
        const QMetaObject::Connection done = connect(&optimization, &OptimizationRun::finished, &loop, [&loop, &applied](bool ok) {
            applied = ok;
            loop.quit();
        });
        progress.show();
        loop.exec();
        disconnect(done);
        progress.hide();
        if (applied)
            break;
        const Error &error = optimization.error();
        if (error.code == ErrorCode::Cancelled)
            return tr("Optimization cancelled; the plan is unchanged");
        const QString title = error.code == ErrorCode::Infeasible ? tr("No Plan Possible") : tr("Optimization Failed");
        QMessageBox::warning(parent, title,
                             tr("%1\n\nThe plan is unchanged. Change the settings and try again, or cancel.")
                                 .arg(QString::fromStdString(error.toString())));
    }
    const OptimizationOutcome &outcome = optimization.outcome();
    const QString summary = outcome.summary();
    const bool goalsMet = outcome.result.balanced && (!outcome.options.contiguity || outcome.result.contiguous);
    QMessageBox box(goalsMet ? QMessageBox::Information : QMessageBox::Warning, tr("Optimization Result"), summary,
                    QMessageBox::Ok, parent);
    QPushButton *discard = nullptr;
    if (goalsMet) {
        box.setInformativeText(tr("Undo (Ctrl+Z) restores the previous plan. Show Details lists why each moved unit moved."));
    } else {
        box.setInformativeText(tr("No plan within every tolerance%1 was found within the limits. Keep this plan anyway?")
                                   .arg(outcome.options.contiguity ? tr(" and contiguous") : QString()));
        discard = box.addButton(tr("Discard"), QMessageBox::RejectRole);
        box.button(QMessageBox::Ok)->setText(tr("Keep"));
    }
    const QStringList lines = outcome.explanations();
    if (!lines.isEmpty())
        box.setDetailedText(lines.join(QLatin1Char('\n')));
    box.exec();
    if (discard && box.clickedButton() == discard) {
        optimization.discard();
        return tr("Optimized plan discarded; the plan is unchanged");
    }
    return summary;
}

} // namespace tessera::ui
