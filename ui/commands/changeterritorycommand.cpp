#include "ui/commands/changeterritorycommand.h"

#include "ui/document/changeevent.h"
#include "ui/document/document.h"

#include <QCoreApplication>

namespace tessera::ui {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("ChangeTerritoryCommand", text);
}
} // namespace

ChangeTerritoryCommand *ChangeTerritoryCommand::rename(Document *document, TerritoryId id, const std::string &name)
{
    Territory value = document->territory(id);
    value.name = name;
    return new ChangeTerritoryCommand(document, value, ChangeEvent::TerritoryName,
                                      tr("Rename Territory to %1").arg(QString::fromStdString(name)));
}

ChangeTerritoryCommand *ChangeTerritoryCommand::recolor(Document *document, TerritoryId id, std::uint32_t color)
{
    Territory value = document->territory(id);
    value.color = color;
    return new ChangeTerritoryCommand(document, value, ChangeEvent::TerritoryColor,
                                      tr("Recolour %1").arg(QString::fromStdString(value.name)));
}

ChangeTerritoryCommand *ChangeTerritoryCommand::assignRep(Document *document, TerritoryId id, RepId rep)
{
    Territory value = document->territory(id);
    value.rep = rep;
    const QString repName = rep.isValid() && static_cast<std::size_t>(rep.value()) < document->project().reps().size()
                                ? QString::fromStdString(document->project().reps()[static_cast<std::size_t>(rep.value())].name)
                                : tr("nobody");
    return new ChangeTerritoryCommand(document, value, ChangeEvent::TerritoryRep,
                                      tr("Assign %1 to %2").arg(repName, QString::fromStdString(value.name)));
}

ChangeTerritoryCommand::ChangeTerritoryCommand(Document *document, Territory value, std::uint32_t properties,
                                               const QString &text)
    : mDocument(document), mValue(std::move(value)), mProperties(properties)
{
    setText(text);
}

void ChangeTerritoryCommand::swap()
{
    mDocument->swapTerritory(mValue, mProperties);
}

} // namespace tessera::ui
