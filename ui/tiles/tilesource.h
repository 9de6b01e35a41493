#pragma once

#include "core/result.h"
#include "ui/tiles/tileid.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <memory>

namespace tessera::ui {

class MBTilesFile;

/// Where basemap tiles come from: an XYZ URL template served over HTTP(S)
/// (`https://{s}.tile.example.org/{z}/{x}/{y}.png`) or a local MBTiles file.
/// A value type: copies share the open MBTiles file, so worker threads can
/// read from a copy while the GUI keeps its own.
class TileSource {
public:
    enum class Kind { None, Xyz, MBTiles };

    /// An invalid source (no basemap).
    TileSource() = default;

    /// An XYZ source. \a urlTemplate holds {z}, {x} and {y} (or {-y} for TMS
    /// rows) and optionally {s}, replaced by one of \a subdomains chosen from
    /// the tile position. Check it first with validateUrlTemplate().
    static TileSource fromUrlTemplate(const QString &urlTemplate, const QString &attribution,
                                      const QStringList &subdomains = {QStringLiteral("a"), QStringLiteral("b"),
                                                                       QStringLiteral("c")},
                                      int minZoom = 0, int maxZoom = 19);
    /// Opens the MBTiles file at \a path; attribution and zoom range come from its metadata.
    static Result<TileSource> fromMBTiles(const QString &path);

    /// An empty string when \a urlTemplate is usable, else why not (for the preferences dialog).
    static QString validateUrlTemplate(const QString &urlTemplate);

    Kind kind() const { return mKind; }
    bool isValid() const { return mKind != Kind::None; }
    const QString &urlTemplate() const { return mUrlTemplate; }
    const QStringList &subdomains() const { return mSubdomains; }
    /// Plain-text credit to show on the map (HTML in MBTiles metadata is reduced to text).
    const QString &attribution() const { return mAttribution; }
    void setAttribution(const QString &attribution) { mAttribution = attribution; }
    /// The MBTiles file path (absolute), empty for XYZ.
    QString mbtilesPath() const;
    int minZoom() const { return mMinZoom; }
    int maxZoom() const { return mMaxZoom; }
    int tileSize() const { return mTileSize; }

    /// The URL of \a tile (XYZ sources only).
    QUrl url(const TileId &tile) const;
    /// True for sources that go through the network and the disk cache.
    bool isRemote() const { return mKind == Kind::Xyz; }
    /// Reads \a tile from the MBTiles file (thread-safe); empty when absent.
    QByteArray readLocalTile(const TileId &tile, QString *error = nullptr) const;

    /// A short stable key naming this source's folder in the disk cache.
    QString cacheKey() const;

    bool operator==(const TileSource &other) const;

private:
    Kind mKind = Kind::None;
    QString mUrlTemplate;
    QStringList mSubdomains;
    QString mAttribution;
    int mMinZoom = 0;
    int mMaxZoom = 19;
    int mTileSize = 256;
    std::shared_ptr<const MBTilesFile> mFile;
};

} // namespace tessera::ui
