#include "ui/mainwindow/mainwindow.h"

#include "core/plan/palette.h"
#include "core/store/projectstore.h"
#include "ui/canvas/accountlayer.h"
#include "ui/canvas/basemaplayer.h"
#include "ui/canvas/labellayer.h"
#include "ui/canvas/mapcanvas.h"
#include "ui/canvas/tilebasemaplayer.h"
#include "ui/dialogs/attributesdialog.h"
#include "ui/dialogs/healthrulesdialog.h"
#include "ui/dialogs/exportdialog.h"
#include "ui/dialogs/helpwindow.h"
#include "ui/dialogs/fixproposalflow.h"
#include "ui/dialogs/optimizedialog.h"
#include "ui/dialogs/recoveryprompt.h"
#include "ui/dialogs/shortcutsdialog.h"
#include "ui/dialogs/tilepreferencesdialog.h"
#include "ui/dialogs/whatifdialog.h"
#include "ui/tiles/tilelayer.h"
#include "ui/tiles/tilesettings.h"
#include "ui/canvas/routelayer.h"
#include "ui/canvas/selectionlayer.h"
#include "ui/canvas/territoryborderlayer.h"
#include "ui/canvas/unitfilllayer.h"
#include "ui/commands/addterritorycommand.h"
#include "ui/commands/assignunitscommand.h"
#include "ui/commands/changeterritorycommand.h"
#include "ui/commands/lockunitscommand.h"
#include "ui/commands/replaceplancommand.h"
#include "ui/document/autosaver.h"
#include "ui/document/document.h"
#include "ui/document/territorystatistics.h"
#include "ui/panels/layerspanel.h"
#include "ui/mainwindow/recentfiles.h"
#include "ui/mainwindow/scenariomenu.h"
#include "ui/panels/auditpanel.h"
#include "ui/panels/findbox.h"
#include "ui/panels/healthpanel.h"
#include "ui/panels/metricspanel.h"
#include "ui/panels/repspanel.h"
#include "ui/panels/movereasonspanel.h"
#include "ui/panels/routespanel.h"
#include "ui/panels/scenariohistorypanel.h"
#include "ui/panels/territorylistpanel.h"
#include "ui/tools/brushtool.h"
#include "ui/tools/lassoselecttool.h"
#include "ui/tools/pantool.h"
#include "ui/tools/rectangleselecttool.h"
#include "ui/tools/selecttool.h"
#include "ui/wizard/importmenu.h"
#include "ui/wizard/newprojectwizard.h"

#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QColorDialog>
#include <QFileDialog>
#include <QInputDialog>
#include <QLabel>
#include <QMenuBar>
#include <QFileInfo>
#include <QMessageBox>
#include <QPointer>
#include <QProgressBar>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>
#include <QToolBar>
#include <QUndoStack>
#include <QUndoView>
#include <QtConcurrent/QtConcurrentRun>

