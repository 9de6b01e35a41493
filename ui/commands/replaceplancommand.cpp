#include "ui/commands/replaceplancommand.h"

#include "core/plan/palette.h"
#include "core/plan/territoryrenumbering.h"
#include "ui/document/document.h"

#include <QCoreApplication>

namespace tessera::ui {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ReplacePlanCommand", text);
}

} // namespace

ReplacePlanCommand::ReplacePlanCommand(Document *document, std::vector<Territory> territories, Alignment alignment,
                                       const QString &text)
    : mDocument(document), mTerritories(std::move(territories)), mAlignment(std::move(alignment))
{
    setText(text);
}

ReplacePlanCommand *ReplacePlanCommand::merge(Document *document, TerritoryId from, TerritoryId into)
{
    Scenario next = document->scenario();
    const QString text = tr("Merge %1 into %2")
                             .arg(QString::fromStdString(document->territory(from).name),
                                  QString::fromStdString(document->territory(into).name));
    if (!plan::mergeTerritories(next, from, into))
        return nullptr;
    return new ReplacePlanCommand(document, std::move(next.territories), std::move(next.alignment), text);
}

ReplacePlanCommand *ReplacePlanCommand::remove(Document *document, TerritoryId territory)
{
    Scenario next = document->scenario();
    const QString text = tr("Delete Territory %1").arg(QString::fromStdString(document->territory(territory).name));
    if (!plan::removeTerritory(next, territory))
        return nullptr;
    return new ReplacePlanCommand(document, std::move(next.territories), std::move(next.alignment), text);
}

ReplacePlanCommand *ReplacePlanCommand::autoColor(Document *document)
{
    std::vector<Territory> territories = document->scenario().territories;
    const std::vector<std::uint32_t> colors = palette::distinctColors(document->project().adjacency(), document->scenario());
    for (std::size_t i = 0; i < territories.size(); ++i)
        territories[i].color = colors[i];
    return new ReplacePlanCommand(document, std::move(territories), document->scenario().alignment,
                                  tr("Recolour All Territories"));
}

void ReplacePlanCommand::swap()
{
    // Parameters first: the plan's change event then finds the move reasons of the new plan.
    if (mParameters)
        mDocument->swapParameters(*mParameters);
    mDocument->swapPlan(mTerritories, mAlignment);
}

} // namespace tessera::ui
