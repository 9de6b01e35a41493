#include "ui/panels/movereasonspanel.h"

#include "core/model/project.h"
#include "core/plan/movereasons.h"
#include "ui/document/document.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

namespace tessera::ui {

MoveReasonsPanel::MoveReasonsPanel(Document *document, QWidget *parent)
    : QDockWidget(tr("Why Units Moved"), parent), mDocument(document)
{
    setObjectName(QStringLiteral("MoveReasonsPanel"));
    auto *body = new QWidget(this);
    auto *layout = new QVBoxLayout(body);
    layout->setContentsMargins(4, 4, 4, 4);
    mSummary = new QLabel(body);
    mSummary->setWordWrap(true);
    mTable = new QTableWidget(0, ColumnCount, body);
    mTable->setHorizontalHeaderLabels({tr("Unit"), tr("From"), tr("To"), tr("Rep"), tr("Why")});
    mTable->verticalHeader()->hide();
    mTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    mTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    mTable->setSelectionMode(QAbstractItemView::SingleSelection);
    mTable->horizontalHeader()->setSectionResizeMode(ReasonColumn, QHeaderView::Stretch);
    mTable->setSortingEnabled(true);
    mTable->setToolTip(tr("Click a unit to show it on the map; click a header to sort."));
    layout->addWidget(mSummary);
    layout->addWidget(mTable);
    setWidget(body);

    connect(mTable, &QTableWidget::cellClicked, this, [this](int row, int) {
        if (const QTableWidgetItem *item = mTable->item(row, UnitColumn))
            emit zoomRequested(UnitId(item->data(Qt::UserRole).toInt()));
    });
    connect(mDocument, &Document::changed, this, [this](const ChangeEvent &event) {
        // Names and reps show in the rows: refresh on those too, not only on a new plan.
        refresh(event.touches(ChangeEvent::TerritoryName | ChangeEvent::TerritoryRep | ChangeEvent::TerritoryList
                              | ChangeEvent::Project));
    });
    connect(mDocument, &Document::projectReplaced, this, [this] { refresh(true); });
    refresh(true);
}

QString MoveReasonsPanel::summaryText() const
{
    return mSummary->text();
}

void MoveReasonsPanel::refresh(bool force)
{
    if (!mDocument->hasProject()) {
        mTable->setRowCount(0);
        mShownParameters.clear();
        mSummary->setText(tr("Open a project to see why units moved."));
        return;
    }
    const Scenario &scenario = mDocument->scenario();
    if (!force && scenario.parametersJson == mShownParameters)
        return;
    mShownParameters = scenario.parametersJson;
    const Project &project = mDocument->project();
    const std::map<int, plan::MoveReason> reasons = plan::moveReasons(scenario.parametersJson);
    mTable->setSortingEnabled(false);
    mTable->setRowCount(static_cast<int>(reasons.size()));
    int row = 0;
    for (const auto &[unit, reason] : reasons) {
        QString unitText = QString::number(unit);
        if (unit >= 0 && static_cast<std::size_t>(unit) < project.units().size()) {
            const Unit &u = project.units().unit(UnitId(unit));
            unitText = u.name.empty() ? QString::fromStdString(u.key)
                                      : QStringLiteral("%1 (%2)").arg(QString::fromStdString(u.name), QString::fromStdString(u.key));
        }
        QString rep = tr("no rep");
        for (const Territory &territory : scenario.territories)
            if (territory.name == reason.to && territory.rep.isValid()
                && static_cast<std::size_t>(territory.rep.value()) < project.reps().size())
                rep = QString::fromStdString(project.reps()[static_cast<std::size_t>(territory.rep.value())].name);
        auto *unitItem = new QTableWidgetItem(unitText);
        unitItem->setData(Qt::UserRole, unit);
        mTable->setItem(row, UnitColumn, unitItem);
        mTable->setItem(row, FromColumn, new QTableWidgetItem(QString::fromStdString(reason.from.empty() ? "—" : reason.from)));
        mTable->setItem(row, ToColumn, new QTableWidgetItem(QString::fromStdString(reason.to.empty() ? "—" : reason.to)));
        mTable->setItem(row, RepColumn, new QTableWidgetItem(rep));
        mTable->setItem(row, ReasonColumn, new QTableWidgetItem(QString::fromStdString(reason.text)));
        ++row;
    }
    mTable->setSortingEnabled(true);
    mTable->resizeColumnsToContents();
    mSummary->setText(reasons.empty() ? tr("No optimizer moves in this plan. Optimize or rebalance to see why units move.")
                                      : tr("%1 units moved by the optimizer in this plan.").arg(reasons.size()));
}

} // namespace tessera::ui
