// Tests for core/io: units from every GDAL vector format, reprojection, ids,
// invalid geometry, CSV accounts/reps/plans and fatal-error behaviour.
#include "core/geometry/unitindex.h"
#include "core/io/accountimporter.h"
#include "core/io/adjacencyreader.h"
#include "core/io/csvreader.h"
#include "core/io/importformat.h"
#include "core/io/planimporter.h"
#include "core/io/pointsreader.h"
#include "core/io/projectimporter.h"
#include "core/io/repimporter.h"
#include "core/io/unitimporter.h"
#include "core/model/project.h"
#include "core/problemsink.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <set>

using namespace tessera;
using namespace tessera::io;

namespace {

const QString DataDir = QStringLiteral(TESSERA_SOURCE_DIR "/tests/data/io");
const std::string UnitsGeoJson = TESSERA_SOURCE_DIR "/tests/data/io/units.geojson";
const std::string UnitsTopoJson = TESSERA_SOURCE_DIR "/tests/data/io/units.topojson";

/// Area of a longitude/latitude cell on the sphere of radius 6371.0088 km:
/// R² Δλ (sin φ2 − sin φ1), independent of any projection code.
double sphereCellAreaKm2(double lon0, double lat0, double lon1, double lat1)
{
    constexpr double r = 6371.0088;
    constexpr double rad = std::numbers::pi / 180.0;
    return r * r * (lon1 - lon0) * rad * (std::sin(lat1 * rad) - std::sin(lat0 * rad));
}

bool hasProblem(const CollectingProblemSink &sink, const std::string &fragment, const std::string &featureId = {})
{
    return std::any_of(sink.problems().begin(), sink.problems().end(), [&](const Problem &p) {
        return p.message.find(fragment) != std::string::npos && (featureId.empty() || p.featureId == featureId);
    });
}

std::set<std::string> keysOf(const UnitLayer &units)
{
    std::set<std::string> keys;
    for (const Unit &unit : units.units())
        keys.insert(unit.key);
    return keys;
}

} // namespace

class TestIo : public QObject {
    Q_OBJECT

    QTemporaryDir mTemp;

    std::string tempPath(const QString &name) const { return mTemp.filePath(name).toStdString(); }

    void writeFile(const QString &name, const QByteArray &content) const
    {
        QFile file(mTemp.filePath(name));
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        QCOMPARE(file.write(content), content.size());
    }

    /// Runs GDAL's ogr2ogr; the fixtures of every format are built from one GeoJSON.
    bool ogr2ogr(const QStringList &arguments) const
    {
        QProcess process;
        process.start(QStringLiteral("ogr2ogr"), arguments);
        if (!process.waitForFinished(60000))
            return false;
        if (process.exitCode() != 0)
            qWarning() << process.readAllStandardError();
        return process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
    }

    std::string convert(const QString &driver, const QString &name, const QStringList &extra = {}) const
    {
        const QString out = mTemp.filePath(name);
        QFile::remove(out);
        QStringList arguments{QStringLiteral("-f"), driver};
        arguments << extra << out << QString::fromStdString(UnitsGeoJson);
        if (!ogr2ogr(arguments))
            return {};
        return out.toStdString();
    }

private slots:
    void initTestCase() { QVERIFY(mTemp.isValid()); }

    // ---- units -----------------------------------------------------------

    void listsLayersAndFields()
    {
        auto layers = listLayers(UnitsGeoJson);
        QVERIFY2(layers, layers ? "" : layers.error().toString().c_str());
        QCOMPARE(layers->size(), std::size_t(1));
        const LayerInfo &layer = layers->front();
        QCOMPARE(layer.name, std::string("units"));
        QVERIFY(layer.isPolygon);
        QCOMPARE(layer.featureCount, 5LL);
        QCOMPARE(layer.crs, std::string("EPSG:4326"));
        std::vector<std::string> names;
        for (const FieldInfo &field : layer.fields)
            names.push_back(field.name);
        QCOMPARE(names, (std::vector<std::string>{"id", "name", "code", "population", "income", "state"}));
        QCOMPARE(layer.fields[0].type, FieldInfo::Type::String);
        QCOMPARE(layer.fields[2].type, FieldInfo::Type::Integer);
        QCOMPARE(layer.fields[4].type, FieldInfo::Type::Real);
    }

