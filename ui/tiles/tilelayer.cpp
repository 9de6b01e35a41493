#include "ui/tiles/tilelayer.h"

#include "ui/tiles/tilemath.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPainter>

#include <algorithm>
#include <climits>
#include <cmath>

namespace tessera::ui {

namespace {

/// Decodes tile data into a format QPainter draws without conversion; null when it is not an image.
QImage decodeTile(const QByteArray &data)
{
    QImage image;
    if (data.isEmpty() || !image.loadFromData(data) || image.isNull())
        return {};
    return image.convertToFormat(image.hasAlphaChannel() ? QImage::Format_ARGB32_Premultiplied
                                                         : QImage::Format_RGB32);
}

QString tileName(const TileId &tile)
{
    return QStringLiteral("%1/%2/%3").arg(tile.z).arg(tile.x).arg(tile.y);
}

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

} // namespace

TileLayer::TileLayer(const TileSource &source, const Options &options, QObject *parent)
    : QObject(parent), mOptions(options), mSource(source),
      mCache(std::make_shared<TileCache>(source.isRemote() ? source.cacheKey() : QString(), options.cache)),
      mNetwork(new QNetworkAccessManager(this))
{
    mPool.setMaxThreadCount(std::max(1, mOptions.workerThreads));
    mPool.setObjectName(QStringLiteral("TileLayerPool"));
    mNotifyTimer.setSingleShot(true);
    mNotifyTimer.setInterval(0);
    connect(&mNotifyTimer, &QTimer::timeout, this, &TileLayer::tilesChanged);
}

TileLayer::~TileLayer()
{
    resetLoading();
    mPool.clear();
    mPool.waitForDone();
}

void TileLayer::setSource(const TileSource &source)
{
    if (source == mSource)
        return;
    resetLoading();
    mSource = source;
    mCache = std::make_shared<TileCache>(source.isRemote() ? source.cacheKey() : QString(), mOptions.cache);
    mStats = {};
    mLastError.clear();
    mVisible.clear();
    mRank.clear();
    mZoom = -1;
    notifyChanged();
    checkIdle();
}

void TileLayer::resetLoading()
{
    ++mGeneration; // results of earlier jobs and replies are ignored from now on
    std::vector<QNetworkReply *> replies;
    for (TileState &state : mStates) {
        if (state.cancel)
            state.cancel->store(true);
        if (state.state == State::Downloading && state.reply)
            replies.push_back(state.reply);
    }
    mStates.clear();
    mDownloadQueue.clear();
    for (QNetworkReply *reply : replies)
        reply->abort();
    mDownloadsInFlight = 0;
}

QByteArray TileLayer::userAgent() const
{
    if (!mOptions.userAgent.isEmpty())
        return mOptions.userAgent;
#ifdef TESSERA_VERSION_STRING
    const QByteArray version = TESSERA_VERSION_STRING;
#else
    const QByteArray version = QCoreApplication::applicationVersion().toUtf8();
#endif
    return "Tessera/" + (version.isEmpty() ? QByteArray("dev") : version) + " (desktop territory designer; Qt/"
        + QByteArray(qVersion()) + ")";
}

bool TileLayer::isLoading() const
{
    return mWorkerJobs > 0 || mDownloadsInFlight > 0 || !mDownloadQueue.empty();
}

void TileLayer::setViewport(const QRectF &extent, QSize size, double devicePixelRatio)
{
    mVisible.clear();
    mRank.clear();
    if (!mSource.isValid() || size.isEmpty() || !(extent.width() > 0) || !(extent.height() > 0)) {
        mZoom = -1;
        cancelStale();
        checkIdle();
        return;
    }
    const double metersPerPixel = extent.width() / size.width();
    mZoom = tilemath::zoomFor(metersPerPixel, mSource.tileSize(), devicePixelRatio, mSource.minZoom(),
                              mSource.maxZoom());
    mVisible = tilemath::visibleTiles(extent, mZoom, mOptions.maxTilesPerView);
    for (int i = 0; i < static_cast<int>(mVisible.size()); ++i)
        mRank.insert(mVisible[static_cast<std::size_t>(i)], i);
    cancelStale();

    const qint64 now = nowMs();
    for (const TileId &tile : mVisible) {
        if (mCache->contains(tile))
            continue;
        auto it = mStates.find(tile);
        if (it != mStates.end()) {
            if (it->state != State::Failed || now - it->failedAt < mOptions.retryFailedAfterMs)
                continue;
            mStates.erase(it);
        }
        startRead(tile);
    }
    pumpDownloads();
    checkIdle();
}

void TileLayer::cancelStale()
{
    std::vector<QNetworkReply *> aborted;
    for (auto it = mStates.begin(); it != mStates.end();) {
        if (isWanted(it.key())) {
            ++it;
            continue;
        }
        switch (it->state) {
        case State::Reading:
            it->cancel->store(true); // the job reports back Cancelled and the entry goes then
            ++it;
            break;
        case State::Queued:
            ++mStats.cancelled;
            it = mStates.erase(it);
            break;
        case State::Downloading:
            // Forget the tile first: the finished() handler then treats the reply as cancelled.
            ++mStats.cancelled;
            aborted.push_back(it->reply);
            it = mStates.erase(it);
            break;
        case State::Decoding: // already downloaded: let it reach the caches
        case State::Failed:
        case State::Absent:
            ++it;
            break;
        }
    }
    std::erase_if(mDownloadQueue, [this](const TileId &tile) { return !isWanted(tile); });
    for (QNetworkReply *reply : aborted)
        reply->abort();
}

void TileLayer::startRead(const TileId &tile)
{
    TileState state;
    state.state = State::Reading;
    state.cancel = std::make_shared<std::atomic_bool>(false);
    mStates.insert(tile, state);
    ++mWorkerJobs;
    mPool.start([this, tile, source = mSource, cache = mCache, cancel = state.cancel, generation = mGeneration] {
        LoadResult result;
        result.tile = tile;
        result.generation = generation;
        if (cancel->load()) {
            result.outcome = Outcome::Cancelled;
        } else if (source.kind() == TileSource::Kind::MBTiles) {
            QString error;
            const QByteArray data = source.readLocalTile(tile, &error);
            if (!error.isEmpty()) {
                result.error = error;
            } else if (data.isEmpty()) {
                result.outcome = Outcome::Missing;
            } else {
                result.image = decodeTile(data);
                if (result.image.isNull())
                    result.error = QStringLiteral("%1: tile %2 is not a readable image")
                                       .arg(source.mbtilesPath(), tileName(tile));
                else
                    result.outcome = Outcome::Image;
            }
        } else {
            result.outcome = Outcome::NeedsDownload;
            if (const auto data = cache->readFromDisk(tile)) {
                result.image = decodeTile(*data);
                if (!result.image.isNull()) {
                    result.outcome = Outcome::Image;
                    result.fromDisk = true;
                } else {
                    cache->remove(tile); // a damaged cache file: fetch it again
                }
            }
        }
        QMetaObject::invokeMethod(
            this, [this, result = std::move(result)] { onLoaded(result); }, Qt::QueuedConnection);
    });
}

void TileLayer::startDecode(const TileId &tile, QByteArray data)
{
    ++mWorkerJobs;
    mPool.start([this, tile, data = std::move(data), cache = mCache, url = mSource.url(tile), generation = mGeneration] {
        LoadResult result;
        result.tile = tile;
        result.generation = generation;
        result.image = decodeTile(data);
        if (result.image.isNull()) {
            result.error = QStringLiteral("Basemap tile %1 from %2 is not a readable image")
                               .arg(tileName(tile), url.toDisplayString());
        } else {
            result.outcome = Outcome::Image;
            cache->store(tile, data);
            if (cache->pruneDue())
                cache->prune();
        }
        QMetaObject::invokeMethod(
            this, [this, result = std::move(result)] { onLoaded(result); }, Qt::QueuedConnection);
    });
}

void TileLayer::onLoaded(const LoadResult &result)
{
    --mWorkerJobs;
    if (result.generation != mGeneration) {
        checkIdle();
        return;
    }
    const TileId &tile = result.tile;
    switch (result.outcome) {
    case Outcome::Image:
        mCache->insert(tile, result.image);
        mStates.remove(tile);
        if (result.fromDisk)
            ++mStats.diskHits;
        else if (mSource.kind() == TileSource::Kind::MBTiles)
            ++mStats.localReads;
        notifyChanged();
        break;
    case Outcome::Cancelled:
        ++mStats.cancelled;
        mStates.remove(tile);
        if (isWanted(tile) && !mCache->contains(tile)) // visible again meanwhile
            startRead(tile);
        break;
    case Outcome::Missing:
        ++mStats.localReads;
        mStates[tile] = TileState{State::Absent, 0, nullptr, nullptr};
        break;
    case Outcome::NeedsDownload:
        if (!isWanted(tile)) {
            ++mStats.cancelled;
            mStates.remove(tile);
        } else {
            mStates[tile] = TileState{State::Queued, 0, nullptr, nullptr};
            mDownloadQueue.push_back(tile);
            pumpDownloads();
        }
        break;
    case Outcome::Failed:
        if (mSource.isRemote())
            ++mStats.decodeFailures;
        mStates[tile] = TileState{State::Failed, nowMs(), nullptr, nullptr};
        reportError(result.error);
        break;
    }
    checkIdle();
}

void TileLayer::pumpDownloads()
{
    while (mDownloadsInFlight < std::max(1, mOptions.maxConcurrentRequests) && !mDownloadQueue.empty()) {
        // The queued tile nearest the centre of the view goes first.
        auto best = std::min_element(mDownloadQueue.begin(), mDownloadQueue.end(), [this](const TileId &a, const TileId &b) {
            return mRank.value(a, INT_MAX) < mRank.value(b, INT_MAX);
        });
        const TileId tile = *best;
        mDownloadQueue.erase(best);
        auto it = mStates.find(tile);
        if (it == mStates.end() || it->state != State::Queued)
            continue;

        QNetworkRequest request(mSource.url(tile));
        request.setHeader(QNetworkRequest::UserAgentHeader, userAgent());
        request.setTransferTimeout(std::max(1, mOptions.transferTimeoutMs));
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::NoLessSafeRedirectPolicy);
        QNetworkReply *reply = mNetwork->get(request);
        it->state = State::Downloading;
        it->reply = reply;
        ++mDownloadsInFlight;
        ++mStats.networkRequests;
        const quint64 generation = mGeneration;
        connect(reply, &QNetworkReply::finished, this,
                [this, tile, reply, generation] { onReplyFinished(tile, reply, generation); });
    }
}

