#pragma once

#include "core/model/territory.h"

#include <QUndoCommand>

namespace tessera::ui {

class Document;

/// Adds a territory at the end of the list; undo removes it again.
class AddTerritoryCommand : public QUndoCommand {
public:
    AddTerritoryCommand(Document *document, Territory territory);
    void undo() override;
    void redo() override;

private:
    Document *mDocument;
    Territory mTerritory;
};

} // namespace tessera::ui
