// Habits of a desktop program in the real main window: File ▸ Open Recent,
// the window layout kept between runs, Help ▸ Keyboard Shortcuts and
// shortcuts in toolbar tooltips. Settings go to a temporary folder.
#include "ui/dialogs/shortcutsdialog.h"
#include "ui/document/document.h"
#include "ui/mainwindow/mainwindow.h"
#include "ui/mainwindow/recentfiles.h"
#include "ui/mainwindow/windowlayout.h"

#include <QAction>
#include <QDockWidget>
#include <QFile>
#include <QFileInfo>
#include <QMenu>
#include <QSettings>
#include <QStatusBar>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QToolBar>
#include <QUndoCommand>
#include <QUndoStack>
#include <QtTest>

using namespace tessera;
using namespace tessera::ui;

namespace {

QString copySample(const QTemporaryDir &dir, const QString &name)
{
    const QString path = dir.filePath(name);
    if (!QFile::copy(QStringLiteral(TESSERA_SOURCE_DIR "/resources/samples/southeast.tessera"), path))
        return {};
    QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
    return path;
}

/// The file entries of the Open Recent menu (not the separator or Clear Menu).
QList<QAction *> recentEntries(const MainWindow &window)
{
    QList<QAction *> entries;
    auto *menu = window.findChild<QMenu *>(QStringLiteral("openRecentMenu"));
    if (!menu)
        return entries;
    for (QAction *a : menu->actions())
        if (!a->isSeparator() && a->objectName() != QLatin1String("clearRecent"))
            entries << a;
    return entries;
}

QStringList texts(const QList<QAction *> &actions)
{
    QStringList out;
    for (const QAction *a : actions)
        out << a->text();
    return out;
}

} // namespace