    void importsEachFormat_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<int>("expectedUnits");
        QTest::newRow("GeoJSON") << "GeoJSON" << 5;
        QTest::newRow("Shapefile") << "ESRI Shapefile" << 5;
        QTest::newRow("GeoPackage") << "GPKG" << 5;
        QTest::newRow("KML") << "KML" << 5;
        QTest::newRow("TopoJSON") << "TopoJSON" << 2;
    }

    void importsEachFormat()
    {
        QFETCH(QString, format);
        QFETCH(int, expectedUnits);
        std::string path;
        if (format == "GeoJSON")
            path = UnitsGeoJson;
        else if (format == "TopoJSON")
            path = UnitsTopoJson;
        else if (format == "ESRI Shapefile")
            path = convert(format, "each.shp");
        else if (format == "GPKG")
            path = convert(format, "each.gpkg");
        else
            path = convert(format, "each.kml");
        QVERIFY(!path.empty());

        UnitLayer units;
        CollectingProblemSink sink;
        auto stats = importUnits(path, {}, units, &sink);
        QVERIFY2(stats, stats ? "" : stats.error().toString().c_str());
        QCOMPARE(stats->read, std::size_t(expectedUnits));
        QCOMPARE(stats->imported, std::size_t(expectedUnits));
        QCOMPARE(stats->skipped, std::size_t(0));
        QCOMPARE(units.size(), std::size_t(expectedUnits));

        const UnitId alpha = units.findByKey("01001");
        QVERIFY(alpha.isValid());
        QCOMPARE(units.unit(alpha).name, std::string("Alpha"));
        const Unit &unit = units.unit(alpha);
        const BoundingBox box = unit.geometry->bounds();
        QVERIFY(std::abs(box.minLon + 86.0) < 1e-9 && std::abs(box.maxLon + 85.0) < 1e-9);
        QVERIFY(std::abs(box.minLat - 32.0) < 1e-9 && std::abs(box.maxLat - 33.0) < 1e-9);
        QVERIFY2(std::abs(unit.centroid.lon + 85.5) < 0.02 && std::abs(unit.centroid.lat - 32.5) < 0.02,
                 "centroid of a 1° cell is near its middle");
        const double expected = sphereCellAreaKm2(-86, 32, -85, 33);
        QVERIFY2(std::abs(unit.areaKm2 - expected) / expected < 0.01,
                 qPrintable(QString("area %1 km², sphere formula %2 km²").arg(unit.areaKm2).arg(expected)));

        // Every numeric field but the id and name becomes an attribute; KML's
        // styling fields do not.
        const AttributeTable &table = units.attributes();
        const int population = table.columnIndex("population");
        QVERIFY(population >= 0);
        QCOMPARE(table.value(static_cast<std::size_t>(alpha.value()), population), 100.0);
        QVERIFY(!table.hasColumn("tessellate"));
        QVERIFY(!table.hasColumn("state"));
        if (format != "TopoJSON") {
            QCOMPARE(table.columnCount(), std::size_t(3)); // code, population, income
            QCOMPARE(table.value(static_cast<std::size_t>(units.findByKey("02134").value()), table.columnIndex("income")),
                     3.5);
        }
    }

    void reprojectsProjectedLayers_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("crs");
        QTest::newRow("Web Mercator GeoPackage") << "GPKG" << "mercator.gpkg" << "EPSG:3857";
        QTest::newRow("UTM 16N Shapefile") << "ESRI Shapefile" << "utm16.shp" << "EPSG:32616";
        QTest::newRow("Albers GeoJSON") << "GeoJSON" << "albers.geojson" << "EPSG:5070";
    }

    void reprojectsProjectedLayers()
    {
        QFETCH(QString, format);
        QFETCH(QString, file);
        QFETCH(QString, crs);
        const std::string path = convert(format, file, {"-t_srs", crs});
        QVERIFY(!path.empty());
        auto layers = listLayers(path);
        QVERIFY(layers);
        QCOMPARE(QString::fromStdString(layers->front().crs), crs);

        UnitLayer units;
        auto stats = importUnits(path, {}, units);
        QVERIFY2(stats, stats ? "" : stats.error().toString().c_str());
        QCOMPARE(units.size(), std::size_t(5));
        // Corners come back to the original degrees (lon, lat order, not swapped).
        const BoundingBox box = units.unit(units.findByKey("10001")).geometry->bounds();
        QVERIFY2(std::abs(box.minLon + 85.0) < 1e-6 && std::abs(box.maxLon + 84.0) < 1e-6
                     && std::abs(box.minLat - 33.0) < 1e-6 && std::abs(box.maxLat - 34.0) < 1e-6,
                 qPrintable(QString("%1 %2 %3 %4").arg(box.minLon).arg(box.minLat).arg(box.maxLon).arg(box.maxLat)));
    }

    void assumedCrsAppliesToLayersWithoutOne()
    {
        // A Web Mercator shapefile that lost its .prj reads as WGS84 unless
        // the caller says what it is; metres are no degrees, so nothing imports.
        const std::string shp = convert("ESRI Shapefile", "nocrs.shp", {"-t_srs", "EPSG:3857"});
        QVERIFY(!shp.empty());
        QVERIFY(QFile::remove(mTemp.filePath("nocrs.prj")));

        UnitLayer wrong;
        CollectingProblemSink sink;
        auto asDegrees = importUnits(shp, {}, wrong, &sink);
        QVERIFY(!asDegrees);
        QVERIFY(hasProblem(sink, "declares no coordinate system, so give the one it uses", "01001"));
        QVERIFY(asDegrees.error().message.find("5 features read, 5 skipped") != std::string::npos);

        UnitImportOptions options;
        options.assumedCrs = "EPSG:3857";
        UnitLayer units;
        auto stats = importUnits(shp, options, units);
        QVERIFY2(stats, stats ? "" : stats.error().toString().c_str());
        const BoundingBox box = units.unit(units.findByKey("01001")).geometry->bounds();
        QVERIFY(std::abs(box.minLon + 86.0) < 1e-6 && std::abs(box.maxLat - 33.0) < 1e-6);

        options.assumedCrs = "EPSG:999999";
        auto unknown = importUnits(shp, options, units);
        QVERIFY(!unknown);
        QVERIFY(unknown.error().message.find("unknown coordinate reference system") != std::string::npos);
    }

    // Defect 9: degrees labelled EPSG:3857 imported as a 3 m x 4 m patch
    // near (0, 0); the declared CRS's domain is now checked first.
    void degreesLabelledAsMetresAreRefused_data()
    {
        QTest::addColumn<QString>("driver");
        QTest::addColumn<QString>("name");
        QTest::newRow("GeoJSON") << "GeoJSON" << "mislabelled.geojson";
        QTest::newRow("GeoPackage") << "GPKG" << "mislabelled.gpkg";
    }
    void degreesLabelledAsMetresAreRefused()
    {
        QFETCH(QString, driver);
        QFETCH(QString, name);
        const std::string path = convert(driver, name, {"-a_srs", "EPSG:3857"}); // label, do not reproject
        QVERIFY(!path.empty());
        QCOMPARE(listLayers(path)->front().crs, std::string("EPSG:3857"));

        UnitLayer units;
        Unit kept;
        kept.key = "kept";
        units.add(kept);
        auto refused = importUnits(path, {}, units);
        QVERIFY(!refused);
        const std::string message = refused.error().toString();
        for (const char *part : {"layer '", "EPSG:3857", "longitude/latitude degrees", "x -86 .. -79, y 32 .. 34",
                                 "--assume-crs EPSG:4326"})
            QVERIFY2(message.find(part) != std::string::npos, message.c_str());
        QCOMPARE(refused.error().context, path);
        QCOMPARE(units.size(), std::size_t(1)); // untouched

        // The override reads the same file as the degrees it holds.
        UnitImportOptions options;
        options.assumedCrs = "EPSG:4326";
        CollectingProblemSink sink;
        auto stats = importUnits(path, options, units, &sink);
        QVERIFY2(stats, stats ? "" : stats.error().toString().c_str());
        QCOMPARE(units.size(), std::size_t(5));
        QVERIFY(hasProblem(sink, "declares EPSG:3857; read as EPSG:4326"));
        const BoundingBox box = units.bounds();
        QVERIFY2(std::abs(box.minLon + 86.0) < 1e-9 && std::abs(box.maxLon + 79.0) < 1e-9
                     && std::abs(box.minLat - 32.0) < 1e-9 && std::abs(box.maxLat - 34.0) < 1e-9,
                 qPrintable(QString("%1 %2 %3 %4").arg(box.minLon).arg(box.minLat).arg(box.maxLon).arg(box.maxLat)));
    }

    void projectedCoordinatesOutsideTheAreaOfUseAreRefused()
    {
        // Web Mercator metres of the US south-east labelled as the French
        // Lambert-93 grid land far from France.
        const std::string mercator = convert("GeoJSON", "mercator.geojson", {"-t_srs", "EPSG:3857"});
        QVERIFY(!mercator.empty());
        const QString path = mTemp.filePath("lambert93.gpkg");
        QFile::remove(path);
        QVERIFY(ogr2ogr({"-f", "GPKG", "-a_srs", "EPSG:2154", path, QString::fromStdString(mercator)}));
        UnitLayer units;
        auto refused = importUnits(path.toStdString(), {}, units);
        QVERIFY(!refused);
        QVERIFY2(refused.error().message.find("EPSG:2154") != std::string::npos
                     && refused.error().message.find("--assume-crs") != std::string::npos,
                 refused.error().toString().c_str());
        // The true CRS imports.
        UnitImportOptions options;
        options.assumedCrs = "EPSG:3857";
        QVERIFY(importUnits(path.toStdString(), options, units));
        QVERIFY(std::abs(units.bounds().minLon + 86.0) < 1e-6);

        // The same metres labelled as degrees.
        const QString degrees = mTemp.filePath("metres-as-degrees.gpkg");
        QFile::remove(degrees);
        QVERIFY(ogr2ogr({"-f", "GPKG", "-a_srs", "EPSG:4326", degrees, QString::fromStdString(mercator)}));
        auto notDegrees = importUnits(degrees.toStdString(), {}, units);
        QVERIFY(!notDegrees);
        QVERIFY2(notDegrees.error().message.find("not longitude/latitude degrees") != std::string::npos
                     && notDegrees.error().message.find("EPSG:4326") != std::string::npos,
                 notDegrees.error().toString().c_str());
    }

    // Defect 9: a polygon crossing 180° got the world-wide extent -179 .. 179.
    void antimeridianPolygonKeepsItsExtent()
    {
        // "east" crosses 180° in one ring (170 → -170); "split" is the same
        // kind of shape as RFC 7946 writes it, cut into two parts at 180°;
        // "west" lies wholly west of 180° (-175 .. -172).
        writeFile("antimeridian.geojson", R"({"type": "FeatureCollection", "features": [
  {"type": "Feature", "properties": {"id": "east"}, "geometry": {"type": "Polygon", "coordinates":
    [[[170, -20], [-170, -20], [-170, -10], [170, -10], [170, -20]]]}},
  {"type": "Feature", "properties": {"id": "split"}, "geometry": {"type": "MultiPolygon", "coordinates":
    [[[[175, 0], [180, 0], [180, 5], [175, 5], [175, 0]]], [[[-180, 0], [-178, 0], [-178, 5], [-180, 5], [-180, 0]]]]}},
  {"type": "Feature", "properties": {"id": "west"}, "geometry": {"type": "Polygon", "coordinates":
    [[[-175, 10], [-172, 10], [-172, 12], [-175, 12], [-175, 10]]]}}]})");
        UnitLayer units;
        auto stats = importUnits(tempPath("antimeridian.geojson"), {}, units);
        QVERIFY2(stats, stats ? "" : stats.error().toString().c_str());
        QCOMPARE(units.size(), std::size_t(3));
        auto near = [](double a, double b) { return std::abs(a - b) < 1e-9; };
        auto describe = [](const BoundingBox &b) {
            return QString("%1 %2 %3 %4").arg(b.minLon).arg(b.minLat).arg(b.maxLon).arg(b.maxLat);
        };

        const Unit &east = units.unit(units.findByKey("east"));
        const BoundingBox eastBox = east.geometry->bounds();
        QVERIFY2(near(eastBox.minLon, 170.0) && near(eastBox.maxLon, 190.0) && near(eastBox.minLat, -20.0),
                 qPrintable(describe(eastBox)));
        QVERIFY2(std::abs(east.areaKm2 - sphereCellAreaKm2(170, -20, 190, -10)) < 2e-2 * east.areaKm2,
                 qPrintable(QString::number(east.areaKm2)));
        QVERIFY2(std::abs(std::abs(east.centroid.lon) - 180.0) < 1e-6, qPrintable(QString::number(east.centroid.lon)));

        const Unit &split = units.unit(units.findByKey("split"));
        const BoundingBox splitBox = split.geometry->bounds();
        QVERIFY2(near(splitBox.minLon, 175.0) && near(splitBox.maxLon, 182.0), qPrintable(describe(splitBox)));
        QVERIFY2(std::abs(split.areaKm2 - sphereCellAreaKm2(175, 0, 182, 5)) < 2e-2 * split.areaKm2,
                 qPrintable(QString::number(split.areaKm2)));

        // The layer's extent runs 170°E .. 170°W the short way, not round the world.
        const BoundingBox all = units.bounds();
        QVERIFY2(near(all.minLon, 170.0) && near(all.maxLon, 190.0) && near(all.minLat, -20.0)
                     && near(all.maxLat, 12.0),
                 qPrintable(describe(all)));

        // A point given west of 180° is found in the unit stored east of it.
        geometry::UnitIndex index(units);
        QCOMPARE(index.locate({-175.0, -15.0}), east.id);
        QCOMPARE(index.locate({175.0, -15.0}), east.id);
        QCOMPARE(index.locate({-179.0, 2.0}), split.id);
        QVERIFY(!index.locate({0.0, -15.0}).isValid());
    }

    void idsKeepLeadingZeros()
    {
        // String ids are verbatim, from GeoJSON and through a Shapefile.
        for (const std::string &path : {UnitsGeoJson, convert("ESRI Shapefile", "zeros.shp")}) {
            UnitLayer units;
            QVERIFY(importUnits(path, {}, units));
            QCOMPARE(keysOf(units), (std::set<std::string>{"01001", "01003", "02134", "10001", "20001"}));
        }

        // An integer-typed id field has no zeros left: plain decimals and a note...
        UnitImportOptions options;
        options.idField = "code";
        UnitLayer plain;
        CollectingProblemSink sink;
        QVERIFY(importUnits(UnitsGeoJson, options, plain, &sink));
        QCOMPARE(keysOf(plain), (std::set<std::string>{"1001", "1003", "2134", "10001", "20001"}));
        QVERIFY(hasProblem(sink, "leading zeros"));
        QVERIFY(hasProblem(sink, "layer 'units' (EPSG:4326): id 'code', name 'name', attributes: population, income"));
        QVERIFY(!plain.attributes().hasColumn("code"));
        // ...unless a width is given.
        options.idWidth = 5;
        UnitLayer padded;
        QVERIFY(importUnits(UnitsGeoJson, options, padded));
        QCOMPARE(keysOf(padded), (std::set<std::string>{"01001", "01003", "02134", "10001", "20001"}));
    }

    void invalidPolygonIsRepairedOrReported()
    {
        // A bow tie (self-intersecting ring) between two valid squares.
        writeFile("bowtie.geojson", R"({"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"id":"00001"},"geometry":{"type":"Polygon","coordinates":[[[-86,32],[-85,32],[-85,33],[-86,33],[-86,32]]]}},
{"type":"Feature","properties":{"id":"99001"},"geometry":{"type":"Polygon","coordinates":[[[-86,32],[-84,34],[-84,32],[-86,34],[-86,32]]]}},
{"type":"Feature","properties":{"id":"00003"},"geometry":{"type":"Polygon","coordinates":[[[-80,32],[-79,32],[-79,33],[-80,33],[-80,32]]]}}
]})");
        UnitLayer units;
        CollectingProblemSink sink;
        auto stats = importUnits(tempPath("bowtie.geojson"), {}, units, &sink);
        QVERIFY(stats);
        QCOMPARE(*stats, (ImportStats{3, 3, 1, 0}));
        QVERIFY(hasProblem(sink, "repaired", "99001"));
        const Unit &bowtie = units.unit(units.findByKey("99001"));
        QCOMPARE(bowtie.geometry->polygons.size(), std::size_t(2)); // two triangles
        // Each triangle has half the area of a 2°×1° strip: together ≈ the 2°×... cell sum below.
        const double expected = sphereCellAreaKm2(-86, 32, -85, 34);
        QVERIFY2(std::abs(bowtie.areaKm2 - expected) / expected < 0.02,
                 qPrintable(QString("%1 vs %2").arg(bowtie.areaKm2).arg(expected)));

        UnitImportOptions strict;
        strict.repairInvalid = false;
        UnitLayer kept;
        CollectingProblemSink strictSink;
        auto strictStats = importUnits(tempPath("bowtie.geojson"), strict, kept, &strictSink);
        QVERIFY(strictStats);
        QCOMPARE(*strictStats, (ImportStats{3, 2, 0, 1}));
        QVERIFY(hasProblem(strictSink, "invalid polygon", "99001"));
        QVERIFY(!kept.findByKey("99001").isValid());
    }

    void ringsAreOrientedAndHolesSubtracted()
    {
        // Outer ring clockwise, hole counter-clockwise: the file's own
        // orientation must not matter.
        writeFile("hole.geojson", R"({"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"id":"H"},"geometry":{"type":"Polygon","coordinates":[
 [[-86,32],[-86,34],[-84,34],[-84,32],[-86,32]],
 [[-85.5,32.5],[-84.5,32.5],[-84.5,33.5],[-85.5,33.5],[-85.5,32.5]]]}}]})");
        // A Shapefile stores outer rings clockwise: the model's convention
        // (outer counter-clockwise, holes clockwise) must hold after import too.
        QVERIFY(ogr2ogr({"-f", "ESRI Shapefile", mTemp.filePath("hole.shp"), mTemp.filePath("hole.geojson")}));
        for (const char *file : {"hole.geojson", "hole.shp"}) {
            UnitLayer units;
            QVERIFY2(importUnits(tempPath(file), {}, units), file);
            const Unit &unit = units.unit(UnitId(0));
            const Polygon &polygon = unit.geometry->polygons.at(0);
            auto signedArea = [](const Ring &ring) {
                double sum = 0.0;
                for (std::size_t i = 0; i + 1 < ring.points.size(); ++i)
                    sum += ring.points[i].lon * ring.points[i + 1].lat - ring.points[i + 1].lon * ring.points[i].lat;
                return sum / 2.0;
            };
            QCOMPARE(signedArea(polygon.outer), 4.0);            // counter-clockwise
            QCOMPARE(polygon.holes.size(), std::size_t(1));
            QCOMPARE(signedArea(polygon.holes[0]), -1.0);        // clockwise
            const double expected =
                sphereCellAreaKm2(-86, 32, -84, 34) - sphereCellAreaKm2(-85.5, 32.5, -84.5, 33.5);
            QVERIFY2(std::abs(unit.areaKm2 - expected) / expected < 0.01,
                     qPrintable(QString("%1: %2 vs %3").arg(file).arg(unit.areaKm2).arg(expected)));
        }
    }

    void badFeaturesAreReportedById()
    {
        writeFile("mixed.geojson", R"({"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"id":"A"},"geometry":{"type":"Polygon","coordinates":[[[-86,32],[-85,32],[-85,33],[-86,33],[-86,32]]]}},
{"type":"Feature","properties":{"id":"P"},"geometry":{"type":"Point","coordinates":[-85.5,32.5]}},
{"type":"Feature","properties":{"id":"A"},"geometry":{"type":"Polygon","coordinates":[[[-80,32],[-79,32],[-79,33],[-80,33],[-80,32]]]}},
{"type":"Feature","properties":{"id":"N"},"geometry":null},
{"type":"Feature","properties":{"id":null},"geometry":{"type":"Polygon","coordinates":[[[-80,32],[-79,32],[-79,33],[-80,33],[-80,32]]]}},
{"type":"Feature","properties":{"id":"B"},"geometry":{"type":"Polygon","coordinates":[[[-85,32],[-84,32],[-84,33],[-85,33],[-85,32]]]}}
]})");
        UnitLayer units;
        CollectingProblemSink sink;
        auto stats = importUnits(tempPath("mixed.geojson"), {}, units, &sink);
        QVERIFY(stats);
        QCOMPARE(*stats, (ImportStats{6, 2, 0, 4}));
        QCOMPARE(keysOf(units), (std::set<std::string>{"A", "B"}));
        QVERIFY(hasProblem(sink, "not a polygon", "P"));
        QVERIFY(hasProblem(sink, "duplicate id (first used by feature 1)", "A"));
        QVERIFY(hasProblem(sink, "no geometry", "N"));
        QVERIFY(hasProblem(sink, "no id; feature skipped (feature #5)"));
        QCOMPARE(sink.count(Problem::Severity::Error), 4);
    }

    void choosesLayerAndFields()
    {
        // A GeoPackage whose first layer holds points, the second the units.
        writeFile("points.geojson", R"({"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"id":"p1"},"geometry":{"type":"Point","coordinates":[-85.5,32.5]}}]})");
        const QString gpkg = mTemp.filePath("layers.gpkg");
        QFile::remove(gpkg);
        QVERIFY(ogr2ogr({"-f", "GPKG", "-nln", "places", gpkg, mTemp.filePath("points.geojson")}));
        QVERIFY(ogr2ogr({"-f", "GPKG", "-update", "-nln", "counties", gpkg, QString::fromStdString(UnitsGeoJson)}));

        auto layers = listLayers(gpkg.toStdString());
        QVERIFY(layers);
        QCOMPARE(layers->size(), std::size_t(2));
        QVERIFY(!(*layers)[0].isPolygon);
        QVERIFY((*layers)[1].isPolygon);

        UnitLayer units;
        QVERIFY(importUnits(gpkg.toStdString(), {}, units)); // first polygon layer
        QCOMPARE(units.size(), std::size_t(5));

        UnitImportOptions options;
        options.layer = "counties";
        options.nameField = "state";
        options.attributeFields = std::vector<std::string>{"population"};
        UnitLayer chosen;
        QVERIFY(importUnits(gpkg.toStdString(), options, chosen));
        QCOMPARE(chosen.unit(chosen.findByKey("01003")).name, std::string("AL"));
        QCOMPARE(chosen.attributes().columnNames(), std::vector<std::string>{"population"});

        options.layer = "places";
        auto points = importUnits(gpkg.toStdString(), options, units);
        QVERIFY(!points);
        QVERIFY(points.error().message.find("holds no polygons") != std::string::npos);

        options.layer = "rivers";
        auto missing = importUnits(gpkg.toStdString(), options, units);
        QVERIFY(!missing);
        QCOMPARE(missing.error().code, ErrorCode::NotFound);
        QVERIFY(missing.error().message.find("places, counties") != std::string::npos);
        QCOMPARE(units.size(), std::size_t(5)); // untouched by the failures
    }

    void missingFieldOrFileIsAnError_data()
    {
        QTest::addColumn<QString>("idField");
        QTest::addColumn<QString>("nameField");
        QTest::addColumn<QString>("attribute");
        QTest::addColumn<QString>("missing");
        QTest::newRow("id") << "geoid" << "" << "" << "geoid";
        QTest::newRow("name") << "" << "label" << "" << "label";
        QTest::newRow("attribute") << "" << "" << "households" << "households";
    }

    void missingFieldOrFileIsAnError()
    {
        QFETCH(QString, idField);
        QFETCH(QString, nameField);
        QFETCH(QString, attribute);
        QFETCH(QString, missing);
        UnitImportOptions options;
        options.idField = idField.toStdString();
        options.nameField = nameField.toStdString();
        if (!attribute.isEmpty())
            options.attributeFields = std::vector<std::string>{attribute.toStdString()};
        UnitLayer units;
        auto result = importUnits(UnitsGeoJson, options, units);
        QVERIFY(!result);
        QCOMPARE(result.error().code, ErrorCode::NotFound);
        QCOMPARE(result.error().context, UnitsGeoJson);
        QVERIFY(result.error().message.find("no field '" + missing.toStdString() + "'") != std::string::npos);
        QVERIFY(result.error().message.find("id, name, code, population, income, state") != std::string::npos);

        auto noFile = importUnits(tempPath("absent.geojson"), {}, units);
        QVERIFY(!noFile);
        QCOMPARE(noFile.error().code, ErrorCode::NotFound);
        writeFile("garbage.geojson", "this is not geojson");
        auto garbage = importUnits(tempPath("garbage.geojson"), {}, units);
        QVERIFY(!garbage);
        QCOMPARE(garbage.error().context, tempPath("garbage.geojson"));
    }

    // ---- CSV ---------------------------------------------------------------

    void detectsDelimiter_data()
    {
        QTest::addColumn<QString>("delimiter");
        QTest::newRow("comma") << ",";
        QTest::newRow("semicolon") << ";";
        QTest::newRow("tab") << "\t";
        QTest::newRow("pipe") << "|";
    }

    void detectsDelimiter()
    {
        QFETCH(QString, delimiter);
        QString text = "id,name,lat,lon\nA1,\"Acme Ltd\",32.5,-85.5\nA2,Bravo,33,-84\n";
        text.replace(",", delimiter);
        auto table = parseCsv(text.toStdString(), "d.csv");
        QVERIFY(table);
        QCOMPARE(table->delimiter, delimiter.toStdString()[0]);
        QCOMPARE(table->columns, (std::vector<std::string>{"id", "name", "lat", "lon"}));
        QCOMPARE(table->records.size(), std::size_t(2));
        QCOMPARE(table->records[0].fields[1], std::string("Acme Ltd"));
    }

    void semicolonFilesMayUseDecimalCommas()
    {
        auto table = parseCsv("id;name;lat;lon;revenue\nA1;Acme, Inc;32,5;-85,5;1200,75\nA2;B;33;-84;10\n", "eu.csv");
        QVERIFY(table);
        QCOMPARE(table->delimiter, ';');
        AccountLayer accounts;
        QVERIFY(importAccounts(*table, {}, accounts));
        QCOMPARE(accounts.account(AccountId(0)).location, (LonLat{-85.5, 32.5}));
        QCOMPARE(accounts.account(AccountId(0)).name, std::string("Acme, Inc"));
        QCOMPARE(accounts.attributes().value(0, accounts.attributes().columnIndex("revenue")), 1200.75);
    }

    void detectsHeader()
    {
        auto with = parseCsv("id,lat,lon\nA1,32.5,-85.5\n", "h.csv");
        QVERIFY(with);
        QVERIFY(with->hasHeader);
        QCOMPARE(with->records.size(), std::size_t(1));

        auto without = parseCsv("A1,32.5,-85.5\nA2,33,-84\n", "n.csv");
        QVERIFY(without);
        QVERIFY(!without->hasHeader);
        QCOMPARE(without->columns, (std::vector<std::string>{"column1", "column2", "column3"}));
        QCOMPARE(without->records.size(), std::size_t(2));
        QCOMPARE(without->records[0].line, 1L);

        // Unknown names above numbers are a header too.
        auto custom = parseCsv("store,north,east\nS1,32.5,-85.5\n", "c.csv");
        QVERIFY(custom && custom->hasHeader);

        // A headerless file needs its columns named by number.
        AccountImportOptions options;
        options.latColumn = "2";
        options.lonColumn = "3";
        options.idColumn = "1";
        AccountLayer accounts;
        QVERIFY(importAccounts(*without, options, accounts));
        QCOMPARE(accounts.account(AccountId(1)).key, std::string("A2"));
        QCOMPARE(accounts.account(AccountId(1)).location, (LonLat{-84, 33}));
    }

    void stripsByteOrderMark()
    {
        writeFile("bom.csv", "\xEF\xBB\xBFid,lat,lon\r\nA1,32.5,-85.5\r\n\xC3\xA9t\xC3\xA9,33,-84\r\n");
        auto table = readCsv(tempPath("bom.csv"));
        QVERIFY(table);
        QCOMPARE(table->columns.front(), std::string("id"));
        QCOMPARE(table->records[1].fields[0], std::string("\xC3\xA9t\xC3\xA9"));
        QCOMPARE(table->records[1].fields[2], std::string("-84"));
    }

    void readsQuotedFields()
    {
        const std::string text = "id,name,lat,lon\n"
                                  "A1,\"Acme, \"\"Best\"\" Inc.\nSecond line\",32.5,-85.5\n"
                                  "A2,Plain,33,-84\n"
                                  "\n"
                                  "A3,\"\",34,-83\n";
        auto table = parseCsv(text, "q.csv");
        QVERIFY(table);
        QCOMPARE(table->records.size(), std::size_t(3));
        QCOMPARE(table->records[0].fields[1], std::string("Acme, \"Best\" Inc.\nSecond line"));
        QCOMPARE(table->records[0].line, 2L);
        QCOMPARE(table->records[1].line, 4L); // the quoted newline counts
        QCOMPARE(table->records[2].line, 6L); // the blank line too
        QCOMPARE(table->records[2].fields[1], std::string());
    }

    void detectsLatLonColumns_data()
    {
        QTest::addColumn<QString>("header");
        QTest::newRow("lat/lon") << "id,lat,lon";
        QTest::newRow("latitude/longitude") << "id,Latitude,Longitude";
        QTest::newRow("y/x") << "id,Y,X";
        QTest::newRow("lat/lng") << "id,LAT,lng";
        QTest::newRow("lon first, long") << "id,long,latitude";
    }

    void detectsLatLonColumns()
    {
        QFETCH(QString, header);
        const bool lonFirst = header.contains("long,");
        const std::string row = lonFirst ? "A1,-85.5,32.5" : "A1,32.5,-85.5";
        auto table = parseCsv(header.toStdString() + "\n" + row + "\n", "ll.csv");
        QVERIFY(table);
        AccountLayer accounts;
        QVERIFY(importAccounts(*table, {}, accounts));
        QCOMPARE(accounts.account(AccountId(0)).location, (LonLat{-85.5, 32.5}));
    }

    void latLonColumnsChosenByName()
    {
        auto table = parseCsv("id,north,east,lat\nA1,32.5,-85.5,0\n", "named.csv");
        QVERIFY(table);
        AccountImportOptions options;
        options.latColumn = "north";
        options.lonColumn = "East";
        AccountLayer accounts;
        QVERIFY(importAccounts(*table, options, accounts));
        QCOMPARE(accounts.account(AccountId(0)).location, (LonLat{-85.5, 32.5}));
        QVERIFY(accounts.attributes().hasColumn("lat")); // not chosen: just a number

        options.lonColumn = "west";
        auto missing = importAccounts(*table, options, accounts);
        QVERIFY(!missing);
        QVERIFY(missing.error().message.find("no longitude column 'west'") != std::string::npos);
    }

    void badRowsAreReportedAndSkipped_data()
    {
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("column");
        QTest::addColumn<QString>("message");
        QTest::newRow("non-numeric coordinate") << 3 << "lat" << "not a number: 'abc'";
        QTest::newRow("latitude out of range") << 4 << "lat" << "latitude 95 is out of range";
        QTest::newRow("missing value") << 5 << "revenue" << "missing value";
        QTest::newRow("wrong field count") << 6 << "lon" << "wrong field count: expected 5, found 3";
        QTest::newRow("duplicate id") << 7 << "id" << "duplicate id 'A1' (first on line 2)";
        QTest::newRow("longitude out of range") << 8 << "lon" << "longitude -200 is out of range";
        QTest::newRow("non-numeric attribute after a multi-line field") << 9 << "revenue" << "not a number: 'xyz'";
        QTest::newRow("extra field") << 11 << "column 6" << "wrong field count: expected 5, found 6";
        QTest::newRow("missing id") << 12 << "id" << "missing value";
    }

    void badRowsAreReportedAndSkipped()
    {
        QFETCH(int, line);
        QFETCH(QString, column);
        QFETCH(QString, message);
        writeFile("bad.csv", "id,name,lat,lon,revenue\n"
                             "A1,One,32.5,-85.5,100\n"
                             "A2,Two,abc,-85.5,100\n"
                             "A3,Three,95,-85.5,100\n"
                             "A4,Four,32.5,-85.5,\n"
                             "A5,Five,32.5\n"
                             "A1,Dup,32.5,-85.5,100\n"
                             "A7,Seven,32.5,-200,100\n"
                             "A8,\"Eight, multi\nline\",32.5,-85.5,xyz\n"
                             "A10,Ten,32.5,-85.5,100,7\n"
                             ",Nobody,32.5,-85.5,100\n"
                             "A9,Nine,32.5,-85.5,100,\n");
        const std::string file = tempPath("bad.csv");
        AccountLayer accounts;
        CollectingProblemSink sink;
        auto stats = importAccounts(file, {}, accounts, &sink);
        QVERIFY(stats);
        QCOMPARE(*stats, (ImportStats{11, 2, 0, 9}));
        QCOMPARE(accounts.size(), std::size_t(2));
        QCOMPARE(accounts.account(AccountId(1)).key, std::string("A9")); // trailing empty field tolerated

        const auto found = std::find_if(sink.problems().begin(), sink.problems().end(),
                                        [&](const Problem &p) { return p.line == line; });
        QVERIFY2(found != sink.problems().end(), qPrintable(QString("no problem on line %1").arg(line)));
        QCOMPARE(found->file, file);
        QCOMPARE(QString::fromStdString(found->column), column);
        QVERIFY2(found->message.find(message.toStdString()) != std::string::npos, found->message.c_str());
        QVERIFY(found->message.find("row skipped") != std::string::npos);
        QCOMPARE(found->severity, Problem::Severity::Error);
        const std::string text = found->toString();
        QVERIFY2(text.rfind(file + ":" + std::to_string(line) + ": column '" + column.toStdString() + "'", 0) == 0,
                 text.c_str());
        QCOMPARE(sink.count(Problem::Severity::Error), 9);
    }

    void textColumnsAreNotAttributes()
    {
        auto table = parseCsv("id,lat,lon,city,revenue,visits\nA1,32.5,-85.5,Troy,10,2\nA2,33,-84,Opp,20,3\n", "t.csv");
        QVERIFY(table);
        AccountLayer accounts;
        CollectingProblemSink sink;
        QVERIFY(importAccounts(*table, {}, accounts, &sink));
        QCOMPARE(accounts.attributes().columnNames(), (std::vector<std::string>{"revenue", "visits"}));
        QVERIFY(hasProblem(sink, "text column"));
        QVERIFY(hasProblem(sink, "delimiter ',', header; 2 rows; id 'id', lat 'lat', lon 'lon', attributes: revenue, visits"));
        QCOMPARE(accounts.attributes().value(1, 1), 3.0);
    }

    void fatalCsvErrors_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("context");
        QTest::addColumn<QString>("message");
        QTest::newRow("no lat/lon column") << QByteArray("id,name,revenue\nA1,x,1\n") << "" << "no latitude column";
        QTest::newRow("no longitude") << QByteArray("id,lat\nA1,32\n") << "" << "no longitude column";
        QTest::newRow("header only") << QByteArray("id,lat,lon\n") << "" << "no data rows";
        QTest::newRow("empty file") << QByteArray("") << "" << "no rows";
        QTest::newRow("broken UTF-8") << QByteArray("id,lat,lon\nA1,32,-85\nA\xC3\x28,33,-84\n") << ":3"
                                      << "not valid UTF-8";
        QTest::newRow("UTF-16") << QByteArray("\xFF\xFEi\0d\0", 6) << "" << "UTF-16";
        QTest::newRow("unterminated quote") << QByteArray("id,lat,lon\nA1,32,-85\nA2,\"33,-84\nA3,1,2\n") << ":3"
                                            << "never closed";
        QTest::newRow("every row bad") << QByteArray("id,lat,lon\nA1,x,-85\nA2,y,-84\n") << "" << "no valid account row";
        QTest::newRow("missing file") << QByteArray() << "" << "cannot open";
    }

    void fatalCsvErrors()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, context);
        QFETCH(QString, message);
        const bool missingFile = QString(QTest::currentDataTag()) == "missing file";
        const std::string file = tempPath(missingFile ? "nowhere.csv" : "fatal.csv");
        if (!missingFile)
            writeFile("fatal.csv", content);

        // A project with units and accounts already in it.
        ProjectImportOptions first;
        first.unitsPath = UnitsGeoJson;
        first.accountsPath = (DataDir + "/accounts.csv").toStdString();
        ProjectImportReport report;
        auto base = importIntoProject(Project(), first, report);
        QVERIFY(base);
        const Project before = *base;

        // Units that would import fine plus the broken accounts: nothing changes.
        ProjectImportOptions options;
        options.unitsPath = (DataDir + "/units.topojson").toStdString();
        options.accountsPath = file;
        auto result = importIntoProject(*base, options, report);
        QVERIFY(!result);
        QCOMPARE(result.error().context, file + context.toStdString());
        QVERIFY2(result.error().message.find(message.toStdString()) != std::string::npos,
                 result.error().message.c_str());
        QVERIFY(*base == before);
        QCOMPARE(base->units().size(), std::size_t(5));
        QCOMPARE(base->accounts().size(), std::size_t(5));
    }

    // ---- reps, plans, whole projects -------------------------------------

    void importsReps()
    {
        std::vector<Rep> reps;
        CollectingProblemSink sink;
        auto stats = importReps((DataDir + "/reps.csv").toStdString(), {}, reps, &sink);
        QVERIFY(stats);
        QCOMPARE(reps.size(), std::size_t(2));
        QCOMPARE(reps[0].key, std::string("R1"));
        QCOMPARE(reps[0].name, std::string("Ann Lee"));
        QCOMPARE(reps[0].home, (LonLat{-85.5, 32.5}));
        QCOMPARE(reps[0].capacityHours, 1600.0);
        QCOMPARE(reps[0].skills, (std::vector<std::string>{"retail", "wholesale"}));
        QCOMPARE(reps[1].skills, (std::vector<std::string>{"retail", "b2b"}));
        QCOMPARE(reps[1].id, RepId(1));

        auto table = parseCsv("id,name,lat,lon,capacity\nR1,A,32,-85,lots\nR2,B,33,-84,-5\nR3,C,34,-83,\n", "r.csv");
        QVERIFY(table);
        CollectingProblemSink bad;
        QVERIFY(importReps(*table, {}, reps, &bad));
        QCOMPARE(reps.size(), std::size_t(1));
        QCOMPARE(reps[0].capacityHours, 0.0); // empty = not set
        std::vector<Problem> errors;
        std::copy_if(bad.problems().begin(), bad.problems().end(), std::back_inserter(errors),
                     [](const Problem &p) { return p.severity == Problem::Severity::Error; });
        QCOMPARE(errors.size(), std::size_t(2));
        QCOMPARE(errors[0].line, 2L);
        QCOMPARE(errors[0].column, std::string("capacity"));
        QVERIFY(errors[1].message.find("negative capacity") != std::string::npos);
        // How the file was read is reported too.
        QVERIFY(hasProblem(bad, "delimiter ',', header; 3 rows; id 'id', name 'name', lat 'lat', lon 'lon', "
                                "capacity 'capacity'"));
    }

    void importsWholeProjectWithPlan()
    {
        ProjectImportOptions options;
        options.unitsPath = UnitsGeoJson;
        options.accountsPath = (DataDir + "/accounts.csv").toStdString();
        options.repsPath = (DataDir + "/reps.csv").toStdString();
        options.planPath = (DataDir + "/plan.csv").toStdString();
        ProjectImportReport report;
        CollectingProblemSink sink;
        auto project = importIntoProject(Project(), options, report, &sink);
        QVERIFY2(project, project ? "" : project.error().toString().c_str());

        QCOMPARE(report.units, (ImportStats{5, 5, 0, 0}));
        QCOMPARE(report.accounts, (ImportStats{5, 5, 0, 0}));
        QCOMPARE(report.reps, (ImportStats{2, 2, 0, 0}));
        QCOMPARE(report.plan, (ImportStats{5, 5, 0, 0}));
        // 2×2 grid (rook: 4 shared edges) plus one square far away.
        QCOMPARE(report.adjacencyEdges, std::size_t(4));
        QCOMPARE(report.islands, std::size_t(1));
        QCOMPARE(project->adjacency().islands(), std::vector<UnitId>{project->units().findByKey("20001")});
        // Accounts sit in the cells they were put in; X9 is in the sea.
        const AccountLayer &accounts = project->accounts();
        QCOMPARE(accounts.account(AccountId(0)).unit, project->units().findByKey("01001"));
        QCOMPARE(accounts.account(AccountId(3)).unit, project->units().findByKey("10001"));
        QVERIFY(!accounts.account(AccountId(4)).unit.isValid());
        QCOMPARE(report.accountsOutside, std::size_t(1));
        QCOMPARE(report.accountsPlaced, std::size_t(4));
        QCOMPARE(accounts.account(AccountId(0)).name, std::string("Acme, Inc."));
        QCOMPARE(accounts.account(AccountId(2)).segment, std::string("Wholesale"));
        QCOMPARE(accounts.attributes().columnNames(),
                 (std::vector<std::string>{"revenue_potential", "workload_hours"}));

        QCOMPARE(project->scenarios().size(), std::size_t(1));
        const Scenario &plan = project->scenarios().front();
        QCOMPARE(plan.name, std::string("Current plan"));
        QCOMPARE(plan.territories.size(), std::size_t(2));
        QCOMPARE(plan.territories[0].name, std::string("West"));
        QCOMPARE(plan.territories[1].name, std::string("East"));
        QCOMPARE(plan.territories[0].color, 0xE69F00u); // Okabe-Ito orange
        QCOMPARE(plan.territories[1].color, 0x56B4E9u); // Okabe-Ito sky blue
        QCOMPARE(plan.territories[0].rep, RepId(0));     // by id R1
        QCOMPARE(plan.territories[1].rep, RepId(1));     // by name "Bob Hill", then id R2
        const UnitLayer &units = project->units();
        QCOMPARE(plan.alignment.territoryOf(units.findByKey("02134")), TerritoryId(0));
        QCOMPARE(plan.alignment.territoryOf(units.findByKey("20001")), TerritoryId(1));
        QCOMPARE(plan.alignment.unassignedCount(), std::size_t(0));
    }

    void planProblemsAreReported()
    {
        UnitLayer units;
        QVERIFY(importUnits(UnitsGeoJson, {}, units));
        std::vector<Rep> reps;
        QVERIFY(importReps((DataDir + "/reps.csv").toStdString(), {}, reps));
        auto table = parseCsv("unit_id,territory,rep\n01001,West,R1\n99999,West,\n01003,West,R2\n01001,East,\n"
                              "02134,East,Zed\n",
                              "plan.csv");
        QVERIFY(table);
        PlanImportOptions options;
        options.scenarioName = "Imported";
        Scenario scenario;
        CollectingProblemSink sink;
        auto stats = importPlan(*table, options, units, reps, scenario, &sink);
        QVERIFY(stats);
        QCOMPARE(*stats, (ImportStats{5, 3, 0, 2}));
        QCOMPARE(scenario.name, std::string("Imported"));
        QCOMPARE(scenario.territories[0].rep, RepId(0)); // the second rep was refused
        QCOMPARE(scenario.alignment.unassignedCount(), std::size_t(2));
        auto onLine = [&](long line) {
            return std::find_if(sink.problems().begin(), sink.problems().end(),
                                [&](const Problem &p) { return p.line == line; });
        };
        QVERIFY(onLine(3)->message.find("unknown unit id '99999'") != std::string::npos);
        QVERIFY(onLine(4)->message.find("already has rep 'R1' (line 2)") != std::string::npos);
        QVERIFY(onLine(5)->message.find("already assigned on line 2") != std::string::npos);
        QVERIFY(onLine(6)->message.find("unknown rep 'Zed'") != std::string::npos);
        QCOMPARE(onLine(6)->column, std::string("rep"));
        QVERIFY(hasProblem(sink, "2 unit(s) are not in the plan"));
    }

    void importIntoExistingProjectKeepsTheRest()
    {
        ProjectImportOptions all;
        all.unitsPath = UnitsGeoJson;
        all.accountsPath = (DataDir + "/accounts.csv").toStdString();
        all.repsPath = (DataDir + "/reps.csv").toStdString();
        all.planPath = (DataDir + "/plan.csv").toStdString();
        ProjectImportReport report;
        auto base = importIntoProject(Project(), all, report);
        QVERIFY(base);

        // New accounts only: units, reps and the plan stay; accounts are placed.
        writeFile("more.csv", "id,lat,lon,revenue_potential\nB1,33.5,-85.5,7\nB2,32.2,-79.5,8\n");
        ProjectImportOptions accountsOnly;
        accountsOnly.accountsPath = tempPath("more.csv");
        auto updated = importIntoProject(*base, accountsOnly, report);
        QVERIFY(updated);
        QVERIFY(updated->units() == base->units());
        QVERIFY(updated->adjacency() == base->adjacency());
        QVERIFY(updated->reps() == base->reps());
        QVERIFY(updated->scenarios() == base->scenarios());
        QCOMPARE(updated->accounts().size(), std::size_t(2));
        QCOMPARE(updated->accounts().account(AccountId(0)).unit, updated->units().findByKey("02134"));
        QCOMPARE(updated->accounts().account(AccountId(1)).unit, updated->units().findByKey("20001"));

        // New units (the shapefile copy, other order not guaranteed): the plan
        // follows the unit ids, accounts are re-placed.
        ProjectImportOptions unitsOnly;
        unitsOnly.unitsPath = UnitsTopoJson; // only 01001 and 01003
        auto fewer = importIntoProject(*base, unitsOnly, report);
        QVERIFY(fewer);
        QCOMPARE(fewer->units().size(), std::size_t(2));
        QCOMPARE(report.scenariosRemapped, std::size_t(1));
        const Scenario &plan = fewer->scenarios().front();
        QCOMPARE(plan.alignment.unitCount(), std::size_t(2));
        QCOMPARE(plan.alignment.territoryOf(fewer->units().findByKey("01001")), TerritoryId(0));
        QCOMPARE(plan.alignment.territoryOf(fewer->units().findByKey("01003")), TerritoryId(1));
        QCOMPARE(fewer->accounts().account(AccountId(1)).unit, fewer->units().findByKey("01003"));
        QVERIFY(!fewer->accounts().account(AccountId(2)).unit.isValid()); // its unit is gone
        QCOMPARE(fewer->accounts().unplacedCount(), std::size_t(3));
        QCOMPARE(fewer->reps().size(), std::size_t(2));
    }

    void formatsRouteFilesAndBuildDialogFilters()
    {
        QCOMPARE(findImportFormat("/data/Counties.SHP", ImportCapability::Units)->name, std::string("ESRI Shapefile"));
        QCOMPARE(findImportFormat("zips.gpkg", ImportCapability::Units)->name, std::string("GeoPackage"));
        QCOMPARE(findImportFormat("us.topojson", ImportCapability::Units)->name, std::string("TopoJSON"));
        QVERIFY(findImportFormat("accounts.csv", ImportCapability::Units) == nullptr);
        QCOMPARE(findImportFormat("accounts.csv", ImportCapability::Accounts)->name, std::string("CSV"));
        QVERIFY(findImportFormat("plan.xlsx", ImportCapability::Plan) == nullptr);
        QVERIFY(!findImportFormat("gpkg", ImportCapability::Units)); // no name before the extension

        const std::string units = importDialogFilter(ImportCapability::Units);
        QVERIFY(units.rfind("All supported (*.geojson *.json *.topojson *.shp", 0) == 0);
        QVERIFY(units.find(";;GeoPackage (*.gpkg);;") != std::string::npos);
        QVERIFY(units.find("csv") == std::string::npos);
        QVERIFY(units.ends_with(";;All files (*)"));
        QCOMPARE(importDialogFilter(ImportCapability::Reps),
                 std::string("All supported (*.csv *.tsv *.txt);;CSV (*.csv *.tsv *.txt);;All files (*)"));
    }

    void cancelStopsTheImport()
    {
        QByteArray csv = "id,lat,lon\n";
        for (int i = 0; i < 10000; ++i)
            csv += "A" + QByteArray::number(i) + ",32.5,-85.5\n";
        writeFile("many.csv", csv);
        ProjectImportOptions options;
        options.unitsPath = UnitsGeoJson;
        options.accountsPath = tempPath("many.csv");
        ProjectImportReport report;

        Feedback cancelled;
        cancelled.cancel();
        auto before = importIntoProject(Project(), options, report, nullptr, &cancelled);
        QVERIFY(!before);
        QCOMPARE(before.error().code, ErrorCode::Cancelled);

        // Cancelled while the accounts are read (progress comes every 4096 rows).
        Feedback feedback;
        double lastFraction = 0.0;
        feedback.setProgressCallback([&](double fraction, std::string_view phase) {
            lastFraction = fraction;
            if (phase == "reading accounts")
                feedback.cancel();
        });
        auto during = importIntoProject(Project(), options, report, nullptr, &feedback);
        QVERIFY(!during);
        QCOMPARE(during.error().code, ErrorCode::Cancelled);
        QVERIFY(lastFraction > 0.55 && lastFraction < 0.7); // inside the accounts' slice

        Feedback complete;
        double finalFraction = 0.0;
        complete.setProgressCallback([&](double fraction, std::string_view) { finalFraction = fraction; });
        QVERIFY(importIntoProject(Project(), options, report, nullptr, &complete));
        QCOMPARE(finalFraction, 1.0);
    }

    void pointsReaderReportsEveryBadRow()
    {
        writeFile("points.csv", "id;lon;lat;population\n"
                                "A;10,5;50;100\n"
                                "B;10,6;95;80\n"      // latitude out of range
                                "A;10,7;50;90\n"      // repeated id
                                ";10,8;50;70\n"       // missing id
                                "E;ten;50;lots\n"     // two bad numbers in one row
                                "F;10,9;50;-1\n"      // negative attribute
                                "G;11\n"              // wrong field count
                                "H;11,1;50,5;60\n");
        io::PointsReadOptions options;
        options.attributeColumns = {"population"};
        CollectingProblemSink sink;
        auto points = io::readPointsCsv(tempPath("points.csv"), options, &sink);
        QVERIFY(points.isOk());
        QCOMPARE(points->ids, (std::vector<std::string>{"A", "H"}));
        QCOMPARE(points->positions[1], (LonLat{11.1, 50.5})); // decimal comma in a ';' file
        QCOMPARE(points->attributes.front(), (std::vector<double>{100, 60}));
        QCOMPARE(points->stats, (io::ImportStats{8, 2, 0, 6}));
        std::vector<long> lines;
        for (const Problem &problem : sink.problems()) {
            QCOMPARE(problem.severity, Problem::Severity::Error);
            QVERIFY2(problem.file.ends_with("points.csv"), problem.file.c_str());
            lines.push_back(problem.line);
        }
        QCOMPARE(lines, (std::vector<long>{3, 4, 5, 6, 6, 7, 8}));
        QVERIFY(sink.problems()[1].toString().find("duplicate id 'A' (first on line 2)") != std::string::npos);

        // A missing column is fatal and names the file.
        options.attributeColumns = {"revenue"};
        auto missing = io::readPointsCsv(tempPath("points.csv"), options, nullptr);
        QVERIFY(!missing.isOk());
        QCOMPARE(missing.error().code, ErrorCode::NotFound);
        QVERIFY(missing.error().toString().find("points.csv") != std::string::npos);

        // Centres need no id column.
        writeFile("centres.csv", "lat,lon\n33,-84\nx,-83\n34,-83\n");
        sink.clear();
        auto centres = io::readCentresCsv(tempPath("centres.csv"), &sink);
        QVERIFY(centres.isOk());
        QCOMPARE(*centres, (std::vector<LonLat>{{-84, 33}, {-83, 34}}));
        QCOMPARE(sink.problems().size(), std::size_t(1));
        QCOMPARE(sink.problems().front().line, 3L);
        QCOMPARE(sink.problems().front().column, std::string("lat"));
    }

    void adjacencyReaderReportsEveryBadRow()
    {
        writeFile("pairs.csv", "a,b,length_km\nA,B,2.5\nB,Z,1\nC,,1\nB,C,-1\nA,C\n");
        CollectingProblemSink sink;
        auto edges = io::readAdjacencyCsv(tempPath("pairs.csv"), {"A", "B", "C"}, &sink);
        QVERIFY(edges.isOk());
        QCOMPARE(*edges, (std::vector<AdjacencyEdge>{{UnitId(0), UnitId(1), 2.5}, {UnitId(0), UnitId(2), 0.0}}));
        QCOMPARE(sink.problems().size(), std::size_t(3));
        QCOMPARE(sink.problems()[0].line, 3L);
        QCOMPARE(sink.problems()[0].column, std::string("b"));
        QVERIFY(sink.problems()[0].message.find("unknown unit id 'Z'") != std::string::npos);
        QCOMPARE(sink.problems()[1].line, 4L);
        QCOMPARE(sink.problems()[2].line, 5L);
        QCOMPARE(sink.problems()[2].column, std::string("length_km"));

        writeFile("onecolumn.csv", "a\nA\n");
        QVERIFY(!io::readAdjacencyCsv(tempPath("onecolumn.csv"), {"A"}, nullptr).isOk());
    }

    void quotedCsvFieldReadsBack()
    {
        const std::string awkward = "North, \"East\"";
        QCOMPARE(io::quotedCsvField("plain"), std::string("plain"));
        auto table = io::parseCsv("unit_id,territory\n1," + io::quotedCsvField(awkward) + "\n", "plan.csv");
        QVERIFY(table.isOk());
        QCOMPARE(table->records.front().fields[1], awkward);
    }
};

QTEST_GUILESS_MAIN(TestIo)
#include "tst_io.moc"
