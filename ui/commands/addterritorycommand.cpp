#include "ui/commands/addterritorycommand.h"

#include "ui/document/document.h"

#include <QCoreApplication>

namespace tessera::ui {

AddTerritoryCommand::AddTerritoryCommand(Document *document, Territory territory)
    : mDocument(document), mTerritory(std::move(territory))
{
    setText(QCoreApplication::translate("AddTerritoryCommand", "New Territory %1").arg(QString::fromStdString(mTerritory.name)));
}

void AddTerritoryCommand::redo()
{
    mDocument->appendTerritory(mTerritory);
}

void AddTerritoryCommand::undo()
{
    mDocument->removeLastTerritory();
}

} // namespace tessera::ui
