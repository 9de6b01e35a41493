#include "ui/commands/addremovescenariocommand.h"

#include "ui/document/document.h"

#include <QCoreApplication>

namespace tessera::ui {

AddRemoveScenarioCommand *AddRemoveScenarioCommand::add(Document *document, Scenario scenario, bool makeCurrent,
                                                        const QString &text)
{
    auto *command = new AddRemoveScenarioCommand(document, true, document->scenarioCount(), std::move(scenario), makeCurrent);
    command->setText(text);
    return command;
}

AddRemoveScenarioCommand *AddRemoveScenarioCommand::remove(Document *document, int index)
{
    auto *command = new AddRemoveScenarioCommand(document, false, index, Scenario(), index == document->scenarioIndex());
    command->setText(QCoreApplication::translate("AddRemoveScenarioCommand", "Delete Scenario %1")
                         .arg(QString::fromStdString(document->scenarioAt(index).name)));
    return command;
}

AddRemoveScenarioCommand::AddRemoveScenarioCommand(Document *document, bool adding, int index, Scenario scenario,
                                                   bool makeCurrent)
    : mDocument(document), mAdding(adding), mIndex(index), mScenario(std::move(scenario)), mMakeCurrent(makeCurrent)
{
}

void AddRemoveScenarioCommand::insert()
{
    mDocument->insertScenario(mIndex, std::move(mScenario));
    mScenario = Scenario();
    if (mMakeCurrent) {
        int index = mIndex;
        mDocument->swapCurrentScenario(index);
        mOtherIndex = index;
    }
}

void AddRemoveScenarioCommand::take()
{
    if (mMakeCurrent) {
        // Edit the scenario edited before (adding) or a neighbour (removing) first.
        int other = mOtherIndex >= 0 ? mOtherIndex : (mIndex > 0 ? mIndex - 1 : 1);
        if (other > mIndex && !mAdding)
            other = mIndex + 1;
        mDocument->swapCurrentScenario(other);
        mOtherIndex = -1;
    }
    mScenario = mDocument->takeScenario(mIndex);
}

} // namespace tessera::ui
