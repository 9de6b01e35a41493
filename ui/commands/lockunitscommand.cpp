#include "ui/commands/lockunitscommand.h"

#include "ui/document/document.h"

#include <QCoreApplication>

namespace tessera::ui {

std::unique_ptr<LockUnitsCommand> LockUnitsCommand::create(Document *document, const std::vector<UnitId> &units, bool lock)
{
    std::vector<UnitId> changing;
    for (UnitId unit : units)
        if (unit.isValid() && static_cast<std::size_t>(unit.value()) < document->unitCount()
            && document->isLocked(unit) != lock)
            changing.push_back(unit);
    if (changing.empty())
        return nullptr;
    return std::unique_ptr<LockUnitsCommand>(new LockUnitsCommand(document, std::move(changing), lock));
}

LockUnitsCommand::LockUnitsCommand(Document *document, std::vector<UnitId> units, bool lock)
    : mDocument(document), mUnits(std::move(units)), mLocked(mUnits.size(), lock ? 1 : 0)
{
    const int n = static_cast<int>(mUnits.size());
    setText(lock ? QCoreApplication::translate("LockUnitsCommand", "Lock %n Unit(s)", nullptr, n)
                 : QCoreApplication::translate("LockUnitsCommand", "Unlock %n Unit(s)", nullptr, n));
}

void LockUnitsCommand::swap()
{
    mDocument->swapLocks(mUnits, mLocked);
}

} // namespace tessera::ui
