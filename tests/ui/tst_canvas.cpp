// The map canvas: prepared geometry, zoom about the cursor, keyboard pan, rendering.
#include "tests/ui/testprojects.h"
#include "core/geometry/unittopology.h"
#include "core/io/unitimporter.h"
#include "core/store/projectstore.h"
#include "ui/canvas/mapcanvas.h"
#include "ui/canvas/preparedgeometry.h"
#include "ui/canvas/selectionlayer.h"
#include "ui/canvas/territoryborderlayer.h"
#include "ui/canvas/unitfilllayer.h"
#include "ui/canvas/webmercator.h"
#include "ui/document/document.h"

#include <QFile>
#include <QTemporaryDir>
#include <QWheelEvent>
#include <QtTest>

#include <cmath>
#include <set>
#include <tuple>

using namespace tessera;
using namespace tessera::ui;

class TestCanvas : public QObject {
    Q_OBJECT

private:
    static std::shared_ptr<const PreparedGeometry> prepareGrid(int columns, int rows)
    {
        const Project project = testing::makeGridProject(columns, rows, 2, 0.1, -84.0, 33.0, false);
        std::vector<std::shared_ptr<const MultiPolygon>> shapes;
        for (const Unit &unit : project.units().units())
            shapes.push_back(unit.geometry);
        return PreparedGeometry::build(shapes);
    }

    struct Fixture {
        Document document;
        MapCanvas canvas;
        Fixture(int columns, int rows)
        {
            canvas.addLayer(std::make_unique<UnitFillLayer>());
            canvas.addLayer(std::make_unique<TerritoryBorderLayer>());
            canvas.addLayer(std::make_unique<SelectionLayer>());
            canvas.resize(800, 600);
            canvas.setDocument(&document);
            canvas.show();
            document.setProject(testing::makeGridProject(columns, rows, 2));
        }
    };

