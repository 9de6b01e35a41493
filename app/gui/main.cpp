// tessera: the desktop application. Parses the command line and wires the main window.
//   tessera [PROJECT]                          opens PROJECT (or an empty window)
//   tessera --screenshot OUT.png [PROJECT]     renders the window with the map to a PNG and exits
#include "ui/canvas/mapcanvas.h"
#include "ui/mainwindow/mainwindow.h"
#include "ui/mainwindow/windowlayout.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QPixmap>

#include <cstdio>

int main(int argc, char **argv)
{
    // A screenshot needs no display: fall back to the offscreen platform.
    bool screenshot = false;
    for (int i = 1; i < argc; ++i)
        if (qstrcmp(argv[i], "--screenshot") == 0)
            screenshot = true;
    if (screenshot && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") && qEnvironmentVariableIsEmpty("DISPLAY")
        && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY"))
        qputenv("QT_QPA_PLATFORM", "offscreen");

    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Tessera"));
    QApplication::setOrganizationName(QStringLiteral("Tessera"));
    QApplication::setApplicationVersion(QStringLiteral(TESSERA_VERSION_STRING));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Tessera territory designer"));
    parser.addHelpOption();
    parser.addVersionOption();
    QCommandLineOption screenshotOption(QStringLiteral("screenshot"),
                                        QStringLiteral("Render the main window with the map to FILE (PNG) and exit."),
                                        QStringLiteral("FILE"));
    QCommandLineOption sizeOption(QStringLiteral("size"), QStringLiteral("Window size for --screenshot (default 1400x900)."),
                                  QStringLiteral("WxH"), QStringLiteral("1400x900"));
    parser.addOption(screenshotOption);
    parser.addOption(sizeOption);
    parser.addPositionalArgument(QStringLiteral("project"), QStringLiteral("The .tessera project to open."), QStringLiteral("[PROJECT]"));
    parser.process(app);
    const QStringList positional = parser.positionalArguments();
    if (positional.size() > 1) {
        std::fprintf(stderr, "tessera: expected at most one project, got %d\n", static_cast<int>(positional.size()));
        return 2;
    }
    const QString project = positional.value(0);

    tessera::ui::MainWindow window;
    if (parser.isSet(screenshotOption)) {
        window.setQuiet(true);
        window.setConfirmClose(false);
        const QStringList size = parser.value(sizeOption).split(QLatin1Char('x'));
        const int w = size.value(0).toInt();
        const int h = size.value(1).toInt();
        if (w < 200 || h < 150) {
            std::fprintf(stderr, "tessera: --size must be WxH with W >= 200 and H >= 150\n");
            return 2;
        }
        window.resize(w, h);
        window.show();
        if (!project.isEmpty() && !window.openProject(project, false)) {
            std::fprintf(stderr, "tessera: cannot open %s\n", qPrintable(project));
            return 1;
        }
        if (!window.canvas()->waitUntilReady(120000)) {
            std::fprintf(stderr, "tessera: the map did not finish rendering\n");
            return 1;
        }
        QApplication::processEvents();
        const QString out = parser.value(screenshotOption);
        if (!window.grab().save(out, "PNG")) {
            std::fprintf(stderr, "tessera: cannot write %s\n", qPrintable(out));
            return 1;
        }
        return 0;
    }
    tessera::ui::WindowLayout::attach(&window);
    window.show();
    if (!project.isEmpty())
        window.openProject(project);
    return app.exec();
}
