#pragma once

#include "core/feedback.h"
#include "ui/canvas/layerrenderer.h"
#include "ui/canvas/mapviewport.h"

#include <QFutureWatcher>
#include <QImage>
#include <QObject>
#include <QString>

#include <memory>
#include <vector>

namespace tessera::ui {

/// Renders a set of layer snapshots into one image each, for one viewport,
/// on a worker thread (QtConcurrent). start() returns at once and
/// finished() follows; cancel() asks the worker to stop without waiting.
class RenderJob : public QObject {
    Q_OBJECT

public:
    struct Item {
        QString layer;
        quint64 generation = 0;               ///< layer content version the snapshot was taken at
        std::shared_ptr<LayerRenderer> renderer;
        QImage image;                         ///< result
        double milliseconds = 0.0;            ///< wall time spent drawing this layer
        double cpuMilliseconds = 0.0;         ///< CPU time of the drawing thread for this layer
    };

    RenderJob(std::vector<Item> items, const MapViewport &viewport, QObject *parent = nullptr);
    ~RenderJob() override;

    /// Starts rendering on the thread pool.
    void start();
    /// Renders on the calling thread (screenshots, benchmarks) and emits finished().
    void renderNow();
    /// Asks the worker to stop; finished() still follows.
    void cancel() { mFeedback.cancel(); }
    bool isCancelled() const { return mFeedback.isCancelled(); }
    bool isRunning() const { return mWatcher.isRunning(); }

    const MapViewport &viewport() const { return mViewport; }
    std::vector<Item> &items() { return mItems; }

signals:
    void finished();

private:
    void renderAll();

    std::vector<Item> mItems;
    MapViewport mViewport;
    Feedback mFeedback;
    QFutureWatcher<void> mWatcher;
};

} // namespace tessera::ui
