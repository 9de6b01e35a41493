#include "ui/canvas/mapcanvas.h"

#include "ui/canvas/maplayer.h"
#include "ui/canvas/preparedgeometry.h"
#include "ui/canvas/renderjob.h"
#include "ui/canvas/scalebar.h"
#include "ui/canvas/webmercator.h"
#include "ui/document/document.h"
#include "ui/tools/abstracttool.h"

#include <QApplication>
#include <QDeadlineTimer>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QWheelEvent>
#include <QtConcurrent/QtConcurrentRun>

#include <cmath>

namespace tessera::ui {

namespace {
constexpr double MinMetersPerPixel = 0.25;
constexpr double MaxMetersPerPixel = 80000.0;
} // namespace

MapCanvas::MapCanvas(QWidget *parent) : QWidget(parent)
{
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setMinimumSize(200, 150);
    mRenderTimer.setSingleShot(true);
    mRenderTimer.setInterval(0);
    connect(&mRenderTimer, &QTimer::timeout, this, &MapCanvas::startRender);
    connect(&mPrepareWatcher, &QFutureWatcherBase::finished, this, &MapCanvas::onPrepared);
    // A sensible world view before any project is open.
    mViewport = MapViewport(QPointF(0, 3e6), 40000.0, size());
}

MapCanvas::~MapCanvas()
{
    if (mPrepareFeedback)
        mPrepareFeedback->cancel();
    if (mJob) {
        mJob->cancel();
        delete mJob;
    }
    mPrepareWatcher.waitForFinished();
}

void MapCanvas::setDocument(Document *document)
{
    if (mDocument)
        mDocument->disconnect(this);
    mDocument = document;
    if (mDocument) {
        connect(mDocument, &Document::projectReplaced, this, &MapCanvas::onProjectReplaced);
        connect(mDocument, &Document::changed, this, &MapCanvas::onDocumentChanged);
        connect(mDocument, &Document::selectionChanged, this, [this] { refreshLayer(QStringLiteral("selection")); });
        connect(mDocument, &Document::currentTerritoryChanged, this, [this] { refreshLayer(QStringLiteral("selection")); });
    }
    onProjectReplaced();
}

void MapCanvas::setStatistics(TerritoryStatistics *statistics)
{
    mStatistics = statistics;
    refreshAll();
}

void MapCanvas::onProjectReplaced()
{
    mGeometry.reset();
    setHoveredUnit(UnitId());
    refreshAll();
    if (!mDocument || !mDocument->hasProject()) {
        if (mPrepareFeedback)
            mPrepareFeedback->cancel();
        update();
        return;
    }
    std::vector<std::shared_ptr<const MultiPolygon>> shapes;
    shapes.reserve(mDocument->unitCount());
    for (const Unit &unit : mDocument->project().units().units())
        shapes.push_back(unit.geometry);
    if (mPrepareFeedback)
        mPrepareFeedback->cancel(); // the old preparation stops; its result is never used
    mPrepareFeedback = std::make_shared<Feedback>();
    QPointer<MapCanvas> self(this);
    mPrepareFeedback->setProgressCallback([self](double fraction, std::string_view phase) {
        const QString text = QString::fromUtf8(phase.data(), static_cast<qsizetype>(phase.size()));
        QMetaObject::invokeMethod(qApp, [self, fraction, text] {
            if (self && self->isPreparing())
                emit self->preparationProgress(static_cast<int>(fraction * 99), text);
        });
    });
    mFitAfterPrepare = true;
    emit preparationProgress(0, tr("Preparing the map"));
    mPrepareWatcher.setFuture(QtConcurrent::run([shapes = std::move(shapes), feedback = mPrepareFeedback] {
        return PreparedGeometry::build(shapes, feedback.get());
    }));
}

void MapCanvas::onPrepared()
{
    if (!mDocument || !mDocument->hasProject())
        return;
    mGeometry = mPrepareWatcher.result();
    emit preparationProgress(100, tr("Map ready"));
    if (mGeometry && mFitAfterPrepare)
        zoomToFullExtent();
    refreshAll();
    emit geometryReady();
}

void MapCanvas::onDocumentChanged(const ChangeEvent &event)
{
    if (event.isStructural()) {
        for (const auto &layer : mLayers)
            if (layer->id() != QLatin1String("basemap") && layer->id() != QLatin1String("places"))
                refreshLayer(layer->id());
        return;
    }
    if (event.touches(ChangeEvent::Assignment | ChangeEvent::TerritoryColor | ChangeEvent::Locks))
        refreshLayer(QStringLiteral("units"));
    if (event.touches(ChangeEvent::Assignment)) {
        refreshLayer(QStringLiteral("borders"));
        refreshLayer(QStringLiteral("accounts"));
        refreshLayer(QStringLiteral("selection"));
    }
    // Settings: attribute display names, units and formats show in the labels' figures.
    if (event.touches(ChangeEvent::Assignment | ChangeEvent::TerritoryName | ChangeEvent::TerritoryRep
                      | ChangeEvent::Settings))
        refreshLayer(QStringLiteral("labels"));
    if (event.touches(ChangeEvent::TerritoryRep | ChangeEvent::TerritoryColor))
        refreshLayer(QStringLiteral("reps"));
}

void MapCanvas::setViewport(const MapViewport &viewport)
{
    MapViewport v = viewport;
    v.setSize(size());
    v.setDevicePixelRatio(devicePixelRatioF());
    v.setMetersPerPixel(std::clamp(v.metersPerPixel(), MinMetersPerPixel, MaxMetersPerPixel));
    if (v == mViewport)
        return;
    mViewport = v;
    scheduleRender();
    update();
    emit viewportChanged();
}

double MapCanvas::groundMetersPerPixel() const
{
    return mViewport.metersPerPixel() * mercator::groundScale(mViewport.center().y());
}

LonLat MapCanvas::toLonLat(QPointF screen) const
{
    return mercator::unproject(mViewport.toMap(screen));
}

void MapCanvas::zoomToFullExtent()
{
    if (mGeometry && !mGeometry->extent().isNull())
        zoomToRect(mGeometry->extent());
}

void MapCanvas::zoomToRect(const QRectF &mapRect)
{
    if (mapRect.isNull() && mapRect.width() <= 0)
        return;
    QRectF r = mapRect.normalized();
    if (r.width() < 200 && r.height() < 200)
        r = r.adjusted(-500, -500, 500, 500);
    MapViewport v = MapViewport::fitting(r, size(), 24.0);
    setViewport(v);
}

void MapCanvas::zoomToUnits(const std::vector<UnitId> &units)
{
    if (!mGeometry || units.empty())
        return;
    QRectF r;
    for (UnitId u : units)
        if (static_cast<std::size_t>(u.value()) < mGeometry->unitCount())
            r = r.isNull() ? mGeometry->bounds(u) : r.united(mGeometry->bounds(u));
    if (!r.isNull())
        zoomToRect(r);
}

void MapCanvas::zoomToTerritory(TerritoryId territory)
{
    if (!mDocument || !mDocument->isValidTerritory(territory))
        return;
    std::vector<UnitId> units;
    const auto &assigned = mDocument->scenario().alignment.unitTerritories();
    for (std::size_t u = 0; u < assigned.size(); ++u)
        if (assigned[u] == territory)
            units.push_back(UnitId(static_cast<std::int32_t>(u)));
    zoomToUnits(units);
}

void MapCanvas::zoomBy(double factor, QPointF anchor)
{
    if (factor <= 0)
        return;
    const double mpp = std::clamp(mViewport.metersPerPixel() / factor, MinMetersPerPixel, MaxMetersPerPixel);
    const QPointF fixed = mViewport.toMap(anchor);
    const double ratio = mpp / mViewport.metersPerPixel();
    MapViewport v = mViewport;
    v.setCenter(fixed + (mViewport.center() - fixed) * ratio);
    v.setMetersPerPixel(mpp);
    setViewport(v);
}

void MapCanvas::panBy(QPointF pixels)
{
    MapViewport v = mViewport;
    v.setCenter(mViewport.center() + QPointF(-pixels.x(), pixels.y()) * mViewport.metersPerPixel());
    setViewport(v);
}

void MapCanvas::addLayer(std::unique_ptr<MapLayer> layer)
{
    mGenerations.insert(layer->id(), 1);
    mLayers.push_back(std::move(layer));
    scheduleRender();
}

MapLayer *MapCanvas::layer(const QString &id) const
{
    for (const auto &layer : mLayers)
        if (layer->id() == id)
            return layer.get();
    return nullptr;
}

void MapCanvas::setLayerVisible(const QString &id, bool visible)
{
    if (MapLayer *l = layer(id); l && l->isVisible() != visible) {
        l->setVisible(visible);
        refreshLayer(QStringLiteral("labels")); // labels make room for the markers of visible layers
        scheduleRender();
        update();
    }
}

void MapCanvas::refreshLayer(const QString &id)
{
    if (!mGenerations.contains(id))
        return;
    ++mGenerations[id];
    mCache.invalidate(id);
    scheduleRender();
}

void MapCanvas::refreshAll()
{
    for (const auto &layer : mLayers)
        refreshLayer(layer->id());
}

bool MapCanvas::isRenderComplete() const
{
    if (isPreparing() || mJob)
        return false;
    if (mDocument && mDocument->hasProject() && !mGeometry)
        return false;
    for (const auto &layer : mLayers)
        if (layer->isVisible() && !mCache.isCurrent(layer->id(), mViewport))
            return false;
    return true;
}

void MapCanvas::scheduleRender()
{
    if (!mRenderTimer.isActive())
        mRenderTimer.start();
}

MapRenderContext MapCanvas::renderContext() const
{
    MapRenderContext context;
    if (mDocument && mDocument->hasProject()) {
        context.project = &mDocument->project();
        context.scenario = &mDocument->scenario();
        context.selection = &mDocument->selection();
        context.currentTerritory = mDocument->currentTerritory();
    }
    context.geometry = mGeometry;
    context.statistics = mStatistics;
    context.viewport = mViewport;
    for (const auto &layer : mLayers)
        if (layer->isVisible())
            context.visibleLayers.insert(layer->id());
    return context;
}

void MapCanvas::startRender()
{
    if (mJob) {
        // One job at a time. The running one is left to finish (while panning
        // this keeps fresh images coming); its finish starts the next render
        // when the view or a layer moved on meanwhile.
        return;
    }
    if (!mViewport.isValid() || isPreparing())
        return;
    std::vector<RenderJob::Item> items;
    const MapRenderContext context = renderContext();
    for (const auto &layer : mLayers) {
        if (!layer->isVisible() || mCache.isCurrent(layer->id(), mViewport))
            continue;
        RenderJob::Item item;
        item.layer = layer->id();
        item.generation = mGenerations.value(layer->id());
        item.renderer = std::shared_ptr<LayerRenderer>(layer->createRenderer(context));
        if (!item.renderer) {
            // Nothing to draw: an empty image is the up-to-date result.
            mCache.store(item.layer, QImage(), mViewport, false);
            continue;
        }
        items.push_back(std::move(item));
    }
    if (items.empty()) {
        update();
        emit renderFinished();
        return;
    }
    mJob = new RenderJob(std::move(items), mViewport, this);
    connect(mJob, &RenderJob::finished, this, &MapCanvas::onJobFinished);
    mJob->start();
}

void MapCanvas::onJobFinished()
{
    RenderJob *job = mJob;
    mJob = nullptr;
    if (!job)
        return;
    const bool cancelled = job->isCancelled();
    for (RenderJob::Item &item : job->items()) {
        if (item.image.isNull())
            continue; // cancelled before this layer
        const bool stillDirty = mGenerations.value(item.layer) != item.generation;
        mCache.store(item.layer, std::move(item.image), job->viewport(), stillDirty);
        mLastRenderTimes[item.layer] = item.milliseconds;
        mLastRenderCpuTimes[item.layer] = item.cpuMilliseconds;
    }
    Q_UNUSED(cancelled)
    job->deleteLater();
    update();
    bool outdated = false;
    for (const auto &layer : mLayers)
        if (layer->isVisible() && !mCache.isCurrent(layer->id(), mViewport))
            outdated = true;
    if (outdated)
        scheduleRender();
    else
        emit renderFinished();
}

void MapCanvas::renderSynchronously()
{
    mPrepareWatcher.waitForFinished();
    if (mJob) {
        RenderJob *running = mJob;
        mJob = nullptr;
        running->cancel();
        delete running; // waits for the worker; its images are discarded
    }
    mRenderTimer.stop();
    std::vector<RenderJob::Item> items;
    const MapRenderContext context = renderContext();
    for (const auto &layer : mLayers) {
        if (!layer->isVisible() || mCache.isCurrent(layer->id(), mViewport))
            continue;
        RenderJob::Item item;
        item.layer = layer->id();
        item.generation = mGenerations.value(layer->id());
        item.renderer = std::shared_ptr<LayerRenderer>(layer->createRenderer(context));
        if (!item.renderer) {
            mCache.store(item.layer, QImage(), mViewport, false);
            continue;
        }
        items.push_back(std::move(item));
    }
    RenderJob job(std::move(items), mViewport);
    job.renderNow();
    for (RenderJob::Item &item : job.items()) {
        mCache.store(item.layer, std::move(item.image), job.viewport(), false);
        mLastRenderTimes[item.layer] = item.milliseconds;
        mLastRenderCpuTimes[item.layer] = item.cpuMilliseconds;
    }
    update();
}

bool MapCanvas::waitUntilReady(int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!isRenderComplete()) {
        if (deadline.hasExpired())
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        if (!mJob && !isPreparing() && !mRenderTimer.isActive() && !isRenderComplete())
            scheduleRender();
    }
    return true;
}

