#pragma once

#include "core/health/fixproposal.h"
#include "core/result.h"

#include <QFutureWatcher>
#include <QObject>
#include <QString>

#include <memory>

namespace tessera::ui {

class Document;

/// Runs core's fix proposal (proposeFixes) on the document's scenario off the
/// GUI thread, with progress and cancel through core Feedback. The review
/// dialog and the tests use this same path.
class FixProposalRun : public QObject {
    Q_OBJECT
public:
    explicit FixProposalRun(Document *document, QObject *parent = nullptr);
    /// Cancels a running proposal and waits for it to stop.
    ~FixProposalRun() override;

    /// Starts a proposal of at most \a maxMoves moves against the project's
    /// health rules; fails at once when there is nothing to propose on.
    Result<void> start(int maxMoves);
    void cancel();
    bool isRunning() const;

    /// The finished proposal (valid after finished(true)).
    const FixProposal &proposal() const { return mProposal; }
    /// The rules it was made for.
    const HealthRules &rules() const { return mRules; }
    int maxMoves() const { return mMaxMoves; }
    /// Why it failed or was cancelled, after finished(false).
    const Error &error() const { return mError; }

signals:
    void progress(double fraction, const QString &phase);
    void finished(bool ok);

private:
    struct Shared;
    void onFinished();

    Document *mDocument;
    std::shared_ptr<Shared> mShared;
    QFutureWatcher<void> mWatcher;
    FixProposal mProposal;
    HealthRules mRules;
    int mMaxMoves = 0;
    Error mError;
};

} // namespace tessera::ui
