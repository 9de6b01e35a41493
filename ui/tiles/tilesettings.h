#pragma once

#include "core/result.h"
#include "ui/tiles/tilesource.h"

#include <QString>

class QSettings;

namespace tessera::ui {

/// The user's tile basemap choice as stored in QSettings (group "basemap/tiles").
struct TileSettings {
    /// Draw a tile basemap at all. Off by default: the offline vector basemap needs no network.
    bool enabled = false;
    /// Read tiles from mbtilesPath instead of downloading from urlTemplate.
    bool useMBTiles = false;
    /// XYZ template with {z}, {x}, {y} and optionally {s}.
    QString urlTemplate = QStringLiteral("https://tile.openstreetmap.org/{z}/{x}/{y}.png");
    /// Credit shown on the map for urlTemplate (MBTiles files carry their own).
    QString attribution = QStringLiteral("© OpenStreetMap contributors");
    /// Local MBTiles file.
    QString mbtilesPath;

    /// Reads the settings; keys that are absent keep the defaults above.
    static TileSettings load(const QSettings &settings);
    void save(QSettings &settings) const;

    /// The source these settings describe: an invalid TileSource when disabled,
    /// an error (naming the file or the template) when they cannot be used.
    Result<TileSource> toSource() const;

    bool operator==(const TileSettings &) const = default;
};

} // namespace tessera::ui
