#pragma once

#include "core/feedback.h"
#include "core/metrics/changeset.h"
#include "core/metrics/metricoptions.h"
#include "core/model/project.h"
#include "core/plan/whatiftransform.h"
#include "core/result.h"

#include <memory>
#include <string>
#include <vector>

namespace tessera {

class MetricsEngine;

/// The figures of a project's scenarios, each measured on the input data its
/// stored what-if transforms describe (attributes scaled, reps moved or
/// added): the one owner the window, the CLI, compare and export ask for a
/// scenario's figures, so they all agree with what the what-if previewed.
///
/// show() switches between scenarios: on the same input data the engine moves
/// only the units whose territory differs (MetricsEngine::switchTo); the
/// transformed input data of the last few what-if scenarios and their engines
/// are kept, so switching back and forth never rebuilds them.
///
/// Borrows the project: its input data (units, accounts, reps, adjacency)
/// must not change while this lives; build a new one then.
class ScenarioMetrics {
public:
    /// Disruption is measured against \a baseline when given (borrowed).
    ScenarioMetrics(const Project &project, MetricOptions options, const Scenario *baseline = nullptr);
    ~ScenarioMetrics();
    ScenarioMetrics(const ScenarioMetrics &) = delete;
    ScenarioMetrics &operator=(const ScenarioMetrics &) = delete;

    /// The stored transforms of \a scenario that change input data (scale,
    /// add and move rep), in order; empty for a plain scenario.
    static Result<std::vector<whatif::Transform>> dataTransforms(const Scenario &scenario);

    /// A scenario as measured, for one-off figures (a diff): the input data
    /// (null = the project's own) and the scenario with the territories of
    /// reps its transforms added linked to those reps.
    struct Input {
        std::shared_ptr<const Project> data;
        Scenario scenario;
        const Project &dataOr(const Project &project) const { return data ? *data : project; }
    };
    static Result<Input> input(const Project &project, const Scenario &scenario);

    /// A scenario measured once on its input data (health, audit, slides):
    /// the engine with the transformed data it borrows, kept alive together.
    struct Measured {
        std::shared_ptr<const Project> data;   ///< null = the project's own
        Scenario scenario;                     ///< as measured: added reps linked
        std::unique_ptr<MetricsEngine> engine;
        const Project &dataOr(const Project &project) const { return data ? *data : project; }

        Measured();
        Measured(Measured &&) noexcept;
        Measured &operator=(Measured &&) noexcept;
        ~Measured();
    };
    /// Measures \a scenario of \a project with \a options (disruption against
    /// \a baseline when given) on the data its transforms describe.
    static Result<Measured> measure(const Project &project, const Scenario &scenario, const MetricOptions &options = {},
                                    const Scenario *baseline = nullptr, Feedback *feedback = nullptr);

    /// Makes the figures describe \a scenario. On failure the previous
    /// figures are dropped (engine() is null).
    Result<ChangeSet> show(const Scenario &scenario, Feedback *feedback = nullptr);

    /// The engine of the last show(); null before or after a failure.
    const MetricsEngine *engine() const;
    MetricsEngine *engine();
    /// The input data the figures are measured on: the project, or its copy
    /// with the scenario's data transforms applied.
    const Project &data() const;
    /// True when the shown scenario has data transforms.
    bool isTransformed() const;
    const MetricOptions &options() const { return mOptions; }

private:
    struct Slot;
    /// Territories served by an added rep that the file holds without one are linked to it.
    static bool linkAddedReps(const std::vector<whatif::Transform> &transforms, const Project &data, Scenario &scenario);

    const Project &mProject;
    MetricOptions mOptions;
    const Scenario *mBaseline;
    std::vector<std::unique_ptr<Slot>> mSlots; ///< most recently shown first; key "" = the project's own data
    Slot *mCurrent = nullptr;
};

} // namespace tessera
