#include "ui/mainwindow/recentfiles.h"

#include <QAction>
#include <QFileInfo>
#include <QMenu>
#include <QSettings>

namespace tessera::ui {

namespace {
const QString settingsKey = QStringLiteral("recentFiles");
}

RecentFiles::RecentFiles(QObject *parent) : QObject(parent) {}

QStringList RecentFiles::paths() const
{
    return QSettings().value(settingsKey).toStringList();
}

void RecentFiles::add(const QString &path)
{
    if (path.isEmpty())
        return;
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QStringList list = paths();
    list.removeAll(absolute);
    list.prepend(absolute);
    while (list.size() > MaxFiles)
        list.removeLast();
    store(list);
}

void RecentFiles::remove(const QString &path)
{
    QStringList list = paths();
    if (list.removeAll(path) > 0)
        store(list);
}

void RecentFiles::clear()
{
    store({});
}

void RecentFiles::store(const QStringList &list)
{
    QSettings().setValue(settingsKey, list);
    emit changed();
}

QMenu *RecentFiles::createMenu(QWidget *parent)
{
    auto *menu = new QMenu(tr("Open &Recent"), parent);
    menu->setObjectName(QStringLiteral("openRecentMenu"));
    rebuild(menu);
    connect(this, &RecentFiles::changed, menu, [this, menu] { rebuild(menu); });
    // Another window of the program may have changed the list since.
    connect(menu, &QMenu::aboutToShow, menu, [this, menu] { rebuild(menu); });
    return menu;
}

void RecentFiles::rebuild(QMenu *menu)
{
    menu->clear();
    const QStringList list = paths();
    for (const QString &path : list) {
        QAction *a = menu->addAction(QFileInfo(path).fileName());
        a->setStatusTip(path);
        a->setToolTip(path);
        a->setData(path);
        connect(a, &QAction::triggered, this, [this, path] { choose(path); });
    }
    menu->addSeparator();
    QAction *clearAction = menu->addAction(tr("&Clear Menu"), this, &RecentFiles::clear);
    clearAction->setObjectName(QStringLiteral("clearRecent"));
    clearAction->setEnabled(!list.isEmpty());
    menu->setEnabled(true);
}

void RecentFiles::choose(const QString &path)
{
    if (!QFileInfo::exists(path)) {
        remove(path);
        emit message(tr("%1 no longer exists and was removed from the recent files").arg(path));
        return;
    }
    emit openRequested(path);
}

} // namespace tessera::ui