namespace tessera::ui {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent), mDocument(new Document(this)), mStatistics(new TerritoryStatistics(mDocument, this)),
      mCanvas(new MapCanvas(this))
{
    setObjectName(QStringLiteral("MainWindow"));
    mCanvas->addLayer(std::make_unique<BasemapLayer>());
    mCanvas->addLayer(std::make_unique<TileBasemapLayer>());
    mCanvas->addLayer(std::make_unique<UnitFillLayer>());
    mCanvas->addLayer(std::make_unique<TerritoryBorderLayer>());
    mCanvas->addLayer(std::make_unique<SelectionLayer>());
    mCanvas->addLayer(std::make_unique<AccountPointLayer>());
    mCanvas->addLayer(std::make_unique<RouteLayer>());
    mCanvas->addLayer(std::make_unique<RepLayer>());
    mCanvas->addLayer(std::make_unique<PlacesLayer>());
    mCanvas->addLayer(std::make_unique<LabelLayer>());
    mCanvas->setDocument(mDocument);
    mCanvas->setStatistics(mStatistics);
    setCentralWidget(mCanvas);

    mCoordinates = new QLabel(this);
    mScale = new QLabel(this);
    mProgress = new QProgressBar(this);
    mProgress->setMaximumWidth(180);
    mProgress->setRange(0, 100);
    mProgress->hide();
    statusBar()->addPermanentWidget(mProgress);
    statusBar()->addPermanentWidget(mScale);
    statusBar()->addPermanentWidget(mCoordinates);

    createTools();
    createDocks();
    createActions();

    connect(mCanvas, &MapCanvas::cursorMoved, this, [this](LonLat p) {
        mCoordinates->setText(QStringLiteral("%1°, %2°").arg(p.lat, 0, 'f', 5).arg(p.lon, 0, 'f', 5));
    });
    connect(mCanvas, &MapCanvas::viewportChanged, this, [this] {
        mScale->setText(tr("1 px = %1 m").arg(mCanvas->groundMetersPerPixel(), 0, 'f', 0));
        if (auto *tiles = dynamic_cast<TileBasemapLayer *>(mCanvas->layer(QStringLiteral("tiles"))))
            tiles->setViewport(mCanvas->viewport());
    });
    connect(mCanvas, &MapCanvas::preparationProgress, this, [this](int percent, const QString &phase) {
        mProgress->setVisible(percent < 100);
        mProgress->setValue(percent);
        statusBar()->showMessage(phase, 3000);
    });
    connect(mCanvas, &MapCanvas::hoveredUnitChanged, mMetricsPanel, &MetricsPanel::showUnit);
    connect(mMetricsPanel, &MetricsPanel::chartAttributeChanged, this, [this](const QString &attribute) {
        if (auto *labels = dynamic_cast<LabelLayer *>(mCanvas->layer(QStringLiteral("labels")))) {
            labels->setMetricAttribute(attribute);
            mCanvas->refreshLayer(QStringLiteral("labels"));
        }
    });
    connect(mStatistics, &TerritoryStatistics::updated, this, [this] { mCanvas->refreshLayer(QStringLiteral("labels")); });
    connect(mCanvas, &MapCanvas::statusMessage, this, [this](const QString &m) { statusBar()->showMessage(m, 5000); });
    connect(mDocument, &Document::modifiedChanged, this, &MainWindow::updateTitle);
    connect(mDocument, &Document::projectReplaced, this, [this] {
        if (mDocument->hasProject())
            mRecentFiles->add(mDocument->path());
        updateTitle();
        updateActions();
    });
    connect(mDocument, &Document::changed, this, &MainWindow::updateActions);
    connect(mDocument, &Document::selectionChanged, this, [this] {
        updateActions();
        if (!mDocument->selection().empty())
            statusBar()->showMessage(tr("%n unit(s) selected", nullptr, static_cast<int>(mDocument->selection().size())), 4000);
    });
    connect(mDocument, &Document::currentTerritoryChanged, this, &MainWindow::updateActions);
    connect(&mLoader, &QFutureWatcherBase::finished, this, &MainWindow::onProjectLoaded);
    mAutosaver = new Autosaver(mDocument, this);
    connect(mAutosaver, &Autosaver::writeFailed, this, [this](const QString &m) { statusBar()->showMessage(m, 8000); });
    connect(mAutosaver, &Autosaver::recoveryAvailable, this, [this] {
        if (mQuiet)
            statusBar()->showMessage(tr("Unsaved changes from a session that did not end cleanly can be restored"));
        else
            QTimer::singleShot(0, this, [this] { offerRecovery(mAutosaver, this); });
    });

    applyTileSettings();
    resize(1400, 900);
    setTool(QStringLiteral("pan"));
    updateTitle();
    updateActions();
}

MainWindow::~MainWindow()
{
    mLoader.waitForFinished();
}

void MainWindow::createTools()
{
    mTools.insert(QStringLiteral("pan"), new PanTool(this));
    mTools.insert(QStringLiteral("select"), new SelectTool(this));
    mTools.insert(QStringLiteral("rectangle"), new RectangleSelectTool(this));
    mTools.insert(QStringLiteral("lasso"), new LassoSelectTool(this));
    mTools.insert(QStringLiteral("brush"), new BrushTool(this));
    for (AbstractTool *tool : std::as_const(mTools)) {
        connect(tool, &AbstractTool::message, this, [this](const QString &m) { statusBar()->showMessage(m, 6000); });
        connect(tool, &AbstractTool::statusTextChanged, this, [this](const QString &m) { statusBar()->showMessage(m); });
    }
}

