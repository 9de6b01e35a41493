#pragma once

#include "core/feedback.h"
#include "core/model/alignment.h"
#include "core/model/territory.h"
#include "core/optimizer/optimizeroptions.h"
#include "core/optimizer/optimizerresult.h"
#include "core/result.h"

#include <QFutureWatcher>
#include <QObject>
#include <QString>
#include <QStringList>

class QUndoCommand;

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace tessera::ui {

class Document;

/// What the user asked for in Territory ▸ Optimize…, in product terms.
struct OptimizeRequest {
    struct Balance {
        std::string attribute;   ///< unit or account attribute, or "accounts"
        double tolerance = 0.05; ///< relative deviation from the mean (0.05 = ±5 %)
    };
    /// Number of territories (k).
    int territories = 2;
    /// Attributes to balance, each with its tolerance.
    std::vector<Balance> balance;
    /// Travel (distance to the territory centre) or shared boundary length.
    CompactnessObjective compactness = CompactnessObjective::Travel;
    /// Every territory one piece on the unit adjacency.
    bool contiguity = true;
    /// With contiguity: islands and exclaves count as touching their nearest
    /// unit, so they can join a territory on the mainland (as `tessera-cli
    /// optimize --bridge-islands`); otherwise each needs whole territories.
    bool joinIslands = true;
    /// Rebalance the current plan with minimal disruption instead of a new plan.
    bool rebalance = false;
    /// Hard cap on moved units when rebalancing; -1 = no cap.
    int moveCap = -1;
    /// Utilisation limit (workload incl. travel ÷ the rep's capacity, 1.1 =
    /// 110 %); 0 = none. Needs a rep with a home on every territory.
    double utilisationMax = 0.0;
    /// Same seed, same plan.
    std::uint64_t seed = 1;
    /// Where the reps live: a new plan is built around the reps' homes (the
    /// unit holding each home is its territory's centre) when every territory
    /// has a rep with a home; false lets the optimizer choose the centres.
    bool repCentres = true;
    /// Wall-clock safety stop in seconds.
    double timeLimitSeconds = 60.0;
    /// Work budget in evaluated moves; 0 = automatic. Larger = longer, better.
    std::int64_t workBudget = 0;

    /// The scenario's territory count and population (or accounts) ±5 %.
    static OptimizeRequest defaults(const Document &document);
};

/// One finished run: the figures and the plan that was (or would be) applied.
struct OptimizationOutcome {
    OptimizerResult result;
    OptimizerOptions options;
    std::vector<std::string> attributeNames; ///< indexed by BalanceGoal::attribute
    std::vector<std::string> unitKeys;       ///< for the explanations
    std::vector<Territory> territories;      ///< the new territory list
    Alignment alignment;                     ///< the new alignment (locks and account overrides kept)
    std::vector<std::string> repsOutside;    ///< reps whose home could not be kept in their territory
    bool boundaryInKm = false;               ///< the adjacency carries shared lengths
    std::vector<std::string> lines;          ///< the result in words (plan::resultLines), set when finished

    /// One line: objective in its unit, the bound in words, moved units,
    /// balance, contiguity and any territory breaking a constraint.
    QString summary() const;
    /// One line per moved unit saying why it moved.
    QStringList explanations() const;
};

/// Runs the territory optimizer on the document's scenario off the GUI
/// thread. Progress arrives as queued signals; on success the new plan is
/// pushed as one undo command ("Optimize Territories"), on failure or cancel
/// nothing changes. The dialog and the tests use this same path.
class OptimizationRun : public QObject {
    Q_OBJECT

public:
    explicit OptimizationRun(Document *document, QObject *parent = nullptr);
    /// Cancels a running optimization and waits for it to stop.
    ~OptimizationRun() override;

    /// Builds the problem from the current scenario (on this thread) and
    /// starts the search on a worker thread. Fails at once (nothing started)
    /// when the request does not fit the project.
    Result<void> start(const OptimizeRequest &request);
    /// Takes back the plan this run applied, leaving the undo stack as it was
    /// before the run (no redoable step). False when the plan is no longer the
    /// last step on the stack.
    bool discard();
    /// Asks the running search to stop; finished() follows soon.
    void cancel();
    bool isRunning() const;

    /// The last successful run (valid after finished(true)).
    const OptimizationOutcome &outcome() const { return mOutcome; }
    /// The last failure (cancelled, infeasible, ...), after finished(false).
    const Error &error() const { return mError; }

    /// The unit of the best value and bound that progress() reports ("km",
    /// "km of border", "cut edges", "moved units"); set by start().
    const QString &objectiveUnit() const { return mObjectiveUnit; }
    /// What that figure is ("population-weighted root-mean-square distance to the centre").
    const QString &objectiveLabel() const { return mObjectiveLabel; }
    /// \a objective (an optimizer objective value) as progress() reports it.
    double shownObjective(double objective) const;

    /// The optimizer options and problem attribute order for \a request.
    static OptimizerOptions toOptions(const OptimizeRequest &request);

signals:
    /// \a best and \a bound (shownObjective(), in objectiveUnit()) are NaN until the search reports them.
    void progress(double fraction, const QString &phase, double best, double bound);
    /// \a applied: the plan was pushed onto the undo stack.
    void finished(bool applied);

private:
    struct Shared;
    void onFinished();

    Document *mDocument;
    std::shared_ptr<Shared> mShared;
    QFutureWatcher<void> mWatcher;
    OptimizationOutcome mOutcome;
    Error mError;
    QUndoCommand *mApplied = nullptr; ///< owned by the undo stack
    int mAppliedIndex = -1;           ///< stack index right after the push
    QString mObjectiveUnit;
    QString mObjectiveLabel;
};

} // namespace tessera::ui
