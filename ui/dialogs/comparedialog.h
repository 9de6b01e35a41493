#pragma once

#include "core/plan/scenariodiff.h"

#include <QDialog>
#include <QFutureWatcher>

#include <memory>

class QCheckBox;
class QComboBox;
class QLabel;
class QTableWidget;
class QWidget;

namespace tessera::ui {

class ChangedUnitsLayer;
class Document;
class MapCanvas;

/// Scenario ▸ Compare…: plan B against plan A, readable on a projector. A map
/// of plan B with the units that changed territory hatched in their new
/// territory's colour, optionally side by side with a map of plan A that pans
/// and zooms with it; and three tables: per-territory changes of every
/// balanced attribute, workload, utilisation, compactness and contiguity; the
/// moved units with names, accounts and the reason each moved; the impact on
/// each rep. The comparison runs off
/// the GUI thread (core's diffScenarios, figures from MetricsEngine); the
/// dialog is modal, so the plans cannot change meanwhile.
class CompareDialog : public QDialog {
    Q_OBJECT

public:
    /// Compares scenario \a after with scenario \a before of \a document.
    CompareDialog(const Document &document, int before, int after, QWidget *parent = nullptr);
    ~CompareDialog() override;

    QTableWidget *territoryTable() const { return mTerritories; }
    QTableWidget *movedUnitTable() const { return mMoved; }
    QTableWidget *repTable() const { return mReps; }
    /// The map of plan B (hatched changes).
    MapCanvas *canvas() const { return mCanvas; }
    /// The map of plan A, shown next to canvas() in side-by-side mode.
    MapCanvas *beforeCanvas() const { return mBeforeCanvas; }
    bool isSideBySide() const;
    void setSideBySide(bool on);
    ChangedUnitsLayer *changesLayer() const { return mChanges; }
    /// The last comparison; null while it runs or when it failed.
    const ScenarioDiff *diff() const { return mDiff.get(); }
    /// Waits (processing events) until the comparison and the map are done.
    bool waitUntilReady(int timeoutMs = 30000);

private:
    void start();
    void onFinished();
    void fillTables();
    void showMap();
    void syncViewport(MapCanvas *from, MapCanvas *to);

    const Document &mDocument;
    QComboBox *mBefore;
    QComboBox *mAfter;
    QLabel *mSummary;
    QTableWidget *mTerritories;
    QTableWidget *mMoved;
    QTableWidget *mReps;
    QCheckBox *mSideBySide;
    MapCanvas *mCanvas;
    MapCanvas *mBeforeCanvas;
    QWidget *mBeforePanel;
    QLabel *mBeforeCaption;
    QLabel *mAfterCaption;
    ChangedUnitsLayer *mChanges = nullptr;
    Document *mMapDocument;
    Document *mBeforeDocument;
    bool mSyncing = false;
    std::unique_ptr<ScenarioDiff> mDiff;
    QFutureWatcher<std::shared_ptr<Result<ScenarioDiff>>> mWatcher;
};

} // namespace tessera::ui
