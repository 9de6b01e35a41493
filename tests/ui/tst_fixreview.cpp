// The review loop of plan health on the south-east sample, offscreen: a fix
// proposal run off the GUI thread, one move accepted and one rejected with a
// reason, applied as one undo step; the rejection becomes a pin that the next
// proposal respects; undo restores the plan; the saved history holds the review.
#include "core/health/fixreview.h"
#include "core/health/pins.h"
#include "ui/dialogs/fixproposalrun.h"
#include "ui/dialogs/fixreviewdialog.h"
#include "ui/document/document.h"
#include "ui/document/territorystatistics.h"
#include "ui/panels/healthpanel.h"

#include <QFile>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

#include <algorithm>

using namespace tessera;
using namespace tessera::ui;

class TestFixReview : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void acceptOneRejectOneUndoAndHistory();
    void cancelLeavesThePlan();

private:
    /// Runs a proposal of at most \a maxMoves on the edited scenario.
    bool propose(FixProposalRun &run, int maxMoves);

    QTemporaryDir mDir;
    Document mDocument;
};

void TestFixReview::initTestCase()
{
    QVERIFY(mDir.isValid());
    const QString copy = mDir.filePath(QStringLiteral("southeast.tessera"));
    QVERIFY(QFile::copy(QStringLiteral(TESSERA_SOURCE_DIR "/resources/samples/southeast.tessera"), copy));
    QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner);
    auto opened = mDocument.open(copy);
    QVERIFY2(opened, opened ? "" : opened.error().toString().c_str());
}

bool TestFixReview::propose(FixProposalRun &run, int maxMoves)
{
    QSignalSpy finished(&run, &FixProposalRun::finished);
    if (!run.start(maxMoves))
        return false;
    if (!finished.wait(120000))
        return false;
    return finished.front().front().toBool();
}

void TestFixReview::acceptOneRejectOneUndoAndHistory()
{
    // The dock's button asks for the same flow as the menu entry.
    TerritoryStatistics statistics(&mDocument);
    HealthPanel panel(&mDocument, &statistics);
    auto *button = panel.findChild<QPushButton *>(QStringLiteral("proposeFixes"));
    QVERIFY(button);
    QSignalSpy asked(&panel, &HealthPanel::proposeFixesRequested);
    button->click();
    QCOMPARE(asked.size(), 1);

    FixProposalRun run(&mDocument);
    QVERIFY(propose(run, 4));
    const FixProposal proposal = run.proposal();
    QVERIFY2(proposal.moves.size() >= 2, "the sample has breaches a move can reduce");
    QVERIFY(proposal.moves.size() <= 4);

    const Scenario before = mDocument.scenario();
    const int steps = mDocument.undoStack()->count();
    FixReviewDialog dialog(&mDocument, proposal, run.rules(), run.maxMoves());
    QCOMPARE(dialog.table()->rowCount(), static_cast<int>(proposal.moves.size()));
    // Every row names the territories by name and says why.
    for (int row = 0; row < dialog.table()->rowCount(); ++row) {
        const ProposedMove &move = proposal.moves[static_cast<std::size_t>(row)];
        QCOMPARE(dialog.table()->item(row, FixReviewDialog::FromColumn)->text(),
                 QString::fromStdString(mDocument.territory(move.from).name));
        QCOMPARE(dialog.table()->item(row, FixReviewDialog::ToColumn)->text(),
                 QString::fromStdString(mDocument.territory(move.to).name));
        QVERIFY(!dialog.table()->item(row, FixReviewDialog::WhyColumn)->text().isEmpty());
    }
    QVERIFY(!dialog.applyDecisions()); // undecided moves: nothing applied
    QCOMPARE(mDocument.undoStack()->count(), steps);

    dialog.rejectAll();
    dialog.decide(0, true);
    const QString reason = QStringLiteral("Rep has known the buyer for ten years");
    dialog.decide(1, false, reason);
    QVERIFY(dialog.table()->item(1, FixReviewDialog::DecisionColumn)->text().contains(reason));
    QVERIFY(dialog.applyDecisions());
    QCOMPARE(mDocument.undoStack()->count(), steps + 1); // one undo step

    const ProposedMove &accepted = proposal.moves[0];
    const ProposedMove &rejected = proposal.moves[1];
    QCOMPARE(mDocument.territoryOf(accepted.unit), accepted.to);
    QCOMPARE(mDocument.territoryOf(rejected.unit), rejected.from);
    for (std::size_t i = 2; i < proposal.moves.size(); ++i)
        QCOMPARE(mDocument.territoryOf(proposal.moves[i].unit), proposal.moves[i].from);

    const std::vector<Pin> pins = pinsOf(mDocument.scenario().parametersJson);
    const auto pin = std::find_if(pins.begin(), pins.end(), [&](const Pin &p) { return p.unit == rejected.unitKey; });
    QVERIFY(pin != pins.end());
    QCOMPARE(QString::fromStdString(pin->reason), reason);
    QCOMPARE(pin->territory, mDocument.territory(rejected.from).name);
    QVERIFY(std::none_of(pins.begin(), pins.end(), [&](const Pin &p) { return p.unit == accepted.unitKey; }));
    const std::vector<FixReview> reviews = reviewsOf(mDocument.scenario().parametersJson);
    QCOMPARE(reviews.size(), std::size_t(1));
    QCOMPARE(reviews[0].decisions.size(), proposal.moves.size());
    QVERIFY(reviews[0].decisions[0].accepted);
    QCOMPARE(QString::fromStdString(reviews[0].decisions[1].reason), reason);
    QVERIFY(reviews[0].at > 0);

    // Undo restores the plan and the parameters; redo brings the review back.
    mDocument.undoStack()->undo();
    QCOMPARE(mDocument.scenario().alignment, before.alignment);
    QCOMPARE(mDocument.scenario().parametersJson, before.parametersJson);
    mDocument.undoStack()->redo();
    QCOMPARE(mDocument.territoryOf(accepted.unit), accepted.to);

    // The next proposal leaves the pinned unit where it is.
    FixProposalRun again(&mDocument);
    QVERIFY(propose(again, 4));
    for (const ProposedMove &move : again.proposal().moves)
        QVERIFY2(move.unitKey != rejected.unitKey, move.unitKey.c_str());

    // Saved, the scenario's history holds the review.
    auto saved = mDocument.save();
    QVERIFY2(saved, saved ? "" : saved.error().toString().c_str());
    auto history = mDocument.savedHistory();
    QVERIFY(history && !history->empty());
    QVERIFY2(history->back().summary.find("Review of") != std::string::npos, history->back().summary.c_str());
    auto state = mDocument.savedState(history->back().id);
    QVERIFY(state);
    QCOMPARE(reviewsOf(state->parametersJson).size(), std::size_t(1));
}

void TestFixReview::cancelLeavesThePlan()
{
    const Scenario before = mDocument.scenario();
    FixProposalRun run(&mDocument);
    QSignalSpy finished(&run, &FixProposalRun::finished);
    QVERIFY(run.start(50));
    run.cancel();
    QVERIFY(finished.wait(120000));
    QCOMPARE(finished.front().front().toBool(), false);
    QCOMPARE(run.error().code, ErrorCode::Cancelled);
    QCOMPARE(mDocument.scenario().alignment, before.alignment);
}

QTEST_MAIN(TestFixReview)
#include "tst_fixreview.moc"