class TestHabits : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(mSettingsDir.isValid());
        QCoreApplication::setOrganizationName(QStringLiteral("TesseraHabitsTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_habits"));
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, mSettingsDir.path());
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, mSettingsDir.path());
        QSettings().clear();
        QVERIFY(QSettings().fileName().startsWith(mSettingsDir.path()));
    }

    void openRecentListsNewestFirst()
    {
        QTemporaryDir dir;
        const QString first = copySample(dir, QStringLiteral("first.tessera"));
        const QString second = copySample(dir, QStringLiteral("second.tessera"));
        QVERIFY(!first.isEmpty() && !second.isEmpty());
        MainWindow window;
        window.setConfirmClose(false);
        window.setQuiet(true);
        QVERIFY(recentEntries(window).isEmpty());
        QVERIFY(window.openProject(first, false));
        QVERIFY(window.openProject(second, false));

        const QList<QAction *> entries = recentEntries(window);
        QCOMPARE(texts(entries), (QStringList{QStringLiteral("second.tessera"), QStringLiteral("first.tessera")}));
        QCOMPARE(entries[0]->statusTip(), QFileInfo(second).absoluteFilePath());
        QCOMPARE(entries[1]->statusTip(), QFileInfo(first).absoluteFilePath());
        // Kept in the settings: a new window lists the same files.
        MainWindow later;
        QCOMPARE(texts(recentEntries(later)), texts(entries));

        // Reopening the first moves it to the top instead of listing it twice.
        entries[1]->trigger(); // opens in the background
        QTRY_COMPARE_WITH_TIMEOUT(window.document()->path(), QFileInfo(first).absoluteFilePath(), 30000);
        QCOMPARE(texts(recentEntries(window)), (QStringList{QStringLiteral("first.tessera"), QStringLiteral("second.tessera")}));

        // A file deleted since is dropped when chosen, with a word in the status bar.
        window.document()->clear();
        QVERIFY(QFile::remove(second));
        QAction *gone = recentEntries(window).value(1);
        QVERIFY(gone);
        gone->trigger();
        QCOMPARE(texts(recentEntries(window)), QStringList{QStringLiteral("first.tessera")});
        QVERIFY2(window.statusBar()->currentMessage().contains(QStringLiteral("second.tessera")),
                 qPrintable(window.statusBar()->currentMessage()));
        QVERIFY(!window.document()->hasProject());

        // Clear Menu empties the list.
        auto *clear = window.findChild<QAction *>(QStringLiteral("clearRecent"));
        QVERIFY(clear && clear->isEnabled());
        clear->trigger();
        QVERIFY(recentEntries(window).isEmpty());
        QVERIFY(window.recentFiles()->paths().isEmpty());
    }

    void keepsAtMostEight()
    {
        RecentFiles recent;
        recent.clear();
        for (int i = 0; i < 10; ++i)
            recent.add(QStringLiteral("/nowhere/p%1.tessera").arg(i));
        QCOMPARE(recent.paths().size(), RecentFiles::MaxFiles);
        QCOMPARE(recent.paths().first(), QStringLiteral("/nowhere/p9.tessera"));
        QCOMPARE(recent.paths().last(), QStringLiteral("/nowhere/p2.tessera"));
        recent.clear();
    }

    void windowLayoutRemembered()
    {
        {
            MainWindow window;
            window.setConfirmClose(false);
            // restoreState() matches docks and toolbars by objectName.
            for (const QDockWidget *dock : window.findChildren<QDockWidget *>())
                QVERIFY2(!dock->objectName().isEmpty(), qPrintable(dock->windowTitle()));
            for (const QToolBar *bar : window.findChildren<QToolBar *>())
                QVERIFY2(!bar->objectName().isEmpty(), qPrintable(bar->windowTitle()));
            QVERIFY(!WindowLayout::attach(&window)); // nothing kept yet
            window.show();
            auto *layers = window.findChild<QDockWidget *>(QStringLiteral("LayersPanel"));
            QVERIFY(layers && layers->toggleViewAction()->isChecked());
            layers->hide();
            QVERIFY(window.close());
        }
        MainWindow again;
        QVERIFY(WindowLayout::attach(&again));
        again.show();
        auto *layers = again.findChild<QDockWidget *>(QStringLiteral("LayersPanel"));
        QVERIFY(layers);
        QVERIFY(!layers->toggleViewAction()->isChecked());
        QVERIFY(again.findChild<QDockWidget *>(QStringLiteral("MetricsPanel"))->toggleViewAction()->isChecked());
        QSettings().remove(QStringLiteral("window"));
    }

    void shortcutsDialogListsTheActions()
    {
        MainWindow window;
        ShortcutsDialog dialog(&window);
        auto *table = dialog.findChild<QTableWidget *>(QStringLiteral("shortcutsTable"));
        QVERIFY(table);
        QHash<QString, QString> rows;
        for (int r = 0; r < table->rowCount(); ++r)
            rows.insert(table->item(r, 0)->text(), table->item(r, 1)->text());
        QCOMPARE(rows.value(QStringLiteral("Edit ▸ Undo")), QKeySequence(QKeySequence::Undo).toString(QKeySequence::NativeText));
        QCOMPARE(rows.value(QStringLiteral("Edit ▸ Find…")), QKeySequence(QKeySequence::Find).toString(QKeySequence::NativeText));
        QCOMPARE(rows.value(QStringLiteral("File ▸ Open…")), QKeySequence(QKeySequence::Open).toString(QKeySequence::NativeText));
        // Generated from the actions: a shortcut changed at run time shows up.
        window.action(QStringLiteral("zoomFull"))->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F9));
        bool found = false;
        for (const auto &entry : ShortcutsDialog::collect(&window))
            found = found || (entry.command == QStringLiteral("View ▸ Full Extent") && entry.shortcut.contains(QStringLiteral("F9")));
        QVERIFY(found);
        // Actions without a shortcut are not listed.
        QVERIFY(!rows.contains(QStringLiteral("Help ▸ About Tessera")));

        // Toolbar buttons name their shortcut.
        QCOMPARE(window.action(QStringLiteral("tool_pan"))->toolTip().right(3), QStringLiteral("(H)"));
        QVERIFY2(window.findChild<QAction *>(QStringLiteral("undo"))->toolTip().contains(QKeySequence(QKeySequence::Undo).toString(QKeySequence::NativeText)),
                 qPrintable(window.findChild<QAction *>(QStringLiteral("undo"))->toolTip()));
        // The undo button's text follows the stack; its tooltip keeps the shortcut.
        window.document()->undoStack()->push(new QUndoCommand(QStringLiteral("Paint")));
        const QString undoTip = window.findChild<QAction *>(QStringLiteral("undo"))->toolTip();
        QVERIFY2(undoTip.contains(QStringLiteral("Paint")) && undoTip.endsWith(QKeySequence(QKeySequence::Undo).toString(QKeySequence::NativeText) + QLatin1Char(')')),
                 qPrintable(undoTip));
    }

private:
    QTemporaryDir mSettingsDir;
};

QTEST_MAIN(TestHabits)
#include "tst_habits.moc"
