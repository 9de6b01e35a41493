#pragma once

#include "core/model/rep.h"

#include <QUndoCommand>

namespace tessera::ui {

class Document;

/// Edits one rep (name, home, capacity, skills): the new value is swapped
/// with the stored one, so undo and redo run the same code.
class ChangeRepCommand : public QUndoCommand {
public:
    /// Replaces the rep with \a value's id by \a value.
    static ChangeRepCommand *edit(Document *document, Rep value);
    /// Moves the home of rep \a id to \a home.
    static ChangeRepCommand *moveHome(Document *document, RepId id, LonLat home);

    void undo() override { swap(); }
    void redo() override { swap(); }

private:
    ChangeRepCommand(Document *document, Rep value, const QString &text);
    void swap();

    Document *mDocument;
    Rep mValue;
};

} // namespace tessera::ui
