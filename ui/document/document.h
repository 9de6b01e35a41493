#pragma once

#include "core/model/project.h"
#include "core/result.h"
#include "core/store/projectstore.h"
#include "ui/document/changeevent.h"

#include <QObject>
#include <QString>

#include <memory>
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

    /// Reads the project at \a path (synchronously) and makes it current,
    /// holding its write lock (see openForEditing()).
    Result<void> open(const QString &path);
    /// Makes \a project current; \a path is where save() writes (may be empty).
    /// Edits the first scenario, or a new empty one when the project has none.
    /// \a writer, from openForEditing(), is kept (with the project's write
    /// lock) until another project replaces this one; without it save()
    /// opens the file for each save. A non-empty \a readOnlyReason makes the
    /// document read-only: it can be edited and compared but never saved.
    void setProject(Project project, const QString &path = {}, std::unique_ptr<ProjectStore> writer = nullptr,
                    const QString &readOnlyReason = {});
    /// Takes the write lock of the project at \a path. When another window or
    /// program holds it, or the file is read-only, returns no store and sets
    /// \a readOnlyReason to a sentence for the user; other failures (missing
    /// or damaged file) are errors.
    static Result<std::unique_ptr<ProjectStore>> openForEditing(const QString &path, QString *readOnlyReason);
    /// Drops the project; the document is empty afterwards.
    void clear();

    /// Writes every scenario (territories, alignment, locks, notes, flags) to
    /// the file, each writing only what changed, and removes the scenarios
    /// deleted since the last save. The edited scenario's history entry is
    /// described by the undo texts since the last save.
    Result<void> save();
    /// Writes \a project (an import's result, with this document's scenarios
    /// and more) to this document's file through the write lock it holds; the
    /// caller reopens the file afterwards.
    Result<void> writeProject(const Project &project);

    bool hasProject() const { return mHasProject; }
    /// True when this window may not save the project (another one edits it).
    bool isReadOnly() const { return !mReadOnlyReason.isEmpty(); }
    /// Why the project is read-only, for the user; empty when it is not.
    const QString &readOnlyReason() const { return mReadOnlyReason; }
    /// True when this document holds the project's write lock for its whole life.
    bool holdsWriteLock() const { return mWriter != nullptr; }
    const QString &path() const { return mPath; }
    QString displayName() const;
    bool isModified() const;
    /// True when unsaved edits added, removed or changed reps.
    bool repsEdited() const { return mHasProject && mProject.reps() != mSavedReps; }
    /// True when unsaved edits changed the project settings.
    bool settingsEdited() const { return mHasProject && mProject.settingsJson() != mSavedSettings; }
    /// What the edits since the last save did ("Assign 3 Units to Atlanta, …"),
    /// for the edited scenario's history and the recovery record.
    std::string editSummary() const;
    /// The saved changes of the edited scenario, oldest first; empty when it
    /// has never been saved. Read through the write lock's store when this
    /// document holds one, else from the file opened read-only.
    Result<std::vector<HistoryEntry>> savedHistory() const;
    /// The edited scenario's state right after history entry \a entry (id 0,
    /// alignment sized to the project), for restoring it as a new scenario.
    Result<Scenario> savedState(std::int64_t entry) const;
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
    /// Exchanges the edited scenario's parameters JSON (optimizer settings and move reasons).
    void swapParameters(std::string &parametersJson);
    /// Exchanges the project settings JSON (attribute display, health rules);
    /// saved with the scenarios by save().
    void swapSettings(std::string &settingsJson);
    /// Appends a territory (id = current count) / removes the last one.
    void appendTerritory(const Territory &territory);
    void removeLastTerritory();

    // --- Reps (project-wide), for undo commands only ---------------------------
    /// Exchanges the stored rep with the same id with \a rep.
    void swapRep(Rep &rep);
    /// Inserts \a rep at its id (later reps and the territory references to
    /// them move up one) and gives it to the territories in \a holders (per
    /// scenario index, as takeRep() returned them).
    void insertRep(Rep rep, const std::vector<std::vector<TerritoryId>> &holders = {});
    /// Removes rep \a id: its territories in every scenario become vacant,
    /// later reps move down one. Returns the rep; \a holders gets the
    /// territories it held, per scenario index.
    Rep takeRep(RepId id, std::vector<std::vector<TerritoryId>> *holders);

    // --- Scenarios -----------------------------------------------------------
    int scenarioCount() const { return mHasProject ? static_cast<int>(mProject.scenarios().size()) : 0; }
    const Scenario &scenarioAt(int index) const { return mProject.scenarios().at(static_cast<std::size_t>(index)); }
    /// Index of the scenario named \a name, or -1.
    int indexOfScenario(const std::string &name) const;
    /// A name no scenario has yet: \a base, else "base 2", "base 3"...
    std::string uniqueScenarioName(const std::string &base) const;

    // --- Scenario edits, for undo commands only --------------------------------
    /// Makes scenario \a index the edited one and gives back the previous index.
    void swapCurrentScenario(int &index);
    /// Inserts \a scenario at \a index (the edited scenario stays the same).
    void insertScenario(int index, Scenario scenario);
    /// Removes scenario \a index, which must not be the edited one, and returns it.
    Scenario takeScenario(int index);
    /// Exchanges name and notes of scenario \a index with those of \a value.
    void swapScenarioText(int index, Scenario &value);
    /// Exchanges the baseline flags of all scenarios with \a flags (one per scenario).
    void swapBaselineFlags(std::vector<char> &flags);
    /// Exchanges the whole scenario list, the stored scenarios deleted since
    /// the last save and the edited index (restoring unsaved edits), and the
    /// whole roster with \a reps when given (the scenarios refer to it).
    void swapScenarios(std::vector<Scenario> &scenarios, std::vector<ScenarioId> &deleted, int &index,
                       std::vector<Rep> *reps = nullptr);
    /// Stored scenarios removed since the last save (save() deletes them from the file).
    const std::vector<ScenarioId> &deletedScenarios() const { return mDeletedScenarios; }

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
    /// Scenarios added, removed, renamed, annotated, flagged, or another one edited.
    void scenariosChanged();

private:
    Scenario &editableScenario();
    /// Saves every scenario, each writing what differs; \a summary describes the edited one.
    Result<void> saveScenarios(ProjectStore &store, const std::string &summary);
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
    std::vector<ScenarioId> mDeletedScenarios; ///< stored scenarios removed since the last save
    std::vector<Rep> mSavedReps;               ///< the reps as in the file, to know whether save() must write them
    std::unique_ptr<ProjectStore> mWriter;     ///< holds the project's write lock while open
    QString mReadOnlyReason;
    std::string mSavedSettings; ///< the settings as in the file, so save() writes them only when changed
};

} // namespace tessera::ui
