// Tests for core/geometry: measures, repair, the unit topology and adjacency,
// the unit index and account placement, simplification and projections.
#include "core/geometry/adjacencybuilder.h"
#include "core/geometry/labelpoint.h"
#include "core/geometry/measure.h"
#include "core/geometry/polygonrepair.h"
#include "core/geometry/projection.h"
#include "core/geometry/simplify.h"
#include "core/geometry/unitindex.h"
#include "core/geometry/unittopology.h"
#include "core/model/accountlayer.h"
#include "core/model/unitlayer.h"
#include "core/problemsink.h"
#include "core/store/projectstore.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <map>
#include <set>

using namespace tessera;
using namespace tessera::geometry;

namespace {

Ring ring(std::initializer_list<LonLat> points)
{
    return Ring{std::vector<LonLat>(points)};
}

/// A counter-clockwise closed square polygon.
Polygon squarePolygon(double x0, double y0, double x1, double y1)
{
    return Polygon{ring({{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}}), {}};
}

MultiPolygon square(double x0, double y0, double x1, double y1)
{
    return MultiPolygon{{squarePolygon(x0, y0, x1, y1)}};
}

void addUnit(UnitLayer &layer, const std::string &key, MultiPolygon shape)
{
    Unit unit;
    unit.key = key;
    unit.name = key;
    unit.geometry = std::make_shared<const MultiPolygon>(std::move(shape));
    layer.add(std::move(unit));
}

/// n×n grid of square cells of \a size degrees from (x0, y0); each cell is
/// shrunk by \a inset on every side (a gap of 2·inset between neighbours).
UnitLayer grid(int n, double size, double x0 = 0.0, double y0 = 0.0, double inset = 0.0)
{
    UnitLayer layer;
    for (int row = 0; row < n; ++row)
        for (int column = 0; column < n; ++column)
            addUnit(layer, std::to_string(row * n + column),
                    square(x0 + column * size + inset, y0 + row * size + inset, x0 + (column + 1) * size - inset,
                           y0 + (row + 1) * size - inset));
    return layer;
}

std::vector<LonLat> ringFromJson(const QJsonArray &coordinates)
{
    std::vector<LonLat> points;
    for (const QJsonValue &p : coordinates)
        points.push_back({p.toArray().at(0).toDouble(), p.toArray().at(1).toDouble()});
    return points;
}

Polygon polygonFromJson(const QJsonArray &rings)
{
    Polygon polygon;
    for (int i = 0; i < rings.size(); ++i) {
        Ring r{ringFromJson(rings.at(i).toArray())};
        if (i == 0)
            polygon.outer = std::move(r);
        else
            polygon.holes.push_back(std::move(r));
    }
    return polygon;
}

/// The committed county fixture (built by scripts/build-test-counties.mjs).
UnitLayer loadCounties()
{
    QFile file(QStringLiteral(TESSERA_SOURCE_DIR "/tests/data/counties/kansas-city-region.geojson"));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot open the county fixture");
    const QJsonArray features = QJsonDocument::fromJson(file.readAll()).object().value("features").toArray();
    UnitLayer layer;
    for (const QJsonValue &value : features) {
        const QJsonObject feature = value.toObject();
        const QJsonObject geometry = feature.value("geometry").toObject();
        MultiPolygon shape;
        if (geometry.value("type").toString() == "Polygon")
            shape.polygons.push_back(polygonFromJson(geometry.value("coordinates").toArray()));
        else
            for (const QJsonValue &polygon : geometry.value("coordinates").toArray())
                shape.polygons.push_back(polygonFromJson(polygon.toArray()));
        Unit unit;
        unit.key = feature.value("properties").toObject().value("GEOID").toString().toStdString();
        unit.name = feature.value("properties").toObject().value("NAME").toString().toStdString();
        unit.areaKm2 = areaKm2(shape);
        unit.centroid = centroid(shape);
        unit.geometry = std::make_shared<const MultiPolygon>(std::move(shape));
        layer.add(std::move(unit));
    }
    return layer;
}

std::set<std::string> neighbourKeys(const UnitLayer &layer, const AdjacencyGraph &graph, const std::string &key)
{
    std::set<std::string> keys;
    for (UnitId id : graph.neighbours(layer.findByKey(key)))
        keys.insert(layer.unit(id).key);
    return keys;
}

/// Adjacency stored as "keyA,keyB,shared_km" rows (tests/data/counties).
std::map<std::pair<std::string, std::string>, double> readAdjacencyCsv(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot open %s", qPrintable(path));
    std::map<std::pair<std::string, std::string>, double> edges;
    file.readLine(); // header
    while (!file.atEnd()) {
        const QList<QByteArray> fields = file.readLine().trimmed().split(',');
        if (fields.size() == 3)
            edges[{fields[0].toStdString(), fields[1].toStdString()}] = fields[2].toDouble();
    }
    return edges;
}

std::map<std::pair<std::string, std::string>, double> keyedEdges(const UnitLayer &layer, const AdjacencyGraph &graph)
{
    std::map<std::pair<std::string, std::string>, double> edges;
    for (const AdjacencyEdge &e : graph.edges())
        edges[{layer.unit(e.a).key, layer.unit(e.b).key}] = e.sharedLengthKm;
    return edges;
}

/// Whether two keyed adjacencies hold the same pairs with lengths within a relative 1e-9.
bool sameAdjacency(const std::map<std::pair<std::string, std::string>, double> &a,
                   const std::map<std::pair<std::string, std::string>, double> &b)
{
    if (a.size() != b.size())
        return false;
    for (auto i = a.begin(), j = b.begin(); i != a.end(); ++i, ++j)
        if (i->first != j->first || std::abs(i->second - j->second) > 1e-9 * std::max(1.0, i->second))
            return false;
    return true;
}

} // namespace

class TestGeometry : public QObject {
    Q_OBJECT
private slots:
    // --- measures -----------------------------------------------------------

