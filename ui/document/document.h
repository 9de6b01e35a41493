#pragma once

#include "core/model/project.h"
#include "core/result.h"
#include "ui/document/changeevent.h"

#include <QObject>
#include <QString>

#include <vector>

class QUndoStack;

namespace tessera::ui {

/// The open project as the user edits it: the Project, the scenario being
/// edited, the undo stack, the selection and the current territory.
///
/// Commands (ui/commands) change the scenario only through the swap-style
/// edit functions below; each one emits changed() with the ids it touched.
class Document : public QObject {
    Q_OBJECT

public:
    explicit Document(QObject *parent = nullptr);
    ~Document() override;

    /// Reads the project at \a path (synchronously) and makes it current.
    Result<void> open(const QString &path);
    /// Makes \a project current; \a path is where save() writes (may be empty).
    /// Edits the first scenario, or a new empty one when the project has none.
    void setProject(Project project, const QString &path = {});
    /// Drops the project; the document is empty afterwards.
    void clear();

    /// Writes the edited scenario (territories, alignment, locks) to the file.
    Result<void> save();

    bool hasProject() const { return mHasProject; }
    const QString &path() const { return mPath; }
    QString displayName() const;
    bool isModified() const;
    QUndoStack *undoStack() const { return mUndoStack; }

    const Project &project() const { return mProject; }
    const Scenario &scenario() const;
    int scenarioIndex() const { return mScenarioIndex; }

    std::size_t unitCount() const { return mProject.units().size(); }
    int territoryCount() const;
    const Territory &territory(TerritoryId id) const;
    bool isValidTerritory(TerritoryId id) const { return id.isValid() && id.value() < territoryCount(); }
    TerritoryId territoryOf(UnitId unit) const { return scenario().alignment.territoryOf(unit); }
    bool isLocked(UnitId unit) const { return scenario().alignment.isLocked(unit); }
    /// \a units without the locked ones.
    std::vector<UnitId> unlockedUnits(const std::vector<UnitId> &units) const;

    // --- Edits, for undo commands only -------------------------------------
    /// Exchanges the territory of each unit with the value in \a territories.
    void swapAssignment(const std::vector<UnitId> &units, std::vector<TerritoryId> &territories);
    /// Exchanges the lock flag of each unit with the value in \a locked.
    void swapLocks(const std::vector<UnitId> &units, std::vector<char> &locked);
    /// Exchanges the stored territory (same id) with \a territory; \a properties says what differs.
    void swapTerritory(Territory &territory, std::uint32_t properties);
    /// Exchanges the whole territory list and alignment (merge, delete, auto colour).
    void swapPlan(std::vector<Territory> &territories, Alignment &alignment);
    /// Appends a territory (id = current count) / removes the last one.
    void appendTerritory(const Territory &territory);
    void removeLastTerritory();

    // --- Selection and current territory (view state, not undoable) --------
    const std::vector<UnitId> &selection() const { return mSelection; }
    bool isSelected(UnitId unit) const;
    void setSelection(std::vector<UnitId> units);
    void clearSelection() { setSelection({}); }
    /// The territory highlighted in the panels and on the map; target of the brush.
    TerritoryId currentTerritory() const { return mCurrentTerritory; }
    void setCurrentTerritory(TerritoryId id);

signals:
    void changed(const tessera::ui::ChangeEvent &event);
    void selectionChanged();
    void currentTerritoryChanged(tessera::TerritoryId id);
    void modifiedChanged(bool modified);
    void projectReplaced();

private:
    Scenario &editableScenario();
    void emitChanged(ChangeEvent event);

    Project mProject;
    bool mHasProject = false;
    int mScenarioIndex = -1;
    Scenario mEmptyScenario;
    QString mPath;
    QUndoStack *mUndoStack;
    std::vector<UnitId> mSelection;
    std::vector<char> mSelectedMask;
    TerritoryId mCurrentTerritory;
};

} // namespace tessera::ui
