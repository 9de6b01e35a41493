#pragma once

#include <QObject>

class QMainWindow;

namespace tessera::ui {

/// Remembers a main window's geometry and its docks and toolbars in QSettings:
/// attach() restores what was kept (if anything) and saves again when the
/// window is closed. restoreState() matches docks by objectName, so every dock
/// and toolbar needs one.
class WindowLayout : public QObject {
    Q_OBJECT

public:
    /// Restores \a window now and saves its layout when it closes. Returns whether a layout was restored.
    static bool attach(QMainWindow *window);
    static void save(const QMainWindow *window);
    static bool restore(QMainWindow *window);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    explicit WindowLayout(QMainWindow *window);
};

} // namespace tessera::ui