    void areaOfOneDegreeCellAtEquator()
    {
        // On a sphere: R² · Δλ · (sin φ2 − sin φ1) = 6371.0088² · (π/180) · sin 1° = 12,363.7 km².
        const double expected = EarthRadiusKm * EarthRadiusKm * (std::numbers::pi / 180.0)
                                * std::sin(std::numbers::pi / 180.0);
        QVERIFY(std::abs(expected - 12363.7) < 0.1);
        QVERIFY(std::abs(areaKm2(square(0, 0, 1, 1)) - expected) < 0.5);
        // Orientation does not matter.
        MultiPolygon clockwise = square(0, 0, 1, 1);
        std::reverse(clockwise.polygons[0].outer.points.begin(), clockwise.polygons[0].outer.points.end());
        QVERIFY(std::abs(areaKm2(clockwise) - expected) < 0.5);
    }

    void areaShrinksWithLatitude()
    {
        // A 1°×1° cell between 60° and 61° N: R² · Δλ · (sin 61° − sin 60°).
        const double rad = std::numbers::pi / 180.0;
        const double expected = EarthRadiusKm * EarthRadiusKm * rad * (std::sin(61 * rad) - std::sin(60 * rad));
        QVERIFY(std::abs(areaKm2(square(10, 60, 11, 61)) - expected) / expected < 1e-4);
    }

    void areaSubtractsHolesAndAddsParts()
    {
        MultiPolygon shape = square(0, 0, 1, 1);
        shape.polygons[0].holes.push_back(ring({{0.25, 0.25}, {0.25, 0.75}, {0.75, 0.75}, {0.75, 0.25}, {0.25, 0.25}}));
        const double whole = areaKm2(square(0, 0, 1, 1));
        const double hole = areaKm2(square(0.25, 0.25, 0.75, 0.75));
        QVERIFY(std::abs(areaKm2(shape) - (whole - hole)) < 0.5);
        MultiPolygon two = square(0, 0, 1, 1);
        two.polygons.push_back(squarePolygon(2, 0, 3, 1));
        QVERIFY(std::abs(areaKm2(two) - 2 * whole) < 1.0);
        QCOMPARE(areaKm2(MultiPolygon()), 0.0);
    }

    void antimeridianShape()
    {
        // One 1°×1° cell split at the antimeridian into two halves.
        MultiPolygon split = square(179.5, 10, 180, 11);
        split.polygons.push_back(squarePolygon(-180, 10, -179.5, 11));
        const double whole = areaKm2(square(0, 10, 1, 11));
        QVERIFY(std::abs(areaKm2(split) - whole) / whole < 1e-4); // straight edges on the plane
        const LonLat c = centroid(split);
        QVERIFY2(std::abs(std::abs(c.lon) - 180.0) < 1e-6, qPrintable(QString::number(c.lon)));
        QVERIFY(std::abs(c.lat - 10.5) < 0.01);
    }

    void areaOfRealCounty()
    {
        // Douglas County, Kansas (FIPS 20045): total area (land + water) 475 sq mi
        // = 1,230 km², of which 456 sq mi land and 19 sq mi water (U.S. Census
        // Bureau, 2010 Census). The fixture is us-atlas at 1:10m, so allow 2 %.
        const UnitLayer counties = loadCounties();
        const UnitId douglas = counties.findByKey("20045");
        QVERIFY(douglas.isValid());
        const double area = areaKm2(*counties.unit(douglas).geometry);
        QVERIFY2(std::abs(area - 1230.0) / 1230.0 < 0.02, qPrintable(QString::number(area)));
        // The unit's stored area is the same figure.
        QCOMPARE(counties.unit(douglas).areaKm2, area);
    }

    void centroidOfSquare()
    {
        const LonLat c = centroid(square(10, 20, 10.2, 20.2));
        QVERIFY(std::abs(c.lon - 10.1) < 1e-9);
        // On an equal-area plane the centre of a cell lies slightly toward the
        // equator (the southern half is wider); at 0.2° that is far below 1e-4°.
        QVERIFY(std::abs(c.lat - 20.1) < 1e-4);
    }

    void centroidOfLShape()
    {
        // Three 0.01° squares at the equator: (0,0), (1,0) and (0,1) in cell
        // units. Their centres average to (5/6, 5/6) cells.
        const double s = 0.01;
        MultiPolygon l{{Polygon{ring({{0, 0}, {2 * s, 0}, {2 * s, s}, {s, s}, {s, 2 * s}, {0, 2 * s}, {0, 0}}), {}}}};
        const LonLat c = centroid(l);
        QVERIFY(std::abs(c.lon - 5.0 / 6.0 * s) < 1e-7);
        QVERIFY(std::abs(c.lat - 5.0 / 6.0 * s) < 1e-7);
        QVERIFY(std::isnan(centroid(MultiPolygon()).lon));
    }

    void labelPointLiesInside()
    {
        // A C-shape one cell thick whose area centroid falls in the empty
        // middle: the label goes inside, as far from the boundary as the shape
        // allows. The widest inscribed circle sits in a corner block (radius
        // (2 − √2) ≈ 0.586 cell), so a circle of half a cell around it is inside.
        const double s = 0.01;
        MultiPolygon c{{Polygon{ring({{0, 0}, {4 * s, 0}, {4 * s, s}, {s, s}, {s, 4 * s}, {4 * s, 4 * s},
                                      {4 * s, 5 * s}, {0, 5 * s}, {0, 0}}),
                                 {}}}};
        QVERIFY(!contains(c, centroid(c)));
        const LonLat label = labelPoint(c);
        for (int k = 0; k < 16; ++k) {
            const double angle = 2 * std::numbers::pi * k / 16;
            QVERIFY2(contains(c, {label.lon + 0.5 * s * std::cos(angle), label.lat + 0.5 * s * std::sin(angle)}),
                     qPrintable(QString("%1 %2").arg(label.lon / s).arg(label.lat / s)));
        }
        // A square's label is its centre; the largest part wins.
        MultiPolygon two = square(0, 0, 0.01, 0.01);
        two.polygons.push_back(squarePolygon(1, 1, 1.1, 1.1));
        const LonLat p = labelPoint(two);
        QVERIFY(std::abs(p.lon - 1.05) < 1e-4 && std::abs(p.lat - 1.05) < 1e-4);
        QVERIFY(std::isnan(labelPoint(MultiPolygon()).lon));
    }

