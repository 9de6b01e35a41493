#include "ui/tiles/tilesource.h"

#include "ui/tiles/mbtilesfile.h"

#include <QCryptographicHash>
#include <QRegularExpression>
#include <QTextDocumentFragment>

#include <algorithm>

namespace tessera::ui {

namespace {

QString plainText(const QString &text)
{
    if (!text.contains(QLatin1Char('<')) && !text.contains(QLatin1Char('&')))
        return text.simplified();
    return QTextDocumentFragment::fromHtml(text).toPlainText().simplified();
}

} // namespace

TileSource TileSource::fromUrlTemplate(const QString &urlTemplate, const QString &attribution,
                                       const QStringList &subdomains, int minZoom, int maxZoom)
{
    TileSource source;
    source.mKind = Kind::Xyz;
    source.mUrlTemplate = urlTemplate.trimmed();
    source.mSubdomains = subdomains;
    source.mSubdomains.removeAll(QString());
    source.mAttribution = plainText(attribution);
    source.mMinZoom = std::clamp(minZoom, 0, 30);
    source.mMaxZoom = std::clamp(maxZoom, source.mMinZoom, 30);
    return source;
}

Result<TileSource> TileSource::fromMBTiles(const QString &path)
{
    auto opened = MBTilesFile::open(path);
    if (!opened)
        return opened.error();
    TileSource source;
    source.mKind = Kind::MBTiles;
    source.mFile = std::shared_ptr<const MBTilesFile>(std::move(opened).value());
    const MBTilesFile::Metadata &meta = source.mFile->metadata();
    source.mAttribution = plainText(meta.attribution);
    source.mMinZoom = meta.minZoom;
    source.mMaxZoom = meta.maxZoom;
    return source;
}

QString TileSource::validateUrlTemplate(const QString &urlTemplate)
{
    const QString text = urlTemplate.trimmed();
    if (text.isEmpty())
        return QStringLiteral("The URL template is empty.");
    for (const char *key : {"{z}", "{x}"})
        if (!text.contains(QLatin1String(key)))
            return QStringLiteral("The URL template has no %1.").arg(QLatin1String(key));
    if (!text.contains(QLatin1String("{y}")) && !text.contains(QLatin1String("{-y}")))
        return QStringLiteral("The URL template has no {y}.");
    QString probe = text;
    probe.replace(QRegularExpression(QStringLiteral("\\{-?[a-z]\\}")), QStringLiteral("0"));
    const QUrl url(probe, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty())
        return QStringLiteral("The URL template is not a valid URL.");
    const QString scheme = url.scheme().toLower();
    if (scheme != QLatin1String("http") && scheme != QLatin1String("https"))
        return QStringLiteral("The URL template must start with http:// or https://.");
    return {};
}

QString TileSource::mbtilesPath() const
{
    return mFile ? mFile->path() : QString();
}

QUrl TileSource::url(const TileId &tile) const
{
    if (mKind != Kind::Xyz || !tile.isValid())
        return {};
    QString text = mUrlTemplate;
    text.replace(QLatin1String("{z}"), QString::number(tile.z));
    text.replace(QLatin1String("{x}"), QString::number(tile.x));
    text.replace(QLatin1String("{y}"), QString::number(tile.y));
    text.replace(QLatin1String("{-y}"), QString::number((1 << tile.z) - 1 - tile.y));
    if (!mSubdomains.isEmpty())
        text.replace(QLatin1String("{s}"), mSubdomains.at((tile.x + tile.y) % mSubdomains.size()));
    return QUrl(text);
}

QByteArray TileSource::readLocalTile(const TileId &tile, QString *error) const
{
    return mFile ? mFile->readTile(tile, error) : QByteArray();
}

QString TileSource::cacheKey() const
{
    QByteArray identity;
    switch (mKind) {
    case Kind::None:
        return {};
    case Kind::Xyz:
        identity = "xyz:" + mUrlTemplate.toUtf8();
        break;
    case Kind::MBTiles:
        identity = "mbtiles:" + mbtilesPath().toUtf8();
        break;
    }
    return QString::fromLatin1(QCryptographicHash::hash(identity, QCryptographicHash::Sha1).toHex().left(16));
}

bool TileSource::operator==(const TileSource &other) const
{
    return mKind == other.mKind && mUrlTemplate == other.mUrlTemplate && mSubdomains == other.mSubdomains
        && mAttribution == other.mAttribution && mMinZoom == other.mMinZoom && mMaxZoom == other.mMaxZoom
        && mbtilesPath() == other.mbtilesPath();
}

} // namespace tessera::ui
