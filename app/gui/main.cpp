// tessera: the desktop application. Replaced by the full main window wiring.
#include <QApplication>
#include <QLabel>

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QLabel label("Tessera");
    label.show();
    return app.exec();
}
