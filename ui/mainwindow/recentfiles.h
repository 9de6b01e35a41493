#pragma once

#include <QObject>
#include <QStringList>

class QMenu;
class QWidget;

namespace tessera::ui {

/// The projects opened last, newest first, kept in QSettings so they survive
/// restarts, and the File ▸ Open Recent menu that lists them.
class RecentFiles : public QObject {
    Q_OBJECT

public:
    static constexpr int MaxFiles = 8;

    explicit RecentFiles(QObject *parent = nullptr);

    /// Absolute paths, newest first.
    QStringList paths() const;
    /// Puts \a path first (moving it if listed), dropping the oldest beyond MaxFiles.
    void add(const QString &path);
    void remove(const QString &path);
    void clear();
    /// The "Open Recent" submenu, rebuilt whenever the list changes.
    QMenu *createMenu(QWidget *parent);

signals:
    /// A listed file that still exists was chosen.
    void openRequested(const QString &path);
    /// Something to tell the user in the status bar (a listed file is gone).
    void message(const QString &text);
    void changed();

private:
    void store(const QStringList &paths);
    void rebuild(QMenu *menu);
    void choose(const QString &path);
};

} // namespace tessera::ui
