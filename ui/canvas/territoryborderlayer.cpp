#include "ui/canvas/territoryborderlayer.h"

#include "core/feedback.h"
#include "ui/canvas/mapgeometryutil.h"
#include "ui/canvas/preparedgeometry.h"

#include <QObject>
#include <QPainter>

namespace tessera::ui {

namespace {

class TerritoryBorderRenderer : public LayerRenderer {
public:
    std::shared_ptr<const PreparedGeometry> geometry;
    std::vector<TerritoryId> territories;

    TerritoryId territoryOf(UnitId unit) const
    {
        const auto u = static_cast<std::size_t>(unit.value());
        return unit.isValid() && u < territories.size() ? territories[u] : TerritoryId(-2);
    }

    void render(QPainter &painter, const MapViewport &viewport, const Feedback *feedback) override
    {
        const int band = PreparedGeometry::bandFor(viewport.metersPerPixel());
        const QRectF extent = viewport.extent();
        painter.setTransform(viewport.mapToScreen(), true);
        painter.setRenderHint(QPainter::Antialiasing, true);
        // Zoomed out, a one-pixel cosmetic pen keeps the fast stroker; zoomed in
        // (fewer arcs on screen) the border gets its full weight.
        const bool zoomedOut = viewport.metersPerPixel() > 2000;
        QPen pen(QColor(25, 25, 25, zoomedOut ? 255 : 230), zoomedOut ? 1.0 : 2.0);
        pen.setCosmetic(true);
        pen.setJoinStyle(Qt::RoundJoin);
        pen.setCapStyle(Qt::RoundCap);
        painter.setPen(pen);
        const auto &arcs = geometry->arcs();
        for (std::size_t a = 0; a < arcs.size(); ++a) {
            if ((a & 4095) == 0 && isCancelled(feedback))
                return;
            if (territoryOf(arcs[a].left) == territoryOf(arcs[a].right))
                continue;
            if (!overlaps(geometry->arcBounds(a), extent))
                continue;
            const QPolygonF &line = geometry->arcLine(a, band);
            if (line.size() >= 2)
                painter.drawPolyline(line);
        }
    }
};

} // namespace

TerritoryBorderLayer::TerritoryBorderLayer() : MapLayer(QStringLiteral("borders"), QObject::tr("Territory borders"))
{
}

std::unique_ptr<LayerRenderer> TerritoryBorderLayer::createRenderer(const MapRenderContext &context) const
{
    if (!context.isReady())
        return nullptr;
    auto renderer = std::make_unique<TerritoryBorderRenderer>();
    renderer->geometry = context.geometry;
    renderer->territories = (*context.scenario).alignment.unitTerritories();
    return renderer;
}

} // namespace tessera::ui