void MainWindow::createDocks()
{
    mTerritoryPanel = new TerritoryListPanel(mDocument, this);
    mTerritoryPanel->setStatistics(mStatistics);
    addDockWidget(Qt::LeftDockWidgetArea, mTerritoryPanel);
    connect(mTerritoryPanel, &TerritoryListPanel::renameRequested, this, [this](TerritoryId t) {
        mDocument->setCurrentTerritory(t);
        chooseRename();
    });
    mLayersPanel = new LayersPanel(mCanvas, mStatistics, this);
    addDockWidget(Qt::LeftDockWidgetArea, mLayersPanel);
    auto *reps = new RepsPanel(mDocument, mCanvas, this);
    addDockWidget(Qt::LeftDockWidgetArea, reps);
    tabifyDockWidget(mLayersPanel, reps);
    mLayersPanel->raise();
    mScenarioMenu = new ScenarioMenu(this);
    mMetricsPanel = new MetricsPanel(mDocument, mStatistics, this);
    addDockWidget(Qt::RightDockWidgetArea, mMetricsPanel);
    auto *routes = new RoutesPanel(mDocument, mCanvas, this);
    addDockWidget(Qt::RightDockWidgetArea, routes);
    connect(routes, &RoutesPanel::planFailed, this, [this](const QString &m) { statusBar()->showMessage(m, 8000); });
    auto *history = new QDockWidget(tr("History"), this);
    history->setObjectName(QStringLiteral("HistoryPanel"));
    auto *historyTabs = new QTabWidget(history);
    mUndoView = new QUndoView(mDocument->undoStack(), historyTabs);
    mUndoView->setEmptyLabel(tr("<opened>"));
    historyTabs->addTab(mUndoView, tr("Undo Steps"));
    historyTabs->addTab(new ScenarioHistoryPanel(mDocument, historyTabs), tr("Saved History"));
    history->setWidget(historyTabs);
    addDockWidget(Qt::RightDockWidgetArea, history);
    tabifyDockWidget(history, routes);
    auto *health = new HealthPanel(mDocument, mStatistics, this);
    connect(health, &HealthPanel::zoomRequested, mCanvas, &MapCanvas::zoomToTerritory);
    connect(health, &HealthPanel::proposeFixesRequested, this, [this] { FixProposalFlow::run(mDocument, this); });
    connect(health, &HealthPanel::editRulesRequested, this,
            [this] { HealthRulesDialog::edit(mDocument, mStatistics->attributes(), this); });
    addDockWidget(Qt::RightDockWidgetArea, health);
    tabifyDockWidget(history, health);
    auto *audit = new AuditPanel(mDocument, this);
    addDockWidget(Qt::RightDockWidgetArea, audit);
    tabifyDockWidget(mMetricsPanel, audit);
    auto *reasons = new MoveReasonsPanel(mDocument, this);
    connect(reasons, &MoveReasonsPanel::zoomRequested, mCanvas, [this](UnitId unit) { mCanvas->zoomToUnits({unit}); });
    addDockWidget(Qt::RightDockWidgetArea, reasons);
    tabifyDockWidget(history, reasons);
    mMetricsPanel->raise();
    history->raise();
    resizeDocks({mTerritoryPanel, mMetricsPanel}, {300, 400}, Qt::Horizontal);
}

QAction *MainWindow::action(const QString &name) const
{
    return mActions.value(name);
}