    void haversineDistance()
    {
        // Paris (Notre-Dame) to London (Charing Cross): 343.5 km great circle.
        QVERIFY(std::abs(distanceKm({2.3522, 48.8566}, {-0.1276, 51.5072}) - 343.5) < 1.0);
        // A quarter meridian is π/2 · R.
        QVERIFY(std::abs(distanceKm({0, 0}, {0, 90}) - std::numbers::pi / 2 * EarthRadiusKm) < 1e-6);
        QCOMPARE(distanceKm({5, 5}, {5, 5}), 0.0);
    }

    void perimeterOfCell()
    {
        // Three 1° arcs of a great circle (two meridians, the equator) plus the
        // short arc along 1° N between 0° and 1° E.
        const double arc = std::numbers::pi / 180.0 * EarthRadiusKm;
        const double top = distanceKm({0, 1}, {1, 1});
        QVERIFY(top < arc);
        QVERIFY(std::abs(perimeterKm(square(0, 0, 1, 1)) - (3 * arc + top)) < 1e-6);
    }

    void pointInPolygonWithHoles()
    {
        MultiPolygon shape = square(0, 0, 4, 4);
        shape.polygons[0].holes.push_back(ring({{1, 1}, {1, 3}, {3, 3}, {3, 1}, {1, 1}}));
        shape.polygons.push_back(squarePolygon(10, 10, 11, 11));
        QVERIFY(contains(shape, {0.5, 0.5}));
        QVERIFY(!contains(shape, {2, 2}));      // in the hole
        QVERIFY(contains(shape, {1, 2}));       // on the hole's boundary
        QVERIFY(contains(shape, {0, 2}));       // on the outer boundary
        QVERIFY(contains(shape, {4, 4}));       // on a corner
        QVERIFY(!contains(shape, {5, 2}));
        QVERIFY(contains(shape, {10.5, 10.5})); // second part
        QVERIFY(!contains(shape, {std::nan(""), 1}));
        // A concave ring: the notch of a U is outside.
        MultiPolygon u{{Polygon{ring({{0, 0}, {3, 0}, {3, 3}, {2, 3}, {2, 1}, {1, 1}, {1, 3}, {0, 3}, {0, 0}}), {}}}};
        QVERIFY(!contains(u, {1.5, 2}));
        QVERIFY(contains(u, {0.5, 2}));
        QVERIFY(contains(u, {2.5, 2.5}));
    }

    // --- repair -------------------------------------------------------------

    void repairLeavesValidPolygonAlone()
    {
        MultiPolygon shape = square(0, 0, 1, 1);
        const MultiPolygon before = shape;
        const RepairReport report = repair(shape);
        QVERIFY(report.wasValid);
        QVERIFY(!report.repaired);
        QVERIFY(!report.normalised);
        QVERIFY(report.reason.empty());
        QCOMPARE(shape, before);
    }

    void repairClosesRing()
    {
        MultiPolygon shape{{Polygon{ring({{0, 0}, {1, 0}, {1, 1}, {0, 1}}), {}}}};
        const RepairReport report = repair(shape);
        QVERIFY(!report.wasValid);
        QVERIFY(report.repaired);
        QVERIFY2(report.reason.find("not closed") != std::string::npos, report.reason.c_str());
        QCOMPARE(shape, square(0, 0, 1, 1));
    }

    void repairFixesOrientationAndRepeatedPoints()
    {
        MultiPolygon shape{{Polygon{ring({{0, 0}, {0, 0}, {0, 4}, {4, 4}, {4, 0}, {0, 0}}),
                                    {ring({{1, 1}, {3, 1}, {3, 3}, {1, 3}, {1, 1}})}}}};
        // A clockwise outer ring (the Shapefile convention) and a repeated point
        // are normalised, not reported as invalid.
        const RepairReport report = repair(shape);
        QVERIFY(report.wasValid);
        QVERIFY(report.normalised);
        QVERIFY(!report.repaired);
        QVERIFY(report.reason.empty());
        QVERIFY(signedAreaDeg2(shape.polygons[0].outer) > 0);     // outer counter-clockwise
        QVERIFY(signedAreaDeg2(shape.polygons[0].holes[0]) < 0);  // hole clockwise
        QCOMPARE(shape.polygons[0].outer.points.size(), std::size_t(5));
        QCOMPARE(signedAreaDeg2(shape.polygons[0].outer), 16.0);
    }

    void repairDropsDegenerateRings()
    {
        MultiPolygon shape = square(0, 0, 1, 1);
        shape.polygons.push_back(Polygon{ring({{5, 5}, {6, 6}, {5, 5}}), {}});                 // two points
        shape.polygons.push_back(Polygon{ring({{7, 7}, {8, 8}, {9, 9}, {7, 7}}), {}});         // no area
        shape.polygons[0].holes.push_back(ring({{0.5, 0.5}, {0.5, 0.5}, {0.5, 0.5}}));        // one point
        const RepairReport report = repair(shape);
        QVERIFY(!report.wasValid);
        QVERIFY(report.repaired);
        QCOMPARE(shape, square(0, 0, 1, 1));
    }

    void repairSplitsBowTie()
    {
        // A bow-tie: two triangles meeting at (1, 1), each of area 1.
        MultiPolygon shape{{Polygon{ring({{0, 0}, {2, 2}, {2, 0}, {0, 2}, {0, 0}}), {}}}};
        const RepairReport report = repair(shape);
        QVERIFY(!report.wasValid);
        QVERIFY2(report.repaired, report.reason.c_str());
        QVERIFY2(report.reason.find("self-intersection") != std::string::npos, report.reason.c_str());
        QCOMPARE(shape.polygons.size(), std::size_t(2));
        double total = 0.0;
        for (const Polygon &p : shape.polygons) {
            QVERIFY(signedAreaDeg2(p.outer) > 0);
            total += signedAreaDeg2(p.outer);
        }
        QVERIFY(std::abs(total - 2.0) < 1e-12);
        QVERIFY(contains(shape, {0.2, 1.0}));
        QVERIFY(contains(shape, {1.8, 1.0}));
        QVERIFY(!contains(shape, {1.0, 0.2}));
        // The repaired shape is stable: a second pass finds nothing to fix.
        QVERIFY(repair(shape).wasValid);
    }

