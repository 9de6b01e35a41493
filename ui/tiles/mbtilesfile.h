#pragma once

#include "core/result.h"
#include "ui/tiles/tileid.h"

#include <QByteArray>
#include <QRectF>
#include <QString>

#include <memory>
#include <mutex>

struct sqlite3;
struct sqlite3_stmt;

namespace tessera::ui {

/// A local MBTiles file (SQLite: `tiles(zoom_level, tile_column, tile_row,
/// tile_data)` with TMS rows, and a `metadata(name, value)` table), opened
/// read-only. readTile() may be called from any thread: one connection,
/// one prepared statement, guarded by a mutex.
class MBTilesFile {
public:
    /// What the metadata table says; fields absent from the file keep their defaults.
    struct Metadata {
        QString name;
        QString format = QStringLiteral("png"); ///< png, jpg or webp (pbf vector tiles are refused)
        QString attribution;                    ///< may hold HTML, as many MBTiles writers store it
        int minZoom = 0;
        int maxZoom = 22;
        QRectF bounds; ///< west, south, east, north in degrees; null when absent
    };

    ~MBTilesFile();
    MBTilesFile(const MBTilesFile &) = delete;
    MBTilesFile &operator=(const MBTilesFile &) = delete;

    /// Opens \a path read-only and reads its metadata. Errors name the file:
    /// missing, not SQLite, no tiles table, vector (pbf) tiles.
    static Result<std::unique_ptr<MBTilesFile>> open(const QString &path);

    const QString &path() const { return mPath; }
    const Metadata &metadata() const { return mMetadata; }

    /// The encoded image of \a tile (XYZ row), or an empty array when the file
    /// has no such tile. Fills \a error (when given) on a read failure.
    QByteArray readTile(const TileId &tile, QString *error = nullptr) const;

private:
    MBTilesFile() = default;

    QString mPath;
    Metadata mMetadata;
    sqlite3 *mDb = nullptr;
    sqlite3_stmt *mTileQuery = nullptr;
    mutable std::mutex mMutex;
};

} // namespace tessera::ui
