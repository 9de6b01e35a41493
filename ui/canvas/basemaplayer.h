#pragma once

#include "ui/canvas/maplayer.h"

namespace tessera::ui {

/// The offline vector basemap under the units: land, country borders and US
/// state borders (BasemapData). Needs no network.
class BasemapLayer : public MapLayer {
public:
    BasemapLayer();
    std::unique_ptr<LayerRenderer> createRenderer(const MapRenderContext &context) const override;
};

/// Major cities of the offline basemap: a dot and a name, more of them as
/// the map zooms in. The label layer draws them, so that no city name covers
/// a territory or rep label; this layer is the switch.
class PlacesLayer : public MapLayer {
public:
    PlacesLayer();
    std::unique_ptr<LayerRenderer> createRenderer(const MapRenderContext &context) const override;
};

} // namespace tessera::ui
