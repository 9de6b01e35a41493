#include "ui/export/sliderenderer.h"

#include "core/model/project.h"
#include "ui/canvas/accountlayer.h"
#include "ui/canvas/basemaplayer.h"
#include "ui/canvas/labellayer.h"
#include "ui/canvas/preparedgeometry.h"
#include "ui/canvas/scalebar.h"
#include "ui/canvas/territoryborderlayer.h"
#include "ui/canvas/unitfilllayer.h"
#include "ui/canvas/webmercator.h"

#include <QFontMetricsF>
#include <QObject>
#include <QPainter>
#include <QPainterPath>

#include <cmath>
#include <numeric>

namespace tessera::ui {

namespace {

constexpr double Margin = 40.0;
constexpr double MapTop = 140.0;
constexpr double ContentBottom = 1020.0;
constexpr double PanelLeft = 1050.0;
constexpr double LegendLine = 30.0;
constexpr double LegendHeader = 40.0;

QFont pixelFont(double pixels, bool bold = false)
{
    QFont font(QStringLiteral("DejaVu Sans"));
    font.setPixelSize(static_cast<int>(std::lround(pixels)));
    font.setBold(bold);
    return font;
}

double legendHeight(const Slide &slide, const SlideOptions &options)
{
    if (!options.legend || slide.legend.isEmpty())
        return 0.0;
    return LegendHeader + LegendLine * (slide.legend.size() + (slide.legendMore > 0 ? 1 : 0));
}

QString defaultAttribution()
{
    return QObject::tr("Basemap: US Census Bureau (us-atlas), Natural Earth (world-atlas); places: GeoNames "
                       "(CC BY 4.0). Made with Tessera.");
}

} // namespace

SlideRenderer::SlideRenderer(const Project &project, std::shared_ptr<const PreparedGeometry> geometry)
    : mProject(project), mGeometry(std::move(geometry))
{
}

SlideRenderer::~SlideRenderer() = default;

std::shared_ptr<const PreparedGeometry> SlideRenderer::prepare(const Project &project, Feedback *feedback)
{
    std::vector<std::shared_ptr<const MultiPolygon>> shapes;
    shapes.reserve(project.units().size());
    for (const Unit &unit : project.units().units())
        shapes.push_back(unit.geometry);
    return PreparedGeometry::build(shapes, feedback);
}

QRectF SlideRenderer::titleRect() { return {Margin, 22.0, PageWidth - 2 * Margin, 60.0}; }
QRectF SlideRenderer::subtitleRect() { return {Margin, 86.0, PageWidth - 2 * Margin, 34.0}; }

QRectF SlideRenderer::mapRect(const SlideOptions &options)
{
    const bool panel = options.legend || options.table;
    return QRectF(Margin, MapTop, (panel ? PanelLeft - 30.0 : PageWidth - Margin) - Margin, ContentBottom - MapTop);
}

QList<QRectF> SlideRenderer::mapRects(const Slide &slide, const SlideOptions &options)
{
    const QRectF rect = mapRect(options);
    if (slide.beforeScenario < 0)
        return {rect};
    constexpr double Gap = 16.0;
    const double width = (rect.width() - Gap) / 2.0;
    return {QRectF(rect.left(), rect.top(), width, rect.height()),
            QRectF(rect.left() + width + Gap, rect.top(), width, rect.height())};
}

double SlideRenderer::tableRowHeight(const Slide &slide, const SlideOptions &options)
{
    const double top = MapTop + legendHeight(slide, options) + (legendHeight(slide, options) > 0 ? 24.0 : 0.0);
    const double rows = static_cast<double>(slide.table.rows.size() + 1);
    return std::clamp((ContentBottom - top) / rows, 22.0, 40.0);
}

QRectF SlideRenderer::tableRect(const Slide &slide, const SlideOptions &options)
{
    if (!options.table || slide.table.isEmpty())
        return {};
    const double legend = legendHeight(slide, options);
    const double top = MapTop + legend + (legend > 0 ? 24.0 : 0.0);
    const double height = tableRowHeight(slide, options) * static_cast<double>(slide.table.rows.size() + 1);
    return QRectF(PanelLeft, top, PageWidth - Margin - PanelLeft, std::min(height, ContentBottom - top));
}

QList<double> SlideRenderer::tableColumnWidths(const Slide &slide, const SlideOptions &options)
{
    const QRectF rect = tableRect(slide, options);
    const SlideTable &table = slide.table;
    const int columns = static_cast<int>(table.header.size());
    QList<double> widths;
    if (rect.isEmpty() || columns == 0)
        return widths;
    const QFontMetricsF plain(pixelFont(TableFontPixels));
    const QFontMetricsF bold(pixelFont(TableFontPixels, true));
    constexpr double Padding = 16.0;
    for (int c = 0; c < columns; ++c) {
        double width = bold.horizontalAdvance(table.header[c]);
        for (const QStringList &row : table.rows)
            if (c < row.size() && !(c == 0 && row.size() > 1 && row[1].isEmpty())) // "… N more" spans
                width = std::max(width, plain.horizontalAdvance(row[c]));
        widths << width + Padding;
    }
    // Too wide: text columns (names) give way first, down to 90 units; then everything shrinks.
    double total = std::accumulate(widths.begin(), widths.end(), 0.0);
    if (total > rect.width()) {
        double textWidth = 0.0;
        for (int c = 0; c < columns; ++c)
            if (!table.numericColumns.contains(c))
                textWidth += widths[c];
        const double excess = total - rect.width();
        if (textWidth > 0) {
            const double factor = std::max(0.0, (textWidth - excess) / textWidth);
            for (int c = 0; c < columns; ++c)
                if (!table.numericColumns.contains(c))
                    widths[c] = std::max(90.0, widths[c] * factor);
        }
        total = std::accumulate(widths.begin(), widths.end(), 0.0);
    }
    // Fit exactly: spread the rest (or the remaining excess) over all columns.
    const double factor = rect.width() / total;
    for (double &w : widths)
        w *= factor;
    return widths;
}

QColor SlideRenderer::backgroundColor(const SlideOptions &o)
{
    return o.theme == SlideOptions::Theme::Dark ? QColor(0x20, 0x22, 0x26) : QColor(Qt::white);
}
QColor SlideRenderer::textColor(const SlideOptions &o)
{
    return o.theme == SlideOptions::Theme::Dark ? QColor(0xF2, 0xF2, 0xF2) : QColor(0x1F, 0x1F, 0x1F);
}
QColor SlideRenderer::mutedTextColor(const SlideOptions &o)
{
    return o.theme == SlideOptions::Theme::Dark ? QColor(0xB0, 0xB4, 0xBA) : QColor(0x5F, 0x63, 0x68);
}
QColor SlideRenderer::headerFillColor(const SlideOptions &o)
{
    return o.theme == SlideOptions::Theme::Dark ? QColor(0x3C, 0x40, 0x46) : QColor(0x2F, 0x3E, 0x4E);
}
QColor SlideRenderer::bandFillColor(const SlideOptions &o)
{
    return o.theme == SlideOptions::Theme::Dark ? QColor(0x2A, 0x2D, 0x32) : QColor(0xEE, 0xF1, 0xF4);
}

QImage SlideRenderer::image(const Slide &slide, const SlideOptions &options, unsigned parts) const
{
    const QSize size = options.size.isValid() ? options.size : QSize(1920, 1080);
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    const int dotsPerMeter = static_cast<int>(std::lround(PaintDpi / 0.0254));
    image.setDotsPerMeterX(dotsPerMeter);
    image.setDotsPerMeterY(dotsPerMeter);
    image.fill(backgroundColor(options));
    {
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setRenderHint(QPainter::TextAntialiasing);
        painter.scale(size.width() / PageWidth, size.height() / PageHeight);
        paint(painter, slide, options, parts);
    }
    // The resolution the user asked for is what the file says; painting used PaintDpi.
    const int wanted = static_cast<int>(std::lround(std::max(1, options.dpi) / 0.0254));
    image.setDotsPerMeterX(wanted);
    image.setDotsPerMeterY(wanted);
    return image;
}

void SlideRenderer::paint(QPainter &painter, const Slide &slide, const SlideOptions &options, unsigned parts) const
{
    painter.save();
    if (parts & Background)
        painter.fillRect(QRectF(0, 0, PageWidth, PageHeight), backgroundColor(options));
    if (parts & Map)
        paintMap(painter, slide, options);
    if (parts & Furniture)
        paintFurniture(painter, slide, options);
    if (parts & Texts)
        paintTexts(painter, slide, options);
    if (parts & Table)
        paintTable(painter, slide, options);
    painter.restore();
}

QRectF SlideRenderer::mapExtent(const Slide &slide, const QRectF &rect) const
{
    if (slide.extent.isValid())
        return slide.extent;
    QRectF extent;
    const Scenario *scenario = slide.scenario >= 0 && slide.scenario < static_cast<int>(mProject.scenarios().size())
                                   ? &mProject.scenarios()[static_cast<std::size_t>(slide.scenario)]
                                   : nullptr;
    if (slide.focus.isValid() && scenario) {
        const std::size_t count = std::min(scenario->alignment.unitCount(), mGeometry->unitCount());
        for (std::size_t u = 0; u < count; ++u) {
            const UnitId unit(static_cast<std::int32_t>(u));
            if (scenario->alignment.territoryOf(unit) == slide.focus)
                extent = extent.isNull() ? mGeometry->bounds(unit) : extent.united(mGeometry->bounds(unit));
        }
    }
    if (extent.isNull())
        extent = mGeometry->extent();
    Q_UNUSED(rect);
    return extent;
}

void SlideRenderer::paintMap(QPainter &painter, const Slide &slide, const SlideOptions &options) const
{
    const QList<QRectF> rects = mapRects(slide, options);
    if (rects.size() == 1) {
        paintPlan(painter, slide.scenario, rects.front(), slide, options);
        return;
    }
    // Compare slide: the plan before left, the plan after right, each captioned.
    const int scenarios[] = {slide.beforeScenario, slide.scenario};
    const QString captions[] = {QObject::tr("Before"), QObject::tr("After")};
    for (int i = 0; i < 2; ++i) {
        paintPlan(painter, scenarios[i], rects[i], slide, options);
        if (scenarios[i] < 0 || scenarios[i] >= static_cast<int>(mProject.scenarios().size()))
            continue;
        const QString text = captions[i] + QStringLiteral(": ")
                             + QString::fromStdString(mProject.scenarios()[static_cast<std::size_t>(scenarios[i])].name);
        painter.save();
        painter.setFont(pixelFont(20, true));
        const QFontMetricsF metrics(painter.font());
        const QRectF box(rects[i].left() + 8, rects[i].top() + 8,
                         std::min(rects[i].width() - 16, metrics.horizontalAdvance(text) + 20), 34);
        painter.setPen(Qt::NoPen);
        painter.setBrush(options.theme == SlideOptions::Theme::Dark ? QColor(0x20, 0x22, 0x26, 230)
                                                                    : QColor(255, 255, 255, 230));
        painter.drawRoundedRect(box, 4, 4);
        painter.setPen(textColor(options));
        painter.drawText(box.adjusted(10, 0, -10, 0), Qt::AlignLeft | Qt::AlignVCenter,
                         metrics.elidedText(text, Qt::ElideRight, box.width() - 20));
        painter.restore();
    }
}

void SlideRenderer::paintPlan(QPainter &painter, int scenario, const QRectF &rect, const Slide &slide,
                              const SlideOptions &options) const
{
    if (!mGeometry || scenario < 0 || scenario >= static_cast<int>(mProject.scenarios().size()))
        return;
    const QSize size(static_cast<int>(rect.width()), static_cast<int>(rect.height()));
    MapRenderContext context;
    context.project = &mProject;
    context.scenario = &mProject.scenarios()[static_cast<std::size_t>(scenario)];
    context.geometry = mGeometry;
    context.viewport = MapViewport::fitting(mapExtent(slide, rect), size, 24.0);
    if (options.repHomes)
        context.visibleLayers.insert(QStringLiteral("reps"));

    // The canvas's own layers, in the canvas's order.
    std::vector<std::unique_ptr<MapLayer>> layers;
    if (options.basemap)
        layers.push_back(std::make_unique<BasemapLayer>());
    if (options.fills)
        layers.push_back(std::make_unique<UnitFillLayer>());
    if (options.borders)
        layers.push_back(std::make_unique<TerritoryBorderLayer>());
    if (options.accounts || slide.accounts)
        layers.push_back(std::make_unique<AccountPointLayer>());
    if (options.repHomes)
        layers.push_back(std::make_unique<RepLayer>());
    if (options.labels) {
        auto labels = std::make_unique<LabelLayer>();
        labels->setMetricAttribute(QString());
        labels->setUnitLabels(false);
        layers.push_back(std::move(labels));
    }
    for (const auto &layer : layers)
        context.visibleLayers.insert(layer->id());

    painter.save();
    const QColor sea = options.basemap ? (options.theme == SlideOptions::Theme::Dark ? QColor(0x1B, 0x26, 0x33)
                                                                                     : QColor(0xDD, 0xE8, 0xF0))
                                       : backgroundColor(options);
    painter.fillRect(rect, sea);
    painter.setClipRect(rect);
    for (const auto &layer : layers) {
        std::unique_ptr<LayerRenderer> renderer = layer->createRenderer(context);
        if (!renderer)
            continue;
        painter.save();
        painter.translate(rect.topLeft());
        renderer->render(painter, context.viewport, nullptr);
        painter.restore();
    }
    painter.restore();
    painter.save();
    painter.setPen(QPen(mutedTextColor(options), 1.0));
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(rect);
    painter.restore();
}

void SlideRenderer::paintFurniture(QPainter &painter, const Slide &slide, const SlideOptions &options) const
{
    const QList<QRectF> maps = mapRects(slide, options);
    const QRectF map = maps.front(); // the scale bar goes on the first map, the north arrow on the last
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    const QColor text = textColor(options);
    const QColor boxFill = options.theme == SlideOptions::Theme::Dark ? QColor(0x20, 0x22, 0x26, 220)
                                                                      : QColor(255, 255, 255, 220);

    if (options.scaleBar && mGeometry) {
        const QSize size(static_cast<int>(map.width()), static_cast<int>(map.height()));
        const MapViewport viewport = MapViewport::fitting(mapExtent(slide, map), size, 24.0);
        const double ground = viewport.metersPerPixel() * mercator::groundScale(viewport.center().y());
        const ScaleBar bar = ScaleBar::choose(ground, 220.0);
        if (bar.meters > 0) {
            const QPointF origin(map.left() + 24, map.bottom() - 24);
            painter.setPen(Qt::NoPen);
            painter.setBrush(boxFill);
            painter.drawRoundedRect(QRectF(origin.x() - 10, origin.y() - 40, bar.pixels + 20, 52), 4, 4);
            painter.setPen(QPen(text, 3));
            painter.drawLine(origin, origin + QPointF(bar.pixels, 0));
            painter.drawLine(origin, origin + QPointF(0, -10));
            painter.drawLine(origin + QPointF(bar.pixels, 0), origin + QPointF(bar.pixels, -10));
            painter.setFont(pixelFont(18));
            painter.drawText(QRectF(origin.x(), origin.y() - 38, bar.pixels, 24), Qt::AlignCenter, bar.label);
        }
    }
    if (options.northArrow) {
        // Web Mercator keeps north up everywhere: a plain arrow is true.
        const QPointF tip(maps.back().right() - 40, maps.back().top() + 26);
        QPainterPath arrow;
        arrow.moveTo(tip);
        arrow.lineTo(tip + QPointF(14, 40));
        arrow.lineTo(tip + QPointF(0, 30));
        arrow.lineTo(tip + QPointF(-14, 40));
        arrow.closeSubpath();
        painter.setPen(Qt::NoPen);
        painter.setBrush(boxFill);
        painter.drawEllipse(tip + QPointF(0, 32), 30, 30);
        painter.setBrush(text);
        painter.drawPath(arrow);
        painter.setPen(text);
        painter.setFont(pixelFont(18, true));
        painter.drawText(QRectF(tip.x() - 20, tip.y() + 40, 40, 22), Qt::AlignCenter, QStringLiteral("N"));
    }
    if (options.legend && !slide.legend.isEmpty()) {
        const double width = PageWidth - Margin - PanelLeft;
        painter.setPen(text);
        painter.setFont(pixelFont(22, true));
        painter.drawText(QRectF(PanelLeft, MapTop, width, 30), Qt::AlignLeft | Qt::AlignVCenter,
                         QObject::tr("Territories"));
        const QFont font = pixelFont(19);
        const QFontMetricsF metrics(font);
        painter.setFont(font);
        double y = MapTop + LegendHeader;
        for (const SlideLegendEntry &entry : slide.legend) {
            painter.setPen(QPen(mutedTextColor(options), 1));
            painter.setBrush(entry.color);
            painter.drawRect(QRectF(PanelLeft, y + 5, 28, LegendLine - 10));
            painter.setPen(text);
            painter.drawText(QRectF(PanelLeft + 40, y, width - 40, LegendLine), Qt::AlignLeft | Qt::AlignVCenter,
                             metrics.elidedText(entry.text, Qt::ElideRight, width - 40));
            y += LegendLine;
        }
        if (slide.legendMore > 0) {
            painter.setPen(mutedTextColor(options));
            painter.drawText(QRectF(PanelLeft + 40, y, width - 40, LegendLine), Qt::AlignLeft | Qt::AlignVCenter,
                             QObject::tr("… and %n more", nullptr, slide.legendMore));
        }
    }
    painter.setPen(mutedTextColor(options));
    painter.setFont(pixelFont(15));
    painter.drawText(QRectF(Margin, ContentBottom + 14, PageWidth - 2 * Margin, 30), Qt::AlignLeft | Qt::AlignVCenter,
                     options.attribution.isEmpty() ? defaultAttribution() : options.attribution);
    painter.restore();
}

void SlideRenderer::paintTexts(QPainter &painter, const Slide &slide, const SlideOptions &options) const
{
    painter.save();
    painter.setPen(textColor(options));
    painter.setFont(pixelFont(40, true));
    const QRectF title = titleRect();
    painter.drawText(title, Qt::AlignLeft | Qt::AlignVCenter,
                     QFontMetricsF(painter.font()).elidedText(slide.title, Qt::ElideRight, title.width()));
    painter.setPen(mutedTextColor(options));
    painter.setFont(pixelFont(22));
    const QRectF subtitle = subtitleRect();
    painter.drawText(subtitle, Qt::AlignLeft | Qt::AlignVCenter,
                     QFontMetricsF(painter.font()).elidedText(slide.subtitle, Qt::ElideRight, subtitle.width()));
    painter.restore();
}

void SlideRenderer::paintTable(QPainter &painter, const Slide &slide, const SlideOptions &options) const
{
    const QRectF rect = tableRect(slide, options);
    if (rect.isEmpty())
        return;
    const SlideTable &table = slide.table;
    const double rowHeight = tableRowHeight(slide, options);
    const int columns = static_cast<int>(table.header.size());
    const QList<double> widths = tableColumnWidths(slide, options);
    painter.save();
    const QFont font = pixelFont(TableFontPixels);
    const QFont bold = pixelFont(TableFontPixels, true);
    for (int r = -1; r < static_cast<int>(table.rows.size()); ++r) {
        const double y = rect.top() + (r + 1) * rowHeight;
        const QRectF line(rect.left(), y, rect.width(), rowHeight);
        if (r < 0)
            painter.fillRect(line, headerFillColor(options));
        else if (r % 2 == 1)
            painter.fillRect(line, bandFillColor(options));
        const QStringList &cells = r < 0 ? table.header : table.rows[r];
        painter.setFont(r < 0 ? bold : font);
        painter.setPen(r < 0 ? QColor(Qt::white) : textColor(options));
        const QFontMetricsF metrics(painter.font());
        double left = rect.left();
        for (int c = 0; c < columns && c < cells.size(); left += widths[c], ++c) {
            const QRectF cell(left + 6, y, widths[c] - 12, rowHeight);
            const Qt::Alignment align = (table.numericColumns.contains(c) ? Qt::AlignRight : Qt::AlignLeft)
                                        | Qt::AlignVCenter;
            painter.drawText(cell, align, metrics.elidedText(cells[c], Qt::ElideRight, cell.width()));
        }
    }
    painter.restore();
}

} // namespace tessera::ui
