#pragma once

#include "core/model/alignment.h"
#include "core/model/territory.h"

#include <QUndoCommand>

#include <optional>
#include <string>
#include <vector>

namespace tessera::ui {

class Document;

/// Replaces the territory list and the alignment in one step: merging or
/// deleting territories (which renumbers them), automatic recolouring, an
/// optimizer run. Holds the other plan and swaps it with the live one.
class ReplacePlanCommand : public QUndoCommand {
public:
    ReplacePlanCommand(Document *document, std::vector<Territory> territories, Alignment alignment, const QString &text);

    /// Merges \a from into \a into: its units join \a into, \a from is removed
    /// (plan::mergeTerritories()). Null when they are not two territories of the plan.
    static ReplacePlanCommand *merge(Document *document, TerritoryId from, TerritoryId into);
    /// Deletes \a territory; its units become unassigned (plan::removeTerritory()).
    /// Null when there is no such territory.
    static ReplacePlanCommand *remove(Document *document, TerritoryId territory);
    /// Gives every territory a palette colour distinct from its neighbours.
    static ReplacePlanCommand *autoColor(Document *document);

    /// Also exchanges the scenario's parameters JSON with \a parametersJson
    /// (an optimizer run keeps its settings and the reason of every move).
    void setParameters(std::string parametersJson) { mParameters = std::move(parametersJson); }

    void undo() override { swap(); }
    void redo() override { swap(); }

private:
    void swap();

    Document *mDocument;
    std::vector<Territory> mTerritories;
    Alignment mAlignment;
    std::optional<std::string> mParameters;
};

} // namespace tessera::ui
