#pragma once

#include "core/model/ids.h"

#include <QFutureWatcher>
#include <QHash>
#include <QMainWindow>

#include <memory>

class QAction;
class QActionGroup;
class QLabel;
class QProgressBar;
class QUndoView;

namespace tessera {
class ImportMenu;
class Project;
class ProjectStore;
template<typename T>
class Result;
} // namespace tessera

namespace tessera::ui {

class AbstractTool;
class Autosaver;
class Document;
class LayersPanel;
class MapCanvas;
class MetricsPanel;
class RecentFiles;
class ScenarioMenu;
class TerritoryListPanel;
class TerritoryStatistics;

/// The application window: the map in the centre, territory list, balance,
/// layers and history docks around it, menus with shortcuts. Wires objects
/// together; the work is in Document, the canvas, tools and commands.
class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    Document *document() const { return mDocument; }
    MapCanvas *canvas() const { return mCanvas; }
    TerritoryStatistics *statistics() const { return mStatistics; }
    MetricsPanel *metricsPanel() const { return mMetricsPanel; }
    TerritoryListPanel *territoryPanel() const { return mTerritoryPanel; }
    LayersPanel *layersPanel() const { return mLayersPanel; }
    ScenarioMenu *scenarioMenu() const { return mScenarioMenu; }
    Autosaver *autosaver() const { return mAutosaver; }
    /// The tool registered under \a name ("pan", "select", "rectangle", "lasso", "brush").
    AbstractTool *tool(const QString &name) const { return mTools.value(name); }
    void setTool(const QString &name);
    /// An action by object name (e.g. "assignTerritory1", "undo"), for tests and scripting.
    QAction *action(const QString &name) const;

    /// Opens \a path: in the background with progress when \a background, else now.
    /// Returns false (after telling the user, unless quiet) when it cannot be read.
    bool openProject(QString path, bool background = true); // by value: may clear the document that owns \a path
    /// Saves the plan; shows the error and returns false on failure.
    bool saveProject();
    /// Whether closing with unsaved edits asks first (on by default; tests turn it off).
    void setConfirmClose(bool confirm) { mConfirmClose = confirm; }
    /// Dialogs (errors, questions) are skipped when quiet: screenshots and tests.
    void setQuiet(bool quiet) { mQuiet = quiet; }

    // --- Plan editing (also bound to menu actions) -----------------------------
    /// Moves the selected units to \a territory (locked units stay; the status bar says so).
    void assignSelectionTo(TerritoryId territory);
    void lockSelection(bool lock);
    TerritoryId newTerritory(const QString &name = {});
    void renameTerritory(TerritoryId territory, const QString &name);
    void recolorTerritory(TerritoryId territory, std::uint32_t color);
    void mergeTerritory(TerritoryId from, TerritoryId into);
    void deleteTerritory(TerritoryId territory);
    void assignRep(TerritoryId territory, RepId rep);

    ImportMenu *importMenu() const { return mImportMenu; }
    RecentFiles *recentFiles() const { return mRecentFiles; }

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void createDocks();
    void createTools();
    void updateTitle();
    /// Reads the tile basemap preferences and (re)starts or stops the tile layer.
    void applyTileSettings();
    void updateActions();
    void showError(const QString &title, const QString &message);
    void onProjectLoaded();
    bool maybeSave();
    void chooseOpen();
    /// File ▸ New Project…, pre-filled from \a startFrom (a GIS or CSV file) when given.
    void newProject(const QString &startFrom = {});
    void chooseAssign();
    void chooseRename();
    void chooseRecolor();
    void chooseMerge();
    void chooseDelete();
    void chooseRep();

    Document *mDocument;
    TerritoryStatistics *mStatistics;
    MapCanvas *mCanvas;
    TerritoryListPanel *mTerritoryPanel = nullptr;
    MetricsPanel *mMetricsPanel = nullptr;
    LayersPanel *mLayersPanel = nullptr;
    ScenarioMenu *mScenarioMenu = nullptr;
    Autosaver *mAutosaver = nullptr;
    std::unique_ptr<ProjectStore> mLoadingWriter; ///< the write lock taken for the project being loaded
    QString mLoadingReadOnlyReason;
    QUndoView *mUndoView = nullptr;
    QHash<QString, AbstractTool *> mTools;
    QHash<QString, QAction *> mActions;
    QActionGroup *mToolGroup = nullptr;
    QLabel *mCoordinates = nullptr;
    QLabel *mScale = nullptr;
    QProgressBar *mProgress = nullptr;
    QFutureWatcher<std::shared_ptr<Result<Project>>> mLoader;
    ImportMenu *mImportMenu = nullptr;
    RecentFiles *mRecentFiles = nullptr;
    QString mLoadingPath;
    bool mConfirmClose = true;
    bool mQuiet = false;
};

} // namespace tessera::ui