void MainWindow::createActions()
{
    auto add = [this](QMenu *menu, const QString &name, const QString &text, const QKeySequence &shortcut,
                      auto slot) {
        auto *a = new QAction(text, this);
        a->setObjectName(name);
        if (!shortcut.isEmpty())
            a->setShortcut(shortcut);
        connect(a, &QAction::triggered, this, slot);
        if (menu)
            menu->addAction(a);
        addAction(a);
        mActions.insert(name, a);
        return a;
    };

    QMenu *file = menuBar()->addMenu(tr("&File"));
    add(file, QStringLiteral("newProject"), tr("&New Project…"), QKeySequence::New, [this] { newProject(); });
    add(file, QStringLiteral("open"), tr("&Open…"), QKeySequence::Open, [this] { chooseOpen(); });
    mRecentFiles = new RecentFiles(this);
    file->addMenu(mRecentFiles->createMenu(file));
    connect(mRecentFiles, &RecentFiles::openRequested, this, [this](const QString &path) { if (maybeSave()) openProject(path); });
    connect(mRecentFiles, &RecentFiles::message, this, [this](const QString &m) { statusBar()->showMessage(m, 8000); });
    add(file, QStringLiteral("save"), tr("&Save"), QKeySequence::Save, [this] { saveProject(); });
    add(file, QStringLiteral("close"), tr("&Close Project"), QKeySequence::Close, [this] {
        if (maybeSave())
            mDocument->clear();
    });
    file->addSeparator();
    add(file, QStringLiteral("export"), tr("&Export…"), QKeySequence(tr("Ctrl+Shift+E")), [this] {
        ExportDialog dialog(mDocument, mCanvas->geometry(), mCanvas->viewport(), this);
        dialog.exec();
    });
    // Importing saves pending edits first, writes the file, then reopens it.
    mImportMenu = new ImportMenu(mDocument, this, [this] { return saveProject(); },
                                 [this](const QString &path) { openProject(path, false); });
    file->addMenu(mImportMenu->createMenu(file));
    file->addSeparator();
    add(file, QStringLiteral("quit"), tr("&Quit"), QKeySequence::Quit, [this] { close(); });

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    QAction *undo = mDocument->undoStack()->createUndoAction(this, tr("&Undo"));
    undo->setObjectName(QStringLiteral("undo"));
    undo->setShortcut(QKeySequence::Undo);
    QAction *redo = mDocument->undoStack()->createRedoAction(this, tr("&Redo"));
    redo->setObjectName(QStringLiteral("redo"));
    redo->setShortcuts({QKeySequence::Redo, QKeySequence(Qt::CTRL | Qt::Key_Y)});
    edit->addAction(undo);
    edit->addAction(redo);
    mActions.insert(QStringLiteral("undo"), undo);
    mActions.insert(QStringLiteral("redo"), redo);
    edit->addSeparator();
    add(edit, QStringLiteral("selectAll"), tr("Select &All Units"), QKeySequence::SelectAll, [this] {
        std::vector<UnitId> all(mDocument->unitCount());
        for (std::size_t u = 0; u < all.size(); ++u)
            all[u] = UnitId(static_cast<std::int32_t>(u));
        mDocument->setSelection(std::move(all));
    });
    add(edit, QStringLiteral("selectTerritory"), tr("Select Units of Current &Territory"), QKeySequence(Qt::CTRL | Qt::Key_T), [this] {
        std::vector<UnitId> units;
        const auto &assigned = mDocument->scenario().alignment.unitTerritories();
        for (std::size_t u = 0; u < assigned.size(); ++u)
            if (assigned[u] == mDocument->currentTerritory() && assigned[u].isValid())
                units.push_back(UnitId(static_cast<std::int32_t>(u)));
        mDocument->setSelection(std::move(units));
    });
    add(edit, QStringLiteral("clearSelection"), tr("&Clear Selection"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A),
        [this] { mDocument->clearSelection(); });
    edit->addSeparator();
    QMenu *assign = edit->addMenu(tr("Assign Selection To"));
    for (int i = 1; i <= 9; ++i)
        add(assign, QStringLiteral("assignTerritory%1").arg(i), tr("Territory %1").arg(i), QKeySequence(Qt::Key_0 + i),
            [this, i] { assignSelectionTo(TerritoryId(i - 1)); });
    add(assign, QStringLiteral("assignChoose"), tr("&Other Territory…"), QKeySequence(Qt::Key_A), [this] { chooseAssign(); });
    add(assign, QStringLiteral("unassign"), tr("&Unassign"), QKeySequence(Qt::Key_0), [this] { assignSelectionTo(TerritoryId()); });
    add(edit, QStringLiteral("lock"), tr("&Lock Selected Units"), QKeySequence(Qt::CTRL | Qt::Key_L), [this] { lockSelection(true); });
    add(edit, QStringLiteral("unlock"), tr("U&nlock Selected Units"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L),
        [this] { lockSelection(false); });
    edit->addSeparator();
    add(edit, QStringLiteral("attributes"), tr("Attri&butes…"), QKeySequence(),
        [this] { AttributesDialog::edit(mDocument, mStatistics->attributes(), this); });
    add(edit, QStringLiteral("tilePreferences"), tr("Basemap &Tiles…"), QKeySequence::Preferences, [this] {
        QSettings settings;
        if (TilePreferencesDialog::edit(settings, this))
            applyTileSettings();
    });

    QMenu *territory = menuBar()->addMenu(tr("&Territory"));
    add(territory, QStringLiteral("newTerritory"), tr("&New Territory"), QKeySequence::New, [this] {
        const TerritoryId t = newTerritory();
        mDocument->setCurrentTerritory(t);
    });
    add(territory, QStringLiteral("renameTerritory"), tr("&Rename…"), QKeySequence(Qt::Key_F2), [this] { chooseRename(); });
    add(territory, QStringLiteral("recolorTerritory"), tr("Re&colour…"), {}, [this] { chooseRecolor(); });
    add(territory, QStringLiteral("assignRep"), tr("Assign &Rep…"), QKeySequence(Qt::CTRL | Qt::Key_R), [this] { chooseRep(); });
    add(territory, QStringLiteral("mergeTerritory"), tr("&Merge Into…"), QKeySequence(Qt::CTRL | Qt::Key_M), [this] { chooseMerge(); });
    add(territory, QStringLiteral("deleteTerritory"), tr("&Delete"), QKeySequence(Qt::CTRL | Qt::Key_Delete), [this] { chooseDelete(); });
    territory->addSeparator();
    add(territory, QStringLiteral("autoColor"), tr("Recolour &All (Distinct Neighbours)"), {}, [this] {
        if (mDocument->territoryCount() > 0)
            mDocument->undoStack()->push(ReplacePlanCommand::autoColor(mDocument));
    });
    territory->addSeparator();
    add(territory, QStringLiteral("optimize"), tr("&Optimize…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O), [this] {
        const QString summary = OptimizeDialog::run(mDocument, this);
        if (!summary.isEmpty())
            statusBar()->showMessage(summary, 30000);
    });
    add(territory, QStringLiteral("proposeFixes"), tr("&Propose Fixes…"), {}, [this] { FixProposalFlow::run(mDocument, this); });
    add(territory, QStringLiteral("healthRules"), tr("&Health Rules…"), {},
        [this] { HealthRulesDialog::edit(mDocument, mStatistics->attributes(), this); });

    mScenarioMenu->addMenu(menuBar());
    WhatIfDialog::addMenu(menuBar(), mDocument, this);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    add(view, QStringLiteral("zoomIn"), tr("Zoom &In"), QKeySequence::ZoomIn, [this] { mCanvas->zoomIn(); });
    add(view, QStringLiteral("zoomOut"), tr("Zoom &Out"), QKeySequence::ZoomOut, [this] { mCanvas->zoomOut(); });
    add(view, QStringLiteral("zoomFull"), tr("&Full Extent"), QKeySequence(Qt::CTRL | Qt::Key_0), [this] { mCanvas->zoomToFullExtent(); });
    add(view, QStringLiteral("zoomSelection"), tr("Zoom to &Selection"), QKeySequence(Qt::Key_Z),
        [this] { mCanvas->zoomToUnits(mDocument->selection()); });
    add(view, QStringLiteral("zoomTerritory"), tr("Zoom to &Territory"), QKeySequence(Qt::SHIFT | Qt::Key_Z),
        [this] { mCanvas->zoomToTerritory(mDocument->currentTerritory()); });
    view->addSeparator();
    for (QDockWidget *dock : findChildren<QDockWidget *>())
        view->addAction(dock->toggleViewAction());

    QMenu *tools = menuBar()->addMenu(tr("T&ools"));
    QToolBar *toolbar = addToolBar(tr("Tools"));
    toolbar->setObjectName(QStringLiteral("ToolsToolbar"));
    mToolGroup = new QActionGroup(this);
    const std::pair<const char *, QKeySequence> toolKeys[] = {{"pan", QKeySequence(Qt::Key_H)},
                                                              {"select", QKeySequence(Qt::Key_S)},
                                                              {"rectangle", QKeySequence(Qt::Key_R)},
                                                              {"lasso", QKeySequence(Qt::Key_L)},
                                                              {"brush", QKeySequence(Qt::Key_B)}};
    for (const auto &[name, key] : toolKeys) {
        const QString id = QString::fromLatin1(name);
        QAction *a = add(tools, QStringLiteral("tool_") + id, mTools.value(id)->name(), key, [this, id] { setTool(id); });
        a->setCheckable(true);
        mToolGroup->addAction(a);
        toolbar->addAction(a);
    }
    toolbar->addSeparator();
    toolbar->addAction(undo);
    toolbar->addAction(redo);
    toolbar->addSeparator();
    auto *find = new FindBox(mDocument, mCanvas, toolbar);
    toolbar->addWidget(find);
    add(edit, QStringLiteral("find"), tr("&Find…"), QKeySequence::Find, [find] {
        find->setFocus(Qt::ShortcutFocusReason);
        find->selectAll();
    });

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    add(help, QStringLiteral("userGuide"), tr("&User Guide"), QKeySequence::HelpContents, [this] { HelpWindow::showGuide(this); });
    add(help, QStringLiteral("shortcuts"), tr("&Keyboard Shortcuts…"), {}, [this] { ShortcutsDialog(this, this).exec(); });
    add(help, QStringLiteral("about"), tr("&About Tessera"), {}, [this] {
        QMessageBox::about(this, tr("About Tessera"),
                           tr("<b>Tessera %1</b><br>Open-source territory designer.<br>Basemap: US Census (us-atlas), Natural Earth "
                              "(world-atlas), GeoNames cities (CC-BY).")
                               .arg(QStringLiteral(TESSERA_VERSION_STRING)));
    });
    ShortcutsDialog::showShortcutsInToolTips(this);
}

