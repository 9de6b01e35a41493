#pragma once

#include "core/geometry/projection.h"
#include "core/model/geo.h"
#include "ui/tiles/tileid.h"

#include <QPointF>
#include <QRectF>
#include <QSize>

#include <numbers>
#include <vector>

/// Tile pyramid arithmetic on the spherical Web Mercator plane (EPSG:3857),
/// in the canvas's convention: Mercator metres, y growing northwards, an
/// extent is a QRectF whose top() is its southern edge.
namespace tessera::ui::tilemath {

/// Half the width of the Mercator world square (20,037,508.34 m); radius and
/// latitude limit are core's (geometry::WebMercatorRadiusM, WebMercatorMaxLat).
inline constexpr double HalfWorldM = geometry::WebMercatorRadiusM * std::numbers::pi;
/// Deepest zoom the layer ever asks for.
inline constexpr int MaxZoom = 24;

/// Number of tiles along one side at zoom \a z.
inline int tilesPerSide(int z) { return 1 << z; }

/// Mercator metres covered by one tile side at zoom \a z.
inline double tileSpanM(int z) { return 2.0 * HalfWorldM / tilesPerSide(z); }

/// Mercator metres per tile pixel at zoom \a z for tiles of \a tileSize pixels.
inline double resolution(int z, int tileSize = 256) { return tileSpanM(z) / tileSize; }

/// Fractional tile coordinates of a Mercator point at zoom \a z (x east, y south, 0..2^z).
QPointF mercatorToTile(QPointF mercator, int z);
/// Mercator metres of fractional tile coordinates at zoom \a z.
QPointF tileToMercator(QPointF tile, int z);

/// Fractional tile coordinates of a WGS84 position at zoom \a z (core's Web
/// Mercator, latitude clamped to the Mercator square).
QPointF lonLatToTile(const LonLat &position, int z);
/// WGS84 position of fractional tile coordinates (a tile's north-west corner for integers).
LonLat tileToLonLat(QPointF tile, int z);

/// The tile containing \a position at zoom \a z (clamped to the world).
TileId tileAt(const LonLat &position, int z);

/// The Mercator extent of \a tile (QRectF with top() = southern edge).
QRectF tileExtent(const TileId &tile);

/// The zoom whose tile resolution best matches \a metersPerPixel (Mercator
/// metres per device-independent pixel) on a screen of \a devicePixelRatio,
/// for tiles of \a tileSize pixels, clamped to [minZoom, maxZoom]. Tiles are
/// then drawn at between 0.71x and 1.41x their natural size.
int zoomFor(double metersPerPixel, int tileSize = 256, double devicePixelRatio = 1.0, int minZoom = 0,
            int maxZoom = MaxZoom);

/// Every tile of zoom \a z that meets \a extent (clipped to the world square),
/// nearest the centre of the extent first. At most \a maxTiles are returned
/// (the ones nearest the centre) so that a huge window cannot flood the queue.
std::vector<TileId> visibleTiles(const QRectF &extent, int z, int maxTiles = 1024);

} // namespace tessera::ui::tilemath
