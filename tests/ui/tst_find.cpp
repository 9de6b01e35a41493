// Ctrl+F in the real main window: a county found by id or name is selected
// and the map zooms to it; an ambiguous text finds nothing.
#include "ui/canvas/mapcanvas.h"
#include "ui/canvas/webmercator.h"
#include "ui/document/document.h"
#include "ui/mainwindow/mainwindow.h"
#include "ui/panels/findbox.h"

#include <QAction>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace tessera;
using namespace tessera::ui;

class TestFind : public QObject {
    Q_OBJECT

private slots:
    void findZoomsToACounty()
    {
        QTemporaryDir dir;
        const QString project = dir.filePath(QStringLiteral("sample.tessera"));
        QVERIFY(QFile::copy(QStringLiteral(TESSERA_SOURCE_DIR "/resources/samples/southeast.tessera"), project));
        QFile::setPermissions(project, QFile::ReadOwner | QFile::WriteOwner);
        MainWindow window;
        window.setConfirmClose(false);
        window.resize(1200, 800);
        window.show();
        QVERIFY(window.openProject(project, false));
        auto *canvas = window.canvas();
        QVERIFY(canvas->waitUntilReady());
        auto *find = window.findChild<FindBox *>(QStringLiteral("findBox"));
        QVERIFY(canvas && find);
        canvas->zoomToFullExtent();
        const double fullWidth = canvas->viewport().extent().width();

        const Project &p = window.document()->project();
        const UnitId fulton = p.units().findByKey("13121");
        QVERIFY(fulton.isValid());
        QVERIFY(find->entries().contains(QStringLiteral("Fulton (unit 13121)")));
        // Ctrl+F focuses the box; the id finds the county.
        auto *action = window.findChild<QAction *>(QStringLiteral("find"));
        QVERIFY(action);
        QCOMPARE(action->shortcut(), QKeySequence(QKeySequence::Find));
        QVERIFY(find->find(QStringLiteral("13121")));
        const QRectF view = canvas->viewport().extent();
        QVERIFY(view.contains(mercator::project(p.units().unit(fulton).centroid)));
        QVERIFY2(view.width() < fullWidth / 10, qPrintable(QString::number(view.width() / fullWidth)));
        QCOMPARE(window.document()->selection(), std::vector<UnitId>{fulton});
        // A text several entries contain finds nothing and leaves the view.
        QVERIFY(!find->find(QStringLiteral("unit")));
        QCOMPARE(canvas->viewport().extent(), view);
    }
};

QTEST_MAIN(TestFind)
#include "tst_find.moc"
