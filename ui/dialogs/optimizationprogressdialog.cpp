#include "ui/dialogs/optimizationprogressdialog.h"

#include <QChart>
#include <QChartView>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLegend>
#include <QLineSeries>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <limits>

namespace tessera::ui {

OptimizationProgressDialog::OptimizationProgressDialog(const QString &label, const QString &unit, QWidget *parent)
    : QDialog(parent), mUnit(unit)
{
    setWindowTitle(tr("Optimizing Territories"));
    setWindowModality(Qt::WindowModal);
    auto *layout = new QVBoxLayout(this);
    mLabel = new QLabel(tr("Starting…"), this);
    mLabel->setWordWrap(true);
    mLabel->setMinimumWidth(460);
    layout->addWidget(mLabel);
    mBar = new QProgressBar(this);
    mBar->setRange(0, 1000);
    mBar->setTextVisible(false);
    layout->addWidget(mBar);

    auto *chart = new QChart;
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setMargins(QMargins(4, 4, 4, 4));
    mBest = new QLineSeries;
    mBest->setName(tr("Best plan so far"));
    mBound = new QLineSeries;
    mBound->setName(tr("Lower bound (no plan can be better)"));
    chart->addSeries(mBest);
    chart->addSeries(mBound);
    mTime = new QValueAxis;
    mTime->setTitleText(tr("seconds"));
    mTime->setLabelFormat(QStringLiteral("%.0f"));
    mValue = new QValueAxis;
    mValue->setTitleText(mUnit);
    chart->addAxis(mTime, Qt::AlignBottom);
    chart->addAxis(mValue, Qt::AlignLeft);
    for (QLineSeries *series : {mBest, mBound}) {
        series->attachAxis(mTime);
        series->attachAxis(mValue);
    }
    auto *view = new QChartView(chart, this);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumSize(460, 260);
    layout->addWidget(view);
    // The axis holds only the unit; what the figure is reads in full below.
    auto *caption = new QLabel(tr("Vertical axis: %1, in %2. Lower is better; the plan is proven best where the lines meet.")
                                   .arg(label, mUnit),
                               this);
    caption->setWordWrap(true);
    layout->addWidget(caption);

    auto *buttons = new QDialogButtonBox(this);
    mCancel = buttons->addButton(QDialogButtonBox::Cancel);
    connect(mCancel, &QPushButton::clicked, this, &OptimizationProgressDialog::reject);
    layout->addWidget(buttons);
    fitAxes();
    mClock.start();
}

void OptimizationProgressDialog::addReport(double fraction, const QString &phase, double best, double bound)
{
    addReportAt(mClock.elapsed() / 1000.0, fraction, phase, best, bound);
}

void OptimizationProgressDialog::addReportAt(double seconds, double fraction, const QString &phase, double best, double bound)
{
    const QLocale locale;
    auto figure = [&](double value) {
        return std::isnan(value) ? tr("not computed yet") : QStringLiteral("%1 %2").arg(locale.toString(value, 'f', 1), mUnit);
    };
    QString text = mCancelling ? tr("Cancelling…") : phase;
    if (!std::isnan(best) || !std::isnan(bound))
        text += tr("\nBest: %1   Bound: %2").arg(figure(best), figure(bound));
    mLabel->setText(text);
    const double used = mTimeLimit > 0 ? std::min(0.99, seconds / mTimeLimit) : 0.0;
    mBar->setValue(static_cast<int>(std::lround(std::clamp(std::max(fraction, used), 0.0, 1.0) * 999)));
    mLastSeconds = std::max(mLastSeconds, seconds);
    // A point only when the figure changes: the lines are steps of the search.
    auto plot = [&](QLineSeries *series, double value) {
        if (series->count() > 0 && series->at(series->count() - 1).y() == value)
            return;
        series->append(seconds, value);
        mLow = std::min(mLow, value);
        mHigh = std::max(mHigh, value);
    };
    if (std::isfinite(best))
        plot(mBest, best);
    if (std::isfinite(bound) && bound > 0)
        plot(mBound, bound);
    fitAxes();
}

QString OptimizationProgressDialog::labelText() const
{
    return mLabel->text();
}

int OptimizationProgressDialog::bestPoints() const
{
    return static_cast<int>(mBest->count());
}

int OptimizationProgressDialog::progressPermille() const
{
    return mBar->value();
}

int OptimizationProgressDialog::boundPoints() const
{
    return static_cast<int>(mBound->count());
}

void OptimizationProgressDialog::reject()
{
    // The run decides when it is over; until then the window stays, saying so.
    if (mCancelling)
        return;
    mCancelling = true;
    mCancel->setEnabled(false);
    mLabel->setText(tr("Cancelling…"));
    emit cancelRequested();
}

void OptimizationProgressDialog::fitAxes()
{
    // The running extremes: a long run plots thousands of points.
    double low = mLow, high = mHigh;
    if (!std::isfinite(low)) {
        low = 0;
        high = 1;
    }
    const double margin = std::max((high - low) * 0.05, std::abs(high) * 0.01 + 1e-9);
    mValue->setRange(std::max(0.0, low - margin), high + margin);
    mTime->setRange(0, std::max(1.0, std::ceil(mLastSeconds)));
}

} // namespace tessera::ui
