#include "ui/panels/metricspanel.h"

#include "core/metrics/metricsengine.h"
#include "core/metrics/planmetrics.h"
#include "core/metrics/territorymetrics.h"
#include "ui/document/document.h"
#include "ui/document/territorystatistics.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QSplitter>
#include <QTableWidget>
#include <QValueAxis>
#include <QVBoxLayout>

#include <cmath>

namespace tessera::ui {

namespace {

/// Rows measured when the columns are fitted to their contents.
constexpr int ResizePrecisionRows = 40;

/// A deviation as "+4.2" (percent, one decimal), "–" when undefined.
QString percentText(double deviation)
{
    return std::isnan(deviation) ? QStringLiteral("–") : QLocale().toString(deviation * 100.0, 'f', 1);
}
} // namespace

MetricsPanel::MetricsPanel(Document *document, TerritoryStatistics *statistics, QWidget *parent)
    : QDockWidget(tr("Balance"), parent), mDocument(document), mStatistics(statistics)
{
    setObjectName(QStringLiteral("MetricsPanel"));
    auto *content = new QWidget(this);
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(4, 4, 4, 4);
    auto *form = new QFormLayout;
    mTolerance = new QDoubleSpinBox(content);
    mTolerance->setRange(0.1, 100.0);
    mTolerance->setValue(5.0);
    mTolerance->setSuffix(QStringLiteral(" %"));
    mTolerance->setPrefix(QStringLiteral("± "));
    form->addRow(tr("Tolerance"), mTolerance);
    mChartAttribute = new QComboBox(content);
    form->addRow(tr("Chart"), mChartAttribute);
    layout->addLayout(form);
    mAttributeList = new QListWidget(content);
    mAttributeList->setMaximumHeight(90);
    mAttributeList->setToolTip(tr("Attributes shown in the table"));
    layout->addWidget(mAttributeList);
    auto *splitter = new QSplitter(Qt::Vertical, content);
    mTable = new QTableWidget(splitter);
    mTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    mTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    mTable->setSelectionMode(QAbstractItemView::SingleSelection);
    mTable->verticalHeader()->hide();
    // Fitting the columns measures the first rows and the visible ones, not all of a national plan's
    // hundreds (every cell's text laid out on each scenario switch).
    mTable->horizontalHeader()->setResizeContentsPrecision(ResizePrecisionRows);
    mTable->verticalHeader()->setResizeContentsPrecision(ResizePrecisionRows);
    mTable->setSortingEnabled(false);
    auto *chart = new QChart;
    chart->legend()->hide();
    chart->setMargins(QMargins(2, 2, 2, 2));
    mChartView = new QChartView(chart, splitter);
    mChartView->setRenderHint(QPainter::Antialiasing);
    mChartView->setMinimumHeight(150);
    // The table is what a director reads; keep rows visible above the chart.
    mTable->setMinimumHeight(100);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    layout->addWidget(splitter, 1);
    mHover = new QLabel(content);
    mHover->setWordWrap(true);
    mHover->setTextFormat(Qt::RichText);
    mHover->setMinimumHeight(60);
    mHover->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    layout->addWidget(mHover);
    setWidget(content);

    connect(mStatistics, &TerritoryStatistics::updated, this, [this] {
        if (mStatistics->attributes().size() != mAttributeList->count())
            rebuildAttributes();
        refresh();
    });
    connect(mTolerance, &QDoubleSpinBox::valueChanged, this, &MetricsPanel::refresh);
    connect(mChartAttribute, &QComboBox::currentIndexChanged, this, [this] {
        refreshChart();
        if (!mUpdating)
            emit chartAttributeChanged(mChartAttribute->currentText());
    });
    connect(mAttributeList, &QListWidget::itemChanged, this, [this] {
        if (mUpdating)
            return;
        QStringList chosen;
        for (int i = 0; i < mAttributeList->count(); ++i)
            if (mAttributeList->item(i)->checkState() == Qt::Checked)
                chosen << mAttributeList->item(i)->text();
        mChosen = chosen;
        refresh();
    });
    connect(mTable, &QTableWidget::itemSelectionChanged, this, [this] {
        if (mUpdating)
            return;
        const auto rows = mTable->selectionModel()->selectedRows();
        if (rows.isEmpty())
            return;
        const int t = mTable->item(rows.first().row(), 0)->data(Qt::UserRole).toInt();
        mDocument->setCurrentTerritory(TerritoryId(t));
    });
    connect(mDocument, &Document::currentTerritoryChanged, this, [this](TerritoryId id) {
        onCurrentTerritoryChanged(id);
        refreshHover(); // the hover shows a move to the current territory
    });
    rebuildAttributes();
    refresh();
}

void MetricsPanel::rebuildAttributes()
{
    mUpdating = true;
    const QStringList attributes = mStatistics->attributes();
    if (mChosen.isEmpty() || !std::all_of(mChosen.begin(), mChosen.end(), [&](const QString &a) { return attributes.contains(a); })) {
        mChosen.clear();
        for (const char *preferred : {"accounts", "revenue_potential", "workload_hours", "population"})
            if (attributes.contains(QLatin1String(preferred)))
                mChosen << QLatin1String(preferred);
        if (mChosen.isEmpty() && !attributes.isEmpty())
            mChosen << attributes.first();
    }
    mAttributeList->clear();
    for (const QString &attribute : attributes) {
        auto *item = new QListWidgetItem(attribute, mAttributeList);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(mChosen.contains(attribute) ? Qt::Checked : Qt::Unchecked);
    }
    const QString chart = mChartAttribute->currentText();
    mChartAttribute->clear();
    mChartAttribute->addItems(attributes);
    const int index = attributes.indexOf(chart.isEmpty() ? (mChosen.isEmpty() ? QString() : mChosen.first()) : chart);
    mChartAttribute->setCurrentIndex(std::max(0, index));
    mUpdating = false;
}

void MetricsPanel::setChosenAttributes(const QStringList &attributes)
{
    mChosen = attributes;
    rebuildAttributes();
    refresh();
}

double MetricsPanel::tolerance() const
{
    return mTolerance->value() / 100.0;
}

void MetricsPanel::setTolerance(double fraction)
{
    mTolerance->setValue(fraction * 100.0);
}

QString MetricsPanel::chartAttribute() const
{
    return mChartAttribute->currentText();
}

void MetricsPanel::refresh()
{
    mUpdating = true;
    QLocale locale;
    const int territories = mStatistics->territoryCount();
    QStringList headers{tr("Territory")};
    for (const QString &attribute : mChosen)
        headers << attribute << tr("Δ %");
    const PlanMetrics *plan = mStatistics->planMetrics();
    if (plan)
        headers << tr("Workload h") << tr("Capacity %") << tr("Compactness") << tr("Pieces");
    mTable->clear();
    mTable->setColumnCount(static_cast<int>(headers.size()));
    mTable->setHorizontalHeaderLabels(headers);
    mTable->setRowCount(plan ? territories + 1 : 0);
    const double tol = tolerance();
    for (int t = 0; plan && t <= territories; ++t) {
        const bool unassigned = t == territories;
        const TerritoryId id = unassigned ? TerritoryId() : TerritoryId(t);
        const TerritoryMetrics *metrics = unassigned ? nullptr : mStatistics->territoryMetrics(id);
        auto *name = new QTableWidgetItem(unassigned ? tr("(unassigned)")
                                                     : QString::fromStdString(mDocument->territory(id).name));
        name->setData(Qt::UserRole, unassigned ? -1 : t);
        if (!unassigned)
            name->setData(Qt::DecorationRole, QColor::fromRgb(mDocument->territory(id).color));
        mTable->setItem(t, 0, name);
        int column = 1;
        for (const QString &attribute : mChosen) {
            const int a = mStatistics->attributeIndex(attribute);
            if (a < 0) {
                column += 2;
                continue;
            }
            const auto k = static_cast<std::size_t>(a);
            const double value = unassigned ? plan->unassignedSums[k] : metrics->attributes[k].sum;
            auto *sumItem = new QTableWidgetItem(locale.toString(value, 'f', 0));
            sumItem->setData(Qt::UserRole, value);
            sumItem->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            mTable->setItem(t, column++, sumItem);
            auto *deviationItem = new QTableWidgetItem;
            if (!unassigned) {
                const AttributeFigures &figures = metrics->attributes[k];
                deviationItem->setText(percentText(figures.deviation));
                deviationItem->setData(Qt::UserRole, figures.deviation);
                deviationItem->setToolTip(tr("Against %1 (%2)")
                                              .arg(locale.toString(figures.reference, 'f', 0),
                                                   figures.reference == plan->attributes[k].mean ? tr("the mean")
                                                                                                 : tr("the target")));
                // Within tolerance: green; up to twice: amber; beyond (or undefined): red.
                const double ratio = std::abs(figures.deviation) / std::max(tol, 1e-9);
                deviationItem->setBackground(ratio <= 1.0 ? QColor(0xC7, 0xE9, 0xC0)
                                             : ratio <= 2.0 ? QColor(0xFD, 0xE0, 0xA0)
                                                            : QColor(0xF4, 0xA5, 0x82));
            }
            deviationItem->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            mTable->setItem(t, column++, deviationItem);
        }
        if (metrics) {
            auto number = [&](double value, int decimals, const QString &tip) {
                auto *item = new QTableWidgetItem(std::isnan(value) ? QStringLiteral("–") : locale.toString(value, 'f', decimals));
                item->setData(Qt::UserRole, value);
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
                item->setToolTip(tip);
                mTable->setItem(t, column++, item);
                return item;
            };
            number(metrics->workloadHours, 0, tr("Account hours %1 + travel %2").arg(metrics->accountHours, 0, 'f', 0).arg(metrics->travelHours, 0, 'f', 0));
            QTableWidgetItem *utilisation = number(metrics->utilisation * 100.0, 0, tr("Workload against the rep's capacity"));
            if (!std::isnan(metrics->utilisation))
                utilisation->setBackground(metrics->utilisation <= 1.0 ? QColor(0xC7, 0xE9, 0xC0) : QColor(0xF4, 0xA5, 0x82));
            number(metrics->polsbyPopper, 2, tr("Polsby–Popper: 1 for a disc, near 0 for a stretched shape"));
            QTableWidgetItem *pieces = number(static_cast<double>(metrics->pieces), 0, tr("Connected pieces on the unit adjacency"));
            if (metrics->pieces > 1)
                pieces->setBackground(QColor(0xF4, 0xA5, 0x82));
        }
    }
    mTable->resizeColumnsToContents();
    mUpdating = false;
    onCurrentTerritoryChanged(mDocument->currentTerritory());
    refreshChart();
    refreshHover();
}

void MetricsPanel::refreshChart()
{
    QChart *chart = mChartView->chart();
    chart->removeAllSeries();
    for (QAbstractAxis *axis : chart->axes())
        chart->removeAxis(axis);
    const int a = mStatistics->attributeIndex(mChartAttribute->currentText());
    if (a < 0 || mStatistics->territoryCount() == 0)
        return;
    const auto k = static_cast<std::size_t>(a);
    auto *set = new QBarSet(tr("Deviation %"));
    QStringList categories;
    double extreme = tolerance() * 100.0;
    for (int t = 0; t < mStatistics->territoryCount(); ++t) {
        const double deviation = mStatistics->territoryMetrics(TerritoryId(t))->attributes[k].deviation;
        const double d = std::isnan(deviation) ? 0.0 : deviation * 100.0;
        *set << d;
        extreme = std::max(extreme, std::abs(d));
        categories << QString::number(t + 1); // territory numbers, as keys 1-9 assign
    }
    set->setColor(QColor(0x00, 0x72, 0xB2));
    auto *series = new QBarSeries;
    series->append(set);
    chart->addSeries(series);
    auto *x = new QBarCategoryAxis;
    x->append(categories);
    if (categories.size() > 30)
        x->setLabelsVisible(false);
    auto *y = new QValueAxis;
    y->setRange(-extreme * 1.1, extreme * 1.1);
    y->setTitleText(tr("%1 Δ %").arg(mChartAttribute->currentText()));
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    series->attachAxis(x);
    series->attachAxis(y);
}

void MetricsPanel::onCurrentTerritoryChanged(TerritoryId id)
{
    mUpdating = true;
    mTable->clearSelection();
    if (id.isValid() && id.value() < mTable->rowCount() - 1)
        mTable->selectRow(id.value());
    mUpdating = false;
}

void MetricsPanel::showUnit(UnitId unit)
{
    mHoveredUnit = unit;
    refreshHover();
}

void MetricsPanel::refreshHover()
{
    const UnitId unit = mHoveredUnit;
    if (!unit.isValid() || !mDocument->hasProject() || static_cast<std::size_t>(unit.value()) >= mDocument->unitCount()) {
        mHover->clear();
        return;
    }
    QLocale locale;
    const Unit &u = mDocument->project().units().unit(unit);
    const TerritoryId from = mDocument->territoryOf(unit);
    const TerritoryId to = mDocument->currentTerritory();
    auto territoryName = [&](TerritoryId t) {
        return mDocument->isValidTerritory(t) ? QString::fromStdString(mDocument->territory(t).name) : tr("unassigned");
    };
    QString html = QStringLiteral("<b>%1</b> (%2) — %3%4<br>")
                       .arg(QString::fromStdString(u.name).toHtmlEscaped(), QString::fromStdString(u.key).toHtmlEscaped(),
                            territoryName(from).toHtmlEscaped(), mDocument->isLocked(unit) ? tr(", locked") : QString());
    QStringList values;
    for (const QString &attribute : mChosen) {
        const int a = mStatistics->attributeIndex(attribute);
        values << QStringLiteral("%1 %2").arg(attribute, locale.toString(mStatistics->unitValue(a, unit), 'f', 0));
    }
    html += values.join(QStringLiteral(", "));
    const std::optional<MovePreview> preview =
        mDocument->isValidTerritory(to) && to != from ? mStatistics->previewMove(unit, to) : std::nullopt;
    if (preview) {
        html += tr("<br>Moving it to <b>%1</b>:").arg(territoryName(to).toHtmlEscaped());
        for (const QString &attribute : mChosen) {
            const int a = mStatistics->attributeIndex(attribute);
            if (a < 0)
                continue;
            html += QStringLiteral("<br>%1: ").arg(attribute);
            QStringList effects;
            for (std::size_t i = 0; i < preview->before.size(); ++i) {
                const TerritoryId t = preview->before[i].territory;
                effects << tr("%1 %2 → %3 %").arg(territoryName(t).toHtmlEscaped(),
                                                   percentText(preview->before[i].attributes[static_cast<std::size_t>(a)].deviation),
                                                   percentText(preview->after[i].attributes[static_cast<std::size_t>(a)].deviation));
            }
            html += effects.join(QStringLiteral(", "));
        }
    }
    mHover->setText(html);
}

QString MetricsPanel::hoverText() const
{
    return mHover->text();
}

} // namespace tessera::ui
