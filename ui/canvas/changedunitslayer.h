#pragma once

#include "core/model/ids.h"
#include "ui/canvas/maplayer.h"

#include <cstdint>
#include <vector>

namespace tessera::ui {

/// Units that changed territory between two plans, hatched in the colour of
/// their new territory and outlined, above the fills (the compare view).
class ChangedUnitsLayer : public MapLayer {
public:
    ChangedUnitsLayer();
    /// The units to hatch and, parallel, the 0xRRGGBB colour of each one's new territory.
    void setUnits(std::vector<UnitId> units, std::vector<std::uint32_t> colors);
    const std::vector<UnitId> &units() const { return mUnits; }
    std::unique_ptr<LayerRenderer> createRenderer(const MapRenderContext &context) const override;
    QString legendTitle() const override;
    QList<LegendEntry> legend() const override;

private:
    std::vector<UnitId> mUnits;
    std::vector<std::uint32_t> mColors;
};

} // namespace tessera::ui
