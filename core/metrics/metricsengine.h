#pragma once

#include "core/feedback.h"
#include "core/metrics/changeset.h"
#include "core/metrics/contiguitytracker.h"
#include "core/metrics/metricoptions.h"
#include "core/metrics/planmetrics.h"
#include "core/metrics/territorymetrics.h"
#include "core/metrics/unitweights.h"
#include "core/model/alignment.h"
#include "core/model/territory.h"
#include "core/result.h"

#include <cstdint>
#include <map>
#include <memory>
#include <span>
#include <vector>

namespace tessera {

class Project;
struct Scenario;

/// One unit and the territory it should go to (invalid = unassign).
struct UnitAssignment {
    UnitId unit;
    TerritoryId territory;
    bool operator==(const UnitAssignment &) const = default;
};

/// The figures of the territories a move would touch, before and after.
struct MovePreview {
    std::vector<TerritoryMetrics> before;
    std::vector<TerritoryMetrics> after; ///< parallel to before
    PlanMetrics planBefore;
    PlanMetrics planAfter;
};

/// Balance, workload, compactness, contiguity and disruption figures of one
/// plan, kept up to date as units change hands.
///
/// create() computes everything once; moveUnits() updates every figure in
/// time proportional to the moved units, their neighbours and accounts, plus
/// a search over the two territories involved and the plan summary, and
/// returns what changed. Sums are exact integers (FixedPoint), so the
/// incremental figures equal a full recompute bit for bit.
///
/// The engine borrows the project: its unit layer, account layer and
/// adjacency must not change while the engine lives (build a new engine
/// then); reps are re-read by setTerritories() and recompute().
/// Locks are not checked here: the caller decides what may move.
class MetricsEngine {
public:
    /// Builds the per-unit table and computes every figure for \a scenario
    /// (its territories, alignment and account overrides). When \a baseline is
    /// given, disruption is measured against it.
    static Result<std::unique_ptr<MetricsEngine>> create(const Project &project, const Scenario &scenario,
                                                         const MetricOptions &options = {},
                                                         const Scenario *baseline = nullptr,
                                                         Feedback *feedback = nullptr);
    ~MetricsEngine();
    MetricsEngine(const MetricsEngine &) = delete;
    MetricsEngine &operator=(const MetricsEngine &) = delete;

    const MetricOptions &options() const { return mOptions; }
    /// The project the figures are of.
    const Project &project() const { return mProject; }
    const UnitWeights &weights() const { return mWeights; }
    /// The balanced attributes, in the order of TerritoryMetrics::attributes.
    const std::vector<std::string> &attributeNames() const { return mWeights.attributeNames; }
    const std::vector<Territory> &territoryList() const { return mTerritories; }
    std::size_t territoryCount() const { return mTerritories.size(); }

    /// The alignment the figures describe (moves applied).
    const Alignment &alignment() const { return mAlignment; }
    TerritoryId territoryOf(UnitId unit) const { return mAlignment.territoryOf(unit); }

    const TerritoryMetrics &territory(TerritoryId id) const { return mMetrics.at(static_cast<std::size_t>(id.value())); }
    /// Index = territory id.
    const std::vector<TerritoryMetrics> &territories() const { return mMetrics; }
    const PlanMetrics &plan() const { return mPlan; }
    /// Units of \a territory, in no particular order.
    const std::vector<UnitId> &unitsOf(TerritoryId territory) const { return mContiguity.members(territory); }

    /// Moves \a units to \a to (invalid = unassign) and updates every figure.
    /// Fails with InvalidArgument, changing nothing, for an unknown unit or territory.
    Result<ChangeSet> moveUnits(std::span<const UnitId> units, TerritoryId to);
    /// Several moves at once (e.g. undoing a mixed selection); one ChangeSet.
    Result<ChangeSet> applyAssignments(std::span<const UnitAssignment> assignments);
    /// What moving \a units to \a to would do, leaving the engine as it was.
    Result<MovePreview> previewMove(std::span<const UnitId> units, TerritoryId to);