    void repairDropsHoleOutsideItsPolygon()
    {
        MultiPolygon shape = square(0, 0, 1, 1);
        shape.polygons[0].holes.push_back(ring({{2, 2}, {2, 3}, {3, 3}, {3, 2}, {2, 2}}));
        const RepairReport report = repair(shape);
        QVERIFY(!report.wasValid);
        QVERIFY2(report.repaired, report.reason.c_str());
        QVERIFY2(report.reason.find("interior rings") != std::string::npos, report.reason.c_str());
        QCOMPARE(shape.polygons.size(), std::size_t(1));
        QVERIFY(shape.polygons[0].holes.empty());
        QCOMPARE(signedAreaDeg2(shape.polygons[0].outer), 1.0);
    }

    void repairMergesOverlappingParts()
    {
        // Two parts overlapping on [1, 2] × [0, 2]: their union is 3 × 2.
        MultiPolygon shape = square(0, 0, 2, 2);
        shape.polygons.push_back(squarePolygon(1, 0, 3, 2));
        const RepairReport report = repair(shape);
        QVERIFY(!report.wasValid);
        QVERIFY2(report.repaired, report.reason.c_str());
        QCOMPARE(shape.polygons.size(), std::size_t(1));
        QVERIFY(std::abs(signedAreaDeg2(shape.polygons[0].outer) - 6.0) < 1e-12);
        QVERIFY(repair(shape).wasValid);
    }

    void repairEmptiesHopelessShape()
    {
        MultiPolygon shape{{Polygon{ring({{0, 0}, {1, 1}}), {}}}};
        const RepairReport report = repair(shape);
        QVERIFY(!report.wasValid);
        QVERIFY(!report.repaired);
        QVERIFY(shape.isEmpty());
        QVERIFY(!report.reason.empty());
    }


    // --- unit topology --------------------------------------------------------

    void topologyOfAGrid()
    {
        // 3×3 cells: 12 inner arcs (one per shared side, two units each) and
        // 8 outer arcs (corners of the layer are not junctions).
        const auto topology = UnitTopology::build(grid(3, 0.1));
        QVERIFY(topology.isOk());
        QCOMPARE(topology->vertexCount(), std::size_t(16));
        QCOMPARE(topology->arcCount(), std::size_t(20));
        std::size_t inner = 0;
        for (const UnitTopology::Arc &arc : topology->arcs())
            inner += arc.right.isValid() ? 1 : 0;
        QCOMPARE(inner, std::size_t(12));
        QCOMPARE(topology->ringsOf(UnitId(4)).size(), std::size_t(1));
        QCOMPARE(topology->ringsOf(UnitId(4))[0].arcs.size(), std::size_t(4));
        QVERIFY(topology->looseContacts().empty());
        QCOMPARE(topology->snapToleranceDeg(), DefaultSnapToleranceDeg);
    }

    void topologyArcsAreSharedExactlyByTheirTwoUnits()
    {
        const UnitLayer counties = loadCounties();
        const auto topology = UnitTopology::build(counties);
        QVERIFY(topology.isOk());
        // Every arc is walked forward by exactly one ring of its left unit and
        // backward by exactly one ring of its right unit (or by none outside).
        std::vector<int> forward(topology->arcCount(), 0), backward(topology->arcCount(), 0);
        for (const UnitTopology::TopoRing &ring : topology->rings()) {
            QVERIFY(!ring.arcs.empty());
            for (std::size_t k = 0; k < ring.arcs.size(); ++k) {
                const UnitTopology::ArcRef &ref = ring.arcs[k];
                const UnitTopology::Arc &arc = topology->arc(ref.arc);
                QCOMPARE(ref.reversed ? arc.right : arc.left, ring.unit);
                ++(ref.reversed ? backward : forward)[ref.arc];
                // The ring is a closed chain: each arc ends where the next begins.
                const UnitTopology::ArcRef &next = ring.arcs[(k + 1) % ring.arcs.size()];
                const auto ids = topology->arcVertices(ref.arc);
                const auto nextIds = topology->arcVertices(next.arc);
                QCOMPARE(ref.reversed ? ids.front() : ids.back(), next.reversed ? nextIds.back() : nextIds.front());
            }
        }
        std::size_t shared = 0;
        for (std::size_t a = 0; a < topology->arcCount(); ++a) {
            QCOMPARE(forward[a], 1);
            QCOMPARE(backward[a], topology->arc(a).right.isValid() ? 1 : 0);
            shared += topology->arc(a).right.isValid() ? 1 : 0;
            // An arc's positions are its snapped vertices, first to last.
            const auto ids = topology->arcVertices(a);
            QCOMPARE(topology->arcPoints(a).front(), topology->vertex(ids.front()));
        }
        QVERIFY(shared > 40);
        // The fixture's counties share their vertices exactly: nothing is loose.
        QVERIFY(topology->looseContacts().empty());
    }

    void topologySharesAnEnclaveRing()
    {
        // A unit inside the hole of another: one closed arc, seen by both.
        UnitLayer layer;
        MultiPolygon outer = square(-1, -1, 1, 1);
        outer.polygons[0].holes.push_back(ring({{-0.5, -0.5}, {-0.5, 0.5}, {0.5, 0.5}, {0.5, -0.5}, {-0.5, -0.5}}));
        addUnit(layer, "outer", outer);
        addUnit(layer, "enclave", square(-0.5, -0.5, 0.5, 0.5));
        const auto topology = UnitTopology::build(layer);
        QVERIFY(topology.isOk());
        QCOMPARE(topology->arcCount(), std::size_t(2));
        std::size_t closedShared = 0;
        for (std::size_t a = 0; a < topology->arcCount(); ++a)
            if (topology->isClosed(a) && topology->arc(a).right.isValid())
                ++closedShared;
        QCOMPARE(closedShared, std::size_t(1));
        const auto graph = buildAdjacency(*topology);
        QVERIFY(graph.areAdjacent(UnitId(0), UnitId(1)));
        QVERIFY(std::abs(graph.edges()[0].sharedLengthKm - perimeterKm(square(-0.5, -0.5, 0.5, 0.5))) < 1e-9);
    }

