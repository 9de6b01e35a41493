#pragma once

#include <QDialog>
#include <QList>
#include <QString>

class QMainWindow;
class QWidget;

namespace tessera::ui {

/// Help ▸ Keyboard Shortcuts: every action of the window that has a shortcut,
/// read from the actions themselves so the list cannot drift from the menus.
class ShortcutsDialog : public QDialog {
    Q_OBJECT

public:
    struct Entry {
        QString command;  ///< menu path ("File ▸ Open…") or, outside menus, the action text
        QString shortcut; ///< native text; several shortcuts joined by ", "
    };

    explicit ShortcutsDialog(QMainWindow *window, QWidget *parent = nullptr);

    /// The window's actions with shortcuts, in menu order, then those outside menus.
    static QList<Entry> collect(const QMainWindow *window);
    /// Adds the shortcut to the tooltips of the window's toolbar buttons, kept current when the action changes.
    static void showShortcutsInToolTips(QMainWindow *window);
};

} // namespace tessera::ui
