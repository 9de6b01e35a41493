#pragma once

#include "ui/export/slide.h"
#include "ui/export/slideoptions.h"

#include <QImage>
#include <QRectF>

#include <memory>

class QPainter;

namespace tessera {
class Feedback;
class Project;
} // namespace tessera

namespace tessera::ui {

class PreparedGeometry;

/// Paints slides: title, subtitle, the map (through the canvas's own layer
/// renderers: basemap, territory fills, dissolved borders, accounts, rep
/// homes, labels), legend, scale bar, north arrow, attribution and the
/// metrics table. Works in slide units (a 1920 × 1080 page) on any paint
/// device, so PNG, SVG, PDF and PPTX show the same slide; nothing depends on
/// a window or a display.
class SlideRenderer {
public:
    /// The page in slide units; devices scale it to their size.
    static constexpr double PageWidth = 1920.0;
    static constexpr double PageHeight = 1080.0;
    /// Device resolution slides are painted at, so point-sized map labels
    /// have the same size on every device.
    static constexpr int PaintDpi = 144;

    /// What paint() draws: the PPTX writer leaves texts and table out of the
    /// picture and adds them as editable shapes.
    enum Part : unsigned { Background = 1, Map = 2, Furniture = 4, Texts = 8, Table = 16, Everything = 31 };

    SlideRenderer(const Project &project, std::shared_ptr<const PreparedGeometry> geometry);
    ~SlideRenderer();

    /// Prepares the project's geometry for drawing (null when cancelled).
    static std::shared_ptr<const PreparedGeometry> prepare(const Project &project, Feedback *feedback = nullptr);

    /// Paints \a slide on \a painter, whose coordinates are slide units.
    void paint(QPainter &painter, const Slide &slide, const SlideOptions &options, unsigned parts = Everything) const;
    /// The slide as an image of options.size pixels.
    QImage image(const Slide &slide, const SlideOptions &options, unsigned parts = Everything) const;

    // Layout, in slide units.
    static QRectF titleRect();
    static QRectF subtitleRect();
    static QRectF mapRect(const SlideOptions &options);
    /// The maps of \a slide: mapRect(), or its two halves on a compare slide.
    static QList<QRectF> mapRects(const Slide &slide, const SlideOptions &options);
    /// Where the table goes for \a slide (below the legend); empty without a table.
    static QRectF tableRect(const Slide &slide, const SlideOptions &options);
    /// Column widths of the table in slide units, from the widest cell of each
    /// column; they add up to tableRect().width().
    static QList<double> tableColumnWidths(const Slide &slide, const SlideOptions &options);
    /// Height of one table row in slide units.
    static double tableRowHeight(const Slide &slide, const SlideOptions &options);
    static constexpr double TableFontPixels = 17.0;

    /// Background, text and grid colours of the theme.
    static QColor backgroundColor(const SlideOptions &options);
    static QColor textColor(const SlideOptions &options);
    static QColor mutedTextColor(const SlideOptions &options);
    static QColor headerFillColor(const SlideOptions &options);
    static QColor bandFillColor(const SlideOptions &options);

private:
    QRectF mapExtent(const Slide &slide, const QRectF &rect) const;
    void paintMap(QPainter &painter, const Slide &slide, const SlideOptions &options) const;
    void paintPlan(QPainter &painter, int scenario, const QRectF &rect, const Slide &slide,
                   const SlideOptions &options) const;
    void paintFurniture(QPainter &painter, const Slide &slide, const SlideOptions &options) const;
    void paintTexts(QPainter &painter, const Slide &slide, const SlideOptions &options) const;
    void paintTable(QPainter &painter, const Slide &slide, const SlideOptions &options) const;

    const Project &mProject;
    std::shared_ptr<const PreparedGeometry> mGeometry;
};

} // namespace tessera::ui
