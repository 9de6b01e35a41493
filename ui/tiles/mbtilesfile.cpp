#include "ui/tiles/mbtilesfile.h"

#include <QFileInfo>

#include <sqlite3.h>

#include <algorithm>

namespace tessera::ui {

namespace {

Error fileError(ErrorCode code, const QString &message, const QString &path)
{
    return makeError(code, message.toStdString(), path.toStdString());
}

QString columnText(sqlite3_stmt *statement, int column)
{
    const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(statement, column));
    return text ? QString::fromUtf8(text, sqlite3_column_bytes(statement, column)) : QString();
}

} // namespace

MBTilesFile::~MBTilesFile()
{
    sqlite3_finalize(mTileQuery);
    sqlite3_close_v2(mDb);
}

Result<std::unique_ptr<MBTilesFile>> MBTilesFile::open(const QString &path)
{
    const QFileInfo info(path);
    if (!info.exists())
        return fileError(ErrorCode::NotFound, QStringLiteral("MBTiles file not found"), path);
    if (!info.isFile() || !info.isReadable())
        return fileError(ErrorCode::IoError, QStringLiteral("MBTiles file cannot be read"), path);

    std::unique_ptr<MBTilesFile> file(new MBTilesFile);
    file->mPath = info.absoluteFilePath();
    const QByteArray nativePath = file->mPath.toUtf8();
    if (sqlite3_open_v2(nativePath.constData(), &file->mDb, SQLITE_OPEN_READONLY | SQLITE_OPEN_FULLMUTEX, nullptr)
        != SQLITE_OK) {
        const QString message = file->mDb ? QString::fromUtf8(sqlite3_errmsg(file->mDb)) : QStringLiteral("out of memory");
        return fileError(ErrorCode::IoError, QStringLiteral("cannot open MBTiles file: %1").arg(message), path);
    }
    sqlite3_busy_timeout(file->mDb, 2000);

    // The tiles table (or view: many writers deduplicate images behind one).
    sqlite3_stmt *statement = nullptr;
    int rc = sqlite3_prepare_v2(file->mDb,
                                "SELECT count(*) FROM sqlite_master WHERE name = 'tiles' AND type IN ('table', 'view')",
                                -1, &statement, nullptr);
    if (rc != SQLITE_OK) {
        // sqlite3 refuses a file that is not a database here ("file is not a database").
        const QString message = QString::fromUtf8(sqlite3_errmsg(file->mDb));
        sqlite3_finalize(statement);
    statement = nullptr;
        return fileError(ErrorCode::InvalidInput, QStringLiteral("not an MBTiles (SQLite) file: %1").arg(message), path);
    }
    const bool hasTiles = sqlite3_step(statement) == SQLITE_ROW && sqlite3_column_int(statement, 0) > 0;
    sqlite3_finalize(statement);
    statement = nullptr;
    if (!hasTiles)
        return fileError(ErrorCode::InvalidInput, QStringLiteral("not an MBTiles file: no tiles table"), path);

    Metadata &meta = file->mMetadata;
    meta.name = info.completeBaseName();
    bool hasMinZoom = false;
    bool hasMaxZoom = false;
    if (sqlite3_prepare_v2(file->mDb, "SELECT name, value FROM metadata", -1, &statement, nullptr) == SQLITE_OK) {
        while (sqlite3_step(statement) == SQLITE_ROW) {
            const QString name = columnText(statement, 0).trimmed().toLower();
            const QString value = columnText(statement, 1).trimmed();
            bool ok = false;
            if (name == QLatin1String("name") && !value.isEmpty()) {
                meta.name = value;
            } else if (name == QLatin1String("format") && !value.isEmpty()) {
                meta.format = value.toLower();
            } else if (name == QLatin1String("attribution")) {
                meta.attribution = value;
            } else if (name == QLatin1String("minzoom")) {
                const int z = value.toInt(&ok);
                if (ok && z >= 0 && z <= 30) {
                    meta.minZoom = z;
                    hasMinZoom = true;
                }
            } else if (name == QLatin1String("maxzoom")) {
                const int z = value.toInt(&ok);
                if (ok && z >= 0 && z <= 30) {
                    meta.maxZoom = z;
                    hasMaxZoom = true;
                }
            } else if (name == QLatin1String("bounds")) {
                const QStringList parts = value.split(QLatin1Char(','));
                if (parts.size() == 4) {
                    double v[4];
                    bool all = true;
                    for (int i = 0; i < 4; ++i) {
                        v[i] = parts[i].trimmed().toDouble(&ok);
                        all = all && ok;
                    }
                    if (all && v[0] < v[2] && v[1] < v[3])
                        meta.bounds = QRectF(QPointF(v[0], v[1]), QPointF(v[2], v[3]));
                }
            }
        }
    }
    sqlite3_finalize(statement);
    statement = nullptr;
    // No metadata table is tolerated (older files); a missing zoom range is read from the tiles.
    if ((!hasMinZoom || !hasMaxZoom)
        && sqlite3_prepare_v2(file->mDb, "SELECT min(zoom_level), max(zoom_level) FROM tiles", -1, &statement, nullptr)
               == SQLITE_OK) {
        if (sqlite3_step(statement) == SQLITE_ROW && sqlite3_column_type(statement, 0) != SQLITE_NULL) {
            if (!hasMinZoom)
                meta.minZoom = std::clamp(sqlite3_column_int(statement, 0), 0, 30);
            if (!hasMaxZoom)
                meta.maxZoom = std::clamp(sqlite3_column_int(statement, 1), 0, 30);
        }
    }
    sqlite3_finalize(statement);
    statement = nullptr;
    if (meta.maxZoom < meta.minZoom)
        std::swap(meta.minZoom, meta.maxZoom);
    if (meta.format == QLatin1String("pbf") || meta.format == QLatin1String("mvt"))
        return fileError(ErrorCode::InvalidInput,
                         QStringLiteral("vector tiles (%1) are not supported; use an MBTiles file of PNG, JPEG or WebP images")
                             .arg(meta.format),
                         path);

    if (sqlite3_prepare_v3(file->mDb,
                           "SELECT tile_data FROM tiles WHERE zoom_level = ?1 AND tile_column = ?2 AND tile_row = ?3",
                           -1, SQLITE_PREPARE_PERSISTENT, &file->mTileQuery, nullptr)
        != SQLITE_OK)
        return fileError(ErrorCode::InvalidInput,
                         QStringLiteral("not an MBTiles file: %1").arg(QString::fromUtf8(sqlite3_errmsg(file->mDb))), path);
    return file;
}

