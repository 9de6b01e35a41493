#include "ui/panels/territorylistpanel.h"

#include "core/metrics/metricsengine.h"
#include "ui/document/document.h"
#include "ui/document/territorystatistics.h"

#include <QHeaderView>
#include <QPixmap>
#include <QTreeWidget>

namespace tessera::ui {

namespace {
QIcon swatch(std::uint32_t rgb)
{
    QPixmap pixmap(14, 14);
    pixmap.fill(QColor::fromRgb(rgb));
    return QIcon(pixmap);
}
} // namespace

TerritoryListPanel::TerritoryListPanel(Document *document, QWidget *parent)
    : QDockWidget(tr("Territories"), parent), mDocument(document), mTree(new QTreeWidget(this))
{
    setObjectName(QStringLiteral("TerritoryListPanel"));
    mTree->setColumnCount(3);
    mTree->setHeaderLabels({tr("Territory"), tr("Rep"), tr("Units")});
    mTree->setRootIsDecorated(false);
    mTree->setUniformRowHeights(true);
    mTree->header()->setStretchLastSection(false);
    mTree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    mTree->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    mTree->header()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    setWidget(mTree);
    connect(document, &Document::changed, this, &TerritoryListPanel::onChanged);
    connect(document, &Document::currentTerritoryChanged, this, &TerritoryListPanel::onCurrentTerritoryChanged);
    connect(mTree, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem *item) {
        if (mUpdating)
            return;
        mDocument->setCurrentTerritory(item ? TerritoryId(item->data(0, Qt::UserRole).toInt()) : TerritoryId());
    });
    connect(mTree, &QTreeWidget::itemDoubleClicked, this, [this](QTreeWidgetItem *item) {
        emit renameRequested(TerritoryId(item->data(0, Qt::UserRole).toInt()));
    });
    rebuild();
}

void TerritoryListPanel::rebuild()
{
    // Rows are updated in place (not cleared and re-created): every changed
    // cell then tells the view to repaint it, so the list shows the new
    // project's names and colours at once after File ▸ Open.
    mUpdating = true;
    const int count = mDocument->territoryCount();
    while (mTree->topLevelItemCount() > count)
        delete mTree->takeTopLevelItem(mTree->topLevelItemCount() - 1);
    while (mTree->topLevelItemCount() < count)
        new QTreeWidgetItem(mTree);
    for (int t = 0; t < count; ++t) {
        const Territory &territory = mDocument->territory(TerritoryId(t));
        QTreeWidgetItem *item = mTree->topLevelItem(t);
        item->setData(0, Qt::UserRole, t);
        item->setIcon(0, swatch(territory.color));
        item->setText(0, QString::fromStdString(territory.name));
    }
    mUpdating = false;
    refreshReps();
    refreshCounts();
    onCurrentTerritoryChanged(mDocument->currentTerritory());
}

void TerritoryListPanel::setStatistics(TerritoryStatistics *statistics)
{
    mStatistics = statistics;
    connect(statistics, &TerritoryStatistics::updated, this, &TerritoryListPanel::refreshReps);
    refreshReps();
}

void TerritoryListPanel::refreshReps()
{
    // The figures' territory list links a what-if's added reps; the document's names the project's.
    const MetricsEngine *engine = mStatistics ? mStatistics->engine() : nullptr;
    const Project *data = mStatistics ? mStatistics->data() : nullptr;
    const bool current = engine && data && engine->territoryCount() == std::size_t(mTree->topLevelItemCount());
    const auto &reps = current ? data->reps() : mDocument->project().reps();
    for (int t = 0; t < mTree->topLevelItemCount() && t < mDocument->territoryCount(); ++t) {
        const RepId id = current ? engine->territoryList()[std::size_t(t)].rep : mDocument->territory(TerritoryId(t)).rep;
        const auto rep = static_cast<std::size_t>(id.value());
        const QString name = id.isValid() && rep < reps.size() ? QString::fromStdString(reps[rep].name) : QString();
        if (mTree->topLevelItem(t)->text(1) != name)
            mTree->topLevelItem(t)->setText(1, name);
    }
}

void TerritoryListPanel::refreshCounts()
{
    const auto counts = mDocument->scenario().alignment.unitCounts(static_cast<std::size_t>(mDocument->territoryCount()));
    for (int row = 0; row < mTree->topLevelItemCount(); ++row) {
        QTreeWidgetItem *item = mTree->topLevelItem(row);
        const auto t = static_cast<std::size_t>(item->data(0, Qt::UserRole).toInt());
        item->setData(2, Qt::DisplayRole, t < counts.size() ? static_cast<qulonglong>(counts[t]) : 0ull);
    }
}

void TerritoryListPanel::onChanged(const ChangeEvent &event)
{
    if (event.isStructural() || event.touches(ChangeEvent::TerritoryName | ChangeEvent::TerritoryColor | ChangeEvent::TerritoryRep)) {
        rebuild();
        return;
    }
    if (event.touches(ChangeEvent::Assignment))
        refreshCounts();
}

void TerritoryListPanel::onCurrentTerritoryChanged(TerritoryId id)
{
    mUpdating = true;
    if (!id.isValid() || id.value() >= mTree->topLevelItemCount())
        mTree->setCurrentItem(nullptr);
    else
        mTree->setCurrentItem(mTree->topLevelItem(id.value()));
    mUpdating = false;
}

} // namespace tessera::ui
