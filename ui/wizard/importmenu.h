#pragma once

#include "core/io/projectimporter.h"

#include <QObject>

#include <functional>

class QMenu;
class QWidget;

namespace tessera {

namespace ui {
class Document;
}

/// File ▸ Import ▸ Units / Accounts / Reps / Plan…: reads the file into a copy
/// of the open project off the GUI thread (progress, cancel), shows the
/// problems and the ids added and removed, and on confirmation writes the
/// result to the project file, as `tessera-cli import` does: layers are
/// updated by id and every scenario is kept.
class ImportMenu : public QObject {
    Q_OBJECT
public:
    enum class Kind { Units, Accounts, Reps, Plan };

    /// \a saveFirst saves or discards pending edits (false = the user gave up);
    /// \a reopen opens the written project.
    ImportMenu(ui::Document *document, QWidget *window, std::function<bool()> saveFirst,
               std::function<void(const QString &)> reopen);

    QMenu *createMenu(QWidget *parent);

    /// Imports \a path as \a kind; \a confirm = false applies without asking
    /// (tests). Returns the summary shown, empty when nothing was written.
    QString importFile(Kind kind, const QString &path, bool confirm = true);

private:
    void choose(Kind kind);

    ui::Document *mDocument;
    QWidget *mWindow;
    std::function<bool()> mSaveFirst;
    std::function<void(const QString &)> mReopen;
};

/// "3 added, 1 removed: A9" for a summary; empty when nothing changed.
QString describeIdChanges(const io::IdChanges &changes);

} // namespace tessera
