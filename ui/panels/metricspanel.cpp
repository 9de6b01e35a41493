#include "ui/panels/metricspanel.h"

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
    mTable->setSortingEnabled(false);
    auto *chart = new QChart;
    chart->legend()->hide();
    chart->setMargins(QMargins(2, 2, 2, 2));
    mChartView = new QChartView(chart, splitter);
    mChartView->setRenderHint(QPainter::Antialiasing);
    mChartView->setMinimumHeight(160);
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
    connect(mDocument, &Document::currentTerritoryChanged, this, &MetricsPanel::onCurrentTerritoryChanged);
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
    const bool engine = mStatistics->territoryMetrics(TerritoryId(0)) != nullptr;
    if (engine)
        headers << tr("Workload h") << tr("Capacity %") << tr("Compactness") << tr("Pieces");
    mTable->clear();
    mTable->setColumnCount(static_cast<int>(headers.size()));
    mTable->setHorizontalHeaderLabels(headers);
    mTable->setRowCount(territories + 1);
    const double tol = tolerance();
    for (int t = 0; t <= territories; ++t) {
        const bool unassigned = t == territories;
        const TerritoryId id = unassigned ? TerritoryId() : TerritoryId(t);
        auto *name = new QTableWidgetItem(unassigned ? tr("(unassigned)")
                                                     : QString::fromStdString(mDocument->territory(id).name));
        name->setData(Qt::UserRole, unassigned ? -1 : t);
        if (!unassigned)
            name->setData(Qt::DecorationRole, QColor::fromRgb(mDocument->territory(id).color));
        mTable->setItem(t, 0, name);
        int column = 1;
        for (const QString &attribute : mChosen) {
            const int a = mStatistics->attributeIndex(attribute);
            const double value = unassigned ? mStatistics->unassignedSum(a) : mStatistics->sum(a, id);
            auto *sumItem = new QTableWidgetItem(locale.toString(value, 'f', 0));
            sumItem->setData(Qt::UserRole, value);
            sumItem->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            mTable->setItem(t, column++, sumItem);
            auto *deviationItem = new QTableWidgetItem;
            if (!unassigned) {
                const double deviation = mStatistics->deviation(a, id);
                deviationItem->setText(locale.toString(deviation * 100.0, 'f', 1));
                deviationItem->setData(Qt::UserRole, deviation);
                // Within tolerance: green; up to twice: amber; beyond: red.
                const double ratio = std::abs(deviation) / std::max(tol, 1e-9);
                deviationItem->setBackground(ratio <= 1.0 ? QColor(0xC7, 0xE9, 0xC0)
                                             : ratio <= 2.0 ? QColor(0xFD, 0xE0, 0xA0)
                                                            : QColor(0xF4, 0xA5, 0x82));
            }
            deviationItem->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            mTable->setItem(t, column++, deviationItem);
        }
        const TerritoryMetrics *metrics = unassigned ? nullptr : mStatistics->territoryMetrics(id);
        if (engine && metrics) {
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
    auto *set = new QBarSet(tr("Deviation %"));
    QStringList categories;
    double extreme = tolerance() * 100.0;
    for (int t = 0; t < mStatistics->territoryCount(); ++t) {
        const double d = mStatistics->deviation(a, TerritoryId(t)) * 100.0;
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
    if (mDocument->isValidTerritory(to) && to != from) {
        html += tr("<br>Moving it to <b>%1</b>:").arg(territoryName(to).toHtmlEscaped());
        for (const QString &attribute : mChosen) {
            const int a = mStatistics->attributeIndex(attribute);
            const auto [fromAfter, toAfter] = mStatistics->deviationsAfterMove(a, unit, to);
            html += QStringLiteral("<br>%1: ").arg(attribute);
            if (mDocument->isValidTerritory(from))
                html += tr("%1 %2 → %3 %, ").arg(territoryName(from).toHtmlEscaped(),
                                                 locale.toString(mStatistics->deviation(a, from) * 100, 'f', 1),
                                                 locale.toString(fromAfter * 100, 'f', 1));
            html += tr("%1 %2 → %3 %").arg(territoryName(to).toHtmlEscaped(),
                                           locale.toString(mStatistics->deviation(a, to) * 100, 'f', 1),
                                           locale.toString(toAfter * 100, 'f', 1));
        }
    }
    mHover->setText(html);
}

QString MetricsPanel::hoverText() const
{
    return mHover->text();
}

} // namespace tessera::ui
