#include "ui/panels/scenariopanel.h"

#include "ui/commands/addremovescenariocommand.h"
#include "ui/commands/changescenariocommand.h"
#include "ui/document/document.h"
#include "ui/panels/scenariohistorypanel.h"

#include <QGridLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTreeWidget>
#include <QUndoStack>
#include <QVBoxLayout>

#include <ctime>

namespace tessera::ui {

ScenarioPanel::ScenarioPanel(Document *document, QWidget *parent)
    : QDockWidget(tr("Scenarios"), parent), mDocument(document), mTree(new QTreeWidget), mNotes(new QPlainTextEdit)
{
    setObjectName(QStringLiteral("ScenarioPanel"));
    auto *content = new QWidget(this);
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(4, 4, 4, 4);
    mTree->setColumnCount(3);
    mTree->setHeaderLabels({tr("Scenario"), tr("Territories"), tr("Modified")});
    mTree->setRootIsDecorated(false);
    mTree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    mTree->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    mTree->header()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    layout->addWidget(mTree, 1);

    auto *buttons = new QGridLayout;
    auto button = [&](const QString &name, const QString &text, int row, int column, auto slot) {
        auto *b = new QPushButton(text, content);
        b->setObjectName(name);
        connect(b, &QPushButton::clicked, this, slot);
        buttons->addWidget(b, row, column);
        return b;
    };
    button(QStringLiteral("newScenario"), tr("New Empty…"), 0, 0, [this] { chooseCreate(false); });
    button(QStringLiteral("copyScenario"), tr("New from Plan…"), 0, 1, [this] { chooseCreate(true); });
    button(QStringLiteral("renameScenario"), tr("Rename…"), 1, 0, [this] { chooseRename(); });
    mDelete = button(QStringLiteral("deleteScenario"), tr("Delete"), 1, 1, [this] { deleteScenario(selectedIndex()); });
    mBaseline = button(QStringLiteral("baselineScenario"), tr("Make Baseline"), 2, 0, [this] { makeBaseline(selectedIndex()); });
    button(QStringLiteral("compareScenario"), tr("Compare…"), 2, 1, [this] { emit compareRequested(); });
    layout->addLayout(buttons);
    layout->addWidget(new QLabel(tr("Notes:"), content));
    mNotes->setObjectName(QStringLiteral("scenarioNotes"));
    mNotes->setPlaceholderText(tr("What this scenario assumes, who asked for it…"));
    mNotes->setMaximumHeight(90);
    layout->addWidget(mNotes);
    auto *saveNotes = new QPushButton(tr("Keep Notes"), content);
    saveNotes->setObjectName(QStringLiteral("keepNotes"));
    connect(saveNotes, &QPushButton::clicked, this, &ScenarioPanel::commitNotes);
    layout->addWidget(saveNotes);
    setWidget(content);

    connect(document, &Document::scenariosChanged, this, &ScenarioPanel::rebuild);
    connect(document, &Document::projectReplaced, this, &ScenarioPanel::rebuild);
    connect(mTree, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem *item) {
        if (mUpdating || !item)
            return;
        switchTo(item->data(0, Qt::UserRole).toInt());
    });
    rebuild();
}

int ScenarioPanel::selectedIndex() const
{
    return mDocument->hasProject() ? mDocument->scenarioIndex() : -1;
}

void ScenarioPanel::rebuild()
{
    mUpdating = true;
    mTree->clear();
    for (int i = 0; i < mDocument->scenarioCount(); ++i) {
        const Scenario &scenario = mDocument->scenarioAt(i);
        auto *item = new QTreeWidgetItem(mTree);
        item->setData(0, Qt::UserRole, i);
        QString name = QString::fromStdString(scenario.name);
        if (scenario.isBaseline)
            name += tr(" (baseline)");
        item->setText(0, name);
        item->setText(1, QString::number(scenario.territories.size()));
        item->setText(2, scenario.modifiedAt > 0 ? ScenarioHistoryPanel::displayTime(scenario.modifiedAt) : tr("not saved"));
        // Long names (a restored "Plan as of 5 Dec 2026 14:05") are cut in the column: the tip shows them whole.
        item->setToolTip(0, scenario.notes.empty() ? name : name + QStringLiteral("\n\n") + QString::fromStdString(scenario.notes));
        if (i == mDocument->scenarioIndex()) {
            QFont font = item->font(0);
            font.setBold(true);
            item->setFont(0, font);
            mTree->setCurrentItem(item);
        }
    }
    const int current = selectedIndex();
    mNotes->setPlainText(current >= 0 ? QString::fromStdString(mDocument->scenarioAt(current).notes) : QString());
    mDelete->setEnabled(mDocument->scenarioCount() > 1);
    mBaseline->setEnabled(current >= 0);
    mUpdating = false;
}