void MapCanvas::setTool(AbstractTool *tool)
{
    if (mTool == tool)
        return;
    if (mTool)
        mTool->deactivate();
    mTool = tool;
    if (mTool) {
        mTool->activate(this);
        setCursor(mTool->cursor());
    } else {
        unsetCursor();
    }
    update();
}

void MapCanvas::setHoveredUnit(UnitId unit)
{
    if (unit == mHoveredUnit)
        return;
    mHoveredUnit = unit;
    emit hoveredUnitChanged(unit);
    update();
}

void MapCanvas::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.fillRect(rect(), QColor(0xDD, 0xE8, 0xF0));
    for (const auto &layer : mLayers) {
        if (!layer->isVisible())
            continue;
        const RenderCache::Entry *entry = mCache.entry(layer->id());
        if (!entry || entry->image.isNull())
            continue;
        if (entry->viewport == mViewport) {
            painter.drawImage(QPointF(0, 0), entry->image);
            continue;
        }
        // A stale image: place it where its map extent is now.
        const MapViewport &old = entry->viewport;
        const double scale = old.metersPerPixel() / mViewport.metersPerPixel();
        const QPointF origin = mViewport.toScreen(old.toMap(QPointF(0, 0)));
        painter.save();
        painter.setRenderHint(QPainter::SmoothPixmapTransform, false);
        painter.translate(origin);
        painter.scale(scale, scale);
        painter.drawImage(QPointF(0, 0), entry->image);
        painter.restore();
    }
    // Hovered unit outline (drawn from prepared shapes: no geometry work here).
    if (mGeometry && mHoveredUnit.isValid() && static_cast<std::size_t>(mHoveredUnit.value()) < mGeometry->unitCount()) {
        const int band = PreparedGeometry::bandFor(mViewport.metersPerPixel());
        painter.save();
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setTransform(mViewport.mapToScreen());
        QPen pen(QColor(20, 20, 20), 2.0);
        pen.setCosmetic(true);
        painter.setPen(pen);
        painter.setBrush(Qt::NoBrush);
        for (const QPolygonF &ring : mGeometry->shape(mHoveredUnit, band).rings)
            painter.drawPolygon(ring);
        painter.restore();
    }
    if (mTool)
        mTool->paintOverlay(painter);
    drawScaleBar(painter);
    drawLegend(painter);
    if (!mDocument || !mDocument->hasProject()) {
        painter.setPen(QColor(60, 60, 60));
        painter.drawText(rect(), Qt::AlignCenter, tr("No project open.\nUse File > Open (Ctrl+O), or File > New Project (Ctrl+N) to start from your own data."));
    } else if (isPreparing()) {
        painter.setPen(QColor(60, 60, 60));
        painter.drawText(rect().adjusted(0, 0, 0, -20), Qt::AlignHCenter | Qt::AlignBottom, tr("Preparing the map…"));
    }
}

