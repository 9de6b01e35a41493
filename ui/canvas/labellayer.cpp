#include "ui/canvas/labellayer.h"

#include "ui/canvas/basemapdata.h"
#include "ui/canvas/labelplacer.h"
#include "ui/canvas/webmercator.h"
#include "ui/canvas/preparedgeometry.h"
#include "core/metrics/territorymetrics.h"
#include "ui/document/territorystatistics.h"

#include <QObject>
#include <QPainter>

#include <algorithm>
#include <limits>

namespace tessera::ui {

namespace {

struct TerritoryLabel {
    QPointF anchor; ///< Mercator
    QString name;
    QString figure;
    double weight = 0; ///< number of units: bigger territories are placed first
};

struct UnitLabel {
    QPointF anchor;
    QRectF bounds;
    QString name;
};

struct RepLabel {
    QPointF anchor;
    QString name;
};

class LabelRenderer : public LayerRenderer {
public:
    std::vector<TerritoryLabel> territories;
    std::vector<UnitLabel> units;
    std::vector<RepLabel> reps; ///< empty when the rep layer is hidden
    bool cities = false;

    void drawCities(QPainter &painter, const MapViewport &viewport, LabelPlacer &placer)
    {
        const BasemapData &data = BasemapData::instance();
        // Fewer, larger cities when zoomed out: the threshold follows the scale.
        const double minPopulation = std::clamp(viewport.metersPerPixel() * 200.0, 150000.0, 3000000.0);
        const QRectF extent = viewport.extent();
        QFont font = painter.font();
        font.setPointSizeF(8.0);
        font.setBold(false);
        font.setItalic(false);
        painter.setFont(font);
        const QFontMetricsF metrics(font);
        for (const BasemapData::City &city : data.cities()) {
            if (city.population < minPopulation)
                break;
            if (!extent.contains(city.position))
                continue;
            const QPointF p = viewport.toScreen(city.position);
            const QRectF text(p.x() + 5, p.y() - metrics.height() / 2 - 2, metrics.horizontalAdvance(city.name), metrics.height());
            if (!placer.tryPlace(text.united(QRectF(p.x() - 3, p.y() - 3, 6, 6))))
                continue;
            painter.setPen(QPen(QColor(40, 40, 40), 1.0));
            painter.setBrush(QColor(255, 255, 255));
            painter.drawEllipse(p, 2.5, 2.5);
            drawHaloText(painter, QPointF(text.left(), text.top() + metrics.ascent()), city.name, QColor(60, 60, 60));
        }
    }

