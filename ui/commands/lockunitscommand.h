#pragma once

#include "core/model/ids.h"

#include <QUndoCommand>

#include <memory>
#include <vector>

namespace tessera::ui {

class Document;

/// Locks or unlocks units (locked units are never reassigned by tools).
class LockUnitsCommand : public QUndoCommand {
public:
    /// Null when every unit already has that state.
    static std::unique_ptr<LockUnitsCommand> create(Document *document, const std::vector<UnitId> &units, bool lock);

    void undo() override { swap(); }
    void redo() override { swap(); }

private:
    LockUnitsCommand(Document *document, std::vector<UnitId> units, bool lock);
    void swap();

    Document *mDocument;
    std::vector<UnitId> mUnits;
    std::vector<char> mLocked;
};

} // namespace tessera::ui