void MapCanvas::drawScaleBar(QPainter &painter) const
{
    const ScaleBar bar = ScaleBar::choose(groundMetersPerPixel(), 120.0);
    if (!(bar.meters > 0))
        return;
    const double pixels = bar.pixels;
    const QString &label = bar.label;
    const QPointF origin(14, height() - 16);
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(QColor(255, 255, 255, 200));
    painter.drawRoundedRect(QRectF(origin.x() - 6, origin.y() - 22, pixels + 12, 30), 3, 3);
    QPen pen(QColor(30, 30, 30), 2);
    painter.setPen(pen);
    painter.drawLine(origin, origin + QPointF(pixels, 0));
    painter.drawLine(origin, origin + QPointF(0, -6));
    painter.drawLine(origin + QPointF(pixels, 0), origin + QPointF(pixels, -6));
    painter.drawText(QRectF(origin.x(), origin.y() - 22, pixels, 16), Qt::AlignCenter, label);
    painter.restore();
}

void MapCanvas::drawLegend(QPainter &painter) const
{
    double top = 10;
    const QFontMetricsF metrics(font());
    for (const auto &layer : mLayers) {
        if (!layer->isVisible())
            continue;
        const auto entries = layer->legend();
        if (entries.isEmpty())
            continue;
        const QString title = layer->legendTitle();
        double width = metrics.horizontalAdvance(title);
        for (const auto &entry : entries)
            width = std::max(width, 18 + metrics.horizontalAdvance(entry.text));
        const double lineHeight = metrics.height() + 2;
        const QRectF box(this->width() - width - 26, top, width + 16, lineHeight * (entries.size() + 1) + 10);
        painter.save();
        painter.setPen(QColor(150, 150, 150));
        painter.setBrush(QColor(255, 255, 255, 225));
        painter.drawRoundedRect(box, 4, 4);
        painter.setPen(QColor(20, 20, 20));
        QFont bold = font();
        bold.setBold(true);
        painter.setFont(bold);
        painter.drawText(QPointF(box.left() + 8, box.top() + 5 + metrics.ascent()), title);
        painter.setFont(font());
        for (int i = 0; i < entries.size(); ++i) {
            const double y = box.top() + 5 + lineHeight * (i + 1);
            painter.setPen(QColor(80, 80, 80));
            painter.setBrush(entries[i].color);
            painter.drawRect(QRectF(box.left() + 8, y + 2, 12, metrics.height() - 4));
            painter.setPen(QColor(20, 20, 20));
            painter.drawText(QPointF(box.left() + 26, y + metrics.ascent()), entries[i].text);
        }
        painter.restore();
        top = box.bottom() + 8;
    }
}

