#pragma once

#include "ui/canvas/maplayer.h"

namespace tessera::ui {

/// Territory borders: the boundary arcs whose two sides belong to different
/// territories (or lie on the edge of the layer), drawn heavier than unit
/// borders. Rebuilt from the alignment on every render: no polygon union.
class TerritoryBorderLayer : public MapLayer {
public:
    TerritoryBorderLayer();
    std::unique_ptr<LayerRenderer> createRenderer(const MapRenderContext &context) const override;
};

} // namespace tessera::ui
