#pragma once

#include "core/model/territory.h"

#include <QUndoCommand>

#include <cstdint>

namespace tessera::ui {

class Document;

/// Renames, recolours or assigns a rep to one territory: the new Territory
/// value is swapped with the stored one.
class ChangeTerritoryCommand : public QUndoCommand {
public:
    static ChangeTerritoryCommand *rename(Document *document, TerritoryId id, const std::string &name);
    static ChangeTerritoryCommand *recolor(Document *document, TerritoryId id, std::uint32_t color);
    static ChangeTerritoryCommand *assignRep(Document *document, TerritoryId id, RepId rep);

    void undo() override { swap(); }
    void redo() override { swap(); }

private:
    ChangeTerritoryCommand(Document *document, Territory value, std::uint32_t properties, const QString &text);
    void swap();

    Document *mDocument;
    Territory mValue;
    std::uint32_t mProperties;
};

} // namespace tessera::ui
