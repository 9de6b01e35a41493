#pragma once

#include "ui/dialogs/optimizationrun.h"

#include <QDialog>

#include <vector>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QRadioButton;
class QSpinBox;
class QTableWidget;

namespace tessera::ui {

class Document;

/// Territory ▸ Optimize…: number of territories, balance attributes with a
/// tolerance each, compactness, contiguity, where the reps live (centres at
/// their homes or chosen freely), a utilisation limit per rep (workload
/// including travel against capacity), new plan or minimal-disruption
/// rebalancing (with an optional cap on moved units), seed and time limit.
class OptimizeDialog : public QDialog {
    Q_OBJECT

public:
    explicit OptimizeDialog(const Document &document, QWidget *parent = nullptr);

    /// What the dialog shows now.
    OptimizeRequest request() const;
    void setRequest(const OptimizeRequest &request);

    /// Shows the dialog; when accepted, runs the optimizer off the GUI thread
    /// behind a progress dialog (Cancel stops it) and applies the plan as one
    /// undo step. Infeasible requests are explained in a message box and change
    /// nothing. Returns the result summary for the status bar (empty when
    /// nothing was applied).
    static QString run(Document *document, QWidget *parent = nullptr);

private:
    void updateEnabledState();

    std::vector<std::string> mAttributes;
    QSpinBox *mTerritories = nullptr;
    QTableWidget *mBalance = nullptr;
    QComboBox *mCompactness = nullptr;
    QCheckBox *mContiguity = nullptr;
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
