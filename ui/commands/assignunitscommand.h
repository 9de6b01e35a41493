#pragma once

#include "core/model/ids.h"

#include <QUndoCommand>

#include <memory>
#include <vector>

namespace tessera::ui {

class Document;

/// Moves units to one territory (or unassigns them). Undo and redo share one
/// swap() of the stored territories with the live ones. A brush stroke is one
/// command: successive commands of the same stroke merge.
class AssignUnitsCommand : public QUndoCommand {
public:
    /// Assigns \a units to \a territory, skipping locked units and units
    /// already there. Returns null when nothing would change; \a lockedSkipped
    /// receives the number of locked units left alone. \a stroke > 0 makes
    /// commands of the same brush stroke merge.
    static std::unique_ptr<AssignUnitsCommand> create(Document *document, const std::vector<UnitId> &units,
                                                      TerritoryId territory, int *lockedSkipped = nullptr,
                                                      int stroke = 0);

    void undo() override { swap(); }
    void redo() override { swap(); }
    int id() const override;
    bool mergeWith(const QUndoCommand *other) override;

    const std::vector<UnitId> &units() const { return mUnits; }
    TerritoryId target() const { return mTarget; }

private:
    AssignUnitsCommand(Document *document, std::vector<UnitId> units, TerritoryId territory, int stroke);
    void swap();
    void updateText();

    Document *mDocument;
    std::vector<UnitId> mUnits;
    std::vector<TerritoryId> mTerritories; ///< the values swap() puts in place next
    TerritoryId mTarget;
    int mStroke = 0;
};

} // namespace tessera::ui
