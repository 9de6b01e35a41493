#pragma once

#include "ui/canvas/maplayer.h"

namespace tessera::ui {

/// The selected units (light veil and outline) and the current territory
/// (a haloed outline), above the fills and borders.
class SelectionLayer : public MapLayer {
public:
    SelectionLayer();
    std::unique_ptr<LayerRenderer> createRenderer(const MapRenderContext &context) const override;
};

} // namespace tessera::ui
