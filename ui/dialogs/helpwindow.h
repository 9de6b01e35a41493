#pragma once

#include <QWidget>

class QTextBrowser;

namespace tessera::ui {

/// Help ▸ User Guide (F1): docs/user-guide.md, compiled into the program with
/// its pictures, rendered in a window of its own. Links to other pages open in
/// the desktop's browser.
class HelpWindow : public QWidget {
    Q_OBJECT

public:
    explicit HelpWindow(QWidget *parent = nullptr);

    /// Shows the guide window of \a owner (created on first use, raised after).
    static HelpWindow *showGuide(QWidget *owner);

    QTextBrowser *browser() const { return mBrowser; }
    /// The guide's title: its first heading.
    QString title() const;

private:
    QTextBrowser *mBrowser;
};

} // namespace tessera::ui
