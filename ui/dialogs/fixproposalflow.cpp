#include "ui/dialogs/fixproposalflow.h"

#include "ui/dialogs/fixproposalrun.h"
#include "ui/dialogs/fixreviewdialog.h"
#include "ui/document/document.h"

#include <QEventLoop>
#include <QInputDialog>
#include <QMessageBox>
#include <QProgressDialog>

namespace tessera::ui {

void FixProposalFlow::run(Document *document, QWidget *parent)
{
    if (!document->hasProject() || document->scenario().territories.empty()) {
        QMessageBox::information(parent, QObject::tr("Propose Fixes"),
                                 QObject::tr("Open a project with territories first."));
        return;
    }
    bool ok = false;
    const int maxMoves = QInputDialog::getInt(
        parent, QObject::tr("Propose Fixes"),
        QObject::tr("At most how many units may change territory?\nFewer moves mean less disruption for reps and "
                    "accounts."),
        10, 1, 1000, 1, &ok);
    if (!ok)
        return;

    FixProposalRun run(document);
    QProgressDialog progress(QObject::tr("Looking for moves that reduce the breaches…"), QObject::tr("Cancel"), 0, 1000,
                             parent);
    progress.setWindowTitle(QObject::tr("Propose Fixes"));
    progress.setWindowModality(Qt::WindowModal);
    progress.setMinimumDuration(0);
    QObject::connect(&run, &FixProposalRun::progress, &progress, [&progress](double fraction, const QString &phase) {
        progress.setValue(static_cast<int>(fraction * 1000.0));
        if (!phase.isEmpty())
            progress.setLabelText(phase);
    });
    QObject::connect(&progress, &QProgressDialog::canceled, &run, &FixProposalRun::cancel);
    QEventLoop loop;
    bool succeeded = false;
    QObject::connect(&run, &FixProposalRun::finished, &loop, [&](bool result) {
        succeeded = result;
        loop.quit();
    });
    if (const Result<void> started = run.start(maxMoves); !started) {
        QMessageBox::warning(parent, QObject::tr("Propose Fixes"), QString::fromStdString(started.error().toString()));
        return;
    }
    loop.exec();
    progress.reset();
    if (!succeeded) {
        if (run.error().code != ErrorCode::Cancelled)
            QMessageBox::warning(parent, QObject::tr("Propose Fixes"),
                                 QString::fromStdString(run.error().toString()));
        return;
    }
    if (run.proposal().moves.empty()) {
        QMessageBox::information(
            parent, QObject::tr("Propose Fixes"),
            run.proposal().before.breaches.empty()
                ? QObject::tr("The plan breaks no health rule; there is nothing to fix.")
                : QObject::tr("No unit move lowers the breaches (%1); pinned and locked units stay put.")
                      .arg(run.proposal().before.breaches.size()));
        return;
    }
    FixReviewDialog dialog(document, run.proposal(), run.rules(), run.maxMoves(), parent);
    dialog.exec();
}

} // namespace tessera::ui
