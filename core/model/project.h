#pragma once

#include "core/model/accountlayer.h"
#include "core/model/adjacencygraph.h"
#include "core/model/kpisnapshot.h"
#include "core/model/rep.h"
#include "core/model/scenario.h"
#include "core/model/unitlayer.h"

#include <string>
#include <vector>

namespace tessera {

/// Everything a .tessera file holds, in memory: the geography, its adjacency,
/// accounts, reps and the scenarios built on them. Plain data; loading and
/// saving live in core/store, derived figures in core/metrics.
class Project {
public:
    UnitLayer &units() { return mUnits; }
    const UnitLayer &units() const { return mUnits; }

    AccountLayer &accounts() { return mAccounts; }
    const AccountLayer &accounts() const { return mAccounts; }

    std::vector<Rep> &reps() { return mReps; }
    const std::vector<Rep> &reps() const { return mReps; }
    /// Appends \a rep, assigning its id; returns the id.
    RepId addRep(Rep rep);

    const AdjacencyGraph &adjacency() const { return mAdjacency; }
    void setAdjacency(AdjacencyGraph graph) { mAdjacency = std::move(graph); }

    std::vector<Scenario> &scenarios() { return mScenarios; }
    const std::vector<Scenario> &scenarios() const { return mScenarios; }
    /// The scenario named \a name, or nullptr.
    const Scenario *findScenario(const std::string &name) const;
    Scenario *findScenario(const std::string &name);

    /// Account KPI snapshots, oldest date first.
    const std::vector<KpiSnapshot> &kpiSnapshots() const { return mKpiSnapshots; }
    /// For edits that keep the dates (remapping rows to a new account layer).
    std::vector<KpiSnapshot> &kpiSnapshots() { return mKpiSnapshots; }
    /// Adds \a snapshot, replacing the one of the same date; keeps dates in order.
    void putKpiSnapshot(KpiSnapshot snapshot);
    /// The snapshot with the latest date, or nullptr.
    const KpiSnapshot *latestKpiSnapshot() const;
    /// The snapshot before the latest, or nullptr (trends compare the two).
    const KpiSnapshot *previousKpiSnapshot() const;

    /// Project-level settings (name, description, CRS notes) as JSON text.
    const std::string &settingsJson() const { return mSettingsJson; }
    void setSettingsJson(std::string json) { mSettingsJson = std::move(json); }

    bool operator==(const Project &) const = default;

private:
    UnitLayer mUnits;
    AdjacencyGraph mAdjacency;
    AccountLayer mAccounts;
    std::vector<Rep> mReps;
    std::vector<Scenario> mScenarios;
    std::vector<KpiSnapshot> mKpiSnapshots;
    std::string mSettingsJson = "{}";
};

} // namespace tessera