    void topologyRecordsBoundariesWithoutSharedVerticesAsLooseContacts()
    {
        // The T-junction of adjacencyMatchesBoundariesWithoutSharedVertices:
        // the tall cell's side is one edge, the stacked cells have two.
        UnitLayer layer;
        addUnit(layer, "low", square(0, 0, 0.1, 0.1));
        addUnit(layer, "high", square(0, 0.1, 0.1, 0.2));
        addUnit(layer, "tall", square(0.1000005, 0, 0.2, 0.2));
        const auto topology = UnitTopology::build(layer);
        QVERIFY(topology.isOk());
        std::set<std::pair<int, int>> pairs;
        for (const UnitTopology::LooseContact &contact : topology->looseContacts())
            pairs.insert({contact.a.value(), contact.b.value()});
        QCOMPARE(pairs, (std::set<std::pair<int, int>>{{0, 2}, {1, 2}}));
    }

    void topologyRejectsBadToleranceAndCanBeCancelled()
    {
        QCOMPARE(UnitTopology::build(grid(2, 0.1), TopologyOptions{1e-9}).error().code, ErrorCode::InvalidArgument);
        Feedback feedback;
        feedback.cancel();
        QCOMPARE(UnitTopology::build(grid(2, 0.1), {}, &feedback).error().code, ErrorCode::Cancelled);
    }

    void adjacencyFromTopologyEqualsEdgeMatchingOnCounties()
    {
        // The rook and queen graphs the former edge-matching builder produced
        // for the fixture (kansas-city-region-adjacency-*.csv) are reproduced
        // by adjacency read off the topology, lengths included.
        const UnitLayer counties = loadCounties();
        const auto topology = UnitTopology::build(counties);
        QVERIFY(topology.isOk());
        const auto rook = readAdjacencyCsv(TESSERA_SOURCE_DIR "/tests/data/counties/kansas-city-region-adjacency-rook.csv");
        const auto queen =
            readAdjacencyCsv(TESSERA_SOURCE_DIR "/tests/data/counties/kansas-city-region-adjacency-queen.csv");
        QVERIFY(rook.size() > 40 && queen.size() > rook.size());
        QVERIFY(sameAdjacency(keyedEdges(counties, buildAdjacency(*topology, false)), rook));
        QVERIFY(sameAdjacency(keyedEdges(counties, buildAdjacency(*topology, true)), queen));
    }

    void adjacencyFromTopologyEqualsTheSampleProjectsStoredAdjacency()
    {
        // The sample's adjacency was stored at import by the edge-matching builder.
        auto store = ProjectStore::open(TESSERA_SOURCE_DIR "/resources/samples/southeast.tessera",
                                        ProjectStore::OpenMode::ReadOnly);
        QVERIFY(store.isOk());
        const auto project = (*store)->load();
        QVERIFY(project.isOk());
        const auto graph = buildAdjacency(project->units());
        QVERIFY(graph.isOk());
        QVERIFY(project->adjacency().edgeCount() > 900);
        QVERIFY(sameAdjacency(keyedEdges(project->units(), *graph), keyedEdges(project->units(), project->adjacency())));
    }

    // --- adjacency ----------------------------------------------------------

    void rookAdjacencyOnGrid()
    {
        const UnitLayer layer = grid(3, 0.1);
        const auto graph = buildAdjacency(layer);
        QVERIFY(graph.isOk());
        QCOMPARE(graph->edgeCount(), std::size_t(12));
        QVERIFY(graph->areAdjacent(UnitId(4), UnitId(1)));
        QVERIFY(!graph->areAdjacent(UnitId(4), UnitId(0))); // diagonal
        QCOMPARE(graph->degree(UnitId(4)), std::size_t(4));
        QCOMPARE(graph->degree(UnitId(0)), std::size_t(2));
        QVERIFY(graph->islands().empty());
        // Cells 0 and 1 share the meridian 0.1° E from 0° to 0.1° N.
        const double expected = distanceKm({0.1, 0.0}, {0.1, 0.1});
        QVERIFY(std::abs(graph->sharedLengths(UnitId(0))[0] - expected) < 1e-9);
    }

    void queenAdjacencyOnGrid()
    {
        const UnitLayer layer = grid(3, 0.1);
        AdjacencyOptions options;
        options.includePointContacts = true;
        const auto graph = buildAdjacency(layer, options);
        QVERIFY(graph.isOk());
        QCOMPARE(graph->edgeCount(), std::size_t(20));
        QVERIFY(graph->areAdjacent(UnitId(4), UnitId(0)));
        QCOMPARE(graph->degree(UnitId(4)), std::size_t(8));
        // Point contacts carry no shared length.
        const auto row = graph->neighbours(UnitId(4));
        const auto lengths = graph->sharedLengths(UnitId(4));
        for (std::size_t i = 0; i < row.size(); ++i)
            QCOMPARE(lengths[i] == 0.0, row[i] == UnitId(0) || row[i] == UnitId(2) || row[i] == UnitId(6)
                                            || row[i] == UnitId(8));
    }

