#pragma once

#include "core/metrics/metricoptions.h"
#include "core/metrics/spread.h"
#include "core/model/ids.h"
#include "core/result.h"

#include <limits>
#include <string>
#include <vector>

namespace tessera {

class MetricsEngine;
class Project;
struct Scenario;

/// One rep's figures in a scenario.
struct RepFigures {
    bool serves = false;          ///< the rep serves at least one territory
    double potential = 0.0;       ///< the potential attribute summed over the rep's territories
    double workloadHours = 0.0;   ///< account hours plus travel
    double travelHours = 0.0;
    double capacityHours = 0.0;
    double utilisation = std::numeric_limits<double>::quiet_NaN();         ///< workload ÷ capacity; NaN without a capacity
    std::size_t accounts = 0;
    std::size_t skillMismatches = 0; ///< accounts served whose required skills the rep lacks (SkillMatch)
};

/// One rep in the audit: the scenario against the baseline, and what the
/// change moved to and from them.
struct RepAudit {
    RepId rep;
    RepFigures current;
    RepFigures baseline;
    std::size_t accountsGained = 0;
    std::size_t accountsLost = 0;
    double revenueGained = 0.0;
    double revenueLost = 0.0;
    /// Share of the rep's baseline accounts they still serve; NaN when they had none.
    double keptShare = std::numeric_limits<double>::quiet_NaN();
};

/// Who gains and who loses when a plan changes: per rep figures and the
/// spread of potential and workload across the reps who serve territories,
/// for the scenario and its baseline side by side.
struct FairnessAudit {
    std::string potentialAttribute;
    std::vector<RepAudit> reps;    ///< reps serving a territory in either plan, in rep order
    Spread potential, workload;    ///< over the scenario's serving reps
    Spread baselinePotential, baselineWorkload;
    std::vector<std::pair<double, double>> potentialLorenz, baselinePotentialLorenz;
    std::vector<std::pair<double, double>> workloadLorenz, baselineWorkloadLorenz;

    /// Audits \a current (an engine whose baseline is set to the plan of
    /// \a baseline) against \a baseline, both balancing \a potentialAttribute.
    /// NotFound when either engine lacks that attribute; InvalidArgument when
    /// \a current has no baseline.
    static Result<FairnessAudit> measure(const MetricsEngine &current, const MetricsEngine &baseline,
                                         const std::string &potentialAttribute);

    /// The scenario \a scenario (one of \a project's) is audited against by
    /// default: the baseline it names, else the project's baseline unless that
    /// is \a scenario itself; null when there is none.
    static const Scenario *defaultBaseline(const Project &project, const Scenario &scenario);
    /// Engine options for both plans of an audit: the project's default
    /// attributes plus \a potentialAttribute. NotFound when the project cannot
    /// resolve that attribute.
    static Result<MetricOptions> metricOptions(const Project &project, const std::string &potentialAttribute);
};

} // namespace tessera
