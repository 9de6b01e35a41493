#pragma once

#include "ui/tiles/tileid.h"

#include <QByteArray>
#include <QCache>
#include <QImage>
#include <QString>

#include <atomic>
#include <optional>

namespace tessera::ui {

/// Where TileCache keeps tiles and how much of them.
struct TileCacheOptions {
    /// Folder holding one subfolder per source. Empty: QStandardPaths::CacheLocation + "/tiles".
    QString rootDirectory;
    /// Decoded images kept in memory, in kilobytes (a 256 px ARGB tile is 256 KB).
    int memoryLimitKb = 96 * 1024;
    /// Bytes on disk above which prune() removes the least recently written tiles. 0: no limit.
    qint64 diskLimitBytes = 512LL * 1024 * 1024;
    /// prune() runs (through TileLayer) after this many writes.
    int pruneEveryWrites = 64;
};

/// Tiles already fetched: encoded images on disk under
/// `<root>/<source key>/z/x/y.png` and a small least-recently-used set of
/// decoded images in memory.
///
/// The disk half (readFromDisk(), store(), remove(), prune()) touches no
/// shared state but an atomic counter and may be called from any thread:
/// TileLayer calls it only from its thread pool, never from the GUI thread.
/// The memory half (image(), insert()) belongs to the GUI thread.
class TileCache {
public:
    using Options = TileCacheOptions;

    /// A cache for the source whose TileSource::cacheKey() is \a sourceKey;
    /// an empty key disables the disk half (MBTiles sources need none).
    explicit TileCache(const QString &sourceKey, const Options &options = {});

    /// The folder used for the source (empty when the disk half is disabled).
    const QString &directory() const { return mDirectory; }
    /// Where \a tile lives on disk.
    QString filePath(const TileId &tile) const;
    const Options &options() const { return mOptions; }

    // --- Disk (any thread) --------------------------------------------------
    /// The stored bytes of \a tile, or nothing when not cached.
    std::optional<QByteArray> readFromDisk(const TileId &tile) const;
    /// Writes \a data atomically (temporary file, then rename). False on failure.
    bool store(const TileId &tile, const QByteArray &data) const;
    /// Removes \a tile's file (a corrupt download).
    void remove(const TileId &tile) const;
    /// True when enough writes happened since the last prune that prune() is due.
    bool pruneDue() const;
    /// Deletes the oldest tile files until the folder is under 90% of the limit;
    /// returns the bytes removed. Scans the folder: call it on a worker.
    qint64 prune() const;
    /// Bytes of tile files on disk (scans the folder).
    qint64 diskUsage() const;

    // --- Memory (GUI thread) -----------------------------------------------
    /// The decoded image of \a tile, or null; marks it recently used.
    const QImage *image(const TileId &tile) const { return mMemory.object(tile); }
    bool contains(const TileId &tile) const { return mMemory.contains(tile); }
    void insert(const TileId &tile, const QImage &image);
    void clearMemory() { mMemory.clear(); }
    int memoryCount() const { return static_cast<int>(mMemory.count()); }

private:
    Options mOptions;
    QString mDirectory;
    mutable QCache<TileId, QImage> mMemory;
    mutable std::atomic<int> mWritesSincePrune{0};
};

} // namespace tessera::ui