    static void sendWheel(QWidget *widget, QPointF position, int delta)
    {
        QWheelEvent event(position, widget->mapToGlobal(position), QPoint(), QPoint(0, delta), Qt::NoButton,
                          Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(widget, &event);
    }

private slots:
    void mercatorRoundTrip()
    {
        const LonLat p{-84.38, 33.75};
        const QPointF m = mercator::project(p);
        QCOMPARE(std::round(m.x()), std::round(-84.38 * geometry::WebMercatorRadiusM * M_PI / 180.0));
        const LonLat back = mercator::unproject(m);
        QVERIFY(std::abs(back.lon - p.lon) < 1e-9);
        QVERIFY(std::abs(back.lat - p.lat) < 1e-9);
    }

    // Defect 9: a unit crossing 180° drew as a sliver round the whole world.
    void antimeridianUnitDrawsAsOnePiece()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath("across.geojson");
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"id": "a"},
  "geometry": {"type": "Polygon", "coordinates": [[[170, -20], [-170, -20], [-170, -10], [170, -10], [170, -20]]]}}]})");
        file.close();
        UnitLayer units;
        auto imported = io::importUnits(path.toStdString(), {}, units);
        QVERIFY2(imported, imported ? "" : imported.error().toString().c_str());
        const auto geometry = PreparedGeometry::build({units.unit(UnitId(0)).geometry});
        QVERIFY(geometry);
        // 20° of longitude, not 340°: the drawn outline is as wide as the unit.
        const double degree = geometry::WebMercatorRadiusM * M_PI / 180.0;
        QVERIFY2(std::abs(geometry->extent().width() - 20.0 * degree) < 1e-6 * degree,
                 qPrintable(QString::number(geometry->extent().width() / degree)));
        QVERIFY(std::abs(geometry->extent().left() - 170.0 * degree) < 1e-6 * degree);
    }

    void gridArcs()
    {
        // 3×3 squares: 12 shared sides, and 8 runs of outer boundary (a corner
        // unit's two outer sides form one run).
        const auto geometry = prepareGrid(3, 3);
        QVERIFY(geometry);
        QCOMPARE(geometry->unitCount(), std::size_t(9));
        int shared = 0, outer = 0;
        for (const BoundaryArc &arc : geometry->arcs())
            arc.right.isValid() ? ++shared : ++outer;
        QCOMPARE(shared, 12);
        QCOMPARE(outer, 8);
        // Every shape is rebuilt closed from its arcs: 4 corners + closing point.
        for (int band = 0; band < PreparedGeometry::BandCount; ++band)
            QCOMPARE(geometry->shape(UnitId(4), band).rings.front().size(), 5);
    }


    void bandsKeepNeighboursGapFree()
    {
        // The sample's counties at every zoom band: each shared arc is
        // simplified once, so the left unit's ring walks its simplified line
        // forward and the right unit's ring walks the very same line backward.
        auto store = ProjectStore::open(TESSERA_SOURCE_DIR "/resources/samples/southeast.tessera",
                                        ProjectStore::OpenMode::ReadOnly);
        QVERIFY(store.isOk());
        const auto project = (*store)->load();
        QVERIFY(project.isOk());
        std::vector<std::shared_ptr<const MultiPolygon>> shapes;
        for (const Unit &unit : project->units().units())
            shapes.push_back(unit.geometry);
        const auto geometry = PreparedGeometry::build(shapes);
        QVERIFY(geometry && geometry->topology());
        QCOMPARE(geometry->arcs().size(), geometry->topology()->arcCount());
        using Segment = std::tuple<std::int32_t, double, double, double, double>; // unit, from, to
        qsizetype previousVertices = 0;
        for (int band = 0; band < PreparedGeometry::BandCount; ++band) {
            std::set<Segment> segments;
            qsizetype vertices = 0;
            for (std::size_t u = 0; u < geometry->unitCount(); ++u)
                for (const QPolygonF &ring : geometry->shape(UnitId(std::int32_t(u)), band).rings) {
                    vertices += ring.size();
                    for (qsizetype i = 1; i < ring.size(); ++i)
                        segments.insert({std::int32_t(u), ring[i - 1].x(), ring[i - 1].y(), ring[i].x(), ring[i].y()});
                }
            std::size_t shared = 0;
            for (std::size_t a = 0; a < geometry->arcs().size(); ++a) {
                const BoundaryArc &arc = geometry->arcs()[a];
                if (!arc.right.isValid() || arc.right == arc.left)
                    continue;
                const QPolygonF &line = geometry->arcLine(a, band);
                QVERIFY(line.size() >= 2);
                for (qsizetype i = 1; i < line.size(); ++i) {
                    const QPointF p = line[i - 1], q = line[i];
                    QVERIFY(segments.count({arc.left.value(), p.x(), p.y(), q.x(), q.y()}));
                    QVERIFY(segments.count({arc.right.value(), q.x(), q.y(), p.x(), p.y()}));
                }
                ++shared;
            }
            QVERIFY(shared > 900);
            if (band > 0)
                QVERIFY2(vertices < previousVertices, qPrintable(QStringLiteral("band %1").arg(band)));
            previousVertices = vertices;
        }
    }

    void picking()
    {
        const auto geometry = prepareGrid(3, 3);
        // Centre of unit 4 (column 1, row 1).
        const QPointF centre = mercator::project({-84.0 + 0.15, 33.0 + 0.15});
        QCOMPARE(geometry->unitAt(centre), UnitId(4));
        QCOMPARE(geometry->unitAt(mercator::project({-90.0, 33.0})), UnitId());
        const QPointF labelPoint = geometry->labelPoint(UnitId(4));
        QVERIFY(std::abs(labelPoint.x() - centre.x()) < 1.0);
        // A rectangle over the bottom row's centres selects exactly units 0..2.
        const QRectF bottom(mercator::project({-84.01, 33.01}), mercator::project({-83.69, 33.09}));
        const auto inRect = geometry->unitsInRect(bottom);
        QCOMPARE(inRect, (std::vector<UnitId>{UnitId(0), UnitId(1), UnitId(2)}));
        // A triangle x + y < 0.36 (degrees from the grid's corner) holds the centres
        // with x + y <= 0.3: units 0, 1, 2, 3, 4 and 6, not 5 or 7 (0.4).
        QPolygonF lasso;
        lasso << mercator::project({-84.02, 32.98}) << mercator::project({-83.62, 32.98}) << mercator::project({-84.02, 33.38});
        const auto inLasso = geometry->unitsInPolygon(lasso);
        QCOMPARE(inLasso, (std::vector<UnitId>{UnitId(0), UnitId(1), UnitId(2), UnitId(3), UnitId(4), UnitId(6)}));
    }

    void bandsSimplifyMore()
    {
        QCOMPARE(PreparedGeometry::bandFor(1.0), 0);
        QVERIFY(PreparedGeometry::bandFor(5000.0) > PreparedGeometry::bandFor(100.0));
        QCOMPARE(PreparedGeometry::bandTolerance(0), 0.0);
    }

    void wheelZoomsAboutCursor()
    {
        Fixture f(10, 8);
        QVERIFY(f.canvas.waitUntilReady());
        const double before = f.canvas.metersPerPixel();
        const QPointF cursor(200, 150);
        const QPointF mapBefore = f.canvas.toMap(cursor);
        sendWheel(&f.canvas, cursor, 120);
        QVERIFY(std::abs(f.canvas.metersPerPixel() - before / std::sqrt(2.0)) < before * 1e-9);
        const QPointF mapAfter = f.canvas.toMap(cursor);
        QVERIFY2(std::abs(mapAfter.x() - mapBefore.x()) < 1e-6 * before && std::abs(mapAfter.y() - mapBefore.y()) < 1e-6 * before,
                 "the map point under the cursor must stay put");
        // The centre moved towards the cursor (it was left of and above the centre).
        QVERIFY(f.canvas.toMap(QPointF(400, 300)).x() < f.canvas.viewport().center().x() + 1e-6);
        sendWheel(&f.canvas, cursor, -240);
        QVERIFY(std::abs(f.canvas.metersPerPixel() - before * std::sqrt(2.0)) < before * 1e-9);
    }

    void arrowKeysPan()
    {
        Fixture f(10, 8);
        QVERIFY(f.canvas.waitUntilReady());
        const QPointF centre = f.canvas.viewport().center();
        const double mpp = f.canvas.metersPerPixel();
        QTest::keyClick(&f.canvas, Qt::Key_Left);
        QVERIFY(std::abs(f.canvas.viewport().center().x() - (centre.x() - 800 * 0.125 * mpp)) < 1e-6);
        QTest::keyClick(&f.canvas, Qt::Key_Up);
        QVERIFY(std::abs(f.canvas.viewport().center().y() - (centre.y() + 600 * 0.125 * mpp)) < 1e-6);
    }

    void dragPans()
    {
        Fixture f(10, 8);
        QVERIFY(f.canvas.waitUntilReady());
        const QPointF centre = f.canvas.viewport().center();
        const double mpp = f.canvas.metersPerPixel();
        QTest::mousePress(&f.canvas, Qt::MiddleButton, {}, QPoint(300, 300));
        QTest::mouseMove(&f.canvas, QPoint(350, 280));
        QTest::mouseRelease(&f.canvas, Qt::MiddleButton, {}, QPoint(350, 280));
        QVERIFY(std::abs(f.canvas.viewport().center().x() - (centre.x() - 50 * mpp)) < 1e-6);
        QVERIFY(std::abs(f.canvas.viewport().center().y() - (centre.y() - 20 * mpp)) < 1e-6);
    }

    void rendersTerritoryColours()
    {
        Fixture f(10, 8);
        QVERIFY(f.canvas.waitUntilReady());
        const QImage image = f.canvas.grab().toImage();
        // Unit 0 is in T1 (orange), unit 9 in T2 (sky blue): their label points show those fills.
        auto colourAt = [&](UnitId unit) {
            const QPointF p = f.canvas.toScreen(f.canvas.geometry()->labelPoint(unit));
            return QColor(image.pixel(QPoint(int(p.x()), int(p.y())) * image.devicePixelRatio()));
        };
        auto near = [](QColor a, QColor b) {
            return std::abs(a.red() - b.red()) + std::abs(a.green() - b.green()) + std::abs(a.blue() - b.blue()) < 60;
        };
        QVERIFY2(near(colourAt(UnitId(0)), QColor(0xE6, 0x9F, 0x00)), qPrintable(colourAt(UnitId(0)).name()));
        QVERIFY2(near(colourAt(UnitId(9)), QColor(0x56, 0xB4, 0xE9)), qPrintable(colourAt(UnitId(9)).name()));
        // Moving unit 0 to T2 repaints it blue.
        std::vector<UnitId> units{UnitId(0)};
        std::vector<TerritoryId> to{TerritoryId(1)};
        f.document.swapAssignment(units, to);
        QVERIFY(f.canvas.waitUntilReady());
        const QImage after = f.canvas.grab().toImage();
        const QPointF p = f.canvas.toScreen(f.canvas.geometry()->labelPoint(UnitId(0)));
        QVERIFY(near(QColor(after.pixel(QPoint(int(p.x()), int(p.y())) * after.devicePixelRatio())), QColor(0x56, 0xB4, 0xE9)));
    }
};

QTEST_MAIN(TestCanvas)
#include "tst_canvas.moc"
