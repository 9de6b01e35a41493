#include "ui/canvas/selectionlayer.h"

#include "core/feedback.h"
#include "ui/canvas/mapgeometryutil.h"
#include "ui/canvas/preparedgeometry.h"

#include <QObject>
#include <QPainter>

namespace tessera::ui {

namespace {

class SelectionRenderer : public LayerRenderer {
public:
    std::shared_ptr<const PreparedGeometry> geometry;
    std::vector<UnitId> selection;
    std::vector<TerritoryId> territories;
    TerritoryId current;

    void render(QPainter &painter, const MapViewport &viewport, const Feedback *feedback) override
    {
        const int band = PreparedGeometry::bandFor(viewport.metersPerPixel());
        const QRectF extent = viewport.extent();
        painter.setTransform(viewport.mapToScreen(), true);
        painter.setRenderHint(QPainter::Antialiasing, true);
        if (current.isValid()) {
            auto inCurrent = [&](UnitId u) {
                const auto i = static_cast<std::size_t>(u.value());
                return u.isValid() && i < territories.size() && territories[i] == current;
            };
            for (const auto &[color, width] : {std::pair{QColor(255, 255, 255, 230), 6.0}, std::pair{QColor(0, 0, 0), 3.0}}) {
                QPen pen(color, width);
                pen.setCosmetic(true);
                pen.setJoinStyle(Qt::RoundJoin);
                pen.setCapStyle(Qt::RoundCap);
                painter.setPen(pen);
                const auto &arcs = geometry->arcs();
                for (std::size_t a = 0; a < arcs.size(); ++a) {
                    if (inCurrent(arcs[a].left) == inCurrent(arcs[a].right) || !overlaps(geometry->arcBounds(a), extent))
                        continue;
                    const QPolygonF &line = geometry->arcLine(a, band);
                    if (line.size() >= 2)
                        painter.drawPolyline(line);
                }
            }
        }
        if (isCancelled(feedback))
            return;
        QPen pen(QColor(0, 70, 160), 1.6);
        pen.setCosmetic(true);
        painter.setPen(pen);
        painter.setBrush(QColor(255, 255, 255, 120));
        for (UnitId u : selection) {
            if (static_cast<std::size_t>(u.value()) >= geometry->unitCount() || !overlaps(geometry->bounds(u), extent))
                continue;
            const PreparedShape &shape = geometry->shape(u, band);
            if (!shape.path.isEmpty())
                painter.drawPath(shape.path);
            else
                for (const QPolygonF &ring : shape.rings)
                    painter.drawPolygon(ring);
        }
    }
};

} // namespace

SelectionLayer::SelectionLayer() : MapLayer(QStringLiteral("selection"), QObject::tr("Selection"))
{
}

std::unique_ptr<LayerRenderer> SelectionLayer::createRenderer(const MapRenderContext &context) const
{
    if (!context.isReady())
        return nullptr;
    if ((context.selection ? *context.selection : std::vector<UnitId>()).empty() && !context.currentTerritory.isValid())
        return nullptr;
    auto renderer = std::make_unique<SelectionRenderer>();
    renderer->geometry = context.geometry;
    renderer->selection = (context.selection ? *context.selection : std::vector<UnitId>());
    renderer->current = context.currentTerritory;
    if (renderer->current.isValid())
        renderer->territories = (*context.scenario).alignment.unitTerritories();
    return renderer;
}

} // namespace tessera::ui
