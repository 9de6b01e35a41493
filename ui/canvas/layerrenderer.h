#pragma once

#include "ui/canvas/mapviewport.h"

class QPainter;

namespace tessera {
class Feedback;
}

namespace tessera::ui {

/// A snapshot of one layer that draws itself on a worker thread. Created on
/// the GUI thread by MapLayer::createRenderer(), which copies everything the
/// drawing needs (colours, ids, shared prepared geometry), so render() never
/// touches the live document.
class LayerRenderer {
public:
    virtual ~LayerRenderer() = default;
    /// Draws into \a painter, whose device covers \a viewport. Polls \a feedback to stop early.
    virtual void render(QPainter &painter, const MapViewport &viewport, const Feedback *feedback) = 0;
};

} // namespace tessera::ui