void ScenarioPanel::createScenario(const std::string &name, bool fromCurrent)
{
    if (!mDocument->hasProject())
        return;
    Scenario scenario;
    if (fromCurrent)
        scenario = mDocument->scenario();
    else
        scenario.alignment = Alignment(mDocument->unitCount());
    scenario.id = 0;
    scenario.isBaseline = false;
    scenario.name = mDocument->uniqueScenarioName(name.empty() ? tr("Scenario").toStdString() : name);
    scenario.createdAt = scenario.modifiedAt = 0;
    mDocument->undoStack()->push(AddRemoveScenarioCommand::add(
        mDocument, std::move(scenario), true,
        fromCurrent ? tr("New Scenario from Plan") : tr("New Empty Scenario")));
}

void ScenarioPanel::cloneScenario(int index, const std::string &name)
{
    if (index < 0 || index >= mDocument->scenarioCount())
        return;
    Scenario scenario = mDocument->scenarioAt(index);
    scenario.id = 0;
    scenario.isBaseline = false;
    scenario.createdAt = scenario.modifiedAt = 0;
    scenario.name = mDocument->uniqueScenarioName(name.empty() ? scenario.name + " copy" : name);
    const QString text = tr("Clone %1").arg(QString::fromStdString(mDocument->scenarioAt(index).name));
    mDocument->undoStack()->push(AddRemoveScenarioCommand::add(mDocument, std::move(scenario), true, text));
}

bool ScenarioPanel::renameScenario(int index, const std::string &name)
{
    if (index < 0 || index >= mDocument->scenarioCount() || name.empty())
        return false;
    const int existing = mDocument->indexOfScenario(name);
    if (existing >= 0)
        return existing == index;
    mDocument->undoStack()->push(ChangeScenarioCommand::rename(mDocument, index, name));
    return true;
}

bool ScenarioPanel::deleteScenario(int index)
{
    if (index < 0 || index >= mDocument->scenarioCount() || mDocument->scenarioCount() < 2)
        return false;
    mDocument->undoStack()->push(AddRemoveScenarioCommand::remove(mDocument, index));
    return true;
}

void ScenarioPanel::makeBaseline(int index)
{
    if (index >= 0 && index < mDocument->scenarioCount() && !mDocument->scenarioAt(index).isBaseline)
        mDocument->undoStack()->push(ChangeScenarioCommand::makeBaseline(mDocument, index));
}

void ScenarioPanel::setNotes(int index, const std::string &notes)
{
    if (index >= 0 && index < mDocument->scenarioCount() && mDocument->scenarioAt(index).notes != notes)
        mDocument->undoStack()->push(ChangeScenarioCommand::annotate(mDocument, index, notes));
}

void ScenarioPanel::switchTo(int index)
{
    if (index >= 0 && index < mDocument->scenarioCount() && index != mDocument->scenarioIndex())
        mDocument->undoStack()->push(new SwitchScenarioCommand(mDocument, index));
}

void ScenarioPanel::chooseCreate(bool fromCurrent)
{
    bool ok = false;
    const QString name = QInputDialog::getText(this, fromCurrent ? tr("New Scenario from Plan") : tr("New Empty Scenario"),
                                               tr("Name:"), QLineEdit::Normal,
                                               QString::fromStdString(mDocument->uniqueScenarioName(
                                                   fromCurrent ? mDocument->scenario().name + " copy" : "Scenario")),
                                               &ok);
    if (ok && !name.trimmed().isEmpty())
        createScenario(name.trimmed().toStdString(), fromCurrent);
}

void ScenarioPanel::chooseRename()
{
    const int index = selectedIndex();
    if (index < 0)
        return;
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("Rename Scenario"), tr("Name:"), QLineEdit::Normal,
                                               QString::fromStdString(mDocument->scenarioAt(index).name), &ok);
    if (ok && !renameScenario(index, name.trimmed().toStdString()))
        setWindowTitle(tr("Scenarios — the name is empty or taken"));
}

void ScenarioPanel::commitNotes()
{
    setNotes(selectedIndex(), mNotes->toPlainText().toStdString());
}

} // namespace tessera::ui
