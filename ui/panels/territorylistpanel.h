#pragma once

#include "core/model/ids.h"
#include "ui/document/changeevent.h"

#include <QDockWidget>

class QTreeWidget;

namespace tessera::ui {

class Document;
class TerritoryStatistics;

/// The territories of the plan: colour, name, rep and unit count. Selecting a
/// row makes it the current territory (highlighted on the map, brush target);
/// double-click renames.
class TerritoryListPanel : public QDockWidget {
    Q_OBJECT
public:
    explicit TerritoryListPanel(Document *document, QWidget *parent = nullptr);
    QTreeWidget *tree() const { return mTree; }
    /// Reps are then named as the figures see them: a what-if scenario's
    /// added reps serve their territories there (TerritoryStatistics::data()).
    void setStatistics(TerritoryStatistics *statistics);

signals:
    void renameRequested(tessera::TerritoryId territory);

private:
    void rebuild();
    void refreshReps();
    void refreshCounts();
    void onChanged(const ChangeEvent &event);
    void onCurrentTerritoryChanged(TerritoryId id);

    Document *mDocument;
    TerritoryStatistics *mStatistics = nullptr;
    QTreeWidget *mTree;
    bool mUpdating = false;
};

} // namespace tessera::ui
