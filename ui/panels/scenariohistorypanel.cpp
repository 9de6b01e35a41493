#include "ui/panels/scenariohistorypanel.h"

#include "ui/commands/addremovescenariocommand.h"
#include "ui/document/document.h"

#include <QDateTime>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QTreeWidget>
#include <QUndoStack>
#include <QVBoxLayout>

#include <algorithm>

namespace tessera::ui {

namespace {

QString absoluteTime(std::int64_t at)
{
    return QLocale().toString(QDateTime::fromSecsSinceEpoch(at), QStringLiteral("d MMM yyyy HH:mm"));
}

} // namespace

ScenarioHistoryPanel::ScenarioHistoryPanel(Document *document, QWidget *parent)
    : QWidget(parent), mDocument(document), mCaption(new QLabel(this)), mTree(new QTreeWidget(this)),
      mDetails(new QLabel(this)),
      mRestore(new QPushButton(tr("Restore as New Scenario…"), this))
{
    setObjectName(QStringLiteral("ScenarioHistoryPanel"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    mCaption->setWordWrap(true);
    layout->addWidget(mCaption);
    mTree->setObjectName(QStringLiteral("savedHistory"));
    mTree->setColumnCount(2);
    mTree->setHeaderLabels({tr("Saved"), tr("Change")});
    mTree->setRootIsDecorated(false);
    mTree->setUniformRowHeights(true);
    mTree->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    mTree->header()->setStretchLastSection(true);
    mTree->setContextMenuPolicy(Qt::CustomContextMenu);
    layout->addWidget(mTree, 1);
    // Summaries can be longer than the dock is wide: the chosen one is shown whole here.
    mDetails->setObjectName(QStringLiteral("savedHistoryDetails"));
    mDetails->setWordWrap(true);
    mDetails->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(mDetails);
    mRestore->setObjectName(QStringLiteral("restoreScenario"));
    mRestore->setToolTip(tr("Add the scenario as it was after the selected save as a new scenario; "
                            "the scenario itself is not changed"));
    layout->addWidget(mRestore);

    connect(mRestore, &QPushButton::clicked, this, &ScenarioHistoryPanel::chooseRestore);
    connect(mTree, &QTreeWidget::customContextMenuRequested, this, &ScenarioHistoryPanel::showContextMenu);
    connect(mTree, &QTreeWidget::itemSelectionChanged, this, &ScenarioHistoryPanel::showSelected);
    // Both fire after a save and when another scenario is edited.
    connect(document, &Document::scenariosChanged, this, &ScenarioHistoryPanel::refresh);
    connect(document, &Document::projectReplaced, this, &ScenarioHistoryPanel::refresh);
    refresh();
}

QString ScenarioHistoryPanel::displayTime(std::int64_t at)
{
    const QDateTime time = QDateTime::fromSecsSinceEpoch(at);
    const QDate today = QDate::currentDate();
    const QString clock = QLocale().toString(time.time(), QStringLiteral("HH:mm"));
    if (time.date() == today)
        return tr("Today %1").arg(clock);
    if (time.date() == today.addDays(-1))
        return tr("Yesterday %1").arg(clock);
    return absoluteTime(at);
}

void ScenarioHistoryPanel::refresh()
{
    mEntries.clear();
    mTree->clear();
    if (!mDocument->hasProject()) {
        mCaption->setText(tr("No project is open."));
        showSelected();
        return;
    }
    const QString name = QString::fromStdString(mDocument->scenario().name);
    auto history = mDocument->savedHistory();
    if (!history) {
        mCaption->setText(tr("The saved history of %1 cannot be read: %2")
                              .arg(name, QString::fromStdString(history.error().message)));
    } else if (history->empty()) {
        mCaption->setText(mDocument->scenario().id == 0 || mDocument->path().isEmpty()
                              ? tr("%1 has not been saved yet; its history starts with the first save.").arg(name)
                              : tr("%1 has no saved changes yet.").arg(name));
    } else {
        mCaption->setText(tr("Saved changes of <b>%1</b>, newest first. Restoring one adds it as a new scenario; "
                             "%1 itself stays as it is.")
                              .arg(name.toHtmlEscaped()));
        mEntries.assign(history->rbegin(), history->rend());
    }
    for (const HistoryEntry &entry : mEntries) {
        auto *item = new QTreeWidgetItem(mTree);
        const QString summary = QString::fromStdString(entry.summary);
        item->setText(0, displayTime(entry.at));
        item->setText(1, summary);
        const QString when = QLocale().toString(QDateTime::fromSecsSinceEpoch(entry.at), QLocale::LongFormat);
        item->setToolTip(0, when);
        item->setToolTip(1, QStringLiteral("%1\n%2").arg(when, summary));
    }
    if (mTree->topLevelItemCount() > 0)
        mTree->setCurrentItem(mTree->topLevelItem(0));
    showSelected();
}

void ScenarioHistoryPanel::showSelected()
{
    const int row = selectedRow();
    mRestore->setEnabled(row >= 0);
    if (row < 0 || row >= static_cast<int>(mEntries.size())) {
        mDetails->clear();
        mDetails->hide();
        return;
    }
    const HistoryEntry &entry = mEntries[static_cast<std::size_t>(row)];
    mDetails->setText(tr("Saved %1: %2").arg(absoluteTime(entry.at), QString::fromStdString(entry.summary)));
    mDetails->show();
}

int ScenarioHistoryPanel::selectedRow() const
{
    const QList<QTreeWidgetItem *> selected = mTree->selectedItems();
    return selected.isEmpty() ? -1 : mTree->indexOfTopLevelItem(selected.first());
}

QString ScenarioHistoryPanel::defaultRestoreName(const HistoryEntry &entry) const
{
    const QString base = tr("%1 as of %2").arg(QString::fromStdString(mDocument->scenario().name), absoluteTime(entry.at));
    return QString::fromStdString(mDocument->uniqueScenarioName(base.toStdString()));
}

bool ScenarioHistoryPanel::restoreEntry(const HistoryEntry &entry, const QString &name, QString *error)
{
    const QString trimmed = name.trimmed();
    if (!mDocument->hasProject() || trimmed.isEmpty()) {
        if (error)
            *error = tr("The new scenario needs a name.");
        return false;
    }
    auto state = mDocument->savedState(entry.id);
    if (!state) {
        if (error)
            *error = QString::fromStdString(state.error().message);
        return false;
    }
    const QString source = QString::fromStdString(mDocument->scenario().name);
    const QString when = absoluteTime(entry.at);
    Scenario scenario = std::move(state).value();
    scenario.id = 0;
    scenario.isBaseline = false;
    scenario.createdAt = scenario.modifiedAt = 0;
    scenario.name = mDocument->uniqueScenarioName(trimmed.toStdString());
    const std::string origin = tr("Restored from %1 as saved on %2 (%3).")
                                   .arg(source, when, QString::fromStdString(entry.summary))
                                   .toStdString();
    scenario.notes = scenario.notes.empty() ? origin : origin + "\n" + scenario.notes;
    mDocument->undoStack()->push(AddRemoveScenarioCommand::add(
        mDocument, std::move(scenario), true, tr("Restore %1 as of %2").arg(source, when)));
    return true;
}

void ScenarioHistoryPanel::chooseRestore()
{
    const int row = selectedRow();
    if (row < 0 || row >= static_cast<int>(mEntries.size()))
        return;
    const HistoryEntry entry = mEntries[static_cast<std::size_t>(row)];
    bool ok = false;
    const QString name = QInputDialog::getText(
        this, tr("Restore as New Scenario"),
        tr("%1 as saved on %2\n(%3)\nis added as a new scenario named:")
            .arg(QString::fromStdString(mDocument->scenario().name), absoluteTime(entry.at),
                 QString::fromStdString(entry.summary)),
        QLineEdit::Normal, defaultRestoreName(entry), &ok);
    if (!ok)
        return;
    QString error;
    if (!restoreEntry(entry, name, &error))
        QMessageBox::warning(this, tr("Restore as New Scenario"), tr("Nothing was restored: %1").arg(error));
}

void ScenarioHistoryPanel::showContextMenu(const QPoint &position)
{
    QTreeWidgetItem *item = mTree->itemAt(position);
    if (!item)
        return;
    mTree->setCurrentItem(item);
    QMenu menu(this);
    menu.addAction(tr("Restore as New Scenario…"), this, &ScenarioHistoryPanel::chooseRestore);
    menu.exec(mTree->viewport()->mapToGlobal(position));
}

} // namespace tessera::ui
