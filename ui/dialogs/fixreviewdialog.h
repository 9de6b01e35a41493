#pragma once

#include "core/health/fixproposal.h"
#include "core/health/fixreview.h"

#include <QDialog>

#include <optional>
#include <vector>

class QLabel;
class QPushButton;
class QTableWidget;

namespace tessera::ui {

class Document;

/// The human half of the hybrid loop: every proposed move with why it is
/// proposed (the breach it shrinks and by how much) and what it costs
/// (travel hours, accounts changing territory). The director accepts or
/// rejects each move, or all at once; a rejection asks for an optional
/// reason. Apply pushes ONE undo step that moves the accepted units, pins the
/// rejected ones (later proposals leave them where they are) and appends the
/// review to the scenario's parameters, so the saved history keeps it.
class FixReviewDialog : public QDialog {
    Q_OBJECT
public:
    enum Column { DecisionColumn, UnitColumn, FromColumn, ToColumn, WhyColumn, TravelColumn, AccountsColumn, ColumnCount };

    FixReviewDialog(Document *document, FixProposal proposal, HealthRules rules, int maxMoves,
                    QWidget *parent = nullptr);

    QTableWidget *table() const { return mTable; }
    /// Accepts (\a accept) or rejects move \a row, with \a reason for a rejection.
    void decide(int row, bool accept, const QString &reason = {});
    void acceptAll();
    void rejectAll(const QString &reason = {});
    /// Moves with no decision yet.
    int undecidedCount() const;
    /// The review as it stands (time = now); only valid when every move is decided.
    FixReview review() const;
    /// Pushes the decisions as one undo step; false (nothing pushed) while a move is undecided.
    bool applyDecisions();

private:
    void rejectSelected();
    void acceptSelected();
    void refreshRow(int row);
    void updateSummary();
    QString whyText(const ProposedMove &move) const;
    QString territoryName(TerritoryId territory) const;
    std::vector<int> selectedRows() const;

    Document *mDocument;
    FixProposal mProposal;
    HealthRules mRules;
    int mMaxMoves;
    /// Per move: unset = undecided.
    std::vector<std::optional<bool>> mAccepted;
    std::vector<QString> mReasons;
    QLabel *mHeadline;
    QLabel *mStatus;
    QTableWidget *mTable;
    QPushButton *mApply;
};

} // namespace tessera::ui
