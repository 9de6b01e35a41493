#pragma once

#include "core/routing/repplan.h"
#include "ui/canvas/maplayer.h"

#include <memory>

namespace tessera::ui {

/// A rep's planned days on the map: each day's route from home and back as a
/// line in the day's colour, with numbered stops, and the rep's home.
class RouteLayer : public MapLayer {
public:
    RouteLayer();

    /// The plan to show (null = nothing) and which day (-1 = every day).
    void setPlan(std::shared_ptr<const RepPlan> plan, int day = -1);
    const std::shared_ptr<const RepPlan> &plan() const { return mPlan; }
    int day() const { return mDay; }

    /// The colour of day \a day (0-based).
    static QColor dayColor(int day);

    std::unique_ptr<LayerRenderer> createRenderer(const MapRenderContext &context) const override;
    QString legendTitle() const override;
    QList<LegendEntry> legend() const override;

private:
    std::shared_ptr<const RepPlan> mPlan;
    int mDay = -1;
};

} // namespace tessera::ui
