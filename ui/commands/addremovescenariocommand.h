#pragma once

#include "core/model/scenario.h"

#include <QUndoCommand>

namespace tessera::ui {

class Document;

/// Adds a scenario (new, cloned, restored or "Save As") and removes one, as
/// one pair (Tiled's add/remove idiom): the removed scenario is kept whole in
/// the command so undo brings it back with its id, territories and notes.
class AddRemoveScenarioCommand : public QUndoCommand {
public:
    /// Appends \a scenario and, when \a makeCurrent, edits it from then on.
    static AddRemoveScenarioCommand *add(Document *document, Scenario scenario, bool makeCurrent, const QString &text);
    /// Removes scenario \a index; when it is the edited one, a neighbour is edited instead.
    static AddRemoveScenarioCommand *remove(Document *document, int index);

    void redo() override { mAdding ? insert() : take(); }
    void undo() override { mAdding ? take() : insert(); }

private:
    AddRemoveScenarioCommand(Document *document, bool adding, int index, Scenario scenario, bool makeCurrent);
    void insert();
    void take();

    Document *mDocument;
    bool mAdding;
    int mIndex;
    Scenario mScenario;   ///< the scenario while it is out of the document
    bool mMakeCurrent;    ///< edit the inserted scenario
    int mOtherIndex = -1; ///< the scenario edited before the switch, swapped back on the way out
};

} // namespace tessera::ui
