#include "ui/dialogs/fixproposalrun.h"

#include "core/feedback.h"
#include "core/model/project.h"
#include "ui/document/document.h"

#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>

#include <chrono>
#include <optional>

namespace tessera::ui {

/// State shared with the worker thread: its own copies of the project and
/// scenario, so edits on the GUI thread never race the proposal.
struct FixProposalRun::Shared {
    Feedback feedback;
    Project project;
    Scenario scenario;
    HealthRules rules;
    ProposalOptions options;
    std::optional<Result<FixProposal>> result;
    std::chrono::steady_clock::time_point lastReport{};
};

FixProposalRun::FixProposalRun(Document *document, QObject *parent) : QObject(parent), mDocument(document)
{
    connect(&mWatcher, &QFutureWatcher<void>::finished, this, &FixProposalRun::onFinished);
}

FixProposalRun::~FixProposalRun()
{
    if (mShared)
        mShared->feedback.cancel();
    mWatcher.disconnect(this);
    mWatcher.waitForFinished();
}

bool FixProposalRun::isRunning() const
{
    return mWatcher.isRunning();
}

void FixProposalRun::cancel()
{
    if (mShared)
        mShared->feedback.cancel();
}

Result<void> FixProposalRun::start(int maxMoves)
{
    if (isRunning())
        return makeError(ErrorCode::InvalidArgument, tr("a proposal is already running").toStdString());
    if (!mDocument || !mDocument->hasProject() || mDocument->scenario().territories.empty())
        return makeError(ErrorCode::InvalidArgument, tr("open a project with territories first").toStdString());
    Result<HealthRules> rules = HealthRules::fromSettings(mDocument->project().settingsJson());
    if (!rules)
        return rules.error();
    auto shared = std::make_shared<Shared>();
    shared->project = mDocument->project();
    shared->scenario = mDocument->scenario();
    shared->rules = *rules;
    shared->options.maxMoves = maxMoves;
    mShared = shared;
    mRules = *rules;
    mMaxMoves = maxMoves;
    mProposal = FixProposal{};
    mError = Error{};

    QPointer<FixProposalRun> self(this);
    Shared *raw = shared.get();
    shared->feedback.setReportCallback([self, raw](const ProgressReport &report) {
        const auto now = std::chrono::steady_clock::now();
        if (now - raw->lastReport < std::chrono::milliseconds(100))
            return;
        raw->lastReport = now;
        const QString text = QString::fromUtf8(report.phase.data(), static_cast<qsizetype>(report.phase.size()));
        const double fraction = report.fraction;
        QMetaObject::invokeMethod(
            self.data(), [self, fraction, text] {
                if (self)
                    emit self->progress(fraction, text);
            },
            Qt::QueuedConnection);
    });
    mWatcher.setFuture(QtConcurrent::run([shared] {
        shared->result = proposeFixes(shared->project, shared->scenario, shared->rules, shared->options,
                                      &shared->feedback);
    }));
    return {};
}

void FixProposalRun::onFinished()
{
    const std::shared_ptr<Shared> shared = mShared;
    if (!shared || !shared->result) {
        mError = makeError(ErrorCode::Internal, tr("the proposal stopped without a result").toStdString());
        emit finished(false);
        return;
    }
    if (!*shared->result) {
        mError = shared->result->error();
        emit finished(false);
        return;
    }
    // The moves were computed for the plan as it was at start().
    if (!mDocument->hasProject() || mDocument->scenario().alignment != shared->scenario.alignment) {
        mError = makeError(ErrorCode::InvalidArgument,
                           tr("the plan changed while the proposal ran; propose again").toStdString());
        emit finished(false);
        return;
    }
    mProposal = std::move(**shared->result);
    emit finished(true);
}

} // namespace tessera::ui
