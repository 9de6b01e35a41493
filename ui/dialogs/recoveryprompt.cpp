#include "ui/dialogs/recoveryprompt.h"

#include "ui/document/autosaver.h"

#include <QDateTime>
#include <QMessageBox>
#include <QPushButton>

namespace tessera::ui {

void offerRecovery(Autosaver *autosaver, QWidget *parent)
{
    if (!autosaver->hasPendingRecovery())
        return;
    const RecoveryState *state = autosaver->pendingRecovery();
    if (!state) {
        QMessageBox::warning(parent, QObject::tr("Unsaved changes cannot be restored"),
                             QObject::tr("Tessera found unsaved changes from a session that did not end cleanly, but "
                                         "cannot read them: %1\nThey are discarded; the saved project is unchanged.")
                                 .arg(autosaver->pendingError()));
        autosaver->discard();
        return;
    }
    QMessageBox box(QMessageBox::Question, QObject::tr("Restore unsaved changes?"),
                    QObject::tr("Tessera did not close cleanly while this project had unsaved changes (recorded %1).\n\n"
                                "%2\n\nRestore them? Restoring is one step you can undo; the saved project is not "
                                "changed until you save.")
                        .arg(QDateTime::fromSecsSinceEpoch(state->writtenAt).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")),
                             QString::fromStdString(state->summary)),
                    QMessageBox::NoButton, parent);
    QPushButton *restore = box.addButton(QObject::tr("Restore"), QMessageBox::AcceptRole);
    box.addButton(QObject::tr("Discard"), QMessageBox::DestructiveRole);
    box.setDefaultButton(restore);
    box.exec();
    if (box.clickedButton() == restore)
        autosaver->restore();
    else
        autosaver->discard();
}

} // namespace tessera::ui