QByteArray MBTilesFile::readTile(const TileId &tile, QString *error) const
{
    if (!tile.isValid())
        return {};
    const int tmsRow = (1 << tile.z) - 1 - tile.y;
    std::lock_guard lock(mMutex);
    sqlite3_reset(mTileQuery);
    sqlite3_bind_int(mTileQuery, 1, tile.z);
    sqlite3_bind_int(mTileQuery, 2, tile.x);
    sqlite3_bind_int(mTileQuery, 3, tmsRow);
    QByteArray data;
    const int rc = sqlite3_step(mTileQuery);
    if (rc == SQLITE_ROW) {
        const void *blob = sqlite3_column_blob(mTileQuery, 0);
        const int size = sqlite3_column_bytes(mTileQuery, 0);
        if (blob && size > 0)
            data = QByteArray(static_cast<const char *>(blob), size);
    } else if (rc != SQLITE_DONE && error) {
        *error = QStringLiteral("%1: reading tile %2/%3/%4 failed: %5")
                     .arg(mPath)
                     .arg(tile.z)
                     .arg(tile.x)
                     .arg(tile.y)
                     .arg(QString::fromUtf8(sqlite3_errmsg(mDb)));
    }
    sqlite3_reset(mTileQuery);
    return data;
}

} // namespace tessera::ui
