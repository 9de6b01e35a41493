#include "ui/tiles/tilecache.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStandardPaths>

#include <algorithm>
#include <vector>

namespace tessera::ui {

TileCache::TileCache(const QString &sourceKey, const Options &options) : mOptions(options)
{
    mMemory.setMaxCost(std::max(1, mOptions.memoryLimitKb));
    if (sourceKey.isEmpty())
        return;
    QString root = mOptions.rootDirectory;
    if (root.isEmpty())
        root = QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + QStringLiteral("/tiles");
    mDirectory = QDir(root).filePath(sourceKey);
}

QString TileCache::filePath(const TileId &tile) const
{
    if (mDirectory.isEmpty())
        return {};
    return QStringLiteral("%1/%2/%3/%4.png").arg(mDirectory).arg(tile.z).arg(tile.x).arg(tile.y);
}

std::optional<QByteArray> TileCache::readFromDisk(const TileId &tile) const
{
    if (mDirectory.isEmpty())
        return std::nullopt;
    QFile file(filePath(tile));
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    QByteArray data = file.readAll();
    if (data.isEmpty())
        return std::nullopt;
    return data;
}

bool TileCache::store(const TileId &tile, const QByteArray &data) const
{
    if (mDirectory.isEmpty() || data.isEmpty())
        return false;
    const QString path = filePath(tile);
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        return false;
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size() || !file.commit())
        return false;
    ++mWritesSincePrune;
    return true;
}

void TileCache::remove(const TileId &tile) const
{
    if (!mDirectory.isEmpty())
        QFile::remove(filePath(tile));
}

bool TileCache::pruneDue() const
{
    return mOptions.diskLimitBytes > 0 && mWritesSincePrune.load() >= std::max(1, mOptions.pruneEveryWrites);
}

qint64 TileCache::diskUsage() const
{
    if (mDirectory.isEmpty())
        return 0;
    qint64 total = 0;
    QDirIterator it(mDirectory, {QStringLiteral("*.png")}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        total += it.fileInfo().size();
    }
    return total;
}

qint64 TileCache::prune() const
{
    mWritesSincePrune = 0;
    if (mDirectory.isEmpty() || mOptions.diskLimitBytes <= 0)
        return 0;
    struct Entry {
        QString path;
        qint64 size;
        qint64 modified;
    };
    std::vector<Entry> entries;
    qint64 total = 0;
    QDirIterator it(mDirectory, {QStringLiteral("*.png")}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        const QFileInfo info = it.fileInfo();
        entries.push_back({info.filePath(), info.size(), info.lastModified().toMSecsSinceEpoch()});
        total += info.size();
    }
    if (total <= mOptions.diskLimitBytes)
        return 0;
    std::sort(entries.begin(), entries.end(), [](const Entry &a, const Entry &b) {
        return a.modified != b.modified ? a.modified < b.modified : a.path < b.path;
    });
    const qint64 target = mOptions.diskLimitBytes / 10 * 9;
    qint64 removed = 0;
    for (const Entry &entry : entries) {
        if (total - removed <= target)
            break;
        if (QFile::remove(entry.path))
            removed += entry.size;
    }
    return removed;
}

void TileCache::insert(const TileId &tile, const QImage &image)
{
    if (image.isNull())
        return;
    const qsizetype cost = std::max<qsizetype>(1, image.sizeInBytes() / 1024);
    mMemory.insert(tile, new QImage(image), cost);
}

} // namespace tessera::ui