void MapCanvas::resizeEvent(QResizeEvent *)
{
    MapViewport v = mViewport;
    const bool first = !mViewport.isValid();
    v.setSize(size());
    if (first)
        v = MapViewport(mViewport.center(), mViewport.metersPerPixel() > 0 ? mViewport.metersPerPixel() : 40000.0, size());
    setViewport(v);
    if (mGeometry && first)
        zoomToFullExtent();
}

void MapCanvas::wheelEvent(QWheelEvent *event)
{
    const double steps = event->angleDelta().y() / 120.0;
    if (steps != 0.0)
        zoomBy(std::pow(2.0, steps / 2.0), event->position());
    event->accept();
}

static MapMouseEvent makeMapEvent(const MapCanvas &canvas, QMouseEvent *event)
{
    MapMouseEvent e;
    e.screen = event->position();
    e.map = canvas.toMap(e.screen);
    e.button = event->button();
    e.buttons = event->buttons();
    e.modifiers = event->modifiers();
    return e;
}

void MapCanvas::mousePressEvent(QMouseEvent *event)
{
    setFocus(Qt::MouseFocusReason);
    const bool panTool = mTool && (mTool->flags() & AbstractTool::AllowsPanDrag);
    if (event->button() == Qt::MiddleButton || event->button() == Qt::RightButton
        || (event->button() == Qt::LeftButton && (panTool || !mTool))) {
        mPanning = true;
        mLastPanPosition = event->position();
        setCursor(Qt::ClosedHandCursor);
        return;
    }
    if (mTool)
        mTool->mousePressed(makeMapEvent(*this, event));
}