    void render(QPainter &painter, const MapViewport &viewport, const Feedback *) override
    {
        painter.setRenderHint(QPainter::Antialiasing, true);
        LabelPlacer placer(QRectF(QPointF(0, 0), QSizeF(viewport.size())));
        // Keep the scale bar corner free.
        placer.reserve(QRectF(0, viewport.size().height() - 50, 260, 50));
        QFont bold = painter.font();
        bold.setPointSizeF(9.5);
        bold.setBold(true);
        QFont small = painter.font();
        small.setPointSizeF(8.5);
        const QFontMetricsF boldMetrics(bold);
        const QFontMetricsF smallMetrics(small);
        // Rep markers (drawn by the rep layer) stay uncovered.
        for (const RepLabel &rep : reps) {
            const QPointF p = viewport.toScreen(rep.anchor);
            placer.reserve(QRectF(p.x() - 8, p.y() - 9, 16, 16));
        }
        for (const TerritoryLabel &label : territories) {
            const QPointF anchor = viewport.toScreen(label.anchor);
            const double w = std::max(boldMetrics.horizontalAdvance(label.name),
                                      label.figure.isEmpty() ? 0.0 : smallMetrics.horizontalAdvance(label.figure));
            const double h = boldMetrics.height() + (label.figure.isEmpty() ? 0.0 : smallMetrics.height());
            // The centre first, then just above, below, left and right of it.
            const QPointF offsets[] = {{0, 0}, {0, -h * 0.8}, {0, h * 0.8}, {-w / 2 - 10, 0}, {w / 2 + 10, 0}};
            for (const QPointF &offset : offsets) {
                const QPointF p = anchor + offset;
                const QRectF box(p.x() - w / 2 - 2, p.y() - h / 2 - 1, w + 4, h + 2);
                if (!placer.tryPlace(box))
                    continue;
                painter.setFont(bold);
                drawHaloText(painter, QPointF(p.x() - boldMetrics.horizontalAdvance(label.name) / 2, box.top() + 1 + boldMetrics.ascent()),
                             label.name, QColor(20, 20, 20));
                if (!label.figure.isEmpty()) {
                    painter.setFont(small);
                    drawHaloText(painter,
                                 QPointF(p.x() - smallMetrics.horizontalAdvance(label.figure) / 2,
                                         box.top() + 1 + boldMetrics.height() + smallMetrics.ascent()),
                                 label.figure, QColor(50, 50, 50));
                }
                break;
            }
        }
        QFont italic = small;
        italic.setItalic(true);
        painter.setFont(italic);
        const QFontMetricsF italicMetrics(italic);
        if (viewport.metersPerPixel() < 3000)
            for (const RepLabel &rep : reps) {
                const QPointF p = viewport.toScreen(rep.anchor);
                const QRectF box(p.x() + 9, p.y() - italicMetrics.height() / 2, italicMetrics.horizontalAdvance(rep.name), italicMetrics.height());
                if (placer.tryPlace(box))
                    drawHaloText(painter, QPointF(box.left(), box.top() + italicMetrics.ascent()), rep.name, QColor(20, 20, 20));
            }
        if (cities)
            drawCities(painter, viewport, placer);
        painter.setFont(small);
        for (const UnitLabel &label : units) {
            const double widthPx = label.bounds.width() / viewport.metersPerPixel();
            const double textWidth = smallMetrics.horizontalAdvance(label.name);
            if (widthPx < textWidth * 0.8)
                continue;
            const QPointF p = viewport.toScreen(label.anchor);
            const QRectF box(p.x() - textWidth / 2 - 1, p.y() - smallMetrics.height() / 2, textWidth + 2, smallMetrics.height());
            if (!placer.tryPlace(box))
                continue;
            drawHaloText(painter, QPointF(box.left() + 1, box.top() + smallMetrics.ascent()), label.name, QColor(70, 70, 70));
        }
    }
};

} // namespace

LabelLayer::LabelLayer() : MapLayer(QStringLiteral("labels"), QObject::tr("Labels"))
{
}

std::unique_ptr<LayerRenderer> LabelLayer::createRenderer(const MapRenderContext &context) const
{
    const auto &geometry = context.geometry;
    if (!context.isReady())
        return nullptr;
    auto renderer = std::make_unique<LabelRenderer>();
    const int count = context.territoryCount();
    const auto &assigned = (*context.scenario).alignment.unitTerritories();
    const std::size_t unitCount = std::min(assigned.size(), geometry->unitCount());
    // Visual centre: the label point of the territory's unit nearest the mean of its unit centres.
    std::vector<QPointF> sum(static_cast<std::size_t>(count));
    std::vector<double> units(static_cast<std::size_t>(count), 0.0);
    for (std::size_t u = 0; u < unitCount; ++u) {
        const TerritoryId t = assigned[u];
        if (!t.isValid() || t.value() >= count)
            continue;
        sum[static_cast<std::size_t>(t.value())] += geometry->labelPoint(UnitId(static_cast<std::int32_t>(u)));
        units[static_cast<std::size_t>(t.value())] += 1.0;
    }
    std::vector<QPointF> best(static_cast<std::size_t>(count));
    std::vector<double> bestDistance(static_cast<std::size_t>(count), std::numeric_limits<double>::infinity());
    for (std::size_t u = 0; u < unitCount; ++u) {
        const TerritoryId t = assigned[u];
        if (!t.isValid() || t.value() >= count)
            continue;
        const auto i = static_cast<std::size_t>(t.value());
        const QPointF centre = sum[i] / units[i];
        const QPointF p = geometry->labelPoint(UnitId(static_cast<std::int32_t>(u)));
        const double d = (p.x() - centre.x()) * (p.x() - centre.x()) + (p.y() - centre.y()) * (p.y() - centre.y());
        if (d < bestDistance[i]) {
            bestDistance[i] = d;
            best[i] = p;
        }
    }
    const TerritoryStatistics *statistics = context.statistics;
    const int metric = statistics && !mMetric.isEmpty() && !statistics->display().isHidden(mMetric.toStdString())
                           ? statistics->attributeIndex(mMetric)
                           : -1;
    for (int t = 0; t < count; ++t) {
        const auto i = static_cast<std::size_t>(t);
        if (units[i] == 0)
            continue;
        TerritoryLabel label;
        label.anchor = best[i];
        label.name = QString::fromStdString(context.territory(TerritoryId(t)).name);
        if (const TerritoryMetrics *figures = metric >= 0 ? statistics->territoryMetrics(TerritoryId(t)) : nullptr)
            // "1,234 € Revenue": the figure in the attribute's format and unit, then its display name.
            label.figure = QStringLiteral("%1 %2").arg(
                statistics->formatted(mMetric, figures->attributes[static_cast<std::size_t>(metric)].sum),
                statistics->label(mMetric));
        label.weight = units[i];
        renderer->territories.push_back(label);
    }
    std::stable_sort(renderer->territories.begin(), renderer->territories.end(),
                     [](const TerritoryLabel &a, const TerritoryLabel &b) { return a.weight > b.weight; });
    if (context.isLayerVisible(QStringLiteral("reps")))
        for (const Rep &rep : (*context.project).reps())
            renderer->reps.push_back({mercator::project(rep.home), QString::fromStdString(rep.name)});
    renderer->cities = context.isLayerVisible(QStringLiteral("places"));
    if (mUnitLabels) {
        // Only units at least ~40 px wide get a name: the candidate list stays short.
        const double minWidth = 40.0 * context.viewport.metersPerPixel();
        const QRectF extent = context.viewport.extent();
        for (UnitId u : geometry->unitsIntersecting(extent)) {
            const QRectF &bounds = geometry->bounds(u);
            if (bounds.width() < minWidth || static_cast<std::size_t>(u.value()) >= context.project->units().size())
                continue;
            renderer->units.push_back({geometry->labelPoint(u), bounds, QString::fromStdString((*context.project).units().unit(u).name)});
            if (renderer->units.size() > 2000)
                break;
        }
    }
    return renderer;
}

} // namespace tessera::ui
