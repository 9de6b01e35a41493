#pragma once

#include "core/model/scenario.h"

#include <QUndoCommand>

#include <vector>

namespace tessera::ui {

class Document;

/// Renames or annotates a scenario, or moves the project's baseline flag:
/// the new value is swapped with the stored one.
class ChangeScenarioCommand : public QUndoCommand {
public:
    static ChangeScenarioCommand *rename(Document *document, int index, const std::string &name);
    static ChangeScenarioCommand *annotate(Document *document, int index, const std::string &notes);
    /// Makes scenario \a index the baseline (-1 = none).
    static ChangeScenarioCommand *makeBaseline(Document *document, int index);

    void undo() override { swap(); }
    void redo() override { swap(); }

private:
    ChangeScenarioCommand(Document *document, int index) : mDocument(document), mIndex(index) {}
    void swap();

    Document *mDocument;
    int mIndex;
    bool mFlags = false;          ///< a baseline change (else name and notes)
    Scenario mText;               ///< name and notes to swap in
    std::vector<char> mBaselines; ///< baseline flag per scenario to swap in
};

/// Edits another scenario of the project. Consecutive switches merge into
/// one undo step; undoing edits of a scenario switches back to it first.
class SwitchScenarioCommand : public QUndoCommand {
public:
    SwitchScenarioCommand(Document *document, int index);
    int id() const override;
    bool mergeWith(const QUndoCommand *other) override;
    void undo() override { swap(); }
    void redo() override { swap(); }

private:
    void swap();

    Document *mDocument;
    int mIndex;
};

} // namespace tessera::ui
