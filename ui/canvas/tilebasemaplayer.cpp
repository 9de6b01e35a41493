#include "ui/canvas/tilebasemaplayer.h"

#include "ui/tiles/tileframe.h"
#include "ui/tiles/tilelayer.h"

#include <QObject>
#include <QPainter>

namespace tessera::ui {

namespace {

class TileRenderer : public LayerRenderer {
public:
    TileFrame frame;
    void render(QPainter &painter, const MapViewport &, const Feedback *) override { frame.paint(painter); }
};

} // namespace

TileBasemapLayer::TileBasemapLayer() : MapLayer(QStringLiteral("tiles"), QObject::tr("Tile basemap"))
{
    setVisible(false);
}

TileBasemapLayer::~TileBasemapLayer() = default;

TileLayer *TileBasemapLayer::setSource(const TileSource &source)
{
    mTiles.reset();
    if (source.isValid())
        mTiles = std::make_unique<TileLayer>(source);
    setVisible(mTiles != nullptr);
    return mTiles.get();
}

void TileBasemapLayer::setViewport(const MapViewport &viewport)
{
    if (mTiles && isVisible() && viewport.isValid())
        mTiles->setViewport(viewport.extent(), viewport.size(), viewport.devicePixelRatio());
}

std::unique_ptr<LayerRenderer> TileBasemapLayer::createRenderer(const MapRenderContext &context) const
{
    if (!mTiles)
        return nullptr;
    const MapViewport &viewport = context.viewport;
    auto renderer = std::make_unique<TileRenderer>();
    renderer->frame = mTiles->frame(viewport.extent(), viewport.size(), viewport.devicePixelRatio());
    return renderer;
}

} // namespace tessera::ui
