#include "ui/panels/routespanel.h"

#include "core/model/project.h"
#include "core/routing/repplanexporter.h"
#include "core/routing/repplanner.h"
#include "ui/canvas/mapcanvas.h"
#include "ui/canvas/routelayer.h"
#include "ui/canvas/webmercator.h"
#include "ui/document/document.h"

#include <QComboBox>

#include <algorithm>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace tessera::ui {

RoutesPanel::RoutesPanel(Document *document, MapCanvas *canvas, QWidget *parent)
    : QDockWidget(tr("Routes"), parent), mDocument(document), mCanvas(canvas)
{
    setObjectName(QStringLiteral("RoutesPanel"));
    auto *body = new QWidget(this);
    auto *layout = new QVBoxLayout(body);
    auto *form = new QFormLayout;
    mRep = new QComboBox(body);
    mDays = new QSpinBox(body);
    mDays->setRange(1, 20);
    mDays->setValue(5);
    mDays->setSuffix(tr(" days"));
    form->addRow(tr("Rep"), mRep);
    form->addRow(tr("Horizon"), mDays);
    layout->addLayout(form);
    auto *buttons = new QHBoxLayout;
    mPlanButton = new QPushButton(tr("Plan routes"), body);
    mPlanButton->setToolTip(tr("Plan the rep's visits over the horizon (again after editing territories)"));
    mCancelButton = new QPushButton(tr("Cancel"), body);
    mCancelButton->setEnabled(false);
    buttons->addWidget(mPlanButton);
    buttons->addWidget(mCancelButton);
    layout->addLayout(buttons);
    mProgress = new QProgressBar(body);
    mProgress->setRange(0, 100);
    mProgress->hide();
    layout->addWidget(mProgress);
    mDay = new QComboBox(body);
    layout->addWidget(mDay);
    mTable = new QTableWidget(0, 4, body);
    mTable->setHorizontalHeaderLabels({tr("Time"), tr("Account"), tr("Duration (min)"), tr("Drive (min)")});
    mTable->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    mTable->verticalHeader()->hide();
    mTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    mTable->setWordWrap(false);
    mTable->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    layout->addWidget(mTable, 1);
    mTotals = new QLabel(body);
    mTotals->setWordWrap(true);
    layout->addWidget(mTotals);
    layout->addWidget(new QLabel(tr("Left out"), body));
    mUnfitted = new QListWidget(body);
    mUnfitted->setMaximumHeight(110);
    layout->addWidget(mUnfitted);
    // a scroll area keeps the dock's minimum height small beside the other docks
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    body->setMinimumHeight(420);
    scroll->setWidget(body);
    setWidget(scroll);

    connect(mPlanButton, &QPushButton::clicked, this, &RoutesPanel::planRoutes);
    connect(mCancelButton, &QPushButton::clicked, this, &RoutesPanel::cancel);
    connect(mDay, &QComboBox::currentIndexChanged, this, &RoutesPanel::showDay);
    connect(&mWatcher, &QFutureWatcherBase::finished, this, &RoutesPanel::onFinished);
    connect(mDocument, &Document::projectReplaced, this, &RoutesPanel::refreshReps);
    connect(mDocument, &Document::changed, this, [this](const ChangeEvent &event) {
        if (event.touches(ChangeEvent::Reps))
            refreshReps();
    });
    refreshReps();
}

RoutesPanel::~RoutesPanel()
{
    cancel();
    mWatcher.waitForFinished();
}

void RoutesPanel::refreshReps()
{
    mRep->clear();
    if (!mDocument->hasProject())
        return;
    for (const Rep &rep : mDocument->project().reps())
        mRep->addItem(QStringLiteral("%1 (%2)").arg(QString::fromStdString(rep.name), QString::fromStdString(rep.key)),
                      rep.id.value());
}

void RoutesPanel::planRoutes()
{
    if (mWatcher.isRunning() || !mDocument->hasProject() || mRep->currentIndex() < 0)
        return;
    const RepId rep(mRep->currentData().toInt());
    RepPlanOptions options;
    options.days = mDays->value();
    options.lunchStart = 12 * 60.0;
    options.lunchEnd = 12 * 60.0 + 30.0;
    options.routing.timeLimitSeconds = mTimeLimit;
    // the visits are read here, on the GUI thread; the worker sees only copies
    RepPlanner planner(options);
    auto requests = planner.requests(mDocument->project(), mDocument->scenario(), rep);
    if (!requests) {
        emit planFailed(QString::fromStdString(requests.error().toString()));
        return;
    }
    const Rep person = mDocument->project().reps().at(static_cast<std::size_t>(rep.value()));
    mFeedback = std::make_shared<Feedback>();
    QPointer<RoutesPanel> self(this);
    mFeedback->setProgressCallback([self](double fraction, std::string_view) {
        QMetaObject::invokeMethod(
            self.data(), [self, fraction] { if (self) self->mProgress->setValue(int(fraction * 100)); },
            Qt::QueuedConnection);
    });
    mPlanButton->setEnabled(false);
    mCancelButton->setEnabled(true);
    mProgress->setValue(0);
    mProgress->show();
    auto feedback = mFeedback;
    mWatcher.setFuture(QtConcurrent::run([planner, person, requests = std::move(*requests), feedback]() -> Result<RepPlan> {
        auto plan = planner.plan(person.key, person.home, requests, feedback.get());
        if (plan) {
            plan->rep = person.id;
            plan->repKey = person.key;
            plan->repName = person.name;
        }
        return plan;
    }));
}

