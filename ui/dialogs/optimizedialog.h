#pragma once

#include "ui/dialogs/optimizationrun.h"

#include <QDialog>

#include <memory>
#include <vector>

class QCheckBox;
class QGroupBox;
class QPushButton;
class QComboBox;
class QDoubleSpinBox;
class QRadioButton;
class QSpinBox;
class QTableWidget;

namespace tessera::ui {

class Document;
class RebalanceCurveChart;
struct RebalanceCurveJob;

/// Territory ▸ Optimize…: number of territories, balance attributes with a
/// tolerance each, compactness, contiguity, where the reps live (centres at
/// their homes or chosen freely), a utilisation limit per rep (workload
/// including travel against capacity), new plan or minimal-disruption
/// rebalancing (the fewest moves that reach every tolerance, or the best
/// balance with at most N moved units, picked on the trade-off chart), seed
/// and time limit.
class OptimizeDialog : public QDialog {
    Q_OBJECT

public:
    explicit OptimizeDialog(const Document &document, QWidget *parent = nullptr);
    ~OptimizeDialog() override;

    /// What the dialog shows now.
    OptimizeRequest request() const;
    void setRequest(const OptimizeRequest &request);

    /// Shows the dialog; when accepted, runs the optimizer off the GUI thread
    /// behind a progress dialog (Cancel stops it) and applies the plan as one
    /// undo step. Infeasible requests are explained in a message box and change
    /// nothing. Returns the result summary for the status bar (empty when
    /// nothing was applied).
    static QString run(Document *document, QWidget *parent = nullptr);

    /// Rebalance mode: computes the trade-off curve off the GUI thread and
    /// shows it; a click on a point sets the move cap (or fewest moves).
    void showTradeOff();
    RebalanceCurveChart *curveChart() const { return mCurve; }

private:
    void updateEnabledState();
    void pickCurvePoint(int index);

    const Document &mDocument;
    std::shared_ptr<RebalanceCurveJob> mCurveJob;
    bool mCurveRunning = false;
    QGroupBox *mCurveBox = nullptr;
    QPushButton *mCurveButton = nullptr;
    RebalanceCurveChart *mCurve = nullptr;

    std::vector<std::string> mAttributes;
    QSpinBox *mTerritories = nullptr;
    QTableWidget *mBalance = nullptr;
    QComboBox *mCompactness = nullptr;
    QCheckBox *mContiguity = nullptr;
    QCheckBox *mJoinIslands = nullptr;
    QCheckBox *mRepCentres = nullptr;
    QCheckBox *mLimitUtilisation = nullptr;
    QDoubleSpinBox *mUtilisationMax = nullptr;
    bool mEveryTerritoryHasHome = false; ///< every territory of the plan has a rep with a home
    int mTerritoryCount = 0;
    QRadioButton *mNewPlan = nullptr;
    QRadioButton *mRebalance = nullptr;
    QCheckBox *mCapMoves = nullptr;
    QSpinBox *mMoveCap = nullptr;
    QSpinBox *mSeed = nullptr;
    QDoubleSpinBox *mTimeLimit = nullptr;
};

} // namespace tessera::ui
