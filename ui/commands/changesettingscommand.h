#pragma once

#include <QUndoCommand>

#include <string>

namespace tessera::ui {

class Document;

/// Replaces the project settings JSON (attribute display names, units,
/// formats, hidden flags) in one undo step; swap() idiom.
class ChangeSettingsCommand : public QUndoCommand {
public:
    ChangeSettingsCommand(Document *document, std::string settingsJson, const QString &text);

    void undo() override { swap(); }
    void redo() override { swap(); }

private:
    void swap();

    Document *mDocument;
    std::string mSettings;
};

} // namespace tessera::ui