void RoutesPanel::cancel()
{
    if (mFeedback)
        mFeedback->cancel();
}

void RoutesPanel::onFinished()
{
    mPlanButton->setEnabled(true);
    mCancelButton->setEnabled(false);
    mProgress->hide();
    Result<RepPlan> result = mWatcher.result();
    if (!result) {
        emit planFailed(QString::fromStdString(result.error().toString()));
        return;
    }
    mPlan = std::make_shared<const RepPlan>(std::move(*result));
    {
        const QSignalBlocker blocker(mDay);
        mDay->clear();
        mDay->addItem(tr("All days"), -1);
        for (const PlannedDay &day : mPlan->days)
            mDay->addItem(tr("Day %1").arg(day.day + 1), day.day);
        mDay->setCurrentIndex(1);
    }
    mUnfitted->clear();
    for (const UnfittedVisit &u : mPlan->unfitted)
        mUnfitted->addItem(tr("%1: %2").arg(QString::fromStdString(u.name.empty() ? u.key : u.name),
                                            QString::fromStdString(u.reason)));
    mTotals->setText(tr("%1 visits, %2 h driving (%3 km), %4 h visiting, %5 min idle. Nearest-neighbour order "
                        "from home drives %6 h for the same visits.")
                         .arg(mPlan->visits)
                         .arg(mPlan->driveMinutes / 60.0, 0, 'f', 1)
                         .arg(mPlan->driveKm, 0, 'f', 0)
                         .arg(mPlan->visitMinutes / 60.0, 0, 'f', 1)
                         .arg(mPlan->idleMinutes, 0, 'f', 0)
                         .arg(mPlan->baselineDriveMinutes / 60.0, 0, 'f', 1));
    if (auto *layer = dynamic_cast<RouteLayer *>(mCanvas->layer(QStringLiteral("routes"))))
        layer->setVisible(true);
    // bring the rep's routes into view
    const QPointF home = mercator::project(mPlan->home);
    double minX = home.x(), maxX = home.x(), minY = home.y(), maxY = home.y();
    for (const PlannedDay &day : mPlan->days)
        for (const PlannedVisit &visit : day.visits) {
            const QPointF p = mercator::project(visit.location);
            minX = std::min(minX, p.x());
            maxX = std::max(maxX, p.x());
            minY = std::min(minY, p.y());
            maxY = std::max(maxY, p.y());
        }
    const QRectF extent(QPointF(minX, minY), QPointF(maxX, maxY));
    const double margin = std::max({extent.width(), extent.height(), 20000.0}) * 0.15;
    mCanvas->zoomToRect(extent.adjusted(-margin, -margin, margin, margin));
    showDay();
    emit planned();
}

void RoutesPanel::showDay()
{
    mTable->setRowCount(0);
    const int day = mDay->currentData().isValid() ? mDay->currentData().toInt() : -1;
    if (auto *layer = dynamic_cast<RouteLayer *>(mCanvas->layer(QStringLiteral("routes")))) {
        layer->setPlan(mPlan, day);
        mCanvas->refreshLayer(QStringLiteral("routes"));
    }
    if (!mPlan)
        return;
    for (const PlannedDay &planned : mPlan->days) {
        if (day >= 0 && planned.day != day)
            continue;
        for (const PlannedVisit &visit : planned.visits) {
            const int row = mTable->rowCount();
            mTable->insertRow(row);
            const QString time = (day < 0 ? tr("Day %1 ").arg(planned.day + 1) : QString())
                                 + QString::fromStdString(RepPlanExporter::clock(visit.start));
            mTable->setItem(row, 0, new QTableWidgetItem(time));
            mTable->setItem(row, 1, new QTableWidgetItem(QString::fromStdString(visit.name)));
            mTable->setItem(row, 2, new QTableWidgetItem(QString::number(visit.departure - visit.start, 'f', 0)));
            mTable->setItem(row, 3, new QTableWidgetItem(QString::number(visit.driveMinutes, 'f', 0)));
        }
    }
}

} // namespace tessera::ui
