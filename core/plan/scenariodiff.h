#pragma once

#include "core/feedback.h"
#include "core/metrics/metricoptions.h"
#include "core/model/ids.h"
#include "core/result.h"

#include <cmath>
#include <string>
#include <vector>

namespace tessera {

class Project;
struct Scenario;

/// One figure in two plans. Undefined (NaN) on a side where the figure does
/// not exist (a territory only one plan has, a rep without capacity).
struct FigureChange {
    double before = 0.0;
    double after = 0.0;
    /// after − before; undefined when either side is.
    double delta() const { return after - before; }
    bool isDefined() const { return std::isfinite(before) && std::isfinite(after); }
    bool operator==(const FigureChange &o) const;
};

/// A unit whose territory differs between the two plans.
struct MovedUnit {
    UnitId unit;
    std::string unitKey;   ///< the id users see (FIPS code, ZIP)
    std::string unitName;
    std::string from;      ///< territory name in plan A; empty when unassigned there
    std::string to;        ///< territory name in plan B; empty when unassigned there
    std::size_t accounts = 0; ///< accounts located in the unit (they move with it unless overridden)
    /// Why it moved: the optimizer's explanation stored with plan B when it
    /// made this move, else a plain reason ("Hand edit", "Rebalance", "New territory", …).
    std::string reason;
    bool operator==(const MovedUnit &) const = default;
};

/// Every MetricsEngine figure of one territory in both plans. Territories are
/// matched by name; one only a plan has shows 0 (sums, counts) or undefined
/// (ratios) on the other side.
struct TerritoryDelta {
    std::string name;
    TerritoryId before;   ///< id in plan A; invalid when A has no territory of that name
    TerritoryId after;    ///< id in plan B; invalid when B has none
    std::string repBefore; ///< rep names; empty without a rep
    std::string repAfter;
    FigureChange units;
    FigureChange accounts;
    std::vector<FigureChange> attributes; ///< parallel to ScenarioDiff::attributeNames
    FigureChange workloadHours;
    FigureChange travelHours;
    FigureChange utilisation;    ///< workload ÷ capacity (1 = full)
    FigureChange areaKm2;
    FigureChange polsbyPopper;   ///< compactness, 1 = disc
    FigureChange pieces;         ///< contiguity: connected pieces (1 = contiguous)
    std::size_t unitsGained = 0; ///< units in B's territory that A put elsewhere
    std::size_t unitsLost = 0;
    bool operator==(const TerritoryDelta &) const = default;
};

/// What plan B means for one rep compared with plan A.
struct RepImpact {
    RepId rep;
    std::string name;
    std::size_t accountsGained = 0;
    std::size_t accountsLost = 0;
    double revenueGained = 0.0;   ///< MetricOptions::revenueAttribute of the gained accounts
    double revenueLost = 0.0;
    FigureChange workloadHours;   ///< over the rep's territories
    FigureChange travelHours;
    bool operator==(const RepImpact &) const = default;
};

/// The difference between two plans of one project: moved units and
/// accounts, per-territory figure changes and per-rep impact. Every figure
/// comes from MetricsEngine (plan B measured with plan A as its baseline).
struct ScenarioDiff {
    std::string before;                    ///< scenario names
    std::string after;
    std::vector<std::string> attributeNames; ///< the balanced attributes
    std::vector<MovedUnit> movedUnits;     ///< in unit order
    std::size_t movedAccounts = 0;         ///< accounts whose territory changed
    double movedRevenue = 0.0;
    std::size_t accountsChangingRep = 0;
    std::vector<TerritoryDelta> territories; ///< B's territories in order, then those only A has
    std::vector<RepImpact> reps;           ///< reps serving a territory in either plan, in rep order
    FigureChange noncontiguousTerritories;
    FigureChange cutEdges;                 ///< adjacency edges between territories (boundary length proxy)
    bool operator==(const ScenarioDiff &) const = default;
};

/// Compares plan \a after with plan \a before (both of \a project), each
/// measured on the input data its what-if transforms describe (ScenarioMetrics::input).
Result<ScenarioDiff> diffScenarios(const Project &project, const Scenario &before, const Scenario &after,
                                   const MetricOptions &options = {}, Feedback *feedback = nullptr);

/// As above, with plan \a before measured on \a projectBefore and plan
/// \a after on \a projectAfter: the same units with other input data (a
/// what-if's scaled attributes, added or moved reps). Reps are named from
/// \a projectAfter, whose roster extends the other's.
Result<ScenarioDiff> diffScenarios(const Project &projectBefore, const Scenario &before, const Project &projectAfter,
                                   const Scenario &after, const MetricOptions &options = {},
                                   Feedback *feedback = nullptr);

} // namespace tessera
