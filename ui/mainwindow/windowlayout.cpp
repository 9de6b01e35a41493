#include "ui/mainwindow/windowlayout.h"

#include <QEvent>
#include <QMainWindow>
#include <QSettings>

namespace tessera::ui {

namespace {
const QString geometryKey = QStringLiteral("window/geometry");
const QString stateKey = QStringLiteral("window/state");
// Bumped when the docks change so much that an old state would mislead.
constexpr int stateVersion = 1;
} // namespace

WindowLayout::WindowLayout(QMainWindow *window) : QObject(window)
{
    window->installEventFilter(this);
}

bool WindowLayout::attach(QMainWindow *window)
{
    const bool restored = restore(window);
    new WindowLayout(window);
    return restored;
}

void WindowLayout::save(const QMainWindow *window)
{
    QSettings settings;
    settings.setValue(geometryKey, window->saveGeometry());
    settings.setValue(stateKey, window->saveState(stateVersion));
}

bool WindowLayout::restore(QMainWindow *window)
{
    QSettings settings;
    bool restored = false;
    if (const QByteArray geometry = settings.value(geometryKey).toByteArray(); !geometry.isEmpty())
        restored = window->restoreGeometry(geometry);
    if (const QByteArray state = settings.value(stateKey).toByteArray(); !state.isEmpty())
        restored = window->restoreState(state, stateVersion) || restored;
    return restored;
}

bool WindowLayout::eventFilter(QObject *watched, QEvent *event)
{
    // Saved on every close request, even one the window then refuses: the layout is the same either way.
    if (event->type() == QEvent::Close)
        save(static_cast<QMainWindow *>(watched));
    return QObject::eventFilter(watched, event);
}

} // namespace tessera::ui