    /// Replaces the alignment (including account overrides) and recomputes.
    Result<ChangeSet> setAlignment(const Alignment &alignment, Feedback *feedback = nullptr);
    /// Replaces the territory list (count, names, reps) and recomputes; units
    /// assigned to a territory that no longer exists become unassigned.
    Result<ChangeSet> setTerritories(const std::vector<Territory> &territories);
    /// Makes the figures describe \a scenario (territories, alignment, account
    /// overrides) on the same project and options: switching plans. When the
    /// territory count, the reps and the account overrides stay, only the
    /// units that differ move (exact, like moveUnits(), and much faster than
    /// create()); otherwise every figure is recomputed, the per-unit table
    /// kept unless the overrides differ. Fails, changing nothing, for an
    /// alignment that does not fit.
    Result<ChangeSet> switchTo(const Scenario &scenario, Feedback *feedback = nullptr);
    /// Measures disruption against \a baseline (nullptr = no baseline).
    Result<ChangeSet> setBaseline(const Scenario *baseline);
    /// Recomputes every figure from scratch (reps re-read from the project).
    ChangeSet recompute();

private:
    MetricsEngine(const Project &project, MetricOptions options);

    /// Integer sums of one territory (index territoryCount() = unassigned).
    struct Accumulator {
        std::int64_t units = 0;
        std::int64_t accounts = 0;
        std::vector<std::int64_t> attributes;
        std::int64_t hours = 0, travel = 0, distance = 0;
        std::int64_t area = 0, perimeter = 0, internalShared = 0, boundaryShared = 0, cutEdges = 0;
        std::int64_t weight = 0, weightX = 0, weightY = 0, weightR2 = 0, sumX = 0, sumY = 0;
        std::int64_t unitsGained = 0, unitsLost = 0, accountsGained = 0, accountsLost = 0;
        std::int64_t revenueGained = 0, revenueLost = 0;
    };
    struct RepAccumulator {
        std::int64_t unitsGained = 0, unitsLost = 0, accountsGained = 0, accountsLost = 0;
        std::int64_t revenueGained = 0, revenueLost = 0;
    };

    std::size_t slot(TerritoryId t) const;
    RepId repOf(TerritoryId t) const;
    RepId baselineRepOf(TerritoryId t) const;
    const double *homeOf(RepId rep) const;

    void addUnit(UnitId unit, TerritoryId territory, int sign);
    void addEdge(TerritoryId a, TerritoryId b, std::int64_t length, int sign);
    void addUnitDisruption(UnitId unit, TerritoryId territory, int sign);
    void addAccountDisruption(TerritoryId current, TerritoryId base, std::int64_t revenue, int sign);
    void moveOne(UnitId unit, TerritoryId to, std::vector<TerritoryId> &touched);
    void addOverriddenAccount(const OverriddenAccount &account, int sign);
    TerritoryId normalised(TerritoryId t) const;

    Result<void> validate(std::span<const UnitAssignment> assignments) const;
    Result<void> validateAlignment(const Alignment &alignment, const char *what) const;
    Result<ChangeSet> apply(std::span<const UnitAssignment> assignments);
    void computeAll();
    TerritoryMetrics materialise(TerritoryId t) const;
    void materialisePlan(PlanMetrics &plan) const;
    ChangeSet everythingChanged();

    const Project &mProject;
    MetricOptions mOptions;
    UnitWeights mWeights;
    std::vector<Territory> mTerritories;
    Alignment mAlignment;
    std::vector<double> mRepHomes;           ///< 3 per rep: unit vector of the home
    std::vector<double> mRepCapacity;

    bool mHasBaseline = false;
    std::vector<TerritoryId> mBaselineUnits; ///< baseline territory per unit
    std::vector<RepId> mBaselineReps;        ///< rep per baseline territory id
    std::map<AccountId, TerritoryId> mBaselineOverrides;

    std::vector<Accumulator> mAccumulators;  ///< territoryCount() + 1 (unassigned)
    std::vector<std::int64_t> mTotals;       ///< per attribute, over real territories
    std::vector<RepAccumulator> mRepAccumulators;
    std::int64_t mCutEdges = 0;
    std::int64_t mUnitsMoved = 0, mAccountsMoved = 0, mRevenueMoved = 0, mAccountsChangingRep = 0;
    std::vector<std::vector<double>> mTargets; ///< [attribute][territory]; NaN = measure against the mean

    ContiguityTracker mContiguity;
    std::vector<TerritoryMetrics> mMetrics;
    PlanMetrics mPlan;
    PlanMetrics mSparePlan; ///< scratch for the next plan, so moves do not reallocate
};

} // namespace tessera
