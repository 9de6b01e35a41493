#pragma once

#include "core/model/rep.h"

#include <QUndoCommand>

#include <vector>

namespace tessera::ui {

class Document;

/// Adds a rep to the project or removes one, as one pair (Tiled's add/remove
/// idiom). A removed rep is kept in the command with the territories it held
/// in every scenario, so undo brings the rep back at its place and gives the
/// territories back; redo leaves them vacant again.
class AddRemoveRepCommand : public QUndoCommand {
public:
    /// Appends \a rep (its id is assigned).
    static AddRemoveRepCommand *add(Document *document, Rep rep);
    /// Removes rep \a id; its territories become vacant.
    static AddRemoveRepCommand *remove(Document *document, RepId id);

    void redo() override { mAdding ? insert() : take(); }
    void undo() override { mAdding ? take() : insert(); }

private:
    AddRemoveRepCommand(Document *document, bool adding, Rep rep);
    void insert();
    void take();

    Document *mDocument;
    bool mAdding;
    Rep mRep;                                       ///< the rep while it is out of the document
    std::vector<std::vector<TerritoryId>> mHolders; ///< territories it held, per scenario index
};

} // namespace tessera::ui
