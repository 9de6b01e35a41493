#include "ui/commands/changesettingscommand.h"

#include "ui/document/document.h"

namespace tessera::ui {

ChangeSettingsCommand::ChangeSettingsCommand(Document *document, std::string settingsJson, const QString &text)
    : QUndoCommand(text), mDocument(document), mSettings(std::move(settingsJson))
{
}

void ChangeSettingsCommand::swap()
{
    mDocument->swapSettings(mSettings);
}

} // namespace tessera::ui