void MainWindow::setTool(const QString &name)
{
    AbstractTool *tool = mTools.value(name);
    if (!tool)
        return;
    mCanvas->setTool(tool);
    if (QAction *a = mActions.value(QStringLiteral("tool_") + name))
        a->setChecked(true);
    statusBar()->showMessage(tool->statusText());
}

void MainWindow::applyTileSettings()
{
    auto *layer = dynamic_cast<TileBasemapLayer *>(mCanvas->layer(QStringLiteral("tiles")));
    if (!layer)
        return;
    QSettings settings;
    const TileSettings tileSettings = TileSettings::load(settings);
    auto source = tileSettings.toSource();
    if (!source) {
        statusBar()->showMessage(QString::fromStdString(source.error().toString()), 8000);
        layer->setSource(TileSource());
    } else if (TileLayer *tiles = layer->setSource(*source)) {
        connect(tiles, &TileLayer::tilesChanged, this, [this] { mCanvas->refreshLayer(QStringLiteral("tiles")); });
        connect(tiles, &TileLayer::errorOccurred, this, [this](const QString &m) { statusBar()->showMessage(m, 5000); });
        layer->setViewport(mCanvas->viewport());
    }
    mCanvas->refreshLayer(QStringLiteral("tiles"));
    if (mLayersPanel)
        mLayersPanel->refresh();
}

