#include "ui/commands/replacescenarioscommand.h"

#include "ui/document/document.h"

namespace tessera::ui {

ReplaceScenariosCommand::ReplaceScenariosCommand(Document *document, std::vector<Scenario> scenarios,
                                                 std::vector<ScenarioId> deleted, int editedIndex, const QString &text)
    : QUndoCommand(text), mDocument(document), mScenarios(std::move(scenarios)), mDeleted(std::move(deleted)),
      mIndex(editedIndex)
{
}

void ReplaceScenariosCommand::swap()
{
    mDocument->swapScenarios(mScenarios, mDeleted, mIndex);
}

} // namespace tessera::ui
