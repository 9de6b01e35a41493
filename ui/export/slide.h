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

/// What the map of a deck's overview slides shows: the whole plan, a given
/// rectangle (the canvas's current view, or a lon/lat box), or one territory.
struct SlideExtent {
    enum class Kind { Full, Rect, Territory };
    Kind kind = Kind::Full;
    QRectF rect;       ///< Kind::Rect: Web Mercator metres
    QString territory; ///< Kind::Territory: its name in the slide's scenario
};

/// One slide of a deck, ready to paint: which plan, where the map looks,
/// and the texts and figures to show (already formatted, from MetricsEngine).
struct Slide {
    int scenario = 0;        ///< index in the project's scenario list
    /// >= 0: a compare slide; this scenario's map goes left of scenario's, same extent.
    int beforeScenario = -1;
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
