#pragma once

#include <QDialog>
#include <QElapsedTimer>

#include <limits>

class QLabel;
class QLineSeries;
class QProgressBar;
class QPushButton;
class QValueAxis;

namespace tessera::ui {

/// The window shown while the optimizer runs: the phase, the best value and
/// the bound in the objective's unit, a progress bar, and a chart of best
/// value and bound against elapsed seconds, so the director sees the search
/// still improving (or the bound still rising) and when it has settled.
/// Cancel asks the run to stop; the dialog stays until the run reports back.
class OptimizationProgressDialog : public QDialog {
    Q_OBJECT

public:
    /// \a unit follows every figure ("km", "km of border"); \a label says
    /// what the figure is ("population-weighted root-mean-square distance to the centre").
    OptimizationProgressDialog(const QString &label, const QString &unit, QWidget *parent = nullptr);

    /// With a time limit the bar also shows the share of it used, so it moves
    /// while a long phase reports no fraction of its own.
    void setTimeLimit(double seconds) { mTimeLimit = seconds; }

    /// One report of the run: \a best and \a bound are NaN while unknown.
    void addReport(double fraction, const QString &phase, double best, double bound);
    /// As addReport(), at \a seconds since the start (tests; addReport uses the clock).
    void addReportAt(double seconds, double fraction, const QString &phase, double best, double bound);

    QString labelText() const;
    int bestPoints() const;
    int boundPoints() const;
    int progressPermille() const;

    /// Esc, the close button and Cancel: asks the run to stop, once.
    void reject() override;

signals:
    void cancelRequested();

private:
    void fitAxes();

    QString mUnit;
    QElapsedTimer mClock;
    QLabel *mLabel = nullptr;
    QProgressBar *mBar = nullptr;
    QPushButton *mCancel = nullptr;
    QLineSeries *mBest = nullptr;
    QLineSeries *mBound = nullptr;
    QValueAxis *mTime = nullptr;
    QValueAxis *mValue = nullptr;
    double mLastSeconds = 0.0;
    double mLow = std::numeric_limits<double>::infinity();  ///< least value plotted
    double mHigh = -std::numeric_limits<double>::infinity(); ///< greatest value plotted
    double mTimeLimit = 0.0;
    bool mCancelling = false;
};

} // namespace tessera::ui
