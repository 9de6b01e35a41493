// Routes dock and layer: plan a rep's week on the sample project off the GUI
// thread, show a day's schedule and draw the routes; cancel stops a plan.
#include "ui/canvas/mapcanvas.h"
#include "ui/canvas/routelayer.h"
#include "ui/canvas/webmercator.h"
#include "ui/document/document.h"
#include "ui/panels/routespanel.h"

#include <QComboBox>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QtTest>

using namespace tessera;
using namespace tessera::ui;

class TestRoutes : public QObject {
    Q_OBJECT

private slots:
    void planARepsWeekAndShowTheLayer()
    {
        Document document;
        MapCanvas canvas;
        auto routes = std::make_unique<RouteLayer>();
        RouteLayer *layer = routes.get();
        canvas.addLayer(std::move(routes));
        canvas.resize(800, 600);
        canvas.setDocument(&document);
        canvas.show();
        QVERIFY(document.open(QStringLiteral(TESSERA_SOURCE_DIR "/resources/samples/southeast.tessera")).isOk());
        QVERIFY(canvas.waitUntilReady());
        RoutesPanel panel(&document, &canvas);
        panel.setTimeLimit(0.3);
        QVERIFY(panel.repCombo()->count() > 1);
        panel.repCombo()->setCurrentIndex(1);
        QSignalSpy planned(&panel, &RoutesPanel::planned);
        panel.show();
        QTest::mouseClick(panel.planButton(), Qt::LeftButton);
        QVERIFY(!panel.planButton()->isEnabled()); // running off the GUI thread
        QVERIFY(planned.wait(60000));
        QVERIFY(panel.planButton()->isEnabled());
        QVERIFY(panel.plan());
        QVERIFY(panel.plan()->feasible);
        QCOMPARE(int(panel.plan()->days.size()), 5);
        QCOMPARE(panel.dayCombo()->count(), 6); // all days + 5
        int firstDayVisits = int(panel.plan()->days[0].visits.size());
        QVERIFY(firstDayVisits > 0);
        QCOMPARE(panel.scheduleTable()->rowCount(), firstDayVisits);
        QCOMPARE(panel.scheduleTable()->item(0, 1)->text().toStdString(), panel.plan()->days[0].visits[0].name);
        QCOMPARE(layer->plan(), panel.plan());
        QCOMPARE(layer->day(), 0);
        QCOMPARE(layer->legend().size(), 1);

        // every day: the table lists every visit
        panel.dayCombo()->setCurrentIndex(0);
        QCOMPARE(panel.scheduleTable()->rowCount(), panel.plan()->visits);

        // the layer draws the route in day 1's colour around the rep's home
        panel.dayCombo()->setCurrentIndex(1);
        const QPointF home = mercator::project(panel.plan()->home);
        canvas.zoomToRect(QRectF(home - QPointF(150000, 150000), home + QPointF(150000, 150000)));
        QVERIFY(canvas.waitUntilReady());
        const QColor color = RouteLayer::dayColor(0);
        auto countColour = [&] {
            const QImage image = canvas.grab().toImage();
            int n = 0;
            for (int y = 0; y < image.height(); ++y)
                for (int x = 0; x < image.width(); ++x) {
                    const QColor c(image.pixel(x, y));
                    if (std::abs(c.red() - color.red()) < 12 && std::abs(c.green() - color.green()) < 12
                        && std::abs(c.blue() - color.blue()) < 12)
                        ++n;
                }
            return n;
        };
        QVERIFY(countColour() > 50);
        layer->setVisible(false);
        canvas.refreshLayer(QStringLiteral("routes"));
        QVERIFY(canvas.waitUntilReady());
        QCOMPARE(countColour(), 0);
    }

    void cancelLeavesThePlanAlone()
    {
        Document document;
        MapCanvas canvas;
        canvas.addLayer(std::make_unique<RouteLayer>());
        canvas.setDocument(&document);
        QVERIFY(document.open(QStringLiteral(TESSERA_SOURCE_DIR "/resources/samples/southeast.tessera")).isOk());
        RoutesPanel panel(&document, &canvas);
        panel.setTimeLimit(600.0);
        QSignalSpy failed(&panel, &RoutesPanel::planFailed);
        panel.planRoutes();
        panel.cancel();
        QVERIFY(failed.wait(60000));
        QVERIFY(failed.front().front().toString().contains(QStringLiteral("cancel")));
        QVERIFY(!panel.plan());
    }
};

QTEST_MAIN(TestRoutes)
#include "tst_routes.moc"
