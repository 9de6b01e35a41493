#include "ui/wizard/importmenu.h"

#include "core/problemsink.h"
#include "core/store/projectstore.h"
#include "ui/dialogs/dialogsettings.h"
#include "ui/document/document.h"

#include <QApplication>
#include <QFileDialog>
#include <QFutureWatcher>
#include <QInputDialog>
#include <QMenu>
#include <QMessageBox>
#include <QProgressDialog>
#include <QtConcurrent/QtConcurrentRun>

#include <memory>
#include <optional>

namespace tessera {

namespace {

struct Outcome {
    std::optional<Project> project;
    QString error;
    std::vector<Problem> problems;
    io::ProjectImportReport report;
};

} // namespace

QString describeIdChanges(const io::IdChanges &changes)
{
    if (changes.isEmpty())
        return {};
    QStringList removed;
    for (std::size_t i = 0; i < changes.removed.size() && i < 20; ++i)
        removed << QString::fromStdString(changes.removed[i]);
    if (changes.removed.size() > 20)
        removed << QStringLiteral("…");
    QString text = QObject::tr("%1 added, %2 removed").arg(changes.added.size()).arg(changes.removed.size());
    return removed.isEmpty() ? text : text + QStringLiteral(": ") + removed.join(QStringLiteral(", "));
}

ImportMenu::ImportMenu(ui::Document *document, QWidget *window, std::function<bool()> saveFirst,
                       std::function<void(const QString &)> reopen)
    : QObject(window), mDocument(document), mWindow(window), mSaveFirst(std::move(saveFirst)), mReopen(std::move(reopen))
{
}

QMenu *ImportMenu::createMenu(QWidget *parent)
{
    auto *menu = new QMenu(tr("&Import"), parent);
    menu->setObjectName(QStringLiteral("importMenu"));
    const struct {
        Kind kind;
        QString text;
    } entries[] = {{Kind::Units, tr("&Units…")}, {Kind::Accounts, tr("&Accounts…")}, {Kind::Reps, tr("&Reps…")},
                   {Kind::Plan, tr("&Plan…")}};
    for (const auto &entry : entries) {
        QAction *action = menu->addAction(entry.text, this, [this, kind = entry.kind] { choose(kind); });
        connect(mDocument, &ui::Document::projectReplaced, action,
                [this, action] { action->setEnabled(mDocument->hasProject()); });
        action->setEnabled(mDocument->hasProject());
    }
    return menu;
}

void ImportMenu::choose(Kind kind)
{
    const QString filter = kind == Kind::Units
                               ? tr("GIS files (*.geojson *.json *.topojson *.shp *.gpkg *.kml);;All files (*)")
                               : tr("CSV files (*.csv *.txt);;All files (*)");
    const QString path = QFileDialog::getOpenFileName(mWindow, tr("Import"), ui::DialogSettings::startPath(QStringLiteral("import")), filter);
    if (path.isEmpty())
        return;
    ui::DialogSettings::rememberFolder(QStringLiteral("import"), path);
    importFile(kind, path);
}

QString ImportMenu::importFile(Kind kind, const QString &path, bool confirm)
{
    if (!mDocument->hasProject() || mDocument->path().isEmpty())
        return {};
    if (mDocument->isModified() && !(mSaveFirst && mSaveFirst()))
        return {};
    io::ProjectImportOptions options;
    const std::string file = path.toStdString();
    switch (kind) {
    case Kind::Units: options.unitsPath = file; break;
    case Kind::Accounts: options.accountsPath = file; break;
    case Kind::Reps: options.repsPath = file; break;
    case Kind::Plan: {
        bool ok = !confirm;
        const QString name = confirm ? QInputDialog::getText(mWindow, tr("Import Plan"), tr("New scenario name:"),
                                                             QLineEdit::Normal, QFileInfo(path).completeBaseName(), &ok)
                                     : QFileInfo(path).completeBaseName();
        if (!ok || name.trimmed().isEmpty())
            return {};
        options.planPath = file;
        options.plan.scenarioName = name.trimmed().toStdString();
        break;
    }
    }

    // The in-memory import, off the GUI thread.
    auto feedback = std::make_shared<Feedback>();
    QProgressDialog progress(tr("Importing %1…").arg(QFileInfo(path).fileName()), tr("Cancel"), 0, 1000, mWindow);
    progress.setWindowModality(Qt::WindowModal);
    progress.setMinimumDuration(300);
    QPointer<QProgressDialog> bar = &progress;
    feedback->setProgressCallback([bar](double fraction, std::string_view) {
        QMetaObject::invokeMethod(bar, [bar, fraction] {
            if (bar)
                bar->setValue(int(fraction * 1000.0));
        }, Qt::QueuedConnection);
    });
    connect(&progress, &QProgressDialog::canceled, this, [feedback] { feedback->cancel(); });
    const Project current = mDocument->project();
    QFutureWatcher<Outcome> watcher;
    QEventLoop loop;
    connect(&watcher, &QFutureWatcher<Outcome>::finished, &loop, &QEventLoop::quit);
    watcher.setFuture(QtConcurrent::run([current, options, feedback] {
        Outcome outcome;
        CollectingProblemSink sink;
        auto imported = io::importIntoProject(current, options, outcome.report, &sink, feedback.get());
        if (imported)
            outcome.project = std::move(*imported);
        else
            outcome.error = QString::fromStdString(imported.error().toString());
        outcome.problems = sink.problems();
        return outcome;
    }));
    loop.exec();
    progress.reset();
    Outcome outcome = watcher.result();

    QStringList problems;
    int errors = 0;
    for (const Problem &problem : outcome.problems) {
        problems << QString::fromStdString(problem.toString());
        errors += problem.severity == Problem::Severity::Error;
    }
    if (!outcome.project) {
        if (confirm)
            QMessageBox::warning(mWindow, tr("Import"), outcome.error);
        return {};
    }
    const io::ProjectImportReport &r = outcome.report;
    QString summary;
    switch (kind) {
    case Kind::Units: summary = tr("%1 units").arg(r.units.imported); break;
    case Kind::Accounts: summary = tr("%1 accounts").arg(r.accounts.imported); break;
    case Kind::Reps: summary = tr("%1 reps").arg(r.reps.imported); break;
    case Kind::Plan:
        summary = tr("scenario '%1': %2 %3 assigned")
                      .arg(QString::fromStdString(options.plan.scenarioName))
                      .arg(r.plan.imported)
                      .arg(r.planByAccount ? tr("accounts") : tr("units"));
        break;
    }
    const QString ids = describeIdChanges(kind == Kind::Units      ? r.unitIds
                                          : kind == Kind::Accounts ? r.accountIds
                                                                   : r.repIds);
    if (kind != Kind::Plan && !ids.isEmpty())
        summary += QStringLiteral(" (") + ids + QStringLiteral(")");
    summary += tr("; %n row(s) or feature(s) skipped", nullptr, errors);
    if (confirm) {
        QMessageBox box(errors ? QMessageBox::Warning : QMessageBox::Question, tr("Import"),
                        tr("%1.\nWrite it into the project? The scenarios are kept.").arg(summary),
                        QMessageBox::Yes | QMessageBox::No, mWindow);
        if (!problems.isEmpty())
            box.setDetailedText(problems.join(QLatin1Char('\n')));
        if (box.exec() != QMessageBox::Yes)
            return {};
    }
    const Result<void> saved = mDocument->writeProject(*outcome.project);
    if (!saved) {
        if (confirm)
            QMessageBox::warning(mWindow, tr("Import"), QString::fromStdString(saved.error().toString()));
        return {};
    }
    if (mReopen)
        mReopen(mDocument->path());
    return summary;
}

} // namespace tessera
