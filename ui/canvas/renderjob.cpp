#include "ui/canvas/renderjob.h"

#include <QElapsedTimer>
#include <QPainter>
#include <QtConcurrent/QtConcurrentRun>

namespace tessera::ui {

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

void RenderJob::start()
{
    mWatcher.setFuture(QtConcurrent::run([this] { renderAll(); }));
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
    for (Item &item : mItems) {
        if (mFeedback.isCancelled())
            return;
        QElapsedTimer timer;
        timer.start();
        QImage image(pixels, QImage::Format_ARGB32_Premultiplied);
        image.setDevicePixelRatio(dpr);
        image.fill(Qt::transparent);
        {
            QPainter painter(&image);
            item.renderer->render(painter, mViewport, &mFeedback);
        }
        item.image = std::move(image);
        item.milliseconds = static_cast<double>(timer.nsecsElapsed()) / 1e6;
    }
}

} // namespace tessera::ui
