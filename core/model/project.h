#pragma once

#include "core/model/accountlayer.h"
#include "core/model/adjacencygraph.h"
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
    std::string mSettingsJson = "{}";
};

} // namespace tessera