    void adjacencyClosesGapsWithinTolerance()
    {
        // Cells shrunk by 3e-7° on every side: neighbours are 6e-7° apart.
        const UnitLayer layer = grid(3, 0.1, 10.0, 40.0, 3e-7);
        AdjacencyOptions options;
        options.snapToleranceDeg = 1e-6;
        const auto closed = buildAdjacency(layer, options);
        QVERIFY(closed.isOk());
        QCOMPARE(closed->edgeCount(), std::size_t(12));
        options.snapToleranceDeg = 2e-7; // narrower than the gap: nothing touches
        const auto open = buildAdjacency(layer, options);
        QVERIFY(open.isOk());
        QCOMPARE(open->edgeCount(), std::size_t(0));
        QCOMPARE(open->islands().size(), std::size_t(9));
    }

    void adjacencyMatchesBoundariesWithoutSharedVertices()
    {
        // Two stacked cells on the left, one tall cell on the right whose left
        // side is a single edge: a T-junction at (1, 1) and a sliver of 5e-7°.
        UnitLayer layer;
        addUnit(layer, "low", square(0, 0, 0.1, 0.1));
        addUnit(layer, "high", square(0, 0.1, 0.1, 0.2));
        addUnit(layer, "tall", square(0.1000005, 0, 0.2, 0.2));
        const auto graph = buildAdjacency(layer);
        QVERIFY(graph.isOk());
        QCOMPARE(graph->edgeCount(), std::size_t(3));
        QVERIFY(graph->areAdjacent(UnitId(0), UnitId(2)));
        QVERIFY(graph->areAdjacent(UnitId(1), UnitId(2)));
        const double expected = distanceKm({0.1, 0.0}, {0.1, 0.1});
        QVERIFY(std::abs(graph->sharedLengths(UnitId(2))[0] - expected) / expected < 1e-3);
    }

    void adjacencyReportsIslands()
    {
        UnitLayer layer = grid(2, 0.1);
        addUnit(layer, "island", square(5, 5, 5.1, 5.1));
        Unit empty;
        empty.key = "no-geometry";
        layer.add(empty);
        const auto graph = buildAdjacency(layer);
        QVERIFY(graph.isOk());
        QCOMPARE(graph->edgeCount(), std::size_t(4));
        const std::vector<UnitId> islands = graph->islands();
        QCOMPARE(islands, (std::vector<UnitId>{UnitId(4), UnitId(5)}));
    }

    void adjacencyRejectsBadTolerance()
    {
        AdjacencyOptions options;
        options.snapToleranceDeg = 0.0;
        const auto result = buildAdjacency(grid(2, 0.1), options);
        QVERIFY(!result.isOk());
        QCOMPARE(result.error().code, ErrorCode::InvalidArgument);
        options.snapToleranceDeg = std::nan("");
        QVERIFY(!buildAdjacency(grid(2, 0.1), options).isOk());
    }

    void adjacencyCanBeCancelled()
    {
        Feedback feedback;
        feedback.cancel();
        const auto result = buildAdjacency(grid(3, 0.1), {}, &feedback);
        QVERIFY(!result.isOk());
        QCOMPARE(result.error().code, ErrorCode::Cancelled);
    }

    void adjacencyOfRealCounties()
    {
        // Neighbours of Douglas County, Kansas (20045) in the U.S. Census Bureau's
        // county adjacency file (county_adjacency.txt, 2010 boundaries): Franklin
        // 20059, Jefferson 20087, Johnson 20091, Leavenworth 20103, Miami 20121,
        // Osage 20139, Shawnee 20177. The Census file counts point contacts too:
        // Douglas and Miami meet only at a corner, so rook adjacency leaves Miami out.
        const UnitLayer counties = loadCounties();
        const std::set<std::string> census{"20059", "20087", "20091", "20103", "20121", "20139", "20177"};
        AdjacencyOptions queen;
        queen.includePointContacts = true;
        const auto queenGraph = buildAdjacency(counties, queen);
        QVERIFY(queenGraph.isOk());
        QCOMPARE(neighbourKeys(counties, *queenGraph, "20045"), census);

        const auto rookGraph = buildAdjacency(counties);
        QVERIFY(rookGraph.isOk());
        std::set<std::string> rook = census;
        rook.erase("20121");
        QCOMPARE(neighbourKeys(counties, *rookGraph, "20045"), rook);
        QVERIFY(rookGraph->islands().empty());
        QCOMPARE(rookGraph->components().second, 1);
        // Douglas–Johnson: a straight county line of about 20 miles (≈ 31 km).
        const UnitId douglas = counties.findByKey("20045");
        const UnitId johnson = counties.findByKey("20091");
        const auto row = rookGraph->neighbours(douglas);
        const auto at = std::find(row.begin(), row.end(), johnson) - row.begin();
        const double length = rookGraph->sharedLengths(douglas)[std::size_t(at)];
        QVERIFY2(length > 25.0 && length < 40.0, qPrintable(QString::number(length)));
    }

    // --- index and placement -----------------------------------------------

    void unitIndexQueryAndLocate()
    {
        const UnitLayer layer = grid(3, 1.0);
        const UnitIndex index(layer);
        QCOMPARE(index.query(BoundingBox{0.2, 0.2, 0.8, 0.8}), (std::vector<UnitId>{UnitId(0)}));
        QCOMPARE(index.query(BoundingBox{0.5, 0.5, 1.5, 0.8}), (std::vector<UnitId>{UnitId(0), UnitId(1)}));
        QCOMPARE(index.query(BoundingBox{10, 10, 11, 11}), std::vector<UnitId>());
        QCOMPARE(index.query(BoundingBox()), std::vector<UnitId>());
        QCOMPARE(index.locate({2.5, 1.5}), UnitId(5));
        QCOMPARE(index.locate({1.0, 0.5}), UnitId(0)); // shared edge: lowest id
        QVERIFY(!index.locate({3.5, 0.5}).isValid());
        QVERIFY(!index.locate({std::nan(""), 0.5}).isValid());
    }

