#pragma once

#include "core/feedback.h"
#include "core/model/project.h"
#include "core/plan/whatiftransform.h"
#include "core/result.h"

#include <cstdint>
#include <string>
#include <vector>

namespace tessera::whatif {

/// The result of applying transforms: the input data as the transforms see it
/// and the plan they lead to.
struct Outcome {
    /// The project's input data with the data transforms applied (scaled
    /// attributes, added and moved reps); its scenario list is empty. Measure
    /// the new plan on this project.
    Project project;
    /// The new plan; transformsJson holds the transforms, baseline the source.
    Scenario scenario;
    /// Reps beyond this index were added by the transforms (they exist in
    /// `project` only; see storable()).
    std::size_t rosterSize = 0;
    /// Set when a transform ran the optimizer.
    bool optimized = false;
    bool balanced = true;     ///< every balance goal within its tolerance (when optimized)
    bool contiguous = true;   ///< every territory one piece (when optimized)
    std::size_t movedUnits = 0; ///< against the source plan
    /// Per transform, in order, what it did ("scaled 14 units, 2,310 accounts").
    std::vector<std::string> log;
};

/// How the optimizer runs inside a what-if. No wall-clock limit, so the same
/// data, transforms and seed always give the same plan.
struct ApplyOptions {
    std::uint64_t seed = 1;
    std::int64_t workBudget = 0; ///< 0 = automatic
    Feedback *feedback = nullptr;
};

/// Applies an ordered list of what-if transforms to a project's input data
/// and one of its scenarios, deterministically. The transforms are data
/// (Scenario::transformsJson): applying them again to changed input data
/// gives the changed result. Nothing of the given project or scenario changes.
class Applier {
public:
    explicit Applier(const Project &project) : mProject(project) {}

    /// Applies \a transforms in order to \a source. Unknown reps, attributes or
    /// filter fields, and territory counts out of range fail with a message
    /// naming the transform; a cancelled optimizer run fails with Cancelled.
    Result<Outcome> apply(const Scenario &source, const std::vector<Transform> &transforms,
                          const ApplyOptions &options = {}) const;

    /// The input data \a transforms describe, without touching any plan: the
    /// project's units, accounts, reps and settings with the attributes scaled
    /// and reps moved or added (an added rep the roster already holds, by id,
    /// takes the transform's home and capacity). The plan transforms (remove
    /// a rep, territory count, tolerance, re-optimization) are skipped: their
    /// result is the stored plan. The scenario list is empty.
    Result<Project> inputData(const std::vector<Transform> &transforms) const;

    /// \a outcome's scenario as the project file can hold it: territories
    /// served by an added rep keep the rep's name but no rep (the project's
    /// roster is shared by every scenario; the transform recreates the rep).
    static Scenario storable(const Outcome &outcome);

private:
    const Project &mProject;
};

} // namespace tessera::whatif
