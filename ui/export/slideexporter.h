#pragma once

#include "core/result.h"
#include "ui/export/slide.h"
#include "ui/export/slideoptions.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace tessera {
class Feedback;
}

namespace tessera::ui {

class SlideRenderer;

/// Writes a deck of slides as PNG, SVG, PDF or PPTX. A deck of several
/// slides becomes one PDF or PPTX file, or numbered PNG/SVG files
/// (plan-01.png, plan-02.png...). Files are written aside and moved into
/// place at the end: a failed or cancelled export leaves nothing behind.
class SlideExporter {
public:
    enum class Format { Png, Svg, Pdf, Pptx };

    /// "png", "svg", "pdf", "pptx" (any case).
    static std::optional<Format> formatForKey(const QString &key);
    static QString key(Format format);
    static QStringList keys();
    /// A Qt file-dialog filter entry, e.g. "PowerPoint (*.pptx)".
    static QString nameFilter(Format format);

    /// Writes \a slides; returns the paths written.
    static Result<QStringList> write(Format format, const SlideRenderer &renderer, const QList<Slide> &slides,
                                     const SlideOptions &options, const QString &path, Feedback *feedback = nullptr);
};

} // namespace tessera::ui