void MainWindow::updateTitle()
{
    setWindowTitle(QStringLiteral("%1[*] — Tessera").arg(mDocument->displayName()));
    setWindowModified(mDocument->isModified());
}

void MainWindow::updateActions()
{
    const bool project = mDocument->hasProject();
    const bool selection = !mDocument->selection().empty();
    const bool current = mDocument->isValidTerritory(mDocument->currentTerritory());
    auto enable = [this](const char *name, bool on) {
        if (QAction *a = mActions.value(QLatin1String(name)))
            a->setEnabled(on);
    };
    enable("save", project && !mDocument->path().isEmpty() && !mDocument->isReadOnly());
    enable("close", project);
    enable("export", project);
    enable("newTerritory", project);
    enable("optimize", project);
    for (const char *name : {"renameTerritory", "recolorTerritory", "assignRep", "mergeTerritory", "deleteTerritory", "zoomTerritory"})
        enable(name, current);
    for (const char *name : {"lock", "unlock", "zoomSelection", "assignChoose", "unassign"})
        enable(name, selection);
    for (int i = 1; i <= 9; ++i) {
        QAction *a = mActions.value(QStringLiteral("assignTerritory%1").arg(i));
        const bool exists = i <= mDocument->territoryCount();
        a->setEnabled(selection && exists);
        a->setText(exists ? QString::fromStdString(mDocument->territory(TerritoryId(i - 1)).name) : tr("Territory %1").arg(i));
    }
}

void MainWindow::showError(const QString &title, const QString &message)
{
    statusBar()->showMessage(message, 10000);
    if (!mQuiet)
        QMessageBox::warning(this, title, message);
}

bool MainWindow::openProject(QString path, bool background)
{
    if (mLoader.isRunning())
        return false;
    // Reopening the open project: give up its write lock first, or this window would lock itself out.
    if (mDocument->hasProject() && mDocument->path() == path)
        mDocument->clear();
    if (!background) {
        if (auto opened = mDocument->open(path); !opened) {
            showError(tr("Cannot open project"), QString::fromStdString(opened.error().toString()));
            return false;
        }
        if (mDocument->isReadOnly())
            showError(tr("Project opened read-only"), mDocument->readOnlyReason());
        return true;
    }
    // The write lock is taken before loading, so a second window learns at
    // once that it may only read.
    mLoadingReadOnlyReason.clear();
    auto writer = Document::openForEditing(path, &mLoadingReadOnlyReason);
    if (!writer) {
        showError(tr("Cannot open project"), QString::fromStdString(writer.error().toString()));
        return false;
    }
    mLoadingWriter = std::move(*writer);
    mLoadingPath = path;
    mProgress->setRange(0, 100);
    mProgress->setValue(0);
    mProgress->show();
    statusBar()->showMessage(tr("Opening %1…").arg(path));
    QPointer<QProgressBar> progress(mProgress);
    auto feedback = std::make_shared<Feedback>([progress](double fraction, std::string_view) {
        QMetaObject::invokeMethod(qApp, [progress, fraction] {
            if (progress)
                progress->setValue(static_cast<int>(fraction * 100));
        });
    });
    mLoader.setFuture(QtConcurrent::run([file = path.toStdString(), feedback] {
        auto store = ProjectStore::open(file, ProjectStore::OpenMode::ReadOnly);
        if (!store)
            return std::make_shared<Result<Project>>(store.error());
        return std::make_shared<Result<Project>>((*store)->load(feedback.get()));
    }));
    return true;
}

