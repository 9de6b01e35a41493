#pragma once

#include "core/model/ids.h"

#include <QColor>
#include <QList>
#include <QRectF>
#include <QString>
#include <QStringList>

namespace tessera::ui {

/// A table as it appears on a slide (and as a native table in PPTX).
struct SlideTable {
    QStringList header;
    QList<QStringList> rows;
    QList<int> numericColumns; ///< right-aligned columns

    bool isEmpty() const { return rows.isEmpty(); }
};

/// One legend line: a territory colour and its name (with the rep).
struct SlideLegendEntry {
    QColor color;
    QString text;
};

/// One slide of a deck, ready to paint: which plan, where the map looks,
/// and the texts and figures to show (already formatted, from MetricsEngine).
struct Slide {
    int scenario = 0;        ///< index in the project's scenario list
    TerritoryId focus;       ///< zoom to this territory; invalid = the whole plan
    bool accounts = false;   ///< show accounts even when SlideOptions::accounts is off (territory slides)
    QRectF extent;           ///< Mercator extent to show; empty = derive from focus / all units
    QString title;
    QString subtitle;
    QList<SlideLegendEntry> legend;
    int legendMore = 0;      ///< territories left out of the legend
    SlideTable table;
};

} // namespace tessera::ui
