#pragma once

#include "ui/canvas/maplayer.h"

#include <QString>

#include <vector>

namespace tessera::ui {

/// Unit fills: by territory colour, or a choropleth of one attribute
/// (thematic mode, quantile classes on a colour-blind-safe ramp, with a
/// legend). Thin unit borders are drawn when units are large enough on
/// screen; locked units are hatched.
class UnitFillLayer : public MapLayer {
public:
    UnitFillLayer();

    /// Empty = colour by territory; otherwise the attribute (TerritoryStatistics name) to map.
    void setThematicAttribute(const QString &attribute) { mThematicAttribute = attribute; }
    const QString &thematicAttribute() const { return mThematicAttribute; }
    static constexpr int ClassCount = 7;

    std::unique_ptr<LayerRenderer> createRenderer(const MapRenderContext &context) const override;
    QString legendTitle() const override;
    QList<LegendEntry> legend() const override;

private:
    QString mThematicAttribute;
    mutable std::vector<double> mBreaks; ///< upper bounds of the thematic classes, from the last renderer
};

} // namespace tessera::ui
