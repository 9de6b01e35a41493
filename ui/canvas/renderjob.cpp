#include "ui/canvas/renderjob.h"

#include <QElapsedTimer>
#include <QPainter>
#include <QtConcurrent/QtConcurrentMap>

#include <ctime>
#include <QtConcurrent/QtConcurrentRun>
#include <QThreadPool>

namespace tessera::ui {

namespace {
double threadCpuMilliseconds()
{
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}
} // namespace

RenderJob::RenderJob(std::vector<Item> items, const MapViewport &viewport, QObject *parent)
    : QObject(parent), mItems(std::move(items)), mViewport(viewport)
{
    connect(&mWatcher, &QFutureWatcher<void>::finished, this, &RenderJob::finished);
}

RenderJob::~RenderJob()
{
    mFeedback.cancel();
    mWatcher.waitForFinished();
}

namespace {

/// The threads that run whole render jobs. Each job waits for its layers,
/// which are drawn in the global pool; were the jobs in the global pool too,
/// two canvases rendering at once (the window and the compare view) could
/// take every thread and wait for layers that never get one.
QThreadPool *jobPool()
{
    static QThreadPool pool;
    return &pool;
}

} // namespace

void RenderJob::start()
{
    mWatcher.setFuture(QtConcurrent::run(jobPool(), [this] { renderAll(); }));
}

void RenderJob::renderNow()
{
    renderAll();
    emit finished();
}

void RenderJob::renderAll()
{
    const double dpr = mViewport.devicePixelRatio();
    const QSize pixels = (QSizeF(mViewport.size()) * dpr).toSize();
    // Layers are independent: draw them in parallel, one image each.
    QtConcurrent::blockingMap(mItems, [this, dpr, pixels](Item &item) {
        if (mFeedback.isCancelled())
            return;
        QElapsedTimer timer;
        timer.start();
        const double cpuStart = threadCpuMilliseconds();
        QImage image(pixels, QImage::Format_ARGB32_Premultiplied);
        image.setDevicePixelRatio(dpr);
        image.fill(Qt::transparent);
        {
            QPainter painter(&image);
            item.renderer->render(painter, mViewport, &mFeedback);
        }
        if (mFeedback.isCancelled())
            return; // a partly drawn image must not reach the cache
        item.image = std::move(image);
        item.milliseconds = static_cast<double>(timer.nsecsElapsed()) / 1e6;
        item.cpuMilliseconds = threadCpuMilliseconds() - cpuStart;
    });
}

} // namespace tessera::ui
