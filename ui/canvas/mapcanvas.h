#pragma once

#include "core/model/geo.h"
#include "core/model/ids.h"
#include "ui/canvas/maprendercontext.h"
#include "ui/canvas/mapviewport.h"
#include "ui/canvas/rendercache.h"
#include "ui/document/changeevent.h"
#include "ui/document/document.h"
#include "ui/tools/abstracttool.h"

#include <QFutureWatcher>
#include <QHash>
#include <QPointer>
#include <QTimer>
#include <QWidget>

#include <memory>
#include <vector>

namespace tessera {
class Feedback;
}

namespace tessera::ui {

class MapLayer;
class PreparedGeometry;
class RenderJob;
class TerritoryStatistics;

/// The map: a Web Mercator view of the document's units with pan and zoom.
///
/// Geometry is prepared once per project off the GUI thread
/// (PreparedGeometry); each visible layer is rendered to an image by a
/// RenderJob on the thread pool and kept in a RenderCache; paintEvent() only
/// draws those images (moved and scaled while a fresh render runs) plus the
/// active tool's overlay and the scale bar.
class MapCanvas : public QWidget {
    Q_OBJECT

public:
    explicit MapCanvas(QWidget *parent = nullptr);
    ~MapCanvas() override;

    void setDocument(Document *document);
    Document *document() const { return mDocument; }
    void setStatistics(TerritoryStatistics *statistics);
    TerritoryStatistics *statistics() const { return mStatistics; }

    /// Prepared geometry of the current project; null while preparing or without a project.
    const std::shared_ptr<const PreparedGeometry> &geometry() const { return mGeometry; }
    bool isPreparing() const { return mPrepareWatcher.isRunning(); }

    // --- View ----------------------------------------------------------------
    const MapViewport &viewport() const { return mViewport; }
    void setViewport(const MapViewport &viewport);
    double metersPerPixel() const { return mViewport.metersPerPixel(); }
    /// Ground metres per pixel at the centre of the view.
    double groundMetersPerPixel() const;
    QPointF toMap(QPointF screen) const { return mViewport.toMap(screen); }
    QPointF toScreen(QPointF map) const { return mViewport.toScreen(map); }
    LonLat toLonLat(QPointF screen) const;

    void zoomToFullExtent();
    void zoomToRect(const QRectF &mapRect);
    void zoomToUnits(const std::vector<UnitId> &units);
    void zoomToTerritory(TerritoryId territory);
    /// Zooms by \a factor (>1 zooms in) keeping the map point under \a anchor (widget pixels) in place.
    void zoomBy(double factor, QPointF anchor);
    void zoomIn() { zoomBy(2.0, rect().center()); }
    void zoomOut() { zoomBy(0.5, rect().center()); }
    /// Moves the view by \a pixels (the map follows the mouse).
    void panBy(QPointF pixels);

    /// What the layers snapshot for a render: the document's plan, the prepared
    /// geometry, the viewport and which layers are visible.
    MapRenderContext renderContext() const;

    // --- Layers --------------------------------------------------------------
    /// Takes ownership; layers draw in the order added.
    void addLayer(std::unique_ptr<MapLayer> layer);
    MapLayer *layer(const QString &id) const;
    const std::vector<std::unique_ptr<MapLayer>> &layers() const { return mLayers; }
    void setLayerVisible(const QString &id, bool visible);
    /// Marks \a id outdated and schedules a render.
    void refreshLayer(const QString &id);
    void refreshAll();

    // --- Rendering -------------------------------------------------------------
    /// True when geometry is ready and every visible layer's image matches the view.
    bool isRenderComplete() const;
    /// Renders every outdated layer now, on this thread (screenshots, benchmarks).
    void renderSynchronously();
    /// Runs the event loop until preparation and rendering are done; false on timeout.
    bool waitUntilReady(int timeoutMs = 30000);
    /// Milliseconds the last job spent per layer.
    const QHash<QString, double> &lastRenderTimes() const { return mLastRenderTimes; }
    /// CPU milliseconds the last job's threads spent per layer.
    const QHash<QString, double> &lastRenderCpuTimes() const { return mLastRenderCpuTimes; }

    // --- Tools and highlight ----------------------------------------------------
    void setTool(AbstractTool *tool);
    AbstractTool *tool() const { return mTool; }
    UnitId hoveredUnit() const { return mHoveredUnit; }
    /// Requests a repaint of overlays (tools call this after changing their rubber band).
    void updateOverlay() { update(); }

signals:
    void viewportChanged();
    void cursorMoved(tessera::LonLat position);
    void hoveredUnitChanged(tessera::UnitId unit);
    void geometryReady();
    void preparationProgress(int percent, const QString &phase);
    void renderFinished();
    void statusMessage(const QString &message);

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void leaveEvent(QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    void onProjectReplaced();
    void onDocumentChanged(const ChangeEvent &event);
    void onPrepared();
    void scheduleRender();
    void startRender();
    void onJobFinished();
    void drawScaleBar(QPainter &painter) const;
    void drawLegend(QPainter &painter) const;
    void setHoveredUnit(UnitId unit);

    QPointer<Document> mDocument;
    TerritoryStatistics *mStatistics = nullptr;
    std::shared_ptr<const PreparedGeometry> mGeometry;
    QFutureWatcher<std::shared_ptr<const PreparedGeometry>> mPrepareWatcher;
    std::shared_ptr<Feedback> mPrepareFeedback; ///< cancels a preparation that a newer project replaced
    bool mFitAfterPrepare = true;

    MapViewport mViewport;
    std::vector<std::unique_ptr<MapLayer>> mLayers;
    RenderCache mCache;
    QHash<QString, quint64> mGenerations;
    QHash<QString, double> mLastRenderTimes;
    QHash<QString, double> mLastRenderCpuTimes;
    RenderJob *mJob = nullptr;
    QTimer mRenderTimer;

    QPointer<AbstractTool> mTool;
    UnitId mHoveredUnit;
    bool mPanning = false;
    QPointF mLastPanPosition;
};

} // namespace tessera::ui
