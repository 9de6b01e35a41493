#pragma once

#include "core/feedback.h"
#include "core/model/ids.h"
#include "core/routing/repplan.h"
#include "core/result.h"

#include <QDockWidget>
#include <QFutureWatcher>

#include <memory>

class QComboBox;
class QLabel;
class QListWidget;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace tessera::ui {

class Document;
class MapCanvas;

/// Plans a rep's working week and shows it: pick a rep and the number of
/// days, Plan (off the GUI thread, with progress and Cancel), then a day's
/// schedule (time, account, duration, drive), the totals and the accounts
/// left out with the reason; the Routes layer draws the plan. Plan again after
/// editing the territories to replan.
class RoutesPanel : public QDockWidget {
    Q_OBJECT
public:
    RoutesPanel(Document *document, MapCanvas *canvas, QWidget *parent = nullptr);
    ~RoutesPanel() override;

    QComboBox *repCombo() const { return mRep; }
    QComboBox *dayCombo() const { return mDay; }
    QPushButton *planButton() const { return mPlanButton; }
    QTableWidget *scheduleTable() const { return mTable; }
    QListWidget *unfittedList() const { return mUnfitted; }
    const std::shared_ptr<const RepPlan> &plan() const { return mPlan; }
    /// Search seconds per plan (tests use less).
    void setTimeLimit(double seconds) { mTimeLimit = seconds; }

public slots:
    void planRoutes();
    void cancel();

signals:
    void planned();
    void planFailed(const QString &message);

private:
    void refreshReps();
    void showDay();
    void onFinished();

    Document *mDocument;
    MapCanvas *mCanvas;
    QComboBox *mRep;
    QSpinBox *mDays;
    QPushButton *mPlanButton;
    QPushButton *mCancelButton;
    QProgressBar *mProgress;
    QComboBox *mDay;
    QTableWidget *mTable;
    QLabel *mTotals;
    QListWidget *mUnfitted;
    double mTimeLimit = 3.0;
    std::shared_ptr<Feedback> mFeedback;
    QFutureWatcher<Result<RepPlan>> mWatcher;
    std::shared_ptr<const RepPlan> mPlan;
};

} // namespace tessera::ui
