#pragma once

#include "ui/canvas/maplayer.h"

#include <QString>

namespace tessera::ui {

/// Labels: each territory's name and one chosen figure (e.g. its accounts)
/// at the territory's visual centre; unit names once units are large enough
/// on screen. Labels never overlap: larger territories are placed first and
/// a label that would collide is left out.
class LabelLayer : public MapLayer {
public:
    LabelLayer();

    /// The TerritoryStatistics attribute shown under territory names; empty shows none.
    void setMetricAttribute(const QString &attribute) { mMetric = attribute; }
    const QString &metricAttribute() const { return mMetric; }
    void setUnitLabels(bool on) { mUnitLabels = on; }

    std::unique_ptr<LayerRenderer> createRenderer(const MapRenderContext &context) const override;

private:
    QString mMetric = QStringLiteral("accounts");
    bool mUnitLabels = true;
};

} // namespace tessera::ui
