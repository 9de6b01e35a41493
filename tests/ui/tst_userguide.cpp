// F1 in the main window opens the user guide compiled into the program: the
// window shows docs/user-guide.md (its title and sections) with its pictures.
#include "ui/dialogs/helpwindow.h"
#include "ui/mainwindow/mainwindow.h"

#include <QAction>
#include <QFile>
#include <QImage>
#include <QSettings>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QTextDocument>
#include <QtTest>

using namespace tessera::ui;

namespace {

/// The first "# " heading of the guide in the source tree.
QString sourceTitle()
{
    QFile file(QStringLiteral(TESSERA_SOURCE_DIR "/docs/user-guide.md"));
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return {};
    while (!file.atEnd()) {
        const QString line = QString::fromUtf8(file.readLine()).trimmed();
        if (line.startsWith(QLatin1String("# ")))
            return line.mid(2).trimmed();
    }
    return {};
}

} // namespace

class TestUserGuide : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(mSettingsDir.isValid());
        QCoreApplication::setOrganizationName(QStringLiteral("TesseraGuideTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_userguide"));
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, mSettingsDir.path());
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, mSettingsDir.path());
    }

    void f1OpensTheGuide()
    {
        MainWindow window;
        window.setConfirmClose(false);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto *action = window.findChild<QAction *>(QStringLiteral("userGuide"));
        QVERIFY(action);
        QCOMPARE(action->shortcut(), QKeySequence(Qt::Key_F1));
        QVERIFY(!window.findChild<HelpWindow *>());

        QTest::keyClick(&window, Qt::Key_F1);
        auto *help = window.findChild<HelpWindow *>();
        QVERIFY(help);
        QTRY_VERIFY(help->isVisible());
        const QString expected = sourceTitle();
        QVERIFY(!expected.isEmpty());
        QCOMPARE(help->title(), expected);
        QCOMPARE(help->windowTitle(), expected);
        const QString text = help->browser()->toPlainText();
        QVERIFY(text.contains(QStringLiteral("Reps")));
        QVERIFY(text.contains(QStringLiteral("F1")));
        QVERIFY(!text.contains(QStringLiteral("![")));   // rendered as Markdown, not shown as source
        // The pictures travel with the guide.
        QVERIFY(QImage(QStringLiteral(":/docs/screenshot.png")).width() > 100);

        // F1 again raises the same window rather than opening a second one.
        QTest::keyClick(&window, Qt::Key_F1);
        QCOMPARE(window.findChildren<HelpWindow *>().size(), 1);
    }

private:
    QTemporaryDir mSettingsDir;
};

QTEST_MAIN(TestUserGuide)
#include "tst_userguide.moc"