void MapCanvas::mouseMoveEvent(QMouseEvent *event)
{
    emit cursorMoved(toLonLat(event->position()));
    if (mPanning) {
        panBy(event->position() - mLastPanPosition);
        mLastPanPosition = event->position();
        return;
    }
    if (mGeometry)
        setHoveredUnit(mGeometry->unitAt(toMap(event->position())));
    if (mTool)
        mTool->mouseMoved(makeMapEvent(*this, event));
}

void MapCanvas::mouseReleaseEvent(QMouseEvent *event)
{
    if (mPanning) {
        if (!(event->buttons() & (Qt::LeftButton | Qt::MiddleButton | Qt::RightButton))) {
            mPanning = false;
            if (mTool)
                setCursor(mTool->cursor());
            else
                unsetCursor();
        }
        return;
    }
    if (mTool)
        mTool->mouseReleased(makeMapEvent(*this, event));
}

void MapCanvas::mouseDoubleClickEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton && mTool && (mTool->flags() & AbstractTool::AllowsPanDrag))
        zoomBy(2.0, event->position());
    else
        mousePressEvent(event);
}

void MapCanvas::leaveEvent(QEvent *)
{
    setHoveredUnit(UnitId());
    if (mTool)
        mTool->mouseLeft();
}

void MapCanvas::keyPressEvent(QKeyEvent *event)
{
    if (mTool && mTool->keyPressed(event))
        return;
    const double step = (event->modifiers() & Qt::ShiftModifier) ? 0.5 : 0.125;
    switch (event->key()) {
    case Qt::Key_Left:
        panBy(QPointF(width() * step, 0));
        break;
    case Qt::Key_Right:
        panBy(QPointF(-width() * step, 0));
        break;
    case Qt::Key_Up:
        panBy(QPointF(0, height() * step));
        break;
    case Qt::Key_Down:
        panBy(QPointF(0, -height() * step));
        break;
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        zoomIn();
        break;
    case Qt::Key_Minus:
        zoomOut();
        break;
    case Qt::Key_Escape:
        if (mDocument)
            mDocument->clearSelection();
        break;
    default:
        QWidget::keyPressEvent(event);
    }
}

} // namespace tessera::ui
