#pragma once

#include <QObject>
#include <QPointer>

class QMenu;
class QMenuBar;

namespace tessera::ui {

class CompareDialog;
class Document;
class MainWindow;
class ScenarioPanel;

/// The Scenario menu and the Scenarios dock of the main window: new, clone,
/// rename, notes, delete, baseline, switch, Save As a new scenario and the
/// compare view. Kept apart from MainWindow, which only creates it.
class ScenarioMenu : public QObject {
    Q_OBJECT

public:
    /// Adds the Scenarios dock to \a window.
    explicit ScenarioMenu(MainWindow *window);
    ScenarioPanel *panel() const { return mPanel; }
    /// Adds the Scenario menu to \a bar.
    void addMenu(QMenuBar *bar);

    /// Opens the compare view of the edited scenario against the baseline (or
    /// the first other scenario); returns it (it deletes itself when closed).
    CompareDialog *openCompare();
    /// Adds a copy of the edited plan named \a name, edits it and saves the project.
    bool saveAsScenario(const QString &name);

private:
    MainWindow *mWindow;
    Document *mDocument;
    ScenarioPanel *mPanel;
    QPointer<CompareDialog> mCompare;
};

} // namespace tessera::ui
