#include "ui/canvas/unitfilllayer.h"

#include "core/feedback.h"
#include "core/plan/palette.h"
#include "ui/canvas/mapgeometryutil.h"
#include "ui/canvas/preparedgeometry.h"
#include "ui/document/territorystatistics.h"

#include <QObject>
#include <QLocale>
#include <QPainter>

#include <algorithm>
#include <numeric>

namespace tessera::ui {

namespace {

class UnitFillRenderer : public LayerRenderer {
public:
    std::shared_ptr<const PreparedGeometry> geometry;
    std::vector<QRgb> colors;   ///< per unit, premultiplied-ready ARGB; 0 = not drawn
    std::vector<char> locked;
    bool anyLocked = false;

    void render(QPainter &painter, const MapViewport &viewport, const Feedback *feedback) override
    {
        const int band = PreparedGeometry::bandFor(viewport.metersPerPixel());
        const QRectF extent = viewport.extent();
        const QTransform toScreen = viewport.mapToScreen();
        painter.setTransform(toScreen, true);
        painter.setPen(Qt::NoPen);
        // Draw in colour order so the brush changes a few times, not per unit.
        std::vector<std::int32_t> order;
        order.reserve(colors.size());
        for (std::size_t u = 0; u < colors.size(); ++u)
            if (colors[u] != 0 && geometry->bounds(UnitId(static_cast<std::int32_t>(u))).intersects(extent))
                order.push_back(static_cast<std::int32_t>(u));
        std::stable_sort(order.begin(), order.end(), [&](std::int32_t a, std::int32_t b) {
            return colors[static_cast<std::size_t>(a)] < colors[static_cast<std::size_t>(b)];
        });
        QRgb current = 0;
        std::size_t drawn = 0;
        for (std::int32_t u : order) {
            if ((++drawn & 2047) == 0 && isCancelled(feedback))
                return;
            const QRgb color = colors[static_cast<std::size_t>(u)];
            if (color != current) {
                painter.setBrush(QColor::fromRgba(color));
                current = color;
            }
            drawShape(painter, geometry->shape(UnitId(u), band));
        }
        if (anyLocked) {
            QBrush hatch(QColor(30, 30, 30, 120), Qt::BDiagPattern);
            hatch.setTransform(toScreen.inverted());
            painter.setBrush(hatch);
            for (std::size_t u = 0; u < locked.size(); ++u)
                if (locked[u] && geometry->bounds(UnitId(static_cast<std::int32_t>(u))).intersects(extent))
                    drawShape(painter, geometry->shape(UnitId(static_cast<std::int32_t>(u)), band));
        }
        // Unit borders, only for arcs long enough on screen to read.
        painter.setRenderHint(QPainter::Antialiasing, true);
        QPen pen(QColor(40, 40, 40, 110), 0.6);
        pen.setCosmetic(true);
        painter.setPen(pen);
        painter.setBrush(Qt::NoBrush);
        const double minLength = 3.0 * viewport.metersPerPixel();
        const auto &arcs = geometry->arcs();
        for (std::size_t a = 0; a < arcs.size(); ++a) {
            const QRectF &b = geometry->arcBounds(a);
            if (b.width() < minLength && b.height() < minLength)
                continue;
            if (!overlaps(b, extent))
                continue;
            const QPolygonF &line = geometry->arcLine(a, band);
            if (line.size() >= 2)
                painter.drawPolyline(line);
        }
    }

    static void drawShape(QPainter &painter, const PreparedShape &shape)
    {
        if (!shape.path.isEmpty()) {
            painter.drawPath(shape.path);
            return;
        }
        for (const QPolygonF &ring : shape.rings)
            painter.drawPolygon(ring);
    }
};

QRgb withAlpha(std::uint32_t rgb, int alpha)
{
    return qRgba(static_cast<int>((rgb >> 16) & 0xFF), static_cast<int>((rgb >> 8) & 0xFF),
                 static_cast<int>(rgb & 0xFF), alpha);
}

} // namespace

UnitFillLayer::UnitFillLayer() : MapLayer(QStringLiteral("units"), QObject::tr("Units"))
{
}

std::unique_ptr<LayerRenderer> UnitFillLayer::createRenderer(const MapRenderContext &context) const
{
    if (!context.isReady())
        return nullptr;
    auto renderer = std::make_unique<UnitFillRenderer>();
    renderer->geometry = context.geometry;
    const std::size_t count = std::min(context.project->units().size(), context.geometry->unitCount());
    renderer->colors.assign(count, 0);
    renderer->locked.assign(count, 0);
    const Scenario &plan = (*context.scenario);
    const TerritoryStatistics *statistics = context.statistics;
    const int attribute = statistics && !mThematicAttribute.isEmpty() ? statistics->attributeIndex(mThematicAttribute) : -1;
    if (attribute >= 0) {
        std::vector<double> values(count);
        for (std::size_t u = 0; u < count; ++u)
            values[u] = statistics->unitValue(attribute, UnitId(static_cast<std::int32_t>(u)));
        std::vector<double> sorted = values;
        std::sort(sorted.begin(), sorted.end());
        mBreaks.clear();
        for (int c = 1; c <= ClassCount; ++c)
            mBreaks.push_back(sorted.empty() ? 0.0 : sorted[std::min(sorted.size() - 1, sorted.size() * c / ClassCount)]);
        if (!sorted.empty())
            mBreaks.back() = sorted.back();
        for (std::size_t u = 0; u < count; ++u) {
            const auto cls = std::lower_bound(mBreaks.begin(), mBreaks.end(), values[u]) - mBreaks.begin();
            renderer->colors[u] = withAlpha(palette::rampColor(static_cast<double>(cls) / (ClassCount - 1)), 235);
        }
    } else {
        mBreaks.clear();
        for (std::size_t u = 0; u < count; ++u) {
            const TerritoryId t = plan.alignment.territoryOf(UnitId(static_cast<std::int32_t>(u)));
            renderer->colors[u] = context.isValidTerritory(t) ? withAlpha(context.territory(t).color, 215)
                                                                : qRgba(205, 205, 205, 170);
        }
    }
    for (std::size_t u = 0; u < count; ++u)
        if (plan.alignment.isLocked(UnitId(static_cast<std::int32_t>(u)))) {
            renderer->locked[u] = 1;
            renderer->anyLocked = true;
        }
    return renderer;
}

QString UnitFillLayer::legendTitle() const
{
    return mThematicAttribute;
}

QList<MapLayer::LegendEntry> UnitFillLayer::legend() const
{
    QList<LegendEntry> entries;
    if (mThematicAttribute.isEmpty() || mBreaks.empty())
        return entries;
    QLocale locale;
    double lower = 0.0;
    for (std::size_t c = 0; c < mBreaks.size(); ++c) {
        const QColor color = QColor::fromRgb(palette::rampColor(static_cast<double>(c) / (ClassCount - 1)));
        const QString text = c == 0 ? QObject::tr("≤ %1").arg(locale.toString(mBreaks[c], 'f', 0))
                                    : QObject::tr("%1 – %2").arg(locale.toString(lower, 'f', 0), locale.toString(mBreaks[c], 'f', 0));
        entries.append({color, text});
        lower = mBreaks[c];
    }
    return entries;
}

} // namespace tessera::ui
