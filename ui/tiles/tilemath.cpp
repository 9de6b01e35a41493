#include "ui/tiles/tilemath.h"

#include <algorithm>
#include <cmath>

namespace tessera::ui::tilemath {


QPointF mercatorToTile(QPointF mercator, int z)
{
    const double n = tilesPerSide(z);
    return {(mercator.x() + HalfWorldM) / (2.0 * HalfWorldM) * n, (HalfWorldM - mercator.y()) / (2.0 * HalfWorldM) * n};
}

QPointF tileToMercator(QPointF tile, int z)
{
    const double span = tileSpanM(z);
    return {tile.x() * span - HalfWorldM, HalfWorldM - tile.y() * span};
}

QPointF lonLatToTile(const LonLat &position, int z)
{
    const geometry::PlanarPoint m = geometry::toWebMercator(position);
    return mercatorToTile(QPointF(m.x, m.y), z);
}

LonLat tileToLonLat(QPointF tile, int z)
{
    const QPointF m = tileToMercator(tile, z);
    return geometry::fromWebMercator({m.x(), m.y()});
}

TileId tileAt(const LonLat &position, int z)
{
    const QPointF t = lonLatToTile(position, z);
    const int last = tilesPerSide(z) - 1;
    return {z, std::clamp(static_cast<int>(std::floor(t.x())), 0, last),
            std::clamp(static_cast<int>(std::floor(t.y())), 0, last)};
}

QRectF tileExtent(const TileId &tile)
{
    const double span = tileSpanM(tile.z);
    const double west = tile.x * span - HalfWorldM;
    const double north = HalfWorldM - tile.y * span;
    return QRectF(west, north - span, span, span);
}

int zoomFor(double metersPerPixel, int tileSize, double devicePixelRatio, int minZoom, int maxZoom)
{
    minZoom = std::clamp(minZoom, 0, MaxZoom);
    maxZoom = std::clamp(maxZoom, minZoom, MaxZoom);
    if (!(metersPerPixel > 0) || tileSize <= 0)
        return minZoom;
    const double devicePixels = metersPerPixel / std::max(devicePixelRatio, 0.1);
    const double ideal = std::log2(2.0 * HalfWorldM / (tileSize * devicePixels));
    if (!std::isfinite(ideal))
        return ideal > 0 ? maxZoom : minZoom;
    return std::clamp(static_cast<int>(std::floor(ideal + 0.5)), minZoom, maxZoom);
}

std::vector<TileId> visibleTiles(const QRectF &extent, int z, int maxTiles)
{
    std::vector<TileId> tiles;
    if (z < 0 || z > MaxZoom || !extent.isValid() || maxTiles <= 0)
        return tiles;
    const QRectF world(-HalfWorldM, -HalfWorldM, 2.0 * HalfWorldM, 2.0 * HalfWorldM);
    const QRectF clipped = extent.intersected(world);
    if (clipped.isEmpty())
        return tiles;
    const int last = tilesPerSide(z) - 1;
    // North-west and south-east corners in tile space (y grows southwards).
    const QPointF nw = mercatorToTile(QPointF(clipped.left(), clipped.bottom()), z);
    const QPointF se = mercatorToTile(QPointF(clipped.right(), clipped.top()), z);
    const int x0 = std::clamp(static_cast<int>(std::floor(nw.x())), 0, last);
    const int y0 = std::clamp(static_cast<int>(std::floor(nw.y())), 0, last);
    // An edge exactly on a tile boundary does not pull in the next tile.
    const int x1 = std::clamp(static_cast<int>(std::ceil(se.x())) - 1, x0, last);
    const int y1 = std::clamp(static_cast<int>(std::ceil(se.y())) - 1, y0, last);

    const QPointF centre = mercatorToTile(extent.center(), z);
    const long long count = static_cast<long long>(x1 - x0 + 1) * (y1 - y0 + 1);
    if (count > 4LL * maxTiles + 4096) {
        // Absurd request (a zoom far too deep for the extent): take the square around the centre.
        const int half = static_cast<int>(std::ceil(std::sqrt(static_cast<double>(maxTiles)) / 2.0));
        const int cx = std::clamp(static_cast<int>(std::floor(centre.x())), x0, x1);
        const int cy = std::clamp(static_cast<int>(std::floor(centre.y())), y0, y1);
        return visibleTiles(QRectF(tileToMercator(QPointF(cx - half, cy + half + 1), z),
                                   tileToMercator(QPointF(cx + half + 1, cy - half), z)).normalized().intersected(clipped),
                            z, maxTiles);
    }
    tiles.reserve(static_cast<std::size_t>(count));
    for (int y = y0; y <= y1; ++y)
        for (int x = x0; x <= x1; ++x)
            tiles.push_back({z, x, y});
    const auto distance = [&](const TileId &t) {
        const double dx = t.x + 0.5 - centre.x();
        const double dy = t.y + 0.5 - centre.y();
        return dx * dx + dy * dy;
    };
    std::stable_sort(tiles.begin(), tiles.end(),
                     [&](const TileId &a, const TileId &b) { return distance(a) < distance(b); });
    if (tiles.size() > static_cast<std::size_t>(maxTiles))
        tiles.resize(static_cast<std::size_t>(maxTiles));
    return tiles;
}

} // namespace tessera::ui::tilemath
