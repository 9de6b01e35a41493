#include "ui/dialogs/rebalancecurvechart.h"

#include <QChart>
#include <QChartView>
#include <QLabel>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLocale>
#include <QLogValueAxis>
#include <QPen>
#include <QScatterSeries>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace tessera::ui {

namespace {

/// The log axis needs positive values: a perfect balance shows at 0.01 %.
double plotted(double percent)
{
    return std::max(percent, 0.01);
}

} // namespace

RebalanceCurveChart::RebalanceCurveChart(QWidget *parent) : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *chart = new QChart;
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setMargins(QMargins(4, 4, 4, 4));
    mView = new QChartView(chart, this);
    mView->setRenderHint(QPainter::Antialiasing);
    mView->setMinimumSize(420, 240);
    mCaption = new QLabel(this);
    mCaption->setWordWrap(true);
    layout->addWidget(mView);
    layout->addWidget(mCaption);
    showMessage(tr("Press “Show trade-off” to see how far each number of moved units gets."));
}

void RebalanceCurveChart::showMessage(const QString &message)
{
    mPoints.clear();
    mSelected = -1;
    rebuild();
    mCaption->setText(message);
}

void RebalanceCurveChart::setCurve(const std::vector<Point> &points, double tolerancePercent, const QString &attribute)
{
    mPoints = points;
    mTolerance = tolerancePercent;
    mAttribute = attribute;
    mSelected = -1;
    rebuild();
    QString text = tr("Click a point to choose how many units may move.");
    if (!points.empty() && !points.front().contiguous)
        text += tr(" The current plan has territories in pieces: the first moves reconnect them, so balance "
                   "improves only after them.");
    mCaption->setText(text);
}

void RebalanceCurveChart::rebuild()
{
    QChart *chart = mView->chart();
    chart->removeAllSeries();
    for (QAbstractAxis *axis : chart->axes())
        chart->removeAxis(axis);
    mSelectedSeries = nullptr;
    if (mPoints.empty())
        return;
    const QLocale locale;
    auto *line = new QLineSeries;
    line->setName(tr("Best balance"));
    auto *within = new QScatterSeries;
    within->setName(tr("Within"));
    within->setColor(QColor(0x2e, 0x7d, 0x32));
    within->setMarkerSize(11);
    auto *outside = new QScatterSeries;
    outside->setName(tr("Outside"));
    outside->setColor(QColor(0xc6, 0x28, 0x28));
    outside->setMarkerSize(11);
    int maxMoved = 1;
    double maxPercent = 1, minPercent = 1e9;
    for (const Point &p : mPoints) {
        line->append(p.movedUnits, plotted(p.worstPercent));
        (p.balanced ? within : outside)->append(p.movedUnits, plotted(p.worstPercent));
        maxMoved = std::max(maxMoved, p.movedUnits);
        maxPercent = std::max(maxPercent, p.worstPercent);
        minPercent = std::min(minPercent, plotted(p.worstPercent));
    }
    auto *tolerance = new QLineSeries;
    tolerance->setName(tr("Tolerance ±%1 %").arg(locale.toString(mTolerance, 'f', 1)));
    QPen dashed(QColor(0x55, 0x55, 0x55));
    dashed.setStyle(Qt::DashLine);
    dashed.setWidth(1);
    tolerance->setPen(dashed);
    tolerance->append(0, plotted(mTolerance));
    tolerance->append(maxMoved * 10.0, plotted(mTolerance)); // clipped at the plot edge
    mSelectedSeries = new QScatterSeries;
    mSelectedSeries->setName(tr("Chosen"));
    mSelectedSeries->setColor(Qt::transparent);
    mSelectedSeries->setBorderColor(QColor(0x15, 0x65, 0xc0));
    mSelectedSeries->setPen(QPen(QColor(0x15, 0x65, 0xc0), 3));
    mSelectedSeries->setMarkerSize(20);

    for (QAbstractSeries *series : std::initializer_list<QAbstractSeries *>{line, tolerance, outside, within, mSelectedSeries})
        chart->addSeries(series);
    auto *x = new QValueAxis;
    x->setTitleText(tr("Moved units"));
    // Round ticks from 0 (1, 2 or 5 × 10^k apart); a little room left of 0 keeps the N = 0 marker whole.
    const double rough = maxMoved / 4.0, decade = std::pow(10.0, std::floor(std::log10(std::max(rough, 1.0))));
    const double step = rough / decade <= 1 ? decade : rough / decade <= 2 ? 2 * decade : rough / decade <= 5 ? 5 * decade : 10 * decade;
    x->setTickType(QValueAxis::TicksDynamic);
    x->setTickAnchor(0);
    x->setTickInterval(step);
    x->setRange(-0.15 * step, std::ceil(maxMoved * 1.05 / step) * step);
    x->setLabelFormat(QStringLiteral("%d"));
    auto *y = new QLogValueAxis;
    y->setTitleText(tr("Worst %1 deviation (%)").arg(mAttribute));
    y->setBase(10);
    y->setLabelFormat(QStringLiteral("%g %%"));
    y->setMinorTickCount(8); // 2, 3, … 9 between the decades
    y->setRange(std::min(minPercent, plotted(mTolerance)) * 0.7, maxPercent * 1.4);
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    for (QAbstractSeries *series : chart->series()) {
        series->attachAxis(x);
        series->attachAxis(y);
    }
    const auto pick = [this](const QPointF &at) {
        int best = -1;
        double bestDistance = 1e300;
        for (std::size_t i = 0; i < mPoints.size(); ++i) {
            const double dx = mPoints[i].movedUnits - at.x();
            const double dy = std::log10(plotted(mPoints[i].worstPercent)) - std::log10(std::max(at.y(), 1e-6));
            const double d = dx * dx + 1e4 * dy * dy;
            if (d < bestDistance) {
                bestDistance = d;
                best = static_cast<int>(i);
            }
        }
        if (best >= 0) {
            select(best);
            emit pointPicked(best);
        }
    };
    connect(within, &QScatterSeries::clicked, this, pick);
    connect(outside, &QScatterSeries::clicked, this, pick);
    // The legend shows no entry for the selection ring.
    chart->legend()->markers(mSelectedSeries).value(0)->setVisible(false);
}

void RebalanceCurveChart::select(int index)
{
    if (index < 0 || static_cast<std::size_t>(index) >= mPoints.size() || !mSelectedSeries)
        return;
    mSelected = index;
    const Point &p = mPoints[static_cast<std::size_t>(index)];
    mSelectedSeries->clear();
    mSelectedSeries->append(p.movedUnits, plotted(p.worstPercent));
    mCaption->setText(caption());
}

QString RebalanceCurveChart::caption() const
{
    if (mSelected < 0)
        return {};
    const QLocale locale;
    const Point &p = mPoints[static_cast<std::size_t>(mSelected)];
    QString text = p.fewest ? tr("Fewest moves: %1 units moved, worst %2 deviation %3 %")
                                  .arg(p.movedUnits)
                                  .arg(mAttribute, locale.toString(p.worstPercent, 'f', 1))
                            : tr("At most %1 moves: %2 units moved, worst %3 deviation %4 %")
                                  .arg(p.maxMoves)
                                  .arg(p.movedUnits)
                                  .arg(mAttribute, locale.toString(p.worstPercent, 'f', 1));
    text += p.balanced ? tr(" — within the tolerance.") : tr(" — still outside the tolerance.");
    if (!p.contiguous)
        text += tr(" A territory stays in pieces.");
    return text;
}

} // namespace tessera::ui
