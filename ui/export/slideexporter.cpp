#include "ui/export/slideexporter.h"

#include "core/feedback.h"
#include "core/io/stagedoutput.h"
#include "ui/export/pptxwriter.h"
#include "ui/export/sliderenderer.h"

#include <QDir>
#include <QFileInfo>
#include <QImageWriter>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSvgGenerator>

namespace tessera::ui {

namespace {

/// Several PNG/SVG slides: plan.png -> plan-01.png, plan-02.png...
QString numbered(const QString &path, int index, int count)
{
    if (count <= 1)
        return path;
    const QFileInfo info(path);
    return info.dir().filePath(QStringLiteral("%1-%2.%3")
                                   .arg(info.completeBaseName())
                                   .arg(index + 1, count >= 100 ? 3 : 2, 10, QLatin1Char('0'))
                                   .arg(info.suffix()));
}

Error writeError(const QString &what, const QString &path)
{
    return makeError(ErrorCode::IoError, what.toStdString(), path.toStdString());
}

} // namespace

std::optional<SlideExporter::Format> SlideExporter::formatForKey(const QString &key)
{
    const QString k = key.trimmed().toLower();
    if (k == QLatin1String("png"))
        return Format::Png;
    if (k == QLatin1String("svg"))
        return Format::Svg;
    if (k == QLatin1String("pdf"))
        return Format::Pdf;
    if (k == QLatin1String("pptx"))
        return Format::Pptx;
    return std::nullopt;
}

QString SlideExporter::key(Format format)
{
    switch (format) {
    case Format::Png:
        return QStringLiteral("png");
    case Format::Svg:
        return QStringLiteral("svg");
    case Format::Pdf:
        return QStringLiteral("pdf");
    case Format::Pptx:
        return QStringLiteral("pptx");
    }
    return {};
}

QStringList SlideExporter::keys()
{
    return {QStringLiteral("png"), QStringLiteral("svg"), QStringLiteral("pdf"), QStringLiteral("pptx")};
}

QString SlideExporter::nameFilter(Format format)
{
    switch (format) {
    case Format::Png:
        return QObject::tr("PNG image (*.png)");
    case Format::Svg:
        return QObject::tr("SVG drawing (*.svg)");
    case Format::Pdf:
        return QObject::tr("PDF document (*.pdf)");
    case Format::Pptx:
        return QObject::tr("PowerPoint presentation (*.pptx)");
    }
    return {};
}

Result<QStringList> SlideExporter::write(Format format, const SlideRenderer &renderer, const QList<Slide> &slides,
                                         const SlideOptions &options, const QString &path, Feedback *feedback)
{
    if (slides.isEmpty())
        return makeError(ErrorCode::InvalidArgument, "no slide to export", path.toStdString());
    auto staged = io::StagedOutput::create(path.toStdString());
    if (!staged)
        return staged.error();
    const QString stagedPath = QString::fromStdString(staged->path());
    QStringList written;
    const int count = static_cast<int>(slides.size());
    switch (format) {
    case Format::Png:
        for (int i = 0; i < count; ++i) {
            if (isCancelled(feedback))
                return makeError(ErrorCode::Cancelled, "export cancelled", path.toStdString());
            reportProgress(feedback, static_cast<double>(i) / count, "slides");
            QImageWriter writer(numbered(stagedPath, i, count), "png");
            if (!writer.write(renderer.image(slides[i], options)))
                return writeError(QObject::tr("cannot write the image (%1)").arg(writer.errorString()), path);
            written << numbered(path, i, count);
        }
        break;
    case Format::Svg:
        for (int i = 0; i < count; ++i) {
            if (isCancelled(feedback))
                return makeError(ErrorCode::Cancelled, "export cancelled", path.toStdString());
            reportProgress(feedback, static_cast<double>(i) / count, "slides");
            QSvgGenerator generator;
            generator.setFileName(numbered(stagedPath, i, count));
            generator.setSize(QSize(static_cast<int>(SlideRenderer::PageWidth), static_cast<int>(SlideRenderer::PageHeight)));
            generator.setViewBox(QRectF(0, 0, SlideRenderer::PageWidth, SlideRenderer::PageHeight));
            generator.setResolution(SlideRenderer::PaintDpi);
            generator.setTitle(slides[i].title.toHtmlEscaped()); // written into the file as is
            QPainter painter;
            if (!painter.begin(&generator))
                return writeError(QObject::tr("cannot write the drawing"), path);
            painter.setRenderHint(QPainter::Antialiasing);
            renderer.paint(painter, slides[i], options);
            painter.end();
            written << numbered(path, i, count);
        }
        break;
    case Format::Pdf: {
        QPdfWriter writer(stagedPath);
        // A 16:9 widescreen page (13.333 × 7.5 in, PowerPoint's) holding 1920 × 1080 slide units.
        writer.setPageLayout(QPageLayout(QPageSize(QSizeF(13.333, 7.5), QPageSize::Inch), QPageLayout::Landscape,
                                         QMarginsF(0, 0, 0, 0)));
        writer.setResolution(SlideRenderer::PaintDpi);
        writer.setTitle(slides.front().title);
        writer.setCreator(QStringLiteral("Tessera"));
        QPainter painter;
        if (!painter.begin(&writer))
            return writeError(QObject::tr("cannot write the document"), path);
        painter.setRenderHint(QPainter::Antialiasing);
        const double scale = writer.width() / SlideRenderer::PageWidth;
        for (int i = 0; i < count; ++i) {
            if (isCancelled(feedback))
                return makeError(ErrorCode::Cancelled, "export cancelled", path.toStdString());
            reportProgress(feedback, static_cast<double>(i) / count, "slides");
            if (i > 0)
                writer.newPage();
            painter.save();
            painter.scale(scale, scale);
            renderer.paint(painter, slides[i], options);
            painter.restore();
        }
        painter.end();
        written << path;
        break;
    }
    case Format::Pptx: {
        auto result = PptxWriter::write(renderer, slides, options, stagedPath, feedback);
        if (!result) {
            Error error = result.error();
            error.context = path.toStdString();
            return error;
        }
        written << path;
        break;
    }
    }
    if (isCancelled(feedback))
        return makeError(ErrorCode::Cancelled, "export cancelled", path.toStdString());
    if (auto committed = staged->commit(); !committed)
        return committed.error();
    return written;
}

} // namespace tessera::ui
