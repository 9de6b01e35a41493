#include "ui/commands/replacescenarioscommand.h"

#include "ui/document/document.h"

namespace tessera::ui {

ReplaceScenariosCommand::ReplaceScenariosCommand(Document *document, std::vector<Scenario> scenarios,
                                                 std::vector<ScenarioId> deleted, int editedIndex, const QString &text,
                                                 std::optional<std::vector<Rep>> reps,
                                                 std::optional<std::string> settingsJson)
    : QUndoCommand(text), mDocument(document), mScenarios(std::move(scenarios)), mDeleted(std::move(deleted)),
      mIndex(editedIndex), mReps(std::move(reps)), mSettings(std::move(settingsJson))
{
}

void ReplaceScenariosCommand::swap()
{
    mDocument->swapScenarios(mScenarios, mDeleted, mIndex, mReps ? &*mReps : nullptr);
    if (mSettings)
        mDocument->swapSettings(*mSettings);
}

} // namespace tessera::ui