void TileLayer::onReplyFinished(const TileId &tile, QNetworkReply *reply, quint64 generation)
{
    reply->deleteLater();
    if (generation != mGeneration)
        return; // the source changed: the counters were reset
    --mDownloadsInFlight;
    auto it = mStates.find(tile);
    if (it == mStates.end() || it->state != State::Downloading || it->reply != reply) {
        // Cancelled because the tile left the view (counted in cancelStale()).
        pumpDownloads();
        checkIdle();
        return;
    }
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QString url = reply->request().url().toDisplayString();
    QString failure;
    if (reply->error() == QNetworkReply::OperationCanceledError) {
        failure = tr("no answer within %1 s").arg(mOptions.transferTimeoutMs / 1000.0);
    } else if (reply->error() != QNetworkReply::NoError || (status != 0 && status != 200)) {
        const QString reason = reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
        failure = status != 0 ? tr("HTTP %1 %2").arg(status).arg(reason).trimmed() : reply->errorString();
    }
    if (!failure.isEmpty()) {
        ++mStats.networkFailures;
        *it = TileState{State::Failed, nowMs(), nullptr, nullptr};
        reportError(tr("Basemap tile %1 could not be loaded from %2: %3").arg(tileName(tile), url, failure));
    } else {
        QByteArray data = reply->readAll();
        if (data.isEmpty()) {
            ++mStats.networkFailures;
            *it = TileState{State::Failed, nowMs(), nullptr, nullptr};
            reportError(tr("Basemap tile %1 from %2 came back empty").arg(tileName(tile), url));
        } else {
            *it = TileState{State::Decoding, 0, nullptr, nullptr};
            startDecode(tile, std::move(data));
        }
    }
    pumpDownloads();
    checkIdle();
}

