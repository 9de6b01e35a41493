#include "ui/panels/repspanel.h"

#include "ui/canvas/mapcanvas.h"
#include "ui/commands/addremoverepcommand.h"
#include "ui/commands/changerepcommand.h"
#include "ui/dialogs/repdialog.h"
#include "ui/document/document.h"
#include "ui/tools/pickpointtool.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTableWidget>
#include <QUndoStack>
#include <QVBoxLayout>

#include <set>

namespace tessera::ui {

RepsPanel::RepsPanel(Document *document, MapCanvas *canvas, QWidget *parent)
    : QDockWidget(tr("Reps"), parent), mDocument(document), mCanvas(canvas), mTable(new QTableWidget(this)),
      mAdd(new QPushButton(tr("&Add…"), this)), mEdit(new QPushButton(tr("&Edit…"), this)),
      mRemove(new QPushButton(tr("&Remove"), this)), mPick(new QPushButton(tr("Pick &Home"), this)),
      mNote(new QLabel(this)), mPickTool(new PickPointTool(this))
{
    setObjectName(QStringLiteral("RepsPanel"));
    mTable->setColumnCount(ColumnCount);
    mTable->setHorizontalHeaderLabels(
        {tr("Name"), tr("Territory"), tr("Capacity"), tr("Home (lon, lat)"), tr("Skills")});
    mTable->horizontalHeaderItem(HomeColumn)->setToolTip(tr("Longitude and latitude in degrees"));
    mTable->horizontalHeaderItem(CapacityColumn)->setToolTip(tr("Working hours a year"));
    mTable->horizontalHeaderItem(TerritoryColumn)->setToolTip(tr("Territories the rep holds in the edited scenario"));
    mTable->verticalHeader()->hide();
    mTable->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    mTable->setWordWrap(false);
    mTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    mTable->setSelectionMode(QAbstractItemView::SingleSelection);
    mTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    mTable->setSortingEnabled(false);
    mTable->horizontalHeader()->setStretchLastSection(true);
    mAdd->setToolTip(tr("Add a rep to the project"));
    mEdit->setToolTip(tr("Change the selected rep's name, home, capacity or skills"));
    mRemove->setToolTip(tr("Remove the selected rep; their territories become vacant (Undo brings them back)"));
    mPick->setToolTip(tr("Set the selected rep's home by clicking the map where they live (Esc cancels)"));
    mPick->setCheckable(true);
    mNote->setWordWrap(true);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(mAdd);
    buttons->addWidget(mEdit);
    buttons->addWidget(mRemove);
    buttons->addWidget(mPick);
    buttons->addStretch();
    auto *content = new QWidget(this);
    auto *layout = new QVBoxLayout(content);
    layout->addLayout(buttons);
    layout->addWidget(mTable, 1);
    layout->addWidget(mNote);
    setWidget(content);

    connect(mAdd, &QPushButton::clicked, this, &RepsPanel::addRep);
    connect(mEdit, &QPushButton::clicked, this, &RepsPanel::editRep);
    connect(mRemove, &QPushButton::clicked, this, &RepsPanel::removeRep);
    connect(mPick, &QPushButton::clicked, this, [this](bool checked) {
        if (checked)
            pickHome();
        else
            restoreTool();
    });
    connect(mTable, &QTableWidget::itemSelectionChanged, this, &RepsPanel::updateButtons);
    connect(mTable, &QTableWidget::cellDoubleClicked, this, &RepsPanel::editRep);
    connect(mPickTool, &PickPointTool::picked, this, &RepsPanel::onPicked);
    connect(mPickTool, &PickPointTool::cancelled, this, [this] {
        restoreTool();
        setNote(tr("Picking the home was cancelled."));
    });
    connect(mPickTool, &PickPointTool::deactivated, this, [this] { mPick->setChecked(false); });
    connect(mDocument, &Document::changed, this, [this](const ChangeEvent &event) {
        if (event.touches(ChangeEvent::Reps | ChangeEvent::TerritoryRep | ChangeEvent::TerritoryName
                          | ChangeEvent::TerritoryList | ChangeEvent::Project))
            refresh();
    });
    refresh();
}

RepDialog *RepsPanel::dialog() const
{
    return mDialog;
}

QString RepsPanel::note() const
{
    return mNote->text();
}

RepId RepsPanel::currentRep() const
{
    const int row = mTable->currentRow();
    if (row < 0 || !mTable->item(row, NameColumn) || !mTable->item(row, NameColumn)->isSelected())
        return RepId();
    return RepId(mTable->item(row, NameColumn)->data(Qt::UserRole).toInt());
}

void RepsPanel::setCurrentRep(RepId rep)
{
    for (int row = 0; row < mTable->rowCount(); ++row)
        if (mTable->item(row, NameColumn)->data(Qt::UserRole).toInt() == rep.value()) {
            mTable->selectRow(row);
            return;
        }
    mTable->clearSelection();
}

void RepsPanel::refresh()
{
    const RepId selected = currentRep();
    const QSignalBlocker blocker(mTable);
    mTable->clearContents();
    const auto &reps = mDocument->hasProject() ? mDocument->project().reps() : std::vector<Rep>();
    mTable->setRowCount(static_cast<int>(reps.size()));
    std::vector<QStringList> held(reps.size());
    if (mDocument->hasProject())
        for (const Territory &t : mDocument->scenario().territories)
            if (t.rep.isValid() && static_cast<std::size_t>(t.rep.value()) < reps.size())
                held[static_cast<std::size_t>(t.rep.value())] << QString::fromStdString(t.name);
    const QLocale locale;
    for (std::size_t r = 0; r < reps.size(); ++r) {
        const Rep &rep = reps[r];
        const int row = static_cast<int>(r);
        auto *name = new QTableWidgetItem(QString::fromStdString(rep.name));
        name->setData(Qt::UserRole, rep.id.value());
        name->setToolTip(tr("Id %1").arg(QString::fromStdString(rep.key)));
        mTable->setItem(row, NameColumn, name);
        mTable->setItem(row, HomeColumn, new QTableWidgetItem(QStringLiteral("%1, %2").arg(
                                             locale.toString(rep.home.lon, 'f', 4), locale.toString(rep.home.lat, 'f', 4))));
        auto *capacity = new QTableWidgetItem(rep.capacityHours > 0.0
                                                  ? tr("%1 h/year").arg(locale.toString(rep.capacityHours, 'f', 0))
                                                  : tr("not set"));
        capacity->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        mTable->setItem(row, CapacityColumn, capacity);
        QStringList skills;
        for (const std::string &skill : rep.skills)
            skills << QString::fromStdString(skill);
        mTable->setItem(row, SkillsColumn, new QTableWidgetItem(skills.join(QStringLiteral(", "))));
        auto *territory = new QTableWidgetItem(held[r].isEmpty() ? tr("none") : held[r].join(QStringLiteral(", ")));
        if (held[r].isEmpty())
            territory->setForeground(palette().brush(QPalette::Disabled, QPalette::Text));
        mTable->setItem(row, TerritoryColumn, territory);
    }
    mTable->resizeColumnsToContents();
    if (selected.isValid())
        setCurrentRep(selected);
    updateButtons();
}

void RepsPanel::updateButtons()
{
    const bool project = mDocument->hasProject();
    const bool selected = currentRep().isValid();
    mAdd->setEnabled(project);
    mEdit->setEnabled(selected);
    mRemove->setEnabled(selected);
    mPick->setEnabled(selected && mCanvas);
}

void RepsPanel::setNote(const QString &text)
{
    mNote->setText(text);
}

QString RepsPanel::uniqueKey() const
{
    std::set<std::string> keys;
    for (const Rep &rep : mDocument->project().reps())
        keys.insert(rep.key);
    for (std::size_t n = mDocument->project().reps().size() + 1;; ++n) {
        const std::string key = "R" + std::string(n < 10 ? "0" : "") + std::to_string(n);
        if (!keys.count(key))
            return QString::fromStdString(key);
    }
}

void RepsPanel::addRep()
{
    if (!mDocument->hasProject())
        return;
    Rep rep;
    rep.key = uniqueKey().toStdString();
    if (mCanvas && mCanvas->width() > 0)
        rep.home = mCanvas->toLonLat(QPointF(mCanvas->rect().center()));
    openDialog(rep, tr("Add Rep"), true);
}

void RepsPanel::editRep()
{
    const RepId id = currentRep();
    if (!id.isValid())
        return;
    openDialog(mDocument->project().reps().at(static_cast<std::size_t>(id.value())), tr("Edit Rep"), false);
}

void RepsPanel::openDialog(const Rep &rep, const QString &title, bool adding)
{
    if (mDialog)
        mDialog->close();
    mDialog = new RepDialog(rep, title, this);
    mDialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(mDialog, &QDialog::accepted, this, [this, adding] {
        const Rep entered = mDialog->rep();
        if (adding) {
            mDocument->undoStack()->push(AddRemoveRepCommand::add(mDocument, entered));
            setCurrentRep(mDocument->project().reps().back().id);
            setNote(tr("Added %1. Give them a territory with Territory ▸ Assign Rep….")
                        .arg(QString::fromStdString(entered.name)));
        } else if (entered != mDocument->project().reps().at(static_cast<std::size_t>(entered.id.value()))) {
            mDocument->undoStack()->push(ChangeRepCommand::edit(mDocument, entered));
            setNote(tr("Changed %1.").arg(QString::fromStdString(entered.name)));
        }
    });
    mDialog->open();
}

void RepsPanel::removeRep()
{
    const RepId id = currentRep();
    if (!id.isValid())
        return;
    const Rep &rep = mDocument->project().reps().at(static_cast<std::size_t>(id.value()));
    QStringList vacated;
    for (const Territory &t : mDocument->scenario().territories)
        if (t.rep == id)
            vacated << QString::fromStdString(t.name);
    const QString name = QString::fromStdString(rep.name);
    mDocument->undoStack()->push(AddRemoveRepCommand::remove(mDocument, id));
    const QString territories = vacated.join(QStringLiteral(", "));
    setNote(vacated.isEmpty()      ? tr("Removed %1 (Undo brings them back).").arg(name)
            : vacated.size() == 1 ? tr("Removed %1; %2 is now vacant (Undo brings them back).").arg(name, territories)
                                  : tr("Removed %1; %2 are now vacant (Undo brings them back).").arg(name, territories));
}

void RepsPanel::pickHome()
{
    const RepId id = currentRep();
    if (!id.isValid() || !mCanvas) {
        mPick->setChecked(false);
        return;
    }
    mPickingFor = id;
    if (mCanvas->tool() != mPickTool)
        mPreviousTool = mCanvas->tool();
    const QString name = QString::fromStdString(mDocument->project().reps().at(static_cast<std::size_t>(id.value())).name);
    mPickTool->setPrompt(tr("Click the map where %1 lives; Esc cancels.").arg(name));
    mCanvas->setTool(mPickTool);
    mCanvas->setFocus(Qt::OtherFocusReason);
    mPick->setChecked(true);
    setNote(mPickTool->statusText());
}

void RepsPanel::onPicked(const LonLat &position)
{
    const RepId id = mPickingFor;
    restoreTool();
    if (!id.isValid() || static_cast<std::size_t>(id.value()) >= mDocument->project().reps().size())
        return;
    const LonLat home = position;
    if (const QString problem = RepDialog::checkHome(home); !problem.isEmpty()) { // off the map's edge
        setNote(problem);
        return;
    }
    mDocument->undoStack()->push(ChangeRepCommand::moveHome(mDocument, id, home));
    setNote(tr("Home of %1 set to %2, %3.")
                .arg(QString::fromStdString(mDocument->project().reps()[static_cast<std::size_t>(id.value())].name),
                     QLocale().toString(home.lon, 'f', 4), QLocale().toString(home.lat, 'f', 4)));
}

void RepsPanel::restoreTool()
{
    mPickingFor = RepId();
    if (mCanvas && mCanvas->tool() == mPickTool)
        mCanvas->setTool(mPreviousTool);
    mPick->setChecked(false);
}

} // namespace tessera::ui
