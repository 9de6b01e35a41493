#pragma once

#include "core/metrics/metricoptions.h"
#include "core/model/ids.h"
#include "core/optimizer/districtingproblem.h"
#include "core/result.h"

#include <string>
#include <vector>

namespace tessera {
class Project;
struct OptimizerOptions;
struct Scenario;
}

namespace tessera::plan {

/// Where the centres of a new plan lie: "where should the reps live".
enum class CentrePlacement {
    /// At the reps' homes when every territory of the new plan has a rep with
    /// a home: the unit holding each rep's home is that territory's fixed
    /// centre and is kept in it, so every rep lives inside their territory.
    /// Otherwise (or when rebalancing) as Free.
    RepHomes,
    /// Wherever travel is least (the optimizer chooses a centre unit per
    /// territory); each territory then goes to the rep whose home serves it
    /// best (labelsByHome()), so a rep may live outside their territory.
    Free
};

/// The optimizer problem of a new plan or a rebalancing of one scenario,
/// built the same way for the GUI and the CLI.
struct ScenarioProblem {
    DistrictingProblem problem;
    /// Per territory of the new plan, the unit holding its rep's home (the
    /// fixed centre); empty when the centres are free.
    std::vector<UnitId> homeUnits;
    /// Reps whose home unit could not be kept in their territory (the unit is
    /// locked to another territory, or holds another rep's home too), by name.
    std::vector<std::string> repsOutside;
};

/// Builds the problem for \a options.territories territories from \a scenario:
/// unit centroids, \a attributes (see problemFromProject()), adjacency, the
/// current plan and its locks. Sets \a options.centres. A unit locked to a
/// territory the new plan does not have, a territory count out of range, or a
/// rebalancing that changes the territory count fail with a message.
/// With a utilisation limit (OptimizerOptions::utilisationMax) and a rep with a
/// home on every territory, the workload per territory and unit and the reps'
/// capacities are filled in with \a metricOptions' travel rule.
Result<ScenarioProblem> scenarioProblem(const Project &project, const Scenario &scenario,
                                        const std::vector<std::string> &attributes, OptimizerOptions &options,
                                        CentrePlacement placement, const MetricOptions &metricOptions = {});

} // namespace tessera::plan