void TileLayer::reportError(const QString &message)
{
    mLastError = message;
    emit errorOccurred(message);
}

void TileLayer::notifyChanged()
{
    if (!mNotifyTimer.isActive())
        mNotifyTimer.start();
}

void TileLayer::checkIdle()
{
    const bool loading = isLoading();
    if (mWasLoading && !loading)
        emit loadingFinished();
    mWasLoading = loading;
}

void TileLayer::paint(QPainter &painter, const QRectF &extent, QSize size, double devicePixelRatio) const
{
    frame(extent, size, devicePixelRatio).paint(painter);
}

TileFrame TileLayer::frame(const QRectF &extent, QSize size, double devicePixelRatio) const
{
    if (!mSource.isValid() || size.isEmpty() || !(extent.width() > 0) || !(extent.height() > 0))
        return {};
    const double sx = size.width() / extent.width();
    const double sy = size.height() / extent.height();
    const int z = tilemath::zoomFor(1.0 / sx, mSource.tileSize(), devicePixelRatio, mSource.minZoom(),
                                    mSource.maxZoom());
    const std::vector<TileId> tiles = tilemath::visibleTiles(extent, z, mOptions.maxTilesPerView);
    // Edges are rounded to whole pixels so that neighbouring tiles meet without seams.
    const auto screenRect = [&](const TileId &tile) {
        const QRectF m = tilemath::tileExtent(tile);
        const double left = std::round((m.left() - extent.left()) * sx);
        const double right = std::round((m.right() - extent.left()) * sx);
        const double top = std::round((extent.bottom() - m.bottom()) * sy);
        const double bottom = std::round((extent.bottom() - m.top()) * sy);
        return QRectF(left, top, right - left, bottom - top);
    };

    std::vector<TileFrame::Piece> pieces;
    pieces.reserve(tiles.size());
    for (const TileId &tile : tiles) {
        const QRectF target = screenRect(tile);
        if (const QImage *image = mCache->image(tile)) {
            pieces.push_back({*image, QRectF(), target});
            continue;
        }
        // Stand-in while the tile loads: the matching part of the nearest loaded ancestor...
        bool found = false;
        for (int up = 1; up <= mOptions.fallbackLevels && up <= tile.z && !found; ++up) {
            const TileId ancestor = tile.ancestor(tile.z - up);
            if (const QImage *image = mCache->image(ancestor)) {
                const double w = image->width() / double(1 << up);
                const double h = image->height() / double(1 << up);
                pieces.push_back({*image,
                                  QRectF((tile.x - (ancestor.x << up)) * w, (tile.y - (ancestor.y << up)) * h, w, h),
                                  target});
                found = true;
            }
        }
        // ...or its loaded children (after zooming out).
        if (!found && tile.z < tilemath::MaxZoom) {
            for (int dy = 0; dy < 2; ++dy)
                for (int dx = 0; dx < 2; ++dx) {
                    const TileId child{tile.z + 1, 2 * tile.x + dx, 2 * tile.y + dy};
                    if (const QImage *image = mCache->image(child))
                        pieces.push_back({*image, QRectF(), screenRect(child)});
                }
        }
    }
    return TileFrame(size, std::move(pieces), mOptions.showAttribution ? mSource.attribution() : QString());
}

} // namespace tessera::ui
