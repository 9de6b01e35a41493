#pragma once

#include "core/health/fairnessaudit.h"
#include "core/result.h"

#include <QDockWidget>

#include <memory>
#include <optional>

class QChartView;
class QComboBox;
class QLabel;
class QPushButton;
class QTableWidget;
class QTimer;

namespace tessera::ui {

class Document;

/// Fairness audit of the edited scenario against a baseline (the project's,
/// or one the user picks): per rep the figures now and before, the spread of
/// potential and workload across reps (max/min, CV, Gini) in both plans, and
/// their Lorenz curves. The figures are FairnessAudit's; this view formats them.
///
/// The audit builds two metrics engines, so edits are gathered for a moment
/// and the audit runs only while the dock is visible.
class AuditPanel : public QDockWidget {
    Q_OBJECT
public:
    /// Rows of the spread table.
    enum SpreadRow { PotentialMaxMin, PotentialCv, PotentialGini, WorkloadMaxMin, WorkloadCv, WorkloadGini, SpreadRowCount };

    explicit AuditPanel(Document *document, QWidget *parent = nullptr);

    QComboBox *baselineBox() const { return mBaseline; }
    QTableWidget *repTable() const { return mReps; }
    /// Rows SpreadRow; column 0 the scenario, column 1 the baseline (value in Qt::UserRole).
    QTableWidget *spreadTable() const { return mSpread; }
    QChartView *chartView() const { return mChartView; }
    /// What the panel says above the tables (the plans compared, or why there is no audit).
    QString statusText() const;

    /// Runs the audit now, visible or not.
    void refresh();

    /// Writes the audit shown as a report, PDF or Excel by \a path's
    /// extension; fails when there is no audit or the file cannot be written.
    Result<void> exportReport(const QString &path);
    QPushButton *exportButton() const { return mExport; }

protected:
    void showEvent(QShowEvent *event) override;

private:
    void rebuildBaselines();
    void scheduleRefresh();
    void showAudit(const FairnessAudit &audit);
    void showChart();
    void clearFigures();
    void chooseReportFile();

    Document *mDocument;
    QComboBox *mBaseline;
    QComboBox *mCurve;
    QLabel *mStatus;
    QTableWidget *mReps;
    QTableWidget *mSpread;
    QChartView *mChartView;
    QPushButton *mExport;
    QString mScenarioName, mBaselineName; ///< the plans of the audit shown
    QTimer *mDelay;
    std::optional<FairnessAudit> mAudit;
    std::shared_ptr<const Project> mAuditData; ///< the audited plans' data when a what-if added reps; null = the project
    const Project &auditData() const;
    bool mStale = true;
    bool mUpdating = false;
};

} // namespace tessera::ui
