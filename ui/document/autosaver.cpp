#include "ui/document/autosaver.h"

#include "ui/commands/replacescenarioscommand.h"
#include "ui/document/document.h"

#include <QCoreApplication>
#include <QTimer>
#include <QUndoStack>

#include <algorithm>

namespace tessera::ui {

Autosaver::Autosaver(Document *document, QObject *parent)
    : QObject(parent), mDocument(document), mTimer(new QTimer(this))
{
    mPool.setMaxThreadCount(1);
    mTimer->setSingleShot(true);
    mTimer->setInterval(DefaultIntervalMs);
    connect(mTimer, &QTimer::timeout, this, &Autosaver::startWrite);
    // Every edit is an undo command, so the stack's index sees them all.
    connect(document->undoStack(), &QUndoStack::indexChanged, this, &Autosaver::onEdited);
    connect(document->undoStack(), &QUndoStack::cleanChanged, this, &Autosaver::onEdited);
    connect(document, &Document::projectReplaced, this, &Autosaver::onProjectReplaced);
    onProjectReplaced();
}

Autosaver::~Autosaver()
{
    mTimer->stop();
    mPool.waitForDone();
    if (!mPath.empty() && !mBlocked)
        (void)recoveryrecord::remove(mPath);
}

void Autosaver::setInterval(int milliseconds)
{
    mTimer->setInterval(std::max(0, milliseconds));
}

int Autosaver::interval() const
{
    return mTimer->interval();
}

void Autosaver::onProjectReplaced()
{
    // The previous project's record went when its document became clean.
    mTimer->stop();
    mPool.waitForDone();
    mPending.reset();
    mPendingError.clear();
    mBlocked = false;
    mGeneration = 0;
    mPath.clear();
    if (!mDocument || !mDocument->hasProject() || !mDocument->holdsWriteLock())
        return;
    mPath = mDocument->path().toStdString();
    if (!recoveryrecord::exists(mPath))
        return;
    // Holding the write lock means no live window writes this record: it is
    // left over from a session that crashed or was killed.
    mBlocked = true;
    auto state = recoveryrecord::read(mPath, mDocument->unitCount());
    if (state)
        mPending = std::move(state).value();
    else
        mPendingError = QString::fromStdString(state.error().toString());
    emit recoveryAvailable();
}

void Autosaver::onEdited()
{
    if (mPath.empty() || mBlocked || !mDocument)
        return;
    ++mGeneration;
    if (!mDocument->isModified()) {
        mTimer->stop();
        removeRecord();
    } else if (!mTimer->isActive()) {
        mTimer->start();
    }
}

void Autosaver::startWrite()
{
    if (mPath.empty() || mBlocked || !mDocument || !mDocument->isModified())
        return;
    // The copy is cheap (an alignment is 4 bytes per unit); the write is not,
    // so it runs on the pool's thread.
    RecoveryState state;
    state.scenarios = mDocument->project().scenarios();
    state.deletedScenarios = mDocument->deletedScenarios();
    state.editedIndex = mDocument->scenarioIndex();
    state.summary = mDocument->editSummary();
    if (mDocument->repsEdited())
        state.reps = mDocument->project().reps();
    if (mDocument->settingsEdited())
        state.settingsJson = mDocument->project().settingsJson();
    const std::size_t unitCount = mDocument->unitCount();
    const int generation = mGeneration;
    mPool.start([this, path = mPath, state = std::move(state), unitCount, generation] {
        const Result<void> written = recoveryrecord::write(path, state, unitCount);
        const QString error = written ? QString() : QString::fromStdString(written.error().toString());
        QMetaObject::invokeMethod(
            this,
            [this, error, generation] {
                mLastError = error;
                if (error.isEmpty())
                    emit recordWritten(generation);
                else
                    emit writeFailed(tr("Autosave failed: %1").arg(error));
            },
            Qt::QueuedConnection);
    });
}

void Autosaver::removeRecord()
{
    if (mPath.empty() || mBlocked)
        return;
    mPool.start([path = mPath] { (void)recoveryrecord::remove(path); });
}

bool Autosaver::writeNow()
{
    mTimer->stop();
    startWrite();
    mPool.waitForDone();
    QCoreApplication::sendPostedEvents(this);
    return mLastError.isEmpty();
}

void Autosaver::waitForWrites()
{
    mPool.waitForDone();
}

bool Autosaver::restore()
{
    if (!mPending || !mDocument)
        return false;
    int edited = 0;
    std::vector<Scenario> scenarios = recoveryrecord::merge(mDocument->project().scenarios(), *mPending, edited);
    // Deleting a stored scenario stays an unsaved edit: Save deletes it from the file.
    std::vector<ScenarioId> deleted;
    for (ScenarioId id : mPending->deletedScenarios)
        if (std::any_of(mDocument->project().scenarios().begin(), mDocument->project().scenarios().end(),
                        [id](const Scenario &s) { return s.id == id; }))
            deleted.push_back(id);
    std::optional<std::vector<Rep>> reps = std::move(mPending->reps);
    std::optional<std::string> settings = std::move(mPending->settingsJson);
    mPending.reset();
    mBlocked = false;
    mDocument->undoStack()->push(new ReplaceScenariosCommand(mDocument, std::move(scenarios), std::move(deleted),
                                                             edited, tr("Restore Unsaved Changes"), std::move(reps),
                                                             std::move(settings)));
    return true;
}

void Autosaver::discard()
{
    if (!mBlocked)
        return;
    mPending.reset();
    mPendingError.clear();
    mBlocked = false;
    (void)recoveryrecord::remove(mPath);
    if (mDocument && mDocument->isModified())
        mTimer->start();
}

} // namespace tessera::ui
