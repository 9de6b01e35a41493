#pragma once

#include <QDockWidget>

#include <string>

class QPlainTextEdit;
class QPushButton;
class QTreeWidget;

namespace tessera::ui {

class Document;

/// The scenarios of the project: name, territory count, baseline flag and
/// notes. Selecting a row edits that scenario; the buttons create (empty or
/// from the current plan), clone, rename, delete and mark the baseline, each
/// as one undoable command. The functions below are what the buttons do
/// after asking for a name, so tests and menus can call them directly.
class ScenarioPanel : public QDockWidget {
    Q_OBJECT
public:
    explicit ScenarioPanel(Document *document, QWidget *parent = nullptr);
    QTreeWidget *tree() const { return mTree; }
    QPlainTextEdit *notesEditor() const { return mNotes; }

    /// Adds a scenario named \a name (made unique) and edits it: empty (no
    /// territories) or a copy of the edited plan.
    void createScenario(const std::string &name, bool fromCurrent);
    /// Adds a copy of scenario \a index named \a name and edits it.
    void cloneScenario(int index, const std::string &name);
    /// False (and nothing changes) when \a name is empty or taken.
    bool renameScenario(int index, const std::string &name);
    /// Deletes scenario \a index (undoable); never the last one.
    bool deleteScenario(int index);
    void makeBaseline(int index);
    void setNotes(int index, const std::string &notes);
    void switchTo(int index);

signals:
    /// The user asked to compare the edited scenario with the baseline.
    void compareRequested();

private:
    void rebuild();
    void chooseCreate(bool fromCurrent);
    void chooseRename();
    void commitNotes();
    int selectedIndex() const;

    Document *mDocument;
    QTreeWidget *mTree;
    QPlainTextEdit *mNotes;
    QPushButton *mDelete = nullptr;
    QPushButton *mBaseline = nullptr;
    bool mUpdating = false;
};

} // namespace tessera::ui
