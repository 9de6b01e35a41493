#pragma once

#include "core/store/recoveryrecord.h"

#include <QObject>
#include <QPointer>
#include <QString>
#include <QThreadPool>

#include <optional>
#include <string>

class QTimer;

namespace tessera::ui {

class Document;

/// Autosave and crash recovery for the open project. A few seconds after
/// an edit (interval()), the unsaved scenarios are copied on the GUI thread
/// and written to the project's recovery record (core/store/recoveryrecord.h)
/// on a worker thread; the record is deleted when the document becomes clean
/// again (saved, or undone to the saved state) and when the project is
/// closed cleanly. Only a document holding the project's write lock records:
/// a read-only second window leaves the record to the window that edits.
///
/// When a project is opened that has a record (the last session crashed),
/// autosaving waits and recoveryAvailable() is emitted: restore() brings the
/// edits back as one undoable command, discard() deletes them.
class Autosaver : public QObject {
    Q_OBJECT

public:
    static constexpr int DefaultIntervalMs = 2000;

    explicit Autosaver(Document *document, QObject *parent = nullptr);
    /// Waits for a write in flight; a clean close deletes the record.
    ~Autosaver() override;

    /// Delay between an edit and the write that records it; edits during the
    /// delay join the same write, so at most this much work is lost.
    void setInterval(int milliseconds);
    int interval() const;

    /// True when a record from an earlier session waits for restore() or discard().
    bool hasPendingRecovery() const { return mBlocked; }
    /// The pending record, or null (none, or it could not be read: pendingError()).
    const RecoveryState *pendingRecovery() const { return mPending ? &*mPending : nullptr; }
    /// Why the pending record cannot be restored; empty when it can.
    const QString &pendingError() const { return mPendingError; }
    /// Restores the pending record as one undoable command; false when there is none.
    bool restore();
    /// Deletes the pending record; autosaving resumes.
    void discard();

    /// Writes the record now and waits for it (when the document has unsaved edits).
    bool writeNow();
    /// Blocks until writes and deletions in flight are done.
    void waitForWrites();
    /// Counts edits since the project was opened; recordWritten() reports which one a record holds.
    int generation() const { return mGeneration; }
    /// The message of the last failed write; empty after a successful one.
    const QString &lastError() const { return mLastError; }

signals:
    /// The project just opened has unsaved edits from a session that did not end cleanly.
    void recoveryAvailable();
    /// The record on disk now holds the edits up to \a generation.
    void recordWritten(int generation);
    void writeFailed(const QString &message);

private:
    void onProjectReplaced();
    void onEdited();
    void startWrite();
    void removeRecord();

    QPointer<Document> mDocument;
    QTimer *mTimer;
    QThreadPool mPool;   ///< one thread, so writes and deletions happen in order
    std::string mPath;   ///< the project this saver records; empty when none
    std::optional<RecoveryState> mPending;
    QString mPendingError;
    QString mLastError;
    bool mBlocked = false; ///< an earlier session's record awaits the user's decision
    int mGeneration = 0;
};

} // namespace tessera::ui