void MainWindow::onProjectLoaded()
{
    mProgress->setRange(0, 100);
    mProgress->hide();
    const std::shared_ptr<Result<Project>> loaded = mLoader.result();
    std::unique_ptr<ProjectStore> writer = std::move(mLoadingWriter);
    if (!loaded || !*loaded) {
        showError(tr("Cannot open project"),
                  loaded ? QString::fromStdString(loaded->error().toString()) : tr("Loading failed"));
        return;
    }
    mDocument->setProject(std::move(*loaded).value(), mLoadingPath, std::move(writer), mLoadingReadOnlyReason);
    if (mDocument->isReadOnly())
        showError(tr("Project opened read-only"), mDocument->readOnlyReason());
    statusBar()->showMessage(tr("Opened %1: %n unit(s)", nullptr, static_cast<int>(mDocument->unitCount())).arg(mLoadingPath), 5000);
}

bool MainWindow::saveProject()
{
    if (auto saved = mDocument->save(); !saved) {
        showError(tr("Cannot save"), QString::fromStdString(saved.error().toString()));
        return false;
    }
    statusBar()->showMessage(tr("Saved %1").arg(mDocument->path()), 4000);
    return true;
}

bool MainWindow::maybeSave()
{
    if (!mDocument->isModified() || !mConfirmClose)
        return true;
    const auto answer = QMessageBox::question(this, tr("Unsaved changes"),
                                              tr("The plan in %1 has unsaved changes. Save them?").arg(mDocument->displayName()),
                                              QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Cancel)
        return false;
    if (answer == QMessageBox::Save)
        return saveProject();
    return true;
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (maybeSave())
        event->accept();
    else
        event->ignore();
}

void MainWindow::chooseOpen()
{
    if (!maybeSave())
        return;
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open Project"), {},
        tr("Tessera projects (*.tessera);;GIS and CSV files (*.geojson *.json *.topojson *.shp *.gpkg *.kml *.csv);;All files (*)"));
    if (path.isEmpty())
        return;
    // A GIS or CSV file is no project: offer to start one from it.
    if (!path.endsWith(QLatin1String(".tessera"), Qt::CaseInsensitive)
        && QMessageBox::question(this, tr("Open"),
                                 tr("%1 is not a Tessera project. Start a new project from it?")
                                     .arg(QFileInfo(path).fileName()))
               == QMessageBox::Yes) {
        newProject(path);
        return;
    }
    openProject(path);
}

void MainWindow::newProject(const QString &startFrom)
{
    NewProjectWizard wizard(this);
    if (!startFrom.isEmpty())
        wizard.startFrom(startFrom);
    if (wizard.exec() == QDialog::Accepted)
        openProject(wizard.projectPath());
}

void MainWindow::assignSelectionTo(TerritoryId territory)
{
    if (territory.isValid() && !mDocument->isValidTerritory(territory))
        return;
    int locked = 0;
    auto command = AssignUnitsCommand::create(mDocument, mDocument->selection(), territory, &locked);
    if (command)
        mDocument->undoStack()->push(command.release());
    if (locked > 0)
        statusBar()->showMessage(tr("%n locked unit(s) kept their territory", nullptr, locked), 6000);
}

void MainWindow::lockSelection(bool lock)
{
    if (auto command = LockUnitsCommand::create(mDocument, mDocument->selection(), lock))
        mDocument->undoStack()->push(command.release());
}

TerritoryId MainWindow::newTerritory(const QString &name)
{
    if (!mDocument->hasProject())
        return TerritoryId();
    Territory territory;
    const int number = mDocument->territoryCount() + 1;
    territory.name = (name.isEmpty() ? tr("Territory %1").arg(number) : name).toStdString();
    std::vector<std::uint32_t> used;
    for (const Territory &t : mDocument->scenario().territories)
        used.push_back(t.color);
    territory.color = palette::nextColor(used);
    mDocument->undoStack()->push(new AddTerritoryCommand(mDocument, territory));
    return TerritoryId(mDocument->territoryCount() - 1);
}

