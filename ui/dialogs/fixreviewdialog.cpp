#include "ui/dialogs/fixreviewdialog.h"

#include "ui/commands/replaceplancommand.h"
#include "ui/document/document.h"

#include <QDateTime>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QUndoStack>
#include <QVBoxLayout>

#include <set>

namespace tessera::ui {

namespace {

QString percent(double severity)
{
    return QStringLiteral("%1 %").arg(severity * 100.0, 0, 'f', 0);
}

} // namespace

FixReviewDialog::FixReviewDialog(Document *document, FixProposal proposal, HealthRules rules, int maxMoves,
                                 QWidget *parent)
    : QDialog(parent), mDocument(document), mProposal(std::move(proposal)), mRules(std::move(rules)),
      mMaxMoves(maxMoves), mAccepted(mProposal.moves.size()), mReasons(mProposal.moves.size())
{
    setWindowTitle(tr("Review Proposed Fixes"));
    auto *layout = new QVBoxLayout(this);
    mHeadline = new QLabel(this);
    mHeadline->setWordWrap(true);
    mHeadline->setText(
        (mProposal.moves.size() == 1 ? tr("1 move proposed") : tr("%1 moves proposed").arg(mProposal.moves.size()))
        + tr(" for scenario \"%1\" (at most %2). With every move accepted the plan goes from %3 to "
             "%4 breaches. Accept or reject each move; a rejected unit is pinned to its territory and not proposed again.")
            .arg(QString::fromStdString(mDocument->scenario().name))
            .arg(mMaxMoves)
            .arg(mProposal.before.breaches.size())
            .arg(mProposal.after.breaches.size()));
    layout->addWidget(mHeadline);

    mTable = new QTableWidget(static_cast<int>(mProposal.moves.size()), ColumnCount, this);
    mTable->setHorizontalHeaderLabels({tr("Decision"), tr("Unit"), tr("From"), tr("To"), tr("Why"),
                                       tr("Travel change (h)"), tr("Accounts moved")});
    mTable->horizontalHeaderItem(TravelColumn)
        ->setToolTip(tr("Change of the plan's travel hours per period when this move is applied after the ones "
                        "above it; negative = less driving"));
    mTable->horizontalHeaderItem(AccountsColumn)->setToolTip(tr("Accounts that change territory, and so rep"));
    mTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    mTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    mTable->verticalHeader()->setVisible(false);
    mTable->horizontalHeader()->setSectionResizeMode(WhyColumn, QHeaderView::Stretch);
    for (int row = 0; row < mTable->rowCount(); ++row) {
        const ProposedMove &move = mProposal.moves[static_cast<std::size_t>(row)];
        auto item = [&](int column, const QString &text, bool right = false) {
            auto *cell = new QTableWidgetItem(text);
            if (right)
                cell->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            mTable->setItem(row, column, cell);
            return cell;
        };
        item(UnitColumn, QString::fromStdString(move.unitName))->setToolTip(QString::fromStdString(move.unitKey));
        item(FromColumn, territoryName(move.from));
        item(ToColumn, territoryName(move.to));
        item(WhyColumn, whyText(move))->setToolTip(QString::fromStdString(move.reason));
        item(TravelColumn, QStringLiteral("%1%2").arg(move.travelHoursChange > 0 ? QStringLiteral("+") : QString())
                               .arg(move.travelHoursChange, 0, 'f', 1), true);
        item(AccountsColumn, QString::number(move.accountsMoved), true);
        item(DecisionColumn, QString());
        refreshRow(row);
    }
    mTable->resizeColumnsToContents();
    mTable->horizontalHeader()->setSectionResizeMode(WhyColumn, QHeaderView::Stretch);
    layout->addWidget(mTable, 1);

    auto *decisions = new QHBoxLayout;
    auto *accept = new QPushButton(tr("&Accept"), this);
    auto *reject = new QPushButton(tr("&Reject…"), this);
    auto *acceptAllButton = new QPushButton(tr("Accept A&ll"), this);
    auto *rejectAllButton = new QPushButton(tr("Reject All…"), this);
    accept->setToolTip(tr("Accept the selected moves"));
    reject->setToolTip(tr("Reject the selected moves, with an optional reason; the units stay where they are"));
    for (QPushButton *button : {accept, reject, acceptAllButton, rejectAllButton})
        decisions->addWidget(button);
    decisions->addStretch(1);
    mStatus = new QLabel(this);
    decisions->addWidget(mStatus);
    layout->addLayout(decisions);
    connect(accept, &QPushButton::clicked, this, &FixReviewDialog::acceptSelected);
    connect(reject, &QPushButton::clicked, this, &FixReviewDialog::rejectSelected);
    connect(acceptAllButton, &QPushButton::clicked, this, &FixReviewDialog::acceptAll);
    connect(rejectAllButton, &QPushButton::clicked, this, [this] {
        bool ok = false;
        const QString reason = QInputDialog::getText(this, tr("Reject All"),
                                                     tr("Why are these moves rejected? (optional)"), QLineEdit::Normal,
                                                     QString(), &ok);
        if (ok)
            rejectAll(reason);
    });

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    mApply = buttons->addButton(tr("Apply Decisions"), QDialogButtonBox::AcceptRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(mApply, &QPushButton::clicked, this, [this] {
        if (applyDecisions())
            QDialog::accept();
    });
    layout->addWidget(buttons);
    updateSummary();
    resize(980, 460);
}

QString FixReviewDialog::territoryName(TerritoryId territory) const
{
    return mDocument->isValidTerritory(territory) ? QString::fromStdString(mDocument->territory(territory).name)
                                                  : tr("(unassigned)");
}

QString FixReviewDialog::whyText(const ProposedMove &move) const
{
    if (move.rule >= mRules.rules.size())
        return tr("lowers the breaches elsewhere in the plan");
    const QString rule = QString::fromStdString(mRules.rules[move.rule].describe());
    const QString where = territoryName(move.breachTerritory);
    if (move.breachAfter == 0.0)
        return tr("removes \"%1\" in %2 (was %3 past the limit)").arg(rule, where, percent(move.breachBefore));
    return tr("shrinks \"%1\" in %2: %3 → %4 past the limit")
        .arg(rule, where, percent(move.breachBefore), percent(move.breachAfter));
}

void FixReviewDialog::refreshRow(int row)
{
    QTableWidgetItem *item = mTable->item(row, DecisionColumn);
    const std::optional<bool> &accepted = mAccepted[static_cast<std::size_t>(row)];
    if (!accepted) {
        item->setText(tr("Undecided"));
        item->setForeground(palette().color(QPalette::PlaceholderText));
        item->setToolTip(QString());
    } else if (*accepted) {
        item->setText(tr("✔ Accepted"));
        item->setForeground(QColor(0x1b, 0x7f, 0x3b));
        item->setToolTip(QString());
    } else {
        const QString &reason = mReasons[static_cast<std::size_t>(row)];
        item->setText(reason.isEmpty() ? tr("✘ Rejected") : tr("✘ Rejected: %1").arg(reason));
        item->setForeground(QColor(0xb0, 0x1c, 0x1c));
        item->setToolTip(reason);
    }
}

void FixReviewDialog::updateSummary()
{
    int accepted = 0, rejected = 0;
    for (const std::optional<bool> &a : mAccepted)
        if (a)
            ++(*a ? accepted : rejected);
    const int undecided = undecidedCount();
    mStatus->setText(tr("%1 accepted, %2 rejected, %3 undecided").arg(accepted).arg(rejected).arg(undecided));
    mApply->setEnabled(undecided == 0);
    mApply->setToolTip(undecided == 0 ? tr("Move the accepted units and pin the rejected ones, as one undo step")
                                      : tr("Decide on every move first"));
}

void FixReviewDialog::decide(int row, bool accept, const QString &reason)
{
    if (row < 0 || row >= mTable->rowCount())
        return;
    mAccepted[static_cast<std::size_t>(row)] = accept;
    mReasons[static_cast<std::size_t>(row)] = accept ? QString() : reason.trimmed();
    refreshRow(row);
    updateSummary();
}

void FixReviewDialog::acceptAll()
{
    for (int row = 0; row < mTable->rowCount(); ++row)
        decide(row, true);
}

void FixReviewDialog::rejectAll(const QString &reason)
{
    for (int row = 0; row < mTable->rowCount(); ++row)
        decide(row, false, reason);
}

std::vector<int> FixReviewDialog::selectedRows() const
{
    std::set<int> rows;
    for (const QModelIndex &index : mTable->selectionModel()->selectedRows())
        rows.insert(index.row());
    if (rows.empty() && mTable->currentRow() >= 0)
        rows.insert(mTable->currentRow());
    return {rows.begin(), rows.end()};
}

void FixReviewDialog::acceptSelected()
{
    for (int row : selectedRows())
        decide(row, true);
}

void FixReviewDialog::rejectSelected()
{
    const std::vector<int> rows = selectedRows();
    if (rows.empty())
        return;
    bool ok = false;
    const QString reason = QInputDialog::getText(
        this, tr("Reject Move"),
        rows.size() == 1 ? tr("Why should this unit stay where it is? (optional; kept with the pin)")
                         : tr("Why should these %1 units stay where they are? (optional; kept with the pins)")
                               .arg(rows.size()),
        QLineEdit::Normal, QString(), &ok);
    if (!ok)
        return;
    for (int row : rows)
        decide(row, false, reason);
}

int FixReviewDialog::undecidedCount() const
{
    int count = 0;
    for (const std::optional<bool> &a : mAccepted)
        count += a ? 0 : 1;
    return count;
}

FixReview FixReviewDialog::review() const
{
    FixReview review;
    review.at = QDateTime::currentSecsSinceEpoch();
    review.maxMoves = mMaxMoves;
    for (std::size_t i = 0; i < mProposal.moves.size(); ++i) {
        const ProposedMove &move = mProposal.moves[i];
        review.decisions.push_back({move.unitKey, move.unitName, territoryName(move.from).toStdString(),
                                    territoryName(move.to).toStdString(), move.reason, mAccepted[i].value_or(false),
                                    mReasons[i].toStdString()});
    }
    return review;
}

bool FixReviewDialog::applyDecisions()
{
    if (undecidedCount() > 0 || mProposal.moves.empty())
        return false;
    const FixReview decided = review();
    Alignment alignment = mDocument->scenario().alignment;
    for (std::size_t i = 0; i < mProposal.moves.size(); ++i)
        if (*mAccepted[i])
            alignment.assign(mProposal.moves[i].unit, mProposal.moves[i].to);
    auto *command = new ReplacePlanCommand(mDocument, mDocument->scenario().territories, std::move(alignment),
                                           QString::fromStdString(decided.summary()));
    command->setParameters(withReview(mDocument->scenario().parametersJson, decided));
    mDocument->undoStack()->push(command);
    return true;
}

} // namespace tessera::ui
