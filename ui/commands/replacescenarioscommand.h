#pragma once

#include "core/model/scenario.h"

#include <QUndoCommand>

#include <vector>

namespace tessera::ui {

class Document;

/// Replaces the whole scenario list, the scenarios deleted since the last
/// save and the edited scenario at once (restoring unsaved edits after a
/// crash); undo brings back the list as it was. swap() idiom.
class ReplaceScenariosCommand : public QUndoCommand {
public:
    ReplaceScenariosCommand(Document *document, std::vector<Scenario> scenarios, std::vector<ScenarioId> deleted,
                            int editedIndex, const QString &text);

    void undo() override { swap(); }
    void redo() override { swap(); }

private:
    void swap();

    Document *mDocument;
    std::vector<Scenario> mScenarios;
    std::vector<ScenarioId> mDeleted;
    int mIndex;
};

} // namespace tessera::ui
