#include "ui/dialogs/shortcutsdialog.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QSet>
#include <QTableWidget>
#include <QToolBar>
#include <QVBoxLayout>

namespace tessera::ui {

namespace {

QString plainText(const QAction *action)
{
    QString text = action->text();
    text.replace(QLatin1String("&&"), QStringLiteral("\x01"));
    text.remove(QLatin1Char('&'));
    text.replace(QStringLiteral("\x01"), QStringLiteral("&"));
    return text;
}

QString shortcutText(const QAction *action)
{
    QStringList keys;
    for (const QKeySequence &key : action->shortcuts())
        if (!key.isEmpty())
            keys << key.toString(QKeySequence::NativeText);
    return keys.join(QStringLiteral(", "));
}

void collectMenu(const QMenu *menu, const QString &prefix, QList<ShortcutsDialog::Entry> &out, QSet<const QAction *> &seen)
{
    for (QAction *action : menu->actions()) {
        if (action->isSeparator())
            continue;
        const QString path = prefix + plainText(action);
        if (QMenu *sub = action->menu()) {
            collectMenu(sub, path + QStringLiteral(" ▸ "), out, seen);
            continue;
        }
        if (seen.contains(action))
            continue;
        seen.insert(action);
        if (const QString keys = shortcutText(action); !keys.isEmpty())
            out.append({path, keys});
    }
}

} // namespace

QList<ShortcutsDialog::Entry> ShortcutsDialog::collect(const QMainWindow *window)
{
    QList<Entry> entries;
    QSet<const QAction *> seen;
    for (QAction *top : window->menuBar()->actions())
        if (QMenu *menu = top->menu())
            collectMenu(menu, plainText(top) + QStringLiteral(" ▸ "), entries, seen);
    for (QAction *action : window->findChildren<QAction *>()) {
        if (seen.contains(action) || action->isSeparator() || action->menu())
            continue;
        seen.insert(action);
        if (const QString keys = shortcutText(action); !keys.isEmpty())
            entries.append({plainText(action), keys});
    }
    return entries;
}

void ShortcutsDialog::showShortcutsInToolTips(QMainWindow *window)
{
    for (QToolBar *toolbar : window->findChildren<QToolBar *>())
        for (QAction *action : toolbar->actions()) {
            if (action->isSeparator())
                continue;
            auto update = [action] {
                const QString keys = shortcutText(action);
                const QString tip = keys.isEmpty() ? plainText(action) : QStringLiteral("%1 (%2)").arg(plainText(action), keys);
                if (action->toolTip() != tip)
                    action->setToolTip(tip); // emits changed() once more, which then finds nothing to do
            };
            update();
            // The undo action's text follows the stack ("Undo Assign…"); keep the tip in step.
            connect(action, &QAction::changed, action, update);
        }
}

ShortcutsDialog::ShortcutsDialog(QMainWindow *window, QWidget *parent) : QDialog(parent)
{
    setWindowTitle(tr("Keyboard Shortcuts"));
    const QList<Entry> entries = collect(window);
    auto *table = new QTableWidget(static_cast<int>(entries.size()), 2, this);
    table->setObjectName(QStringLiteral("shortcutsTable"));
    table->setHorizontalHeaderLabels({tr("Command"), tr("Shortcut")});
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->verticalHeader()->hide();
    for (int row = 0; row < entries.size(); ++row) {
        table->setItem(row, 0, new QTableWidgetItem(entries[row].command));
        table->setItem(row, 1, new QTableWidgetItem(entries[row].shortcut));
    }
    table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(table);
    layout->addWidget(buttons);
    resize(520, 560);
}

} // namespace tessera::ui