    void unitIndexUsesExactShapes()
    {
        // A U-shaped unit whose notch holds a second unit: the notch lies in
        // the U's bounds but belongs to the other unit.
        UnitLayer layer;
        addUnit(layer, "u", MultiPolygon{{Polygon{
                                ring({{0, 0}, {3, 0}, {3, 3}, {2, 3}, {2, 1}, {1, 1}, {1, 3}, {0, 3}, {0, 0}}), {}}}});
        addUnit(layer, "notch", square(1.2, 1.2, 1.8, 2.8));
        const UnitIndex index(layer);
        QCOMPARE(index.locate({1.5, 2.0}), UnitId(1));
        QCOMPARE(index.locate({0.5, 2.0}), UnitId(0));
        QVERIFY(!index.locate({1.1, 2.0}).isValid()); // in the notch, outside both
    }

    void unitIndexNearest()
    {
        const UnitLayer layer = grid(2, 1.0);
        const UnitIndex index(layer);
        double distance = -1.0;
        // East of cell 1 ([1, 2] × [0, 1]): the closest boundary point is (2, 0.5).
        QCOMPARE(index.nearest({2.5, 0.5}, &distance), UnitId(1));
        QVERIFY(std::abs(distance - distanceKm({2.5, 0.5}, {2, 0.5})) < 1e-9);
        // Inside: the containing unit, at distance 0.
        QCOMPARE(index.nearest({0.5, 1.5}, &distance), UnitId(2));
        QCOMPARE(distance, 0.0);
        // North-east of the grid: the corner of cell 3.
        QCOMPARE(index.nearest({3, 3}, &distance), UnitId(3));
        QVERIFY(std::abs(distance - distanceKm({3, 3}, {2, 2})) < 1e-9);
        QVERIFY(!index.nearest({std::nan(""), 0}).isValid());
        const UnitLayer empty;
        QVERIFY(!UnitIndex(empty).nearest({0, 0}).isValid());
    }

    void placeAccountsReportsOutsiders()
    {
        const UnitLayer layer = grid(2, 1.0);
        AccountLayer accounts;
        auto addAccount = [&accounts](const std::string &key, LonLat at) {
            Account account;
            account.key = key;
            account.location = at;
            accounts.add(account);
        };
        addAccount("A-1", {0.5, 0.5});
        addAccount("A-2", {1.5, 1.5});
        addAccount("A-OUT", {7.0, 7.0});
        addAccount("A-3", {0.5, 1.5});
        const UnitIndex index(layer);
        CollectingProblemSink sink;
        const PlacementStats stats = placeAccounts(accounts, index, &sink);
        QCOMPARE(stats.placed, std::size_t(3));
        QCOMPARE(stats.outside, std::size_t(1));
        QCOMPARE(accounts.account(AccountId(0)).unit, UnitId(0));
        QCOMPARE(accounts.account(AccountId(1)).unit, UnitId(3));
        QCOMPARE(accounts.account(AccountId(3)).unit, UnitId(2));
        QVERIFY(!accounts.account(AccountId(2)).unit.isValid());
        QCOMPARE(accounts.size(), std::size_t(4)); // kept, not dropped
        QCOMPARE(sink.problems().size(), std::size_t(1));
        QCOMPARE(sink.problems()[0].featureId, std::string("A-OUT"));
        QVERIFY(sink.problems()[0].message.find("A-OUT") != std::string::npos);
        QVERIFY2(sink.problems()[0].message.find("nearest: unit '3'") != std::string::npos,
                 sink.problems()[0].message.c_str());
        QCOMPARE(accounts.unplacedCount(), std::size_t(1));
    }

    void placeAccountsInBulkMatchesLocate()
    {
        // Enough accounts for the parallel, Z-ordered path: every account gets
        // what a plain locate() says, and problems come in account order.
        const UnitLayer layer = grid(10, 0.1);
        const UnitIndex index(layer);
        AccountLayer accounts;
        std::uint64_t state = 12345;
        auto next = [&state] {
            state = state * 6364136223846793005ull + 1442695040888963407ull;
            return double(state >> 11) / double(1ull << 53);
        };
        for (int i = 0; i < 50000; ++i) {
            Account account;
            account.key = "K" + std::to_string(i);
            account.location = {next() * 1.1 - 0.05, next() * 1.1 - 0.05}; // some fall outside
            accounts.add(account);
        }
        CollectingProblemSink sink;
        const PlacementStats stats = placeAccounts(accounts, index, &sink);
        std::size_t outside = 0;
        std::vector<std::string> outsideKeys;
        for (const Account &account : accounts.accounts()) {
            QCOMPARE(account.unit, index.locate(account.location));
            if (!account.unit.isValid()) {
                ++outside;
                outsideKeys.push_back(account.key);
            }
        }
        QVERIFY(outside > 0);
        QCOMPARE(stats.outside, outside);
        QCOMPARE(stats.placed + stats.outside, accounts.size());
        QCOMPARE(sink.problems().size(), outside);
        for (std::size_t i = 0; i < outside; ++i)
            QCOMPARE(sink.problems()[i].featureId, outsideKeys[i]);
    }

    void placeAccountsInRealCounties()
    {
        // Lawrence, KS (Douglas County) and Topeka, KS (Shawnee County).
        const UnitLayer counties = loadCounties();
        const UnitIndex index(counties);
        QCOMPARE(counties.unit(index.locate({-95.2353, 38.9717})).key, std::string("20045"));
        QCOMPARE(counties.unit(index.locate({-95.6890, 39.0483})).key, std::string("20177"));
        QVERIFY(!index.locate({-100.0, 38.9}).isValid()); // western Kansas: not in the fixture
    }

    // --- simplification and projections ------------------------------------

    void simplifyDropsNearlyCollinearPoints()
    {
        // A square with points wobbling 1e-5° off its sides.
        Ring wobbly = ring({{0, 0}, {0.5, 0.00001}, {1, 0}, {1.00001, 0.5}, {1, 1}, {0.5, 0.99999}, {0, 1},
                            {0.00001, 0.5}, {0, 0}});
        const Ring simple = simplifyRing(wobbly, 1e-4);
        QCOMPARE(simple, ring({{0, 0}, {1, 0}, {1, 1}, {0, 1}, {0, 0}}));
        // Below the wobble nothing is dropped.
        QCOMPARE(simplifyRing(wobbly, 1e-6), wobbly);
        // A ring never collapses below a triangle.
        const Ring tiny = simplifyRing(ring({{0, 0}, {1e-6, 0}, {1e-6, 1e-6}, {0, 1e-6}, {0, 0}}), 1.0);
        QVERIFY(tiny.points.size() >= 4);
        QCOMPARE(tiny.points.front(), tiny.points.back());
    }