void MainWindow::renameTerritory(TerritoryId territory, const QString &name)
{
    if (mDocument->isValidTerritory(territory) && !name.isEmpty())
        mDocument->undoStack()->push(ChangeTerritoryCommand::rename(mDocument, territory, name.toStdString()));
}

void MainWindow::recolorTerritory(TerritoryId territory, std::uint32_t color)
{
    if (mDocument->isValidTerritory(territory))
        mDocument->undoStack()->push(ChangeTerritoryCommand::recolor(mDocument, territory, color));
}

void MainWindow::mergeTerritory(TerritoryId from, TerritoryId into)
{
    if (mDocument->isValidTerritory(from) && mDocument->isValidTerritory(into) && from != into)
        mDocument->undoStack()->push(ReplacePlanCommand::merge(mDocument, from, into));
}

void MainWindow::deleteTerritory(TerritoryId territory)
{
    if (mDocument->isValidTerritory(territory))
        mDocument->undoStack()->push(ReplacePlanCommand::remove(mDocument, territory));
}

void MainWindow::assignRep(TerritoryId territory, RepId rep)
{
    if (mDocument->isValidTerritory(territory))
        mDocument->undoStack()->push(ChangeTerritoryCommand::assignRep(mDocument, territory, rep));
}

namespace {
QStringList territoryNames(const Document &document)
{
    QStringList names;
    for (int t = 0; t < document.territoryCount(); ++t)
        names << QStringLiteral("%1. %2").arg(t + 1).arg(QString::fromStdString(document.territory(TerritoryId(t)).name));
    return names;
}
} // namespace

void MainWindow::chooseAssign()
{
    const QStringList names = territoryNames(*mDocument);
    if (names.isEmpty())
        return;
    bool ok = false;
    const QString chosen = QInputDialog::getItem(this, tr("Assign Selection"), tr("Territory:"), names, 0, false, &ok);
    if (ok)
        assignSelectionTo(TerritoryId(static_cast<int>(names.indexOf(chosen))));
}

void MainWindow::chooseRename()
{
    const TerritoryId t = mDocument->currentTerritory();
    if (!mDocument->isValidTerritory(t))
        return;
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("Rename Territory"), tr("Name:"), QLineEdit::Normal,
                                               QString::fromStdString(mDocument->territory(t).name), &ok);
    if (ok)
        renameTerritory(t, name.trimmed());
}

void MainWindow::chooseRecolor()
{
    const TerritoryId t = mDocument->currentTerritory();
    if (!mDocument->isValidTerritory(t))
        return;
    const QColor color = QColorDialog::getColor(QColor::fromRgb(mDocument->territory(t).color), this, tr("Territory Colour"));
    if (color.isValid())
        recolorTerritory(t, color.rgb() & 0xFFFFFF);
}

void MainWindow::chooseMerge()
{
    const TerritoryId t = mDocument->currentTerritory();
    if (!mDocument->isValidTerritory(t))
        return;
    QStringList names = territoryNames(*mDocument);
    bool ok = false;
    const QString chosen = QInputDialog::getItem(this, tr("Merge Territory"),
                                                 tr("Merge %1 into:").arg(QString::fromStdString(mDocument->territory(t).name)),
                                                 names, t.value() == 0 ? 1 : 0, false, &ok);
    if (ok)
        mergeTerritory(t, TerritoryId(static_cast<int>(names.indexOf(chosen))));
}

void MainWindow::chooseDelete()
{
    const TerritoryId t = mDocument->currentTerritory();
    if (!mDocument->isValidTerritory(t))
        return;
    if (QMessageBox::question(this, tr("Delete Territory"),
                              tr("Delete %1? Its units become unassigned.").arg(QString::fromStdString(mDocument->territory(t).name)))
        == QMessageBox::Yes)
        deleteTerritory(t);
}

void MainWindow::chooseRep()
{
    const TerritoryId t = mDocument->currentTerritory();
    if (!mDocument->isValidTerritory(t))
        return;
    QStringList names{tr("(no rep)")};
    for (const Rep &rep : mDocument->project().reps())
        names << QString::fromStdString(rep.name);
    bool ok = false;
    const QString chosen = QInputDialog::getItem(this, tr("Assign Rep"), tr("Rep:"), names, 0, false, &ok);
    if (ok)
        assignRep(t, RepId(static_cast<int>(names.indexOf(chosen)) - 1));
}

} // namespace tessera::ui
