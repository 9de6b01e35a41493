#include "ui/canvas/basemapdata.h"

#include "ui/canvas/simplify.h"
#include "ui/canvas/webmercator.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

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

QPolygonF projectLine(const QJsonArray &coordinates)
{
    QPolygonF line;
    line.reserve(coordinates.size());
    for (const QJsonValue &value : coordinates) {
        const QJsonArray p = value.toArray();
        line.append(mercator::project({p.at(0).toDouble(), p.at(1).toDouble()}));
    }
    return line;
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
        for (const QJsonValue &line : lines) {
            QPolygonF projected = projectLine(line.toArray());
            for (int b = 0; b < BandCount; ++b)
                bands[static_cast<std::size_t>(b)].push_back(simplifyPolyline(projected, BandTolerance[b]));
        }
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
            QPolygonF ring = projectLine(rings.at(0).toArray());
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
