#pragma once

class QWidget;

namespace tessera::ui {

class Document;

/// Health ▸ Propose Fixes…: asks for the number of moves, runs the proposal
/// off the GUI thread behind a cancellable progress dialog, then opens the
/// review dialog on the result.
class FixProposalFlow {
public:
    static void run(Document *document, QWidget *parent);
};

} // namespace tessera::ui
