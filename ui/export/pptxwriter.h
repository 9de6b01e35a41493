#pragma once

#include "core/result.h"
#include "ui/export/slide.h"
#include "ui/export/slideoptions.h"

#include <QList>
#include <QString>

namespace tessera {
class Feedback;
}

namespace tessera::ui {

class SlideRenderer;

/// Writes a deck as a PowerPoint file (Office Open XML, zipped with QuaZip):
/// per slide the map with its legend, scale bar, north arrow and
/// attribution as a picture, the title and subtitle as text boxes and the
/// metrics as a native, editable table (a:tbl).
///
/// Kept to what PowerPoint itself requires: `_rels/.rels` present, content
/// types only for parts that exist, relationship ids that match, slide ids
/// from 256, unique shape ids per slide, colours as hex, text XML-escaped,
/// and exactly one presProps, master, layout and theme.
class PptxWriter {
public:
    /// Slide size in EMU (16:9, 13.333 × 7.5 in).
    static constexpr long long SlideWidthEmu = 12192000;
    static constexpr long long SlideHeightEmu = 6858000;

    /// Writes \a slides to \a path (replaced if it exists).
    static Result<void> write(const SlideRenderer &renderer, const QList<Slide> &slides, const SlideOptions &options,
                              const QString &path, Feedback *feedback = nullptr);
};

} // namespace tessera::ui
