#include "ui/commands/assignunitscommand.h"

#include "ui/commands/commandids.h"
#include "ui/document/document.h"

#include <QCoreApplication>

#include <algorithm>

namespace tessera::ui {

std::unique_ptr<AssignUnitsCommand> AssignUnitsCommand::create(Document *document, const std::vector<UnitId> &units,
                                                               TerritoryId territory, int *lockedSkipped, int stroke)
{
    std::vector<UnitId> moving;
    int locked = 0;
    for (UnitId unit : units) {
        if (!unit.isValid() || static_cast<std::size_t>(unit.value()) >= document->unitCount())
            continue;
        if (document->isLocked(unit)) {
            ++locked;
            continue;
        }
        if (document->territoryOf(unit) != territory)
            moving.push_back(unit);
    }
    std::sort(moving.begin(), moving.end());
    moving.erase(std::unique(moving.begin(), moving.end()), moving.end());
    if (lockedSkipped)
        *lockedSkipped = locked;
    if (moving.empty())
        return nullptr;
    return std::unique_ptr<AssignUnitsCommand>(new AssignUnitsCommand(document, std::move(moving), territory, stroke));
}

AssignUnitsCommand::AssignUnitsCommand(Document *document, std::vector<UnitId> units, TerritoryId territory, int stroke)
    : mDocument(document), mUnits(std::move(units)), mTerritories(mUnits.size(), territory), mTarget(territory),
      mStroke(stroke)
{
    updateText();
}

void AssignUnitsCommand::updateText()
{
    const int n = static_cast<int>(mUnits.size());
    if (mTarget.isValid() && mDocument->isValidTerritory(mTarget))
        setText(QCoreApplication::translate("AssignUnitsCommand", "Assign %n Unit(s) to %1", nullptr, n)
                    .arg(QString::fromStdString(mDocument->territory(mTarget).name)));
    else
        setText(QCoreApplication::translate("AssignUnitsCommand", "Unassign %n Unit(s)", nullptr, n));
}

void AssignUnitsCommand::swap()
{
    mDocument->swapAssignment(mUnits, mTerritories);
}

int AssignUnitsCommand::id() const
{
    return mStroke > 0 ? BrushAssignCommandId : -1;
}

bool AssignUnitsCommand::mergeWith(const QUndoCommand *other)
{
    const auto *next = static_cast<const AssignUnitsCommand *>(other);
    if (next->mStroke != mStroke || next->mTarget != mTarget || next->mDocument != mDocument)
        return false;
    // The other command has already run: its units are now in the target and
    // its stored territories are their previous ones.
    for (std::size_t i = 0; i < next->mUnits.size(); ++i) {
        if (std::find(mUnits.begin(), mUnits.end(), next->mUnits[i]) != mUnits.end())
            continue;
        mUnits.push_back(next->mUnits[i]);
        mTerritories.push_back(next->mTerritories[i]);
    }
    updateText();
    return true;
}

} // namespace tessera::ui
