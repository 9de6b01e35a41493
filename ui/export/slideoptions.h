#pragma once

#include <QSize>
#include <QString>
#include <QStringList>

namespace tessera::ui {

/// How slides look; the same options drive the export dialog's preview, the
/// written files and `tessera-cli export`.
struct SlideOptions {
    enum class Theme { Light, Dark };

    QString title;                 ///< empty = the scenario name
    QString subtitle;              ///< empty = territory, unit and account counts
    QSize size{1920, 1080};        ///< output pixels (PNG); vector formats keep the 16:9 page
    int dpi = 144;                 ///< resolution stored in PNG files
    Theme theme = Theme::Light;

    // Map layers
    bool basemap = true;           ///< offline land, country and state outlines
    bool fills = true;             ///< units in their territory colour
    bool borders = true;           ///< dissolved territory borders
    bool labels = true;            ///< territory names (and rep names)
    bool repHomes = true;
    bool accounts = false;

    // Furniture
    bool legend = true;
    bool scaleBar = true;
    bool northArrow = true;
    bool table = true;             ///< the metrics table
    /// FigureTable column keys shown in the table (territory name always first);
    /// empty = accounts, the first balanced attribute and its deviation, workload, utilisation.
    QStringList metrics;
    QString attribution;           ///< empty = the data credits of the basemap and the project
};

} // namespace tessera::ui
