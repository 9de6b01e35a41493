#include "ui/dialogs/helpwindow.h"

#include <QAction>
#include <QTextBrowser>
#include <QTextBlock>
#include <QTextDocument>
#include <QUrl>
#include <QVBoxLayout>

namespace tessera::ui {

namespace {
const char *const GuideUrl = "qrc:/docs/user-guide.md";
}

HelpWindow::HelpWindow(QWidget *parent) : QWidget(parent, Qt::Window), mBrowser(new QTextBrowser(this))
{
    setObjectName(QStringLiteral("HelpWindow"));
    setAttribute(Qt::WA_DeleteOnClose);
    mBrowser->setOpenExternalLinks(true);
    // Relative picture paths ("screenshot.png") resolve next to the guide.
    mBrowser->setSource(QUrl(QString::fromLatin1(GuideUrl)), QTextDocument::MarkdownResource);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(mBrowser);
    auto *close = new QAction(this);
    close->setShortcut(QKeySequence::Close);
    connect(close, &QAction::triggered, this, &QWidget::close);
    addAction(close);
    setWindowTitle(title().isEmpty() ? tr("Tessera User Guide") : title());
    resize(900, 760);
}

QString HelpWindow::title() const
{
    for (QTextBlock block = mBrowser->document()->begin(); block.isValid(); block = block.next())
        if (block.blockFormat().headingLevel() == 1)
            return block.text();
    return {};
}

HelpWindow *HelpWindow::showGuide(QWidget *owner)
{
    auto *window = owner ? owner->findChild<HelpWindow *>(QStringLiteral("HelpWindow"), Qt::FindDirectChildrenOnly) : nullptr;
    if (!window)
        window = new HelpWindow(owner);
    window->show();
    window->raise();
    window->activateWindow();
    return window;
}

} // namespace tessera::ui
