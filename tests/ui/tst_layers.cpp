// Map layers: the offline basemap, label placement, thematic mode and its legend.
#include "core/plan/palette.h"
#include "tests/ui/testprojects.h"
#include "ui/canvas/accountlayer.h"
#include "ui/canvas/basemapdata.h"
#include "ui/canvas/labelplacer.h"
#include "ui/canvas/mapcanvas.h"
#include "ui/canvas/preparedgeometry.h"
#include "ui/canvas/unitfilllayer.h"
#include "ui/document/document.h"
#include "ui/document/territorystatistics.h"

#include <QtTest>

#include <set>

using namespace tessera;
using namespace tessera::ui;

class TestLayers : public QObject {
    Q_OBJECT

private slots:
    void offlineBasemapLoads()
    {
        const BasemapData &data = BasemapData::instance();
        QVERIFY2(data.error().isEmpty(), qPrintable(data.error()));
        QVERIFY(data.land(0).size() > 100);
        QVERIFY(!data.countryBorders(0).empty());
        QVERIFY(!data.stateBorders(0).empty());
        QVERIFY(data.cities().size() > 1000);
        for (std::size_t i = 1; i < data.cities().size(); ++i)
            QVERIFY(data.cities()[i - 1].population >= data.cities()[i].population);
        // Coarser bands hold fewer points.
        qsizetype fine = 0, coarse = 0;
        for (const QPolygonF &ring : data.land(0))
            fine += ring.size();
        for (const QPolygonF &ring : data.land(BasemapData::BandCount - 1))
            coarse += ring.size();
        QVERIFY(coarse < fine);
        // Atlanta is there, in Georgia's part of the Mercator plane.
        const auto atlanta = std::find_if(data.cities().begin(), data.cities().end(),
                                          [](const BasemapData::City &c) { return c.name == QLatin1String("Atlanta"); });
        QVERIFY(atlanta != data.cities().end());
        QVERIFY(std::abs(atlanta->position.x() - (-9392000.0)) < 30000.0);
    }

    void labelsNeverOverlap()
    {
        LabelPlacer placer(QRectF(0, 0, 200, 200));
        QVERIFY(placer.tryPlace(QRectF(10, 10, 50, 20)));
        QVERIFY(!placer.tryPlace(QRectF(40, 20, 50, 20)));  // overlaps the first
        QVERIFY(placer.tryPlace(QRectF(70, 10, 50, 20)));   // beside it
        QVERIFY(!placer.tryPlace(QRectF(180, 10, 50, 20))); // sticks out of the view
        placer.reserve(QRectF(0, 150, 200, 50));
        QVERIFY(!placer.tryPlace(QRectF(100, 160, 20, 10)));
        // Across grid cells (64 px): a long label still meets the boxes it crosses.
        QVERIFY(placer.tryPlace(QRectF(5, 100, 190, 10)));
        QVERIFY(!placer.tryPlace(QRectF(150, 95, 20, 10)));
    }

    void thematicMapAndLegend()
    {
        Document document;
        TerritoryStatistics statistics(&document);
        MapCanvas canvas;
        auto fills = std::make_unique<UnitFillLayer>();
        UnitFillLayer *layer = fills.get();
        canvas.addLayer(std::move(fills));
        canvas.resize(800, 600);
        canvas.setDocument(&document);
        canvas.setStatistics(&statistics);
        canvas.show();
        document.setProject(testing::makeGridProject(10, 8, 2));
        QVERIFY(canvas.waitUntilReady());
        QVERIFY(layer->legend().isEmpty()); // territory colours: no legend

        layer->setThematicAttribute(QStringLiteral("population"));
        canvas.refreshLayer(QStringLiteral("units"));
        QVERIFY(canvas.waitUntilReady());
        const auto legend = layer->legend();
        QCOMPARE(legend.size(), UnitFillLayer::ClassCount);
        QCOMPARE(legend.front().color, QColor::fromRgb(palette::rampColor(0.0)));
        QCOMPARE(legend.back().color, QColor::fromRgb(palette::rampColor(1.0)));
        QVERIFY(legend.back().text.contains(QStringLiteral("80"))); // the largest population

        // Unit 0 (population 1) is in the lowest class, unit 79 (population 80) in the highest.
        const QImage image = canvas.grab().toImage();
        auto colourAt = [&](UnitId unit) {
            const QPointF p = canvas.toScreen(canvas.geometry()->labelPoint(unit));
            return QColor(image.pixel(QPoint(int(p.x()), int(p.y())) * image.devicePixelRatio()));
        };
        // Choropleth fills are drawn at alpha 235 over the canvas background.
        auto blended = [](std::uint32_t rgb) {
            const QColor background(0xDD, 0xE8, 0xF0);
            const double a = 235.0 / 255.0;
            return QColor(int(((rgb >> 16) & 0xFF) * a + background.red() * (1 - a) + 0.5),
                          int(((rgb >> 8) & 0xFF) * a + background.green() * (1 - a) + 0.5),
                          int((rgb & 0xFF) * a + background.blue() * (1 - a) + 0.5));
        };
        auto near = [](QColor a, QColor b) {
            return std::abs(a.red() - b.red()) + std::abs(a.green() - b.green()) + std::abs(a.blue() - b.blue()) < 9;
        };
        QVERIFY2(near(colourAt(UnitId(0)), blended(palette::rampColor(0.0))), qPrintable(colourAt(UnitId(0)).name()));
        QVERIFY2(near(colourAt(UnitId(79)), blended(palette::rampColor(1.0))), qPrintable(colourAt(UnitId(79)).name()));
    }

    void accountsClusterWhenDense()
    {
        Document document;
        MapCanvas canvas;
        auto accounts = std::make_unique<AccountPointLayer>();
        accounts->setVisible(true);
        canvas.addLayer(std::move(accounts));
        canvas.resize(600, 400);
        canvas.setDocument(&document);
        canvas.show();
        document.setProject(testing::makeGridProject(10, 8, 2)); // one account per unit
        QVERIFY(canvas.waitUntilReady());
        // Count pixels of the cluster colour (#3B528B at alpha 190 over the background).
        auto clusterPixels = [&] {
            const QImage image = canvas.grab().toImage();
            int n = 0;
            for (int y = 0; y < image.height(); ++y)
                for (int x = 0; x < image.width(); ++x) {
                    const QColor c(image.pixel(x, y));
                    if (std::abs(c.red() - 100) < 8 && std::abs(c.green() - 120) < 8 && std::abs(c.blue() - 165) < 8)
                        ++n;
                }
            return n;
        };
        // Full extent: units are ~50 px wide, every account is drawn on its own.
        QCOMPARE(clusterPixels(), 0);
        // Far out, 80 accounts share a few 28 px cells: clusters appear.
        canvas.zoomBy(1.0 / 64.0, QPointF(300, 200));
        QVERIFY(canvas.waitUntilReady());
        QVERIFY(clusterPixels() > 50);
    }

    void neighbouringTerritoriesGetDistinctColours()
    {
        // 8 bands side by side: every pair of neighbouring bands must differ.
        Project project = testing::makeGridProject(16, 4, 8);
        const auto colors = palette::distinctColors(project.adjacency(), project.scenarios().front());
        QCOMPARE(colors.size(), std::size_t(8));
        for (std::size_t t = 1; t < colors.size(); ++t)
            QVERIFY(colors[t] != colors[t - 1]);
        // With fewer territories than colours, all differ.
        QCOMPARE(std::set<std::uint32_t>(colors.begin(), colors.end()).size(), std::size_t(8));
    }
};

QTEST_MAIN(TestLayers)
#include "tst_layers.moc"
