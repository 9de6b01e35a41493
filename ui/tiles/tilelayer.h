#pragma once

#include "ui/tiles/tilecache.h"
#include "ui/tiles/tileframe.h"
#include "ui/tiles/tileid.h"
#include "ui/tiles/tilesource.h"

#include <QByteArray>
#include <QHash>
#include <QImage>
#include <QObject>
#include <QRectF>
#include <QSize>
#include <QThreadPool>
#include <QTimer>

#include <atomic>
#include <memory>
#include <vector>

class QNetworkAccessManager;
class QNetworkReply;
class QPainter;

namespace tessera::ui {

/// How TileLayer loads and draws tiles.
struct TileLayerOptions {
    /// Disk and memory cache settings (root folder override, limits).
    TileCache::Options cache;
    /// Downloads in flight at once. More fills the view faster but loads the tile server.
    int maxConcurrentRequests = 4;
    /// Threads reading MBTiles/disk and decoding images.
    int workerThreads = 2;
    /// Upper bound of tiles requested for one view (nearest the centre win).
    int maxTilesPerView = 400;
    /// Ancestor levels searched for a stand-in while a tile loads (each level up doubles the magnification).
    int fallbackLevels = 8;
    /// A download with no progress for this long fails (milliseconds).
    int transferTimeoutMs = 20000;
    /// A failed tile is tried again after this long (milliseconds) when still visible.
    int retryFailedAfterMs = 60000;
    /// HTTP User-Agent; empty: "Tessera/<version> (desktop territory designer)".
    QByteArray userAgent;
    /// Draw the source's attribution in the bottom-right corner.
    bool showAttribution = true;
};

/// The optional raster basemap: tiles from a TileSource drawn under the map.
///
/// The canvas tells the layer what it shows with setViewport() (Web Mercator
/// extent in metres, y up, plus the widget size in pixels); the layer picks
/// the zoom, works out the visible tiles and loads the missing ones without
/// blocking: MBTiles reads, disk-cache reads, decoding and cache writes run on
/// the layer's own thread pool, downloads go through QNetworkAccessManager
/// with a bounded number of requests in flight. Tiles that leave the view
/// before they arrive are cancelled. tilesChanged() asks for a repaint;
/// paint() draws whatever is in memory (a scaled ancestor or the children
/// while a tile loads) and the attribution, and never waits.
///
/// Failures (HTTP errors, timeouts, undecodable data) come out of
/// errorOccurred() as one-line messages; the tile is left blank and retried
/// after Options::retryFailedAfterMs.
class TileLayer : public QObject {
    Q_OBJECT

public:
    using Options = TileLayerOptions;

    /// Counters since construction or the last setSource().
    struct Stats {
        int networkRequests = 0; ///< downloads started
        int networkFailures = 0; ///< downloads that failed (not counting cancelled ones)
        int cancelled = 0;       ///< downloads and reads dropped because their tile left the view
        int diskHits = 0;        ///< tiles served from the disk cache
        int localReads = 0;      ///< tiles read from an MBTiles file
        int decodeFailures = 0;  ///< data that was not an image
    };

    explicit TileLayer(const TileSource &source, const Options &options = {}, QObject *parent = nullptr);
    ~TileLayer() override;

    const TileSource &source() const { return mSource; }
    /// Switches to \a source: drops everything loading and the memory cache.
    void setSource(const TileSource &source);
    const Options &options() const { return mOptions; }
    const TileCache &cache() const { return *mCache; }

    /// The view the map shows: \a extent in Web Mercator metres (QRectF with
    /// top() = south edge, as MapViewport::extent()), \a size in
    /// device-independent pixels. Requests the missing tiles, cancels the ones
    /// no longer visible. Cheap: call on every viewport change.
    void setViewport(const QRectF &extent, QSize size, double devicePixelRatio = 1.0);
    /// The zoom chosen by the last setViewport() (-1 before any).
    int zoom() const { return mZoom; }
    /// The tiles of the last setViewport(), nearest the centre first.
    const std::vector<TileId> &visibleTiles() const { return mVisible; }

    /// Draws the loaded tiles covering \a extent into \a painter, whose
    /// coordinates are widget pixels of a \a size view, then the attribution.
    /// Uses only what is in memory: returns at once.
    void paint(QPainter &painter, const QRectF &extent, QSize size, double devicePixelRatio = 1.0) const;
    /// What paint() draws, as a value that can be drawn later or on another
    /// thread (a render job): the images are shared, not copied.
    TileFrame frame(const QRectF &extent, QSize size, double devicePixelRatio = 1.0) const;

    /// True while reads, downloads or decodes are queued or running.
    bool isLoading() const;
    /// True when \a tile's image is in memory.
    bool hasTile(const TileId &tile) const { return mCache->contains(tile); }
    const Stats &stats() const { return mStats; }
    /// The last message sent through errorOccurred().
    const QString &lastError() const { return mLastError; }

    /// The User-Agent sent with every request.
    QByteArray userAgent() const;

signals:
    /// New tiles are in memory: repaint. Several arrivals are batched into one signal.
    void tilesChanged();
    /// A tile could not be loaded; \a message names the tile and the reason.
    void errorOccurred(const QString &message);
    /// Everything requested has arrived or failed.
    void loadingFinished();

private:
    enum class State { Reading, Queued, Downloading, Decoding, Failed, Absent };
    struct TileState {
        State state = State::Reading;
        qint64 failedAt = 0;                        ///< ms since epoch, for Failed
        std::shared_ptr<std::atomic_bool> cancel;   ///< set to drop a queued worker job
        QNetworkReply *reply = nullptr;             ///< for Downloading
    };
    enum class Outcome { Image, Cancelled, Missing, NeedsDownload, Failed };
    struct LoadResult {
        TileId tile;
        quint64 generation = 0;
        Outcome outcome = Outcome::Failed;
        QImage image;
        bool fromDisk = false;
        QString error;
    };

    void startRead(const TileId &tile);
    void startDecode(const TileId &tile, QByteArray data);
    void onLoaded(const LoadResult &result);
    void onReplyFinished(const TileId &tile, QNetworkReply *reply, quint64 generation);
    void pumpDownloads();
    void cancelStale();
    void reportError(const QString &message);
    void notifyChanged();
    void checkIdle();
    void resetLoading();
    bool isWanted(const TileId &tile) const { return mRank.contains(tile); }

    Options mOptions;
    TileSource mSource;
    std::shared_ptr<TileCache> mCache;
    QThreadPool mPool;
    QNetworkAccessManager *mNetwork = nullptr;
    quint64 mGeneration = 0;

    int mZoom = -1;
    std::vector<TileId> mVisible;
    QHash<TileId, int> mRank; ///< position of each visible tile in mVisible
    QHash<TileId, TileState> mStates;
    std::vector<TileId> mDownloadQueue;
    int mDownloadsInFlight = 0;
    int mWorkerJobs = 0;
    bool mWasLoading = false;

    Stats mStats;
    QString mLastError;
    QTimer mNotifyTimer;
};

} // namespace tessera::ui
