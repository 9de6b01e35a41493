#include "ui/canvas/basemaplayer.h"

#include "core/feedback.h"
#include "ui/canvas/basemapdata.h"
#include "ui/canvas/mapgeometryutil.h"

#include <QObject>
#include <QPainter>

#include <cmath>

namespace tessera::ui {

namespace {

class BasemapRenderer : public LayerRenderer {
public:
    void render(QPainter &painter, const MapViewport &viewport, const Feedback *feedback) override
    {
        const BasemapData &data = BasemapData::instance();
        const int band = BasemapData::bandFor(viewport.metersPerPixel());
        const QRectF extent = viewport.extent();
        painter.setTransform(viewport.mapToScreen(), true);
        painter.setRenderHint(QPainter::Antialiasing, true);
        painter.setPen(Qt::NoPen);
        painter.setBrush(QColor(0xF4, 0xF1, 0xEA));
        const auto &land = data.land(band);
        for (std::size_t i = 0; i < land.size(); ++i)
            if (overlaps(data.landBounds()[i], extent))
                painter.drawPolygon(land[i]);
        if (isCancelled(feedback))
            return;
        painter.setBrush(Qt::NoBrush);
        QPen coast(QColor(0xA9, 0xBC, 0xCB), 1.0);
        coast.setCosmetic(true);
        painter.setPen(coast);
        for (std::size_t i = 0; i < land.size(); ++i)
            if (overlaps(data.landBounds()[i], extent))
                painter.drawPolygon(land[i]);
        QPen states(QColor(0x9A, 0x9A, 0x9A), 0.8, Qt::DashLine);
        states.setCosmetic(true);
        painter.setPen(states);
        for (const QPolygonF &line : data.stateBorders(band))
            painter.drawPolyline(line);
        QPen countries(QColor(0x80, 0x80, 0x80), 1.2);
        countries.setCosmetic(true);
        painter.setPen(countries);
        for (const QPolygonF &line : data.countryBorders(band))
            painter.drawPolyline(line);
    }
};

} // namespace

BasemapLayer::BasemapLayer() : MapLayer(QStringLiteral("basemap"), QObject::tr("Basemap (offline)"))
{
}

std::unique_ptr<LayerRenderer> BasemapLayer::createRenderer(const MapRenderContext &) const
{
    return std::make_unique<BasemapRenderer>();
}

PlacesLayer::PlacesLayer() : MapLayer(QStringLiteral("places"), QObject::tr("Cities"))
{
}

std::unique_ptr<LayerRenderer> PlacesLayer::createRenderer(const MapRenderContext &) const
{
    return nullptr; // the label layer draws the cities with the other labels
}

} // namespace tessera::ui
