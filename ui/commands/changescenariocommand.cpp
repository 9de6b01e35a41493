#include "ui/commands/changescenariocommand.h"

#include "ui/commands/commandids.h"
#include "ui/document/document.h"

#include <QCoreApplication>

namespace tessera::ui {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("ChangeScenarioCommand", text);
}
} // namespace

ChangeScenarioCommand *ChangeScenarioCommand::rename(Document *document, int index, const std::string &name)
{
    auto *command = new ChangeScenarioCommand(document, index);
    command->mText = document->scenarioAt(index);
    command->mText.name = name;
    command->setText(tr("Rename Scenario to %1").arg(QString::fromStdString(name)));
    return command;
}

ChangeScenarioCommand *ChangeScenarioCommand::annotate(Document *document, int index, const std::string &notes)
{
    auto *command = new ChangeScenarioCommand(document, index);
    command->mText = document->scenarioAt(index);
    command->mText.notes = notes;
    command->setText(tr("Edit Notes of %1").arg(QString::fromStdString(command->mText.name)));
    return command;
}

ChangeScenarioCommand *ChangeScenarioCommand::makeBaseline(Document *document, int index)
{
    auto *command = new ChangeScenarioCommand(document, index);
    command->mFlags = true;
    command->mBaselines.assign(static_cast<std::size_t>(document->scenarioCount()), 0);
    if (index >= 0)
        command->mBaselines[static_cast<std::size_t>(index)] = 1;
    command->setText(index >= 0 ? tr("Make %1 the Baseline").arg(QString::fromStdString(document->scenarioAt(index).name))
                                : tr("Clear the Baseline"));
    return command;
}

void ChangeScenarioCommand::swap()
{
    if (mFlags)
        mDocument->swapBaselineFlags(mBaselines);
    else
        mDocument->swapScenarioText(mIndex, mText);
}

SwitchScenarioCommand::SwitchScenarioCommand(Document *document, int index) : mDocument(document), mIndex(index)
{
    setText(QCoreApplication::translate("SwitchScenarioCommand", "Switch to %1")
                .arg(QString::fromStdString(document->scenarioAt(index).name)));
}

int SwitchScenarioCommand::id() const
{
    return SwitchScenarioCommandId;
}

bool SwitchScenarioCommand::mergeWith(const QUndoCommand *other)
{
    // This command switched from mIndex (after its redo, mIndex holds the
    // scenario edited before); the next switch's target becomes the new one.
    if (mDocument->scenarioIndex() == mIndex)
        setObsolete(true); // back where the first switch started
    setText(other->text());
    return true;
}

void SwitchScenarioCommand::swap()
{
    mDocument->swapCurrentScenario(mIndex);
}

} // namespace tessera::ui
