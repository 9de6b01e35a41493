#pragma once

#include "ui/canvas/maplayer.h"

#include <memory>

namespace tessera::ui {

class TileLayer;
class TileSource;

/// The optional raster basemap (XYZ URL template or local MBTiles) as a map
/// layer: TileLayer loads tiles without blocking the GUI thread; each render
/// job draws a TileFrame snapshot of what is in memory. Hidden while no
/// source is set.
class TileBasemapLayer : public MapLayer {
public:
    TileBasemapLayer();
    ~TileBasemapLayer() override;

    /// Uses \a source (an invalid source switches tiles off). Returns the TileLayer
    /// to connect (tilesChanged, errorOccurred), or null when off.
    TileLayer *setSource(const TileSource &source);
    TileLayer *tiles() const { return mTiles.get(); }
    /// Tells the tile loader what the canvas shows now.
    void setViewport(const MapViewport &viewport);

    std::unique_ptr<LayerRenderer> createRenderer(const MapRenderContext &context) const override;

private:
    std::unique_ptr<TileLayer> mTiles;
};

} // namespace tessera::ui
