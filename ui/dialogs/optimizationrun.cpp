#include "ui/dialogs/optimizationrun.h"

#include "core/optimizer/districtingproblem.h"
#include "core/optimizer/feasibilitycheck.h"
#include "core/optimizer/planevaluation.h"
#include "core/optimizer/territoryoptimizer.h"
#include "core/plan/movereasons.h"
#include "core/plan/optimizedplan.h"
#include "core/plan/skillassignment.h"
#include "core/plan/planproblem.h"
#include "core/plan/scenariometrics.h"
#include "core/plan/resultwording.h"
#include "ui/commands/replaceplancommand.h"
#include "ui/document/document.h"

#include <QCoreApplication>
#include <QPointer>
#include <QUndoStack>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <mutex>
#include <optional>

namespace tessera::ui {

namespace {

QString tr(const char *text, const char *disambiguation = nullptr, int n = -1)
{
    return QCoreApplication::translate("OptimizationRun", text, disambiguation, n);
}

constexpr double kUnknown = std::numeric_limits<double>::quiet_NaN();

} // namespace

OptimizeRequest OptimizeRequest::defaults(const Document &document)
{
    OptimizeRequest request;
    request.territories = std::max(2, document.territoryCount());
    const Project &project = document.project();
    if (project.units().attributes().hasColumn("population") || project.accounts().attributes().hasColumn("population"))
        request.balance.push_back({"population", 0.05});
    else
        request.balance.push_back({"accounts", 0.05});
    return request;
}

QString OptimizationOutcome::summary() const
{
    QStringList parts;
    for (const std::string &line : lines)
        parts << QString::fromStdString(line);
    QString text = parts.join(QStringLiteral("; "));
    if (!repsOutside.empty()) {
        QStringList names;
        for (const std::string &name : repsOutside)
            names << QString::fromStdString(name);
        text += tr("; %1 cannot live inside their territory (home unit locked elsewhere or shared)").arg(names.join(QStringLiteral(", ")));
    }
    return text;
}

QStringList OptimizationOutcome::explanations() const
{
    QStringList lines;
    for (const MoveExplanation &e : result.explanations)
        lines << QString::fromStdString(e.toString(unitKeys));
    return lines;
}

/// State shared with the worker thread (kept alive by both sides).
struct OptimizationRun::Shared {
    Feedback feedback;
    DistrictingProblem problem;
    OptimizerOptions options;
    std::shared_ptr<const Project> data; ///< a what-if scenario's transformed data; null = the project's own
    std::optional<Result<OptimizerResult>> result;
    double best = kUnknown;
    double bound = kUnknown;
    std::chrono::steady_clock::time_point lastReport{};
    /// How progress() shows an objective; rebalancing shows its moved units as they are.
    plan::ObjectiveReading reading;
};

double OptimizationRun::shownObjective(double objective) const
{
    return mShared ? mShared->reading.figure(objective) : objective;
}

OptimizationRun::OptimizationRun(Document *document, QObject *parent) : QObject(parent), mDocument(document)
{
    connect(&mWatcher, &QFutureWatcher<void>::finished, this, &OptimizationRun::onFinished);
}

OptimizationRun::~OptimizationRun()
{
    if (mShared)
        mShared->feedback.cancel();
    mWatcher.disconnect(this);
    mWatcher.waitForFinished();
}

OptimizerOptions OptimizationRun::toOptions(const OptimizeRequest &request)
{
    OptimizerOptions options;
    options.territories = request.territories;
    options.compactness = request.compactness;
    options.contiguity = request.contiguity;
    options.rebalanceFromCurrent = request.rebalance;
    options.moveCap = request.rebalance && request.moveCap >= 0 ? request.moveCap : -1;
    options.utilisationMax = request.utilisationMax;
    options.seed = request.seed;
    options.timeLimitSeconds = request.timeLimitSeconds;
    options.workBudget = request.workBudget;
    for (std::size_t i = 0; i < request.balance.size(); ++i)
        options.balance.push_back({static_cast<int>(i), request.balance[i].tolerance});
    return options;
}

bool OptimizationRun::isRunning() const
{
    return mWatcher.isRunning();
}

void OptimizationRun::cancel()
{
    if (mShared)
        mShared->feedback.cancel();
}

Result<void> OptimizationRun::start(const OptimizeRequest &request)
{
    if (isRunning())
        return makeError(ErrorCode::InvalidArgument, tr("an optimization is already running").toStdString());
    if (!mDocument || !mDocument->hasProject() || mDocument->unitCount() == 0)
        return makeError(ErrorCode::InvalidArgument, tr("open a project with units first").toStdString());
    std::vector<std::string> names;
    for (const OptimizeRequest::Balance &b : request.balance) {
        for (const std::string &n : names)
            if (n == b.attribute)
                return makeError(ErrorCode::InvalidArgument, tr("'%1' is balanced twice").arg(QString::fromStdString(n)).toStdString());
        names.push_back(b.attribute);
    }
    OptimizerOptions options = toOptions(request);
    // A what-if scenario is optimized on the data it is measured on: scaled
    // attributes, its added reps and their homes.
    auto input = ScenarioMetrics::input(mDocument->project(), mDocument->scenario());
    if (!input)
        return input.error();
    auto built = plan::scenarioProblem(input->dataOr(mDocument->project()), input->scenario, names, options,
                                       request.repCentres ? plan::CentrePlacement::RepHomes : plan::CentrePlacement::Free);
    if (!built)
        return built.error();

    auto shared = std::make_shared<Shared>();
    shared->data = std::move(input->data);
    shared->problem = std::move(built->problem);
    if (request.contiguity && request.joinIslands)
        bridgeComponents(shared->problem);
    shared->options = options;
    mShared = shared;

    mApplied = nullptr;
    mAppliedIndex = -1;
    mOutcome = OptimizationOutcome{};
    mOutcome.options = shared->options;
    mOutcome.attributeNames = shared->problem.attributeNames;
    mOutcome.unitKeys = shared->problem.unitKeys;
    mOutcome.repsOutside = built->repsOutside;
    mOutcome.territories = mDocument->scenario().territories;
    mOutcome.alignment = mDocument->scenario().alignment;
    mError = Error{};

    QPointer<OptimizationRun> self(this);
    Shared *raw = shared.get();
    if (shared->options.rebalances()) { // its best so far is the fewest moves
        mObjectiveUnit = tr("moved units");
        mObjectiveLabel = tr("fewest moved units");
    } else {
        shared->reading = plan::objectiveReading(shared->problem, shared->options);
        mObjectiveUnit = QString::fromStdString(shared->reading.unit);
        mObjectiveLabel = QString::fromStdString(shared->reading.what.empty() ? "objective" : shared->reading.what);
    }
    mOutcome.boundaryInKm = districting::graphHasLengths(shared->problem);
    shared->feedback.setReportCallback([self, raw](const ProgressReport &report) {
        if (report.best)
            raw->best = *report.best;
        if (report.bound)
            raw->bound = *report.bound;
        // At most ~10 reports a second, but never drop one that carries figures.
        const bool figures = report.best || report.bound;
        const auto now = std::chrono::steady_clock::now();
        if (!figures && now - raw->lastReport < std::chrono::milliseconds(100))
            return;
        raw->lastReport = now;
        const QString text = QString::fromUtf8(report.phase.data(), static_cast<qsizetype>(report.phase.size()));
        const double fraction = report.fraction;
        const double b = raw->reading.figure(raw->best), lb = raw->reading.figure(raw->bound);
        QMetaObject::invokeMethod(
            self.data(), [self, fraction, text, b, lb] {
                if (self)
                    emit self->progress(fraction, text, b, lb);
            },
            Qt::QueuedConnection);
    });
    mWatcher.setFuture(QtConcurrent::run([shared] {
        shared->result = optimizeTerritories(shared->problem, shared->options, &shared->feedback);
    }));
    return {};
}

void OptimizationRun::onFinished()
{
    std::shared_ptr<Shared> shared = mShared;
    if (!shared || !shared->result) {
        mError = makeError(ErrorCode::Internal, tr("the optimizer stopped without a result").toStdString());
        emit finished(false);
        return;
    }
    Result<OptimizerResult> &result = *shared->result;
    if (!result) {
        mError = result.error();
        emit finished(false);
        return;
    }
    // The plan was computed for the scenario as it was at start().
    if (!mDocument->hasProject() || mDocument->scenario().alignment != mOutcome.alignment
        || mDocument->unitCount() != result->territory.size()) {
        mError = makeError(ErrorCode::InvalidArgument, tr("the plan changed while the optimizer ran; nothing was applied").toStdString());
        emit finished(false);
        return;
    }
    mOutcome.result = std::move(*result);

    // Territory t keeps its name, rep and colour: the optimizer labelled the
    // territories by the reps' homes.
    auto applied = plan::applyOptimizerResult(mDocument->scenario(), mOutcome.result, mOutcome.options.territories);
    if (!applied) {
        mError = applied.error();
        emit finished(false);
        return;
    }
    // The account-level step: accounts requiring skills go to a rep who has them.
    const plan::SkillRepair skills =
        plan::repairSkillMismatches(shared->data ? *shared->data : mDocument->project(), *applied);
    mOutcome.territories = applied->territories; // copies: *applied names the moves below
    mOutcome.alignment = applied->alignment;
    std::vector<std::string> names;
    for (const Territory &territory : mOutcome.territories)
        names.push_back(territory.name);
    mOutcome.lines = plan::resultLines(shared->problem, mOutcome.options, mOutcome.result, names);

    const QString text = mOutcome.options.rebalanceFromCurrent ? tr("Rebalance Territories") : tr("Optimize Territories");
    auto *command = new ReplacePlanCommand(mDocument, mOutcome.territories, mOutcome.alignment, text);
    // The settings and the reason of every move stay with the scenario, for the compare view.
    const std::string parameters = plan::withOptimizerRun(mDocument->scenario().parametersJson, mOutcome.options.territories,
                                                          mOutcome.options.rebalanceFromCurrent);
    command->setParameters(plan::withAccountReasons(
        plan::withMoveReasons(parameters, mDocument->scenario(), *applied, mOutcome.result.explanations,
                              mOutcome.boundaryInKm),
        skills.moves));
    mApplied = command;
    mDocument->undoStack()->push(mApplied);
    mAppliedIndex = mDocument->undoStack()->index();
    emit finished(true);
}

bool OptimizationRun::discard()
{
    QUndoStack *stack = mDocument ? mDocument->undoStack() : nullptr;
    if (!mApplied || !stack || stack->index() != mAppliedIndex || stack->command(mAppliedIndex - 1) != mApplied)
        return false;
    // Undone here, then marked obsolete so the stack deletes it instead of
    // keeping it for redo: the stack is as it was before the run.
    mApplied->undo();
    mApplied->setObsolete(true);
    stack->undo();
    mApplied = nullptr;
    mAppliedIndex = -1;
    return true;
}

} // namespace tessera::ui