    void simplifyKeepsShapesAndHoles()
    {
        MultiPolygon shape = square(0, 0, 4, 4);
        shape.polygons[0].holes.push_back(ring({{1, 1}, {1, 3}, {3, 3}, {3, 1}, {1, 1}}));
        QCOMPARE(simplify(shape, 0.01), shape);
        QCOMPARE(simplify(shape, 0.01).polygons[0].holes.size(), std::size_t(1));
    }

    void simplifyLayerKeepsNeighboursSeamless()
    {
        // Simplifying the counties at 0.02° (about 2 km) keeps every shared
        // boundary identical on both sides: the rook graph is unchanged even
        // with the tightest snapping, and fewer vertices remain (the 1:10m fixture
        // is coarse already: about a third go).
        const UnitLayer counties = loadCounties();
        const std::vector<MultiPolygon> simple = simplifyLayer(*UnitTopology::build(counties), 0.02);
        QCOMPARE(simple.size(), counties.size());
        UnitLayer simplified;
        std::size_t before = 0, after = 0;
        for (std::size_t i = 0; i < counties.size(); ++i) {
            const Unit &unit = counties.units()[i];
            for (const Polygon &p : unit.geometry->polygons)
                before += p.outer.points.size();
            for (const Polygon &p : simple[i].polygons) {
                after += p.outer.points.size();
                QCOMPARE(p.outer.points.front(), p.outer.points.back());
            }
            // Areas move by a few percent at most at this tolerance.
            QVERIFY(std::abs(areaKm2(simple[i]) - unit.areaKm2) / unit.areaKm2 < 0.05);
            addUnit(simplified, unit.key, simple[i]);
        }
        QVERIFY2(after < before, qPrintable(QString("%1 -> %2").arg(before).arg(after)));
        AdjacencyOptions exact;
        exact.snapToleranceDeg = 1e-7;
        const auto original = buildAdjacency(counties, exact);
        const auto result = buildAdjacency(simplified, exact);
        QVERIFY(original.isOk() && result.isOk());
        QCOMPARE(result->edgeCount(), original->edgeCount());
        for (const AdjacencyEdge &edge : original->edges())
            QVERIFY(result->areAdjacent(edge.a, edge.b));
    }

    void simplifyLayerSharesEnclaveRing()
    {
        // A wobbly enclave (no junction on its ring) inside the hole of its
        // surrounding unit: both get the same simplified ring.
        Ring enclave;
        for (int i = 0; i < 64; ++i) {
            const double angle = 2 * std::numbers::pi * i / 64;
            const double r = 0.1 + (i % 2 ? 0.0005 : 0.0);
            enclave.points.push_back({r * std::cos(angle), r * std::sin(angle)});
        }
        enclave.points.push_back(enclave.points.front());
        Ring hole = enclave;
        std::reverse(hole.points.begin(), hole.points.end());
        UnitLayer layer;
        MultiPolygon outer = square(-1, -1, 1, 1);
        outer.polygons[0].holes.push_back(hole);
        addUnit(layer, "outer", outer);
        addUnit(layer, "enclave", MultiPolygon{{Polygon{enclave, {}}}});
        const std::vector<MultiPolygon> simple = simplifyLayer(*UnitTopology::build(layer), 0.005);
        const Ring &a = simple[0].polygons[0].holes[0];
        const Ring &b = simple[1].polygons[0].outer;
        QVERIFY(b.points.size() < enclave.points.size());
        QVERIFY(b.points.size() >= 4);
        std::set<std::pair<double, double>> pa, pb;
        for (const LonLat &p : a.points)
            pa.insert({p.lon, p.lat});
        for (const LonLat &p : b.points)
            pb.insert({p.lon, p.lat});
        QCOMPARE(pa, pb);
        QCOMPARE(simple[0].polygons[0].outer, square(-1, -1, 1, 1).polygons[0].outer);
    }

    void webMercatorRoundTrip()
    {
        const PlanarPoint origin = toWebMercator({0, 0});
        QVERIFY(std::abs(origin.x) < 1e-9 && std::abs(origin.y) < 1e-9);
        // The edge of the tile world is π · R.
        const PlanarPoint corner = toWebMercator({180, WebMercatorMaxLat});
        QVERIFY(std::abs(corner.x - std::numbers::pi * WebMercatorRadiusM) < 1e-6);
        QVERIFY(std::abs(corner.y - std::numbers::pi * WebMercatorRadiusM) < 1e-3);
        const LonLat back = fromWebMercator(toWebMercator({-95.2353, 38.9717}));
        QVERIFY(std::abs(back.lon + 95.2353) < 1e-12 && std::abs(back.lat - 38.9717) < 1e-12);
        QVERIFY(std::isfinite(toWebMercator({0, 90}).y));
    }

    void equalAreaProjectionRoundTrip()
    {
        const EqualAreaProjection projection({10.0, 50.0});
        const PlanarPoint centre = projection.forward({10.0, 50.0});
        QVERIFY(std::abs(centre.x) < 1e-9 && std::abs(centre.y) < 1e-9);
        for (const LonLat p : {LonLat{12.5, 48.1}, LonLat{-3.0, 40.0}, LonLat{30.0, 65.0}}) {
            const LonLat back = projection.inverse(projection.forward(p));
            QVERIFY(std::abs(back.lon - p.lon) < 1e-9 && std::abs(back.lat - p.lat) < 1e-9);
        }
        // Distance from the centre along a meridian is nearly true at short range.
        QVERIFY(std::abs(projection.forward({10.0, 50.1}).y - distanceKm({10.0, 50.0}, {10.0, 50.1})) < 1e-3);
    }
};

QTEST_GUILESS_MAIN(TestGeometry)
#include "tst_geometry.moc"
