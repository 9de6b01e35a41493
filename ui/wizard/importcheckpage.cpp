#include "ui/wizard/importcheckpage.h"

#include "core/store/newprojectfile.h"
#include "ui/dialogs/dialogsettings.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QMetaObject>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace tessera {

ImportCheckPage::ImportCheckPage(OptionsSource options, QWidget *parent)
    : QWizardPage(parent), mOptions(std::move(options)), mPath(new QLineEdit(this)), mProgress(new QProgressBar(this)),
      mCancel(new QPushButton(tr("Cancel Import"), this)), mSummary(new QLabel(this)), mProblems(new QListWidget(this))
{
    setTitle(tr("Check and create"));
    setSubTitle(tr("The files are read in memory; nothing is written until you press Finish."));
    auto *layout = new QVBoxLayout(this);
    auto *row = new QHBoxLayout;
    mPath->setObjectName(QStringLiteral("projectPath"));
    auto *browse = new QPushButton(tr("Browse…"), this);
    row->addWidget(new QLabel(tr("New project:"), this));
    row->addWidget(mPath);
    row->addWidget(browse);
    layout->addLayout(row);
    auto *progress = new QHBoxLayout;
    mProgress->setRange(0, 1000);
    progress->addWidget(mProgress);
    progress->addWidget(mCancel);
    layout->addLayout(progress);
    mSummary->setObjectName(QStringLiteral("summary"));
    mSummary->setWordWrap(true);
    layout->addWidget(mSummary);
    mProblems->setObjectName(QStringLiteral("problems"));
    layout->addWidget(mProblems, 1);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString file = QFileDialog::getSaveFileName(this, tr("New Project"),
                                                          ui::DialogSettings::startPath(QStringLiteral("newProject"), mPath->text()),
                                                          tr("Tessera projects (*.tessera)"));
        ui::DialogSettings::rememberFolder(QStringLiteral("newProject"), file);
        if (!file.isEmpty())
            setProjectPath(file.endsWith(QLatin1String(".tessera")) ? file : file + QStringLiteral(".tessera"));
    });
    connect(mPath, &QLineEdit::textChanged, this, &ImportCheckPage::completeChanged);
    connect(mCancel, &QPushButton::clicked, this, &ImportCheckPage::cancel);
    connect(&mWatcher, &QFutureWatcher<Outcome>::finished, this, &ImportCheckPage::finished);
}

ImportCheckPage::~ImportCheckPage()
{
    cancel();
    mWatcher.waitForFinished();
}

void ImportCheckPage::initializePage()
{
    start();
}

void ImportCheckPage::cleanupPage()
{
    // Back to fix the mapping: stop a running check.
    cancel();
    mWatcher.waitForFinished();
}

void ImportCheckPage::start()
{
    mProject.reset();
    mErrors = 0;
    mProblems->clear();
    mSummary->setText(tr("Reading…"));
    mProgress->setValue(0);
    mCancel->setEnabled(true);
    mFeedback = std::make_shared<Feedback>();
    QPointer<QProgressBar> bar = mProgress;
    mFeedback->setProgressCallback([bar](double fraction, std::string_view) {
        QMetaObject::invokeMethod(bar, [bar, fraction] {
            if (bar)
                bar->setValue(int(fraction * 1000.0));
        }, Qt::QueuedConnection);
    });
    const io::ProjectImportOptions options = mOptions();
    std::shared_ptr<Feedback> feedback = mFeedback;
    mWatcher.setFuture(QtConcurrent::run([options, feedback] {
        Outcome outcome;
        CollectingProblemSink sink;
        auto imported = io::importIntoProject(Project(), options, outcome.report, &sink, feedback.get());
        if (imported)
            outcome.project = std::move(*imported);
        else
            outcome.error = imported.error().toString();
        outcome.problems = sink.problems();
        return outcome;
    }));
    emit completeChanged();
}

void ImportCheckPage::cancel()
{
    if (mFeedback)
        mFeedback->cancel();
}

bool ImportCheckPage::isRunning() const
{
    return mWatcher.isRunning();
}

void ImportCheckPage::finished()
{
    mCancel->setEnabled(false);
    if (mWatcher.isCanceled() || !mWatcher.future().isValid() || mWatcher.future().resultCount() == 0)
        return;
    Outcome outcome = mWatcher.result();
    for (const Problem &problem : outcome.problems) {
        auto *item = new QListWidgetItem(QString::fromStdString(problem.toString()), mProblems);
        if (problem.severity == Problem::Severity::Error) {
            ++mErrors;
            item->setForeground(Qt::red);
        }
    }
    if (!outcome.error.empty()) {
        ++mErrors;
        auto *item = new QListWidgetItem(QString::fromStdString(outcome.error));
        item->setForeground(Qt::red);
        mProblems->insertItem(0, item);
        mSummary->setText(tr("The import failed. Go back to fix the files or the mapping."));
    } else if (mErrors > 0) {
        mSummary->setText(tr("%n row(s) or feature(s) in error. Go back to fix the files or the mapping; "
                             "nothing has been written.", nullptr, mErrors));
    } else {
        const io::ProjectImportReport &r = outcome.report;
        mSummary->setText(tr("%1 units, %2 accounts, %3 reps, %4 scenario(s); %5 adjacencies. Press Finish to create "
                             "the project.")
                              .arg(r.units.imported).arg(r.accounts.imported).arg(r.reps.imported)
                              .arg(outcome.project->scenarios().size()).arg(r.adjacencyEdges));
        mProject = std::move(outcome.project);
        mProgress->setValue(mProgress->maximum());
    }
    emit completeChanged();
    emit checked();
}

bool ImportCheckPage::isComplete() const
{
    return mProject.has_value() && mErrors == 0 && !projectPath().isEmpty();
}

bool ImportCheckPage::validatePage()
{
    if (!mProject)
        return false;
    if (QFileInfo::exists(projectPath())) {
        mSummary->setText(tr("%1 exists already; choose another name.").arg(projectPath()));
        return false;
    }
    if (auto written = writeNewProjectFile(projectPath().toStdString(), *mProject); !written) {
        mSummary->setText(QString::fromStdString(written.error().toString()));
        return false;
    }
    return true;
}

QString ImportCheckPage::projectPath() const
{
    return mPath->text().trimmed();
}

void ImportCheckPage::setProjectPath(const QString &path)
{
    mPath->setText(path);
}

QStringList ImportCheckPage::problemTexts() const
{
    QStringList out;
    for (int i = 0; i < mProblems->count(); ++i)
        out << mProblems->item(i)->text();
    return out;
}

} // namespace tessera
