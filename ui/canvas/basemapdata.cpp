#include "ui/canvas/basemapdata.h"

#include "core/model/geo.h"
#include "ui/canvas/mapgeometryutil.h"
#include "ui/canvas/webmercator.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cmath>

static void initBasemapResources()
{
    Q_INIT_RESOURCE(basemap);
}

namespace tessera::ui {

namespace {

constexpr double BandTolerance[BasemapData::BandCount] = {0.0, 500.0, 2500.0, 10000.0};

QJsonArray readFeatures(const QString &resource, QString &error)
{
    QFile file(resource);
    if (!file.open(QIODevice::ReadOnly)) {
        error = QStringLiteral("%1: cannot be read").arg(resource);
        return {};
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (document.isNull()) {
        error = QStringLiteral("%1: %2 at offset %3").arg(resource, parseError.errorString()).arg(parseError.offset);
        return {};
    }
    return document.object().value(QLatin1String("features")).toArray();
}

std::vector<LonLat> readPoints(const QJsonArray &coordinates)
{
    std::vector<LonLat> points;
    points.reserve(static_cast<std::size_t>(coordinates.size()));
    for (const QJsonValue &value : coordinates) {
        const QJsonArray p = value.toArray();
        points.push_back({p.at(0).toDouble(), p.at(1).toDouble()});
    }
    return points;
}

bool crossesAntimeridian(const std::vector<LonLat> &points)
{
    for (std::size_t i = 1; i < points.size(); ++i)
        if (std::abs(points[i].lon - points[i - 1].lon) > 180.0)
            return true;
    return false;
}

/// A ring that jumps across ±180° is drawn continuous east of 180° (as
/// Chukotka is), instead of a stripe across the whole world.
QPolygonF projectRing(const QJsonArray &coordinates)
{
    std::vector<LonLat> points = readPoints(coordinates);
    if (crossesAntimeridian(points))
        for (LonLat &p : points)
            if (p.lon < 0)
                p.lon += 360.0;
    QPolygonF ring;
    ring.reserve(static_cast<qsizetype>(points.size()));
    for (const LonLat &p : points)
        ring.append(mercator::project(p));
    return ring;
}

/// Lines are cut where they jump across ±180°.
std::vector<QPolygonF> projectLines(const QJsonArray &coordinates)
{
    const std::vector<LonLat> points = readPoints(coordinates);
    std::vector<QPolygonF> lines(1);
    for (std::size_t i = 0; i < points.size(); ++i) {
        if (i > 0 && std::abs(points[i].lon - points[i - 1].lon) > 180.0)
            lines.emplace_back();
        lines.back().append(mercator::project(points[i]));
    }
    std::erase_if(lines, [](const QPolygonF &line) { return line.size() < 2; });
    return lines;
}

} // namespace

const BasemapData &BasemapData::instance()
{
    static const BasemapData data;
    return data;
}

int BasemapData::bandFor(double metersPerPixel)
{
    int band = 0;
    for (int b = 1; b < BandCount; ++b)
        if (BandTolerance[b] <= 0.5 * metersPerPixel)
            band = b;
    return band;
}

void BasemapData::loadLines(const QString &resource, std::array<std::vector<QPolygonF>, BandCount> &bands)
{
    for (const QJsonValue &feature : readFeatures(resource, mError)) {
        const QJsonObject geometry = feature.toObject().value(QLatin1String("geometry")).toObject();
        const QJsonArray lines = geometry.value(QLatin1String("coordinates")).toArray();
        for (const QJsonValue &line : lines)
            for (const QPolygonF &projected : projectLines(line.toArray()))
                for (int b = 0; b < BandCount; ++b)
                    bands[static_cast<std::size_t>(b)].push_back(simplifyPolyline(projected, BandTolerance[b]));
    }
}

BasemapData::BasemapData()
{
    initBasemapResources();
    for (const QJsonValue &feature : readFeatures(QStringLiteral(":/basemap/land.geojson"), mError)) {
        const QJsonObject geometry = feature.toObject().value(QLatin1String("geometry")).toObject();
        for (const QJsonValue &polygon : geometry.value(QLatin1String("coordinates")).toArray()) {
            const QJsonArray rings = polygon.toArray();
            if (rings.isEmpty())
                continue;
            // Outer rings only: lakes inside land are left to the water colour of the canvas.
            QPolygonF ring = projectRing(rings.at(0).toArray());
            if (ring.size() < 4)
                continue;
            mLandBounds.push_back(ring.boundingRect());
            for (int b = 0; b < BandCount; ++b)
                mLand[static_cast<std::size_t>(b)].push_back(simplifyPolyline(ring, BandTolerance[b]));
        }
    }
    loadLines(QStringLiteral(":/basemap/countries.geojson"), mCountries);
    loadLines(QStringLiteral(":/basemap/states.geojson"), mStates);
    for (const QJsonValue &feature : readFeatures(QStringLiteral(":/basemap/cities.geojson"), mError)) {
        const QJsonObject object = feature.toObject();
        const QJsonObject properties = object.value(QLatin1String("properties")).toObject();
        const QJsonArray p = object.value(QLatin1String("geometry")).toObject().value(QLatin1String("coordinates")).toArray();
        mCities.push_back({mercator::project({p.at(0).toDouble(), p.at(1).toDouble()}),
                           properties.value(QLatin1String("name")).toString(),
                           properties.value(QLatin1String("population")).toDouble()});
    }
    std::stable_sort(mCities.begin(), mCities.end(), [](const City &a, const City &b) { return a.population > b.population; });
}

} // namespace tessera::ui
