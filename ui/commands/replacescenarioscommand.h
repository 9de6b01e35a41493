#pragma once

#include "core/model/rep.h"
#include "core/model/scenario.h"

#include <QUndoCommand>

#include <optional>
#include <string>
#include <vector>

namespace tessera::ui {

class Document;

/// Replaces the whole scenario list, the scenarios deleted since the last
/// save and the edited scenario at once, and the roster and settings when
/// given (restoring unsaved edits after a crash); undo brings back the
/// project as it was. swap() idiom.
class ReplaceScenariosCommand : public QUndoCommand {
public:
    ReplaceScenariosCommand(Document *document, std::vector<Scenario> scenarios, std::vector<ScenarioId> deleted,
                            int editedIndex, const QString &text, std::optional<std::vector<Rep>> reps = {},
                            std::optional<std::string> settingsJson = {});

    void undo() override { swap(); }
    void redo() override { swap(); }

private:
    void swap();

    Document *mDocument;
    std::vector<Scenario> mScenarios;
    std::vector<ScenarioId> mDeleted;
    int mIndex;
    std::optional<std::vector<Rep>> mReps;
    std::optional<std::string> mSettings;
};

} // namespace tessera::ui
