#include "ui/canvas/changedunitslayer.h"

#include "core/feedback.h"
#include "ui/canvas/mapgeometryutil.h"
#include "ui/canvas/preparedgeometry.h"

#include <QObject>
#include <QPainter>

namespace tessera::ui {

namespace {

class ChangedUnitsRenderer : public LayerRenderer {
public:
    std::shared_ptr<const PreparedGeometry> geometry;
    std::vector<UnitId> units;
    std::vector<std::uint32_t> colors;

    void render(QPainter &painter, const MapViewport &viewport, const Feedback *feedback) override
    {
        const int band = PreparedGeometry::bandFor(viewport.metersPerPixel());
        const QRectF extent = viewport.extent();
        const QTransform toScreen = viewport.mapToScreen();
        const QTransform base = painter.transform(); // a slide's page placement, or identity in a window
        painter.setRenderHint(QPainter::Antialiasing, true);
        for (std::size_t i = 0; i < units.size(); ++i) {
            const UnitId u = units[i];
            if (static_cast<std::size_t>(u.value()) >= geometry->unitCount() || !overlaps(geometry->bounds(u), extent))
                continue;
            if (i % 256 == 0 && isCancelled(feedback))
                return;
            const PreparedShape &shape = geometry->shape(u, band);
            QPainterPath path;
            if (!shape.path.isEmpty())
                path = shape.path;
            else
                for (const QPolygonF &ring : shape.rings)
                    path.addPolygon(ring);
            // Hatching is drawn in screen space so the stripes keep their spacing at any zoom.
            const QPainterPath onScreen = toScreen.map(path);
            painter.setTransform(base);
            painter.setPen(Qt::NoPen);
            painter.setBrush(QColor(255, 255, 255, 150));
            painter.drawPath(onScreen);
            QBrush hatch(QColor::fromRgb(colors[i]).darker(115), Qt::BDiagPattern);
            painter.setBrush(hatch);
            painter.drawPath(onScreen);
            QPen pen(QColor(20, 20, 20), 1.4);
            pen.setCosmetic(true);
            painter.setPen(pen);
            painter.setBrush(Qt::NoBrush);
            painter.drawPath(onScreen);
        }
    }
};

} // namespace

ChangedUnitsLayer::ChangedUnitsLayer() : MapLayer(QStringLiteral("changes"), QObject::tr("Changed units"))
{
}

void ChangedUnitsLayer::setUnits(std::vector<UnitId> units, std::vector<std::uint32_t> colors)
{
    colors.resize(units.size(), 0x808080);
    mUnits = std::move(units);
    mColors = std::move(colors);
}

std::unique_ptr<LayerRenderer> ChangedUnitsLayer::createRenderer(const MapRenderContext &context) const
{
    if (!context.geometry || mUnits.empty())
        return nullptr;
    auto renderer = std::make_unique<ChangedUnitsRenderer>();
    renderer->geometry = context.geometry;
    renderer->units = mUnits;
    renderer->colors = mColors;
    return renderer;
}

QString ChangedUnitsLayer::legendTitle() const
{
    return mUnits.empty() ? QString() : QObject::tr("Changes");
}

QList<MapLayer::LegendEntry> ChangedUnitsLayer::legend() const
{
    if (mUnits.empty())
        return {};
    return {{QColor(40, 40, 40), QObject::tr("%n unit(s) moved (hatched in the new territory's colour)", nullptr,
                                             static_cast<int>(mUnits.size()))}};
}

} // namespace tessera::ui
