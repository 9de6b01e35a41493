#include "ui/commands/replaceplancommand.h"

#include "ui/canvas/palette.h"
#include "ui/document/document.h"

#include <QCoreApplication>

namespace tessera::ui {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ReplacePlanCommand", text);
}

/// The plan without \a removed: later territories shift down by one, units of
/// \a removed go to \a heir (invalid = unassigned), account overrides follow.
void removeTerritory(std::vector<Territory> &territories, Alignment &alignment, TerritoryId removed, TerritoryId heir)
{
    auto renumber = [&](TerritoryId t) {
        if (!t.isValid())
            return t;
        if (t == removed)
            t = heir;
        if (t.isValid() && t.value() > removed.value())
            return TerritoryId(t.value() - 1);
        return t;
    };
    for (std::size_t u = 0; u < alignment.unitCount(); ++u) {
        const UnitId unit(static_cast<std::int32_t>(u));
        alignment.assign(unit, renumber(alignment.territoryOf(unit)));
    }
    const auto overrides = alignment.accountOverrides();
    for (const auto &[account, territory] : overrides) {
        const TerritoryId t = renumber(territory);
        if (t.isValid())
            alignment.setAccountOverride(account, t);
        else
            alignment.clearAccountOverride(account);
    }
    territories.erase(territories.begin() + removed.value());
    for (std::size_t i = 0; i < territories.size(); ++i)
        territories[i].id = TerritoryId(static_cast<std::int32_t>(i));
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
    std::vector<Territory> territories = document->scenario().territories;
    Alignment alignment = document->scenario().alignment;
    const QString text = tr("Merge %1 into %2")
                             .arg(QString::fromStdString(document->territory(from).name),
                                  QString::fromStdString(document->territory(into).name));
    removeTerritory(territories, alignment, from, into);
    return new ReplacePlanCommand(document, std::move(territories), std::move(alignment), text);
}

ReplacePlanCommand *ReplacePlanCommand::remove(Document *document, TerritoryId territory)
{
    std::vector<Territory> territories = document->scenario().territories;
    Alignment alignment = document->scenario().alignment;
    const QString text = tr("Delete Territory %1").arg(QString::fromStdString(document->territory(territory).name));
    removeTerritory(territories, alignment, territory, TerritoryId());
    return new ReplacePlanCommand(document, std::move(territories), std::move(alignment), text);
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
    mDocument->swapPlan(mTerritories, mAlignment);
}

} // namespace tessera::ui
