#pragma once

#include "core/feedback.h"
#include "core/io/projectimporter.h"
#include "core/model/project.h"
#include "core/problemsink.h"

#include <QFutureWatcher>
#include <QWizardPage>

#include <functional>
#include <memory>
#include <optional>

class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;

namespace tessera {

/// The last page of the new-project wizard: runs the import in memory off
/// the GUI thread (progress, cancel), lists every problem with file, line
/// and column, and allows Finish only when nothing is in error. Nothing is
/// written before Finish.
class ImportCheckPage : public QWizardPage {
    Q_OBJECT
public:
    using OptionsSource = std::function<io::ProjectImportOptions()>;
    explicit ImportCheckPage(OptionsSource options, QWidget *parent = nullptr);
    ~ImportCheckPage() override;

    void initializePage() override;
    void cleanupPage() override;
    bool isComplete() const override;
    bool validatePage() override;

    QString projectPath() const;
    void setProjectPath(const QString &path);
    bool isRunning() const;
    /// Problems of the last check, as "file:line: column 'c': message".
    QStringList problemTexts() const;

signals:
    void checked();

private:
    struct Outcome {
        std::optional<Project> project;
        std::string error;
        std::vector<Problem> problems;
        io::ProjectImportReport report;
    };
    void start();
    void cancel();
    void finished();

    OptionsSource mOptions;
    QLineEdit *mPath;
    QProgressBar *mProgress;
    QPushButton *mCancel;
    QLabel *mSummary;
    QListWidget *mProblems;
    std::shared_ptr<Feedback> mFeedback;
    QFutureWatcher<Outcome> mWatcher;
    std::optional<Project> mProject;
    int mErrors = 0;
};

} // namespace tessera
