#pragma once

#include "core/result.h"
#include "ui/export/slide.h"
#include "ui/export/slideoptions.h"

#include <QList>

namespace tessera {
class Feedback;
class Project;
} // namespace tessera

namespace tessera::io {
class FigureTable;
}

namespace tessera::ui {

/// Builds the slides of a deck from a project: every figure comes from a
/// MetricsEngine built for the slide's scenario, through io::FigureTable.
class SlideDeck {
public:
    enum class Kind {
        Scenario,    ///< one slide: the chosen scenario
        Scenarios,   ///< one slide per scenario
        Territories  ///< the chosen scenario, then one slide per non-empty territory, zoomed to it
    };

    /// Fails with NotFound for an unknown scenario index, or when a metrics
    /// engine cannot be built.
    static Result<QList<Slide>> build(const Project &project, Kind kind, int scenario, const SlideOptions &options,
                                      Feedback *feedback = nullptr);

    /// FigureTable column keys of the overview table: the territory, then
    /// options.metrics, or by default accounts, the first other balanced
    /// attribute and its deviation, workload and utilisation.
    static QStringList tableKeys(const io::FigureTable &figures, const SlideOptions &options);

    /// A compare slide: \a baseline's map and \a scenario's side by side, a
    /// table of the changed territories' deltas (units, accounts, revenue,
    /// workload, travel) followed by the per-rep impact (accounts and revenue
    /// gained / lost, workload and travel change), and the plan's moves in the
    /// subtitle; every figure from core's diffScenarios.
    static Result<Slide> compare(const Project &project, int scenario, int baseline, const SlideOptions &options);

    /// Points the map of every slide that shows a whole plan (overview and
    /// compare slides, not territory slides) at \a extent. A territory is
    /// looked up by name in each slide's scenario; fails with NotFound when
    /// no slide's scenario has it.
    static Result<void> applyExtent(const Project &project, QList<Slide> &slides, const SlideExtent &extent);

    /// The overview slide of \a scenario (also the dialog's preview).
    static Result<Slide> overview(const Project &project, int scenario, const SlideOptions &options);
};

} // namespace tessera::ui
