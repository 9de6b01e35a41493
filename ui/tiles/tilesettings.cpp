#include "ui/tiles/tilesettings.h"

#include <QSettings>

namespace tessera::ui {

namespace {
const QString EnabledKey = QStringLiteral("basemap/tiles/enabled");
const QString KindKey = QStringLiteral("basemap/tiles/kind");
const QString UrlKey = QStringLiteral("basemap/tiles/url");
const QString AttributionKey = QStringLiteral("basemap/tiles/attribution");
const QString MBTilesKey = QStringLiteral("basemap/tiles/mbtiles");
} // namespace

TileSettings TileSettings::load(const QSettings &settings)
{
    TileSettings result;
    result.enabled = settings.value(EnabledKey, result.enabled).toBool();
    result.useMBTiles = settings.value(KindKey, QStringLiteral("xyz")).toString() == QLatin1String("mbtiles");
    result.urlTemplate = settings.value(UrlKey, result.urlTemplate).toString();
    result.attribution = settings.value(AttributionKey, result.attribution).toString();
    result.mbtilesPath = settings.value(MBTilesKey, result.mbtilesPath).toString();
    return result;
}

void TileSettings::save(QSettings &settings) const
{
    settings.setValue(EnabledKey, enabled);
    settings.setValue(KindKey, useMBTiles ? QStringLiteral("mbtiles") : QStringLiteral("xyz"));
    settings.setValue(UrlKey, urlTemplate);
    settings.setValue(AttributionKey, attribution);
    settings.setValue(MBTilesKey, mbtilesPath);
}

Result<TileSource> TileSettings::toSource() const
{
    if (!enabled)
        return TileSource();
    if (useMBTiles) {
        if (mbtilesPath.trimmed().isEmpty())
            return makeError(ErrorCode::InvalidArgument, "no MBTiles file chosen");
        return TileSource::fromMBTiles(mbtilesPath.trimmed());
    }
    const QString problem = TileSource::validateUrlTemplate(urlTemplate);
    if (!problem.isEmpty())
        return makeError(ErrorCode::InvalidArgument, problem.toStdString(), urlTemplate.toStdString());
    return TileSource::fromUrlTemplate(urlTemplate, attribution);
}

} // namespace tessera::ui
