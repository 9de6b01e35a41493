// Tile basemap: tile maths, MBTiles reading, the disk/memory cache, the
// asynchronous layer against a real MBTiles file and a real HTTP server on
// 127.0.0.1, and the preferences dialog.

#include "ui/dialogs/tilepreferencesdialog.h"
#include "ui/tiles/tilecache.h"
#include "ui/tiles/tilelayer.h"
#include "ui/tiles/tilemath.h"
#include "ui/tiles/tilesettings.h"
#include "ui/tiles/tilesource.h"

#include <QAbstractButton>
#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QPointer>
#include <QRegularExpression>
#include <QSet>
#include <QSettings>
#include <QSignalSpy>
#include <QtNetwork/QTcpServer>
#include <QtNetwork/QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QtConcurrent/QtConcurrentRun>

#include <sqlite3.h>

#include <algorithm>
#include <set>

using namespace tessera;
using namespace tessera::ui;

namespace {

constexpr double H = tilemath::HalfWorldM;
const QRectF World(-H, -H, 2 * H, 2 * H);
const QColor Background(1, 2, 3);

QByteArray png(const QImage &image)
{
    QByteArray data;
    QBuffer buffer(&data);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return data;
}

QImage solid(QColor colour, int size = 256)
{
    QImage image(size, size, QImage::Format_RGB32);
    image.fill(colour);
    return image;
}

/// A 256 px tile whose four quadrants are red (NW), green (NE), blue (SW) and yellow (SE).
QImage quadrants()
{
    QImage image(256, 256, QImage::Format_RGB32);
    QPainter p(&image);
    p.fillRect(0, 0, 128, 128, Qt::red);
    p.fillRect(128, 0, 128, 128, Qt::green);
    p.fillRect(0, 128, 128, 128, Qt::blue);
    p.fillRect(128, 128, 128, 128, Qt::yellow);
    return image;
}

/// The colour the test server paints tile z/x/y with (distinct for every tile up to zoom 3).
QColor tileColour(int z, int x, int y)
{
    return QColor((x * 60 + 20) % 256, (y * 60 + 20) % 256, (z * 60 + 20) % 256);
}

QImage paintLayer(const TileLayer &layer, const QRectF &extent, QSize size)
{
    QImage image(size, QImage::Format_RGB32);
    image.fill(Background);
    QPainter painter(&image);
    layer.paint(painter, extent, size);
    return image;
}

bool near(QColor a, QColor b, int tolerance = 3)
{
    return std::abs(a.red() - b.red()) <= tolerance && std::abs(a.green() - b.green()) <= tolerance
        && std::abs(a.blue() - b.blue()) <= tolerance;
}

#define COMPARE_COLOUR(actual, expected)                                                                              \
    do {                                                                                                               \
        const QColor a_ = (actual);                                                                                    \
        const QColor e_ = (expected);                                                                                  \
        if (!near(a_, e_))                                                                                             \
            QFAIL(qPrintable(QStringLiteral("colour %1 where %2 was expected").arg(a_.name(), e_.name())));          \
    } while (false)

/// Writes an MBTiles file with the SQLite C API. \a tiles maps XYZ ids to encoded images.
bool writeMBTiles(const QString &path, const QList<QPair<QString, QString>> &metadata,
                  const QList<QPair<TileId, QByteArray>> &tiles, bool withTilesTable = true)
{
    sqlite3 *db = nullptr;
    if (sqlite3_open(path.toUtf8().constData(), &db) != SQLITE_OK)
        return false;
    bool ok = sqlite3_exec(db, "CREATE TABLE metadata (name TEXT, value TEXT)", nullptr, nullptr, nullptr) == SQLITE_OK;
    if (withTilesTable)
        ok = ok
            && sqlite3_exec(db,
                            "CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB);"
                            "CREATE UNIQUE INDEX tile_index ON tiles (zoom_level, tile_column, tile_row)",
                            nullptr, nullptr, nullptr)
                == SQLITE_OK;
    sqlite3_stmt *st = nullptr;
    ok = ok && sqlite3_prepare_v2(db, "INSERT INTO metadata VALUES (?1, ?2)", -1, &st, nullptr) == SQLITE_OK;
    for (const auto &[name, value] : metadata) {
        const QByteArray n = name.toUtf8(), v = value.toUtf8();
        sqlite3_bind_text(st, 1, n.constData(), n.size(), SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 2, v.constData(), v.size(), SQLITE_TRANSIENT);
        ok = ok && sqlite3_step(st) == SQLITE_DONE;
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    if (withTilesTable) {
        ok = ok && sqlite3_prepare_v2(db, "INSERT INTO tiles VALUES (?1, ?2, ?3, ?4)", -1, &st, nullptr) == SQLITE_OK;
        for (const auto &[tile, data] : tiles) {
            sqlite3_bind_int(st, 1, tile.z);
            sqlite3_bind_int(st, 2, tile.x);
            sqlite3_bind_int(st, 3, (1 << tile.z) - 1 - tile.y); // TMS rows count from the south
            sqlite3_bind_blob(st, 4, data.constData(), data.size(), SQLITE_TRANSIENT);
            ok = ok && sqlite3_step(st) == SQLITE_DONE;
            sqlite3_reset(st);
        }
        sqlite3_finalize(st);
    }
    sqlite3_close(db);
    return ok;
}

} // namespace

/// A minimal HTTP/1.1 tile server: GET /z/x/y.png answers a PNG in tileColour(),
/// paths in notFound answer 404. With hold set, requests are kept unanswered
/// until release().
class TileServer : public QObject {
    Q_OBJECT

public:
    TileServer()
    {
        connect(&mServer, &QTcpServer::newConnection, this, &TileServer::onConnection);
        mServer.listen(QHostAddress::LocalHost);
    }
    ~TileServer() override
    {
        // The sockets die with mServer, after the members their handlers use.
        const auto sockets = mServer.findChildren<QTcpSocket *>();
        for (QTcpSocket *socket : sockets)
            socket->disconnect(this);
    }
    QString urlTemplate() const
    {
        return QStringLiteral("http://127.0.0.1:%1/{z}/{x}/{y}.png").arg(mServer.serverPort());
    }
    void release()
    {
        hold = false;
        const auto held = mHeld;
        mHeld.clear();
        for (const auto &[socket, path] : held)
            if (socket && socket->state() == QAbstractSocket::ConnectedState)
                respond(socket, path);
    }

    /// Answers the oldest held request.
    void releaseOne()
    {
        while (!mHeld.isEmpty()) {
            const auto [socket, path] = mHeld.takeFirst();
            if (socket && socket->state() == QAbstractSocket::ConnectedState) {
                respond(socket, path);
                return;
            }
        }
    }
    int heldCount() const { return static_cast<int>(mHeld.size()); }

    int requests = 0;
    QStringList paths;
    QByteArray lastUserAgent;
    QSet<QString> notFound;
    QSet<QString> garbage; ///< paths answered 200 with a body that is not an image
    bool hold = false;
    int inFlight = 0;
    int maxInFlight = 0;

private:
    void onConnection()
    {
        while (QTcpSocket *socket = mServer.nextPendingConnection()) {
            connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
            connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
                // A held request whose client gave up (an aborted download).
                for (auto it = mHeld.begin(); it != mHeld.end(); ++it)
                    if (it->first == socket) {
                        mHeld.erase(it);
                        --inFlight;
                        break;
                    }
                mBuffers.remove(socket);
                socket->deleteLater();
            });
        }
    }
    void onReadyRead(QTcpSocket *socket)
    {
        QByteArray &buffer = mBuffers[socket];
        buffer += socket->readAll();
        const qsizetype end = buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        const QList<QByteArray> lines = buffer.left(end).split('\n');
        buffer.remove(0, end + 4);
        const QList<QByteArray> request = lines.value(0).trimmed().split(' ');
        for (const QByteArray &line : lines)
            if (line.toLower().startsWith("user-agent:"))
                lastUserAgent = line.mid(11).trimmed();
        const QString path = QString::fromLatin1(request.value(1));
        ++requests;
        paths << path;
        maxInFlight = std::max(maxInFlight, ++inFlight);
        if (hold)
            mHeld.append({QPointer<QTcpSocket>(socket), path});
        else
            respond(socket, path);
    }
    void respond(QTcpSocket *socket, const QString &path)
    {
        --inFlight;
        static const QRegularExpression pattern(QStringLiteral("^/(\\d+)/(\\d+)/(\\d+)\\.png$"));
        const auto match = pattern.match(path);
        if (garbage.contains(path)) {
            socket->write("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 13\r\n"
                          "Connection: close\r\n\r\n<html></html>");
        } else if (notFound.contains(path) || !match.hasMatch()) {
            socket->write("HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\nContent-Length: 9\r\n"
                          "Connection: close\r\n\r\nnot found");
        } else {
            const QByteArray body = png(solid(
                tileColour(match.captured(1).toInt(), match.captured(2).toInt(), match.captured(3).toInt())));
            socket->write("HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nContent-Length: "
                          + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
        }
        socket->disconnectFromHost();
    }

    QTcpServer mServer;
    QHash<QTcpSocket *, QByteArray> mBuffers;
    QList<QPair<QPointer<QTcpSocket>, QString>> mHeld;
};

class TestTiles : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();

    // Tile maths
    void lonLatToTileKnownPlaces();
    void tileExtentsTileTheWorld();
    void zoomForResolution();
    void visibleTileSet();
    void visibleTilesCapped();

    // Sources and cache
    void urlTemplate();
    void urlTemplateValidation_data();
    void urlTemplateValidation();
    void mbtilesReadsTmsRows();
    void mbtilesBadFiles();
    void memoryCacheIsLeastRecentlyUsed();
    void diskCachePrunesOldestTiles();

    // Layer
    void mbtilesLayerPaintsTilesAndParentFallback();
    void xyzLayerDownloadsCachesAndServesFromDisk();
    void xyzErrorsAreReportedNotFatal();
    void xyzPaintDoesNotWaitAndStaleDownloadsAreCancelled();
    void xyzConcurrentRequestsAreBounded();

    // Preferences
    void settingsRoundTrip();
    void preferencesDialogValidates();

private:
    QTemporaryDir mDir;
    QString mMBTilesPath;
};

void TestTiles::initTestCase()
{
    QVERIFY(mDir.isValid());
    mMBTilesPath = mDir.filePath(QStringLiteral("sample.mbtiles"));
    QVERIFY(writeMBTiles(mMBTilesPath,
                         {{QStringLiteral("name"), QStringLiteral("Sample")},
                          {QStringLiteral("format"), QStringLiteral("png")},
                          {QStringLiteral("minzoom"), QStringLiteral("0")},
                          {QStringLiteral("maxzoom"), QStringLiteral("1")},
                          {QStringLiteral("attribution"),
                           QStringLiteral("<a href=\"https://example.org\">&copy; Sample Data</a>")}},
                         {{TileId{0, 0, 0}, png(quadrants())},
                          {TileId{1, 0, 0}, png(solid(Qt::magenta))},
                          {TileId{1, 1, 1}, png(solid(Qt::cyan))}}));
}

void TestTiles::lonLatToTileKnownPlaces()
{
    // Standard slippy-map tiles: Berlin at zoom 10 is 10/550/335, San Francisco at zoom 12 is 12/655/1583.
    QCOMPARE(tilemath::tileAt({13.405, 52.52}, 10), (TileId{10, 550, 335}));
    QCOMPARE(tilemath::tileAt({-122.4194, 37.7749}, 12), (TileId{12, 655, 1583}));
    // Fractions computed independently with the textbook formula (x = (lon+180)/360 * 2^z,
    // y = (1 - ln(tan φ + sec φ)/π)/2 * 2^z).
    const QPointF berlin = tilemath::lonLatToTile({13.405, 52.52}, 10);
    QVERIFY(std::abs(berlin.x() - 550.12978) < 1e-4);
    QVERIFY(std::abs(berlin.y() - 335.82608) < 1e-4);
    QCOMPARE(tilemath::lonLatToTile({0, 0}, 0), QPointF(0.5, 0.5));
    // The north-west corner of the world and the south-east corner clamp into the pyramid.
    QCOMPARE(tilemath::tileAt({-180, 89.9}, 3), (TileId{3, 0, 0}));
    QCOMPARE(tilemath::tileAt({180, -89.9}, 3), (TileId{3, 7, 7}));
    // Round trip: a tile's north-west corner maps back to the same tile coordinates.
    const LonLat corner = tilemath::tileToLonLat(QPointF(550, 335), 10);
    const QPointF back = tilemath::lonLatToTile(corner, 10);
    QVERIFY(std::abs(back.x() - 550) < 1e-9 && std::abs(back.y() - 335) < 1e-9);
    // The top edge of the pyramid is the Mercator latitude limit.
    QVERIFY(std::abs(tilemath::tileToLonLat(QPointF(0, 0), 5).lat - 85.0511287798) < 1e-8);
}

void TestTiles::tileExtentsTileTheWorld()
{
    // Zoom 0 is the whole Mercator square; zoom 1 tile 0/0 its north-west quarter.
    QCOMPARE(tilemath::tileExtent({0, 0, 0}), World);
    QCOMPARE(tilemath::tileExtent({1, 0, 0}), QRectF(-H, 0, H, H));
    QCOMPARE(tilemath::tileExtent({1, 1, 1}), QRectF(0, -H, H, H));
    // Berlin's Mercator point lies inside Berlin's tile extent.
    const double lon = 13.405 * std::numbers::pi / 180, lat = 52.52 * std::numbers::pi / 180;
    const QPointF berlin(geometry::WebMercatorRadiusM * lon, geometry::WebMercatorRadiusM * std::log(std::tan(std::numbers::pi / 4 + lat / 2)));
    QVERIFY(tilemath::tileExtent({10, 550, 335}).contains(berlin));
    QVERIFY(!tilemath::tileExtent({10, 550, 336}).contains(berlin));
    // Mercator and tile coordinates convert both ways.
    QCOMPARE(tilemath::mercatorToTile(QPointF(-H, H), 4), QPointF(0, 0));
    QCOMPARE(tilemath::tileToMercator(QPointF(16, 16), 4), QPointF(H, -H));
    QCOMPARE(TileId({5, 17, 9}).parent(), (TileId{4, 8, 4}));
    QCOMPARE(TileId({5, 17, 9}).ancestor(2), (TileId{2, 2, 1}));
}

void TestTiles::zoomForResolution()
{
    // At a tile's natural resolution the zoom is exact.
    for (int z : {0, 3, 10, 17})
        QCOMPARE(tilemath::zoomFor(tilemath::resolution(z)), z);
    // 0.71x..1.41x of the natural size rounds to the nearest zoom (log2 1.3 = 0.38, log2 1.5 = 0.58).
    QCOMPARE(tilemath::zoomFor(tilemath::resolution(5) * 1.3), 5);
    QCOMPARE(tilemath::zoomFor(tilemath::resolution(5) * 1.5), 4);
    QCOMPARE(tilemath::zoomFor(tilemath::resolution(5) / 1.3), 5);
    QCOMPARE(tilemath::zoomFor(tilemath::resolution(5) / 1.5), 6);
    // A screen of twice the pixel density takes one zoom deeper; 512 px tiles one zoom shallower.
    QCOMPARE(tilemath::zoomFor(tilemath::resolution(5), 256, 2.0), 6);
    QCOMPARE(tilemath::zoomFor(tilemath::resolution(5), 512), 4);
    // The source's zoom range clamps.
    QCOMPARE(tilemath::zoomFor(tilemath::resolution(15), 256, 1.0, 0, 12), 12);
    QCOMPARE(tilemath::zoomFor(tilemath::resolution(1), 256, 1.0, 3, 12), 3);
    QCOMPARE(tilemath::zoomFor(0.0), 0);
}

void TestTiles::visibleTileSet()
{
    const auto set = [](const std::vector<TileId> &tiles) {
        std::set<std::tuple<int, int, int>> result;
        for (const TileId &t : tiles)
            result.insert({t.z, t.x, t.y});
        return result;
    };
    // Exactly one tile's extent: that tile only (edges on tile boundaries pull in no neighbour).
    QCOMPARE(tilemath::visibleTiles(tilemath::tileExtent({3, 2, 5}), 3), (std::vector<TileId>{{3, 2, 5}}));
    // A point-sized area inside one tile.
    const QRectF inside = tilemath::tileExtent({6, 40, 22}).adjusted(1000, 1000, -1000, -1000);
    QCOMPARE(tilemath::visibleTiles(inside, 6), (std::vector<TileId>{{6, 40, 22}}));
    // An extent from the middle of tile 4/3/5 to the middle of 4/4/7: columns 3..4, rows 5..7.
    const QRectF a = tilemath::tileExtent({4, 3, 5}), b = tilemath::tileExtent({4, 4, 7});
    const QRectF span(QPointF(a.center().x(), b.center().y()), QPointF(b.center().x(), a.center().y()));
    const auto tiles = tilemath::visibleTiles(span, 4);
    QCOMPARE(tiles.size(), std::size_t(6));
    QCOMPARE(set(tiles), (std::set<std::tuple<int, int, int>>{{4, 3, 5}, {4, 4, 5}, {4, 3, 6}, {4, 4, 6}, {4, 3, 7}, {4, 4, 7}}));
    // Nearest the centre first. In tile units the extent spans columns 3.5..4.5 and rows 5.5..7.5, so
    // its centre is (4.0, 6.5): the row-6 tiles' centres are 0.5 away, the others 1.12.
    QCOMPARE(tiles[0].y, 6);
    QCOMPARE(tiles[1].y, 6);
    for (std::size_t i = 2; i < tiles.size(); ++i)
        QVERIFY(tiles[i].y == 5 || tiles[i].y == 7);
    // Beyond the world it is clipped; entirely outside it is empty.
    QCOMPARE(tilemath::visibleTiles(World.adjusted(-5 * H, -5 * H, 5 * H, 5 * H), 1).size(), std::size_t(4));
    QVERIFY(tilemath::visibleTiles(QRectF(3 * H, 0, H, H), 2).empty());
}

void TestTiles::visibleTilesCapped()
{
    // Zoom 6 over the world is 4096 tiles; capped at 50 it keeps the 50 nearest the centre.
    const auto tiles = tilemath::visibleTiles(World, 6, 50);
    QCOMPARE(tiles.size(), std::size_t(50));
    for (const TileId &t : tiles) {
        const double dx = t.x + 0.5 - 32, dy = t.y + 0.5 - 32;
        QVERIFY(dx * dx + dy * dy < 5 * 5);
    }
    // An absurdly deep zoom for the extent still answers with at most the cap.
    QVERIFY(tilemath::visibleTiles(World, 20, 100).size() <= 100);
    QVERIFY(!tilemath::visibleTiles(World, 20, 100).empty());
}

void TestTiles::urlTemplate()
{
    const TileSource source = TileSource::fromUrlTemplate(QStringLiteral("https://{s}.tiles.example.org/{z}/{x}/{y}.png"),
                                                          QStringLiteral("© Example"));
    QCOMPARE(source.kind(), TileSource::Kind::Xyz);
    QVERIFY(source.isRemote());
    // The subdomain is (x + y) mod 3: a, b, c.
    QCOMPARE(source.url({5, 10, 11}).toString(), QStringLiteral("https://a.tiles.example.org/5/10/11.png"));
    QCOMPARE(source.url({5, 10, 12}).toString(), QStringLiteral("https://b.tiles.example.org/5/10/12.png"));
    QCOMPARE(source.url({5, 10, 13}).toString(), QStringLiteral("https://c.tiles.example.org/5/10/13.png"));
    const TileSource tms = TileSource::fromUrlTemplate(QStringLiteral("http://host/{z}/{x}/{-y}.jpg"), {});
    QCOMPARE(tms.url({3, 1, 0}).toString(), QStringLiteral("http://host/3/1/7.jpg"));
    QVERIFY(tms.cacheKey() != source.cacheKey());
    QCOMPARE(tms.cacheKey().size(), 16);
    QCOMPARE(TileSource().cacheKey(), QString());
}

void TestTiles::urlTemplateValidation_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("problem");
    QTest::newRow("ok") << "https://tile.openstreetmap.org/{z}/{x}/{y}.png" << "";
    QTest::newRow("subdomains") << "http://{s}.example.org/{z}/{x}/{y}.png" << "";
    QTest::newRow("tms") << "http://example.org/{z}/{x}/{-y}.png" << "";
    QTest::newRow("empty") << "  " << "empty";
    QTest::newRow("no z") << "https://example.org/{x}/{y}.png" << "{z}";
    QTest::newRow("no y") << "https://example.org/{z}/{x}.png" << "{y}";
    QTest::newRow("ftp") << "ftp://example.org/{z}/{x}/{y}.png" << "http";
    QTest::newRow("no host") << "{z}/{x}/{y}.png" << "URL";
}

void TestTiles::urlTemplateValidation()
{
    QFETCH(QString, url);
    QFETCH(QString, problem);
    const QString message = TileSource::validateUrlTemplate(url);
    if (problem.isEmpty())
        QCOMPARE(message, QString());
    else
        QVERIFY2(message.contains(problem), qPrintable(message));
}

void TestTiles::mbtilesReadsTmsRows()
{
    const auto source = TileSource::fromMBTiles(mMBTilesPath);
    QVERIFY2(source.isOk(), source.isOk() ? "" : source.error().toString().c_str());
    QCOMPARE(source->kind(), TileSource::Kind::MBTiles);
    QVERIFY(!source->isRemote());
    QCOMPARE(source->attribution(), QStringLiteral("© Sample Data")); // HTML reduced to text
    QCOMPARE(source->minZoom(), 0);
    QCOMPARE(source->maxZoom(), 1);
    QCOMPARE(source->mbtilesPath(), QFileInfo(mMBTilesPath).absoluteFilePath());
    // XYZ row 0 is TMS row 1 at zoom 1: the file holds magenta at XYZ 1/0/0 and cyan at 1/1/1.
    QImage nw = QImage::fromData(source->readLocalTile({1, 0, 0}));
    QCOMPARE(nw.pixelColor(10, 10), QColor(Qt::magenta));
    QImage se = QImage::fromData(source->readLocalTile({1, 1, 1}));
    QCOMPARE(se.pixelColor(10, 10), QColor(Qt::cyan));
    QString error;
    QVERIFY(source->readLocalTile({1, 1, 0}, &error).isEmpty());
    QVERIFY(source->readLocalTile({1, 0, 1}, &error).isEmpty());
    QVERIFY(source->readLocalTile({2, 0, 0}, &error).isEmpty());
    QVERIFY(error.isEmpty());
    QCOMPARE(QImage::fromData(source->readLocalTile({0, 0, 0})).pixelColor(200, 200), QColor(Qt::yellow));
}

void TestTiles::mbtilesBadFiles()
{
    const QString missing = mDir.filePath(QStringLiteral("missing.mbtiles"));
    auto result = TileSource::fromMBTiles(missing);
    QVERIFY(!result);
    QCOMPARE(result.error().code, ErrorCode::NotFound);
    QVERIFY(QString::fromStdString(result.error().toString()).contains(QStringLiteral("missing.mbtiles")));

    const QString text = mDir.filePath(QStringLiteral("text.mbtiles"));
    {
        QFile f(text);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(4096, 'x'));
    }
    result = TileSource::fromMBTiles(text);
    QVERIFY(!result);
    QCOMPARE(result.error().code, ErrorCode::InvalidInput);
    QVERIFY(QString::fromStdString(result.error().toString()).contains(QStringLiteral("text.mbtiles")));

    const QString noTiles = mDir.filePath(QStringLiteral("notiles.mbtiles"));
    QVERIFY(writeMBTiles(noTiles, {{QStringLiteral("name"), QStringLiteral("x")}}, {}, false));
    result = TileSource::fromMBTiles(noTiles);
    QVERIFY(!result);
    QVERIFY(QString::fromStdString(result.error().message).contains(QStringLiteral("no tiles table")));

    const QString vector = mDir.filePath(QStringLiteral("vector.mbtiles"));
    QVERIFY(writeMBTiles(vector, {{QStringLiteral("format"), QStringLiteral("pbf")}}, {}));
    result = TileSource::fromMBTiles(vector);
    QVERIFY(!result);
    QVERIFY(QString::fromStdString(result.error().message).contains(QStringLiteral("vector tiles")));

    // No metadata zoom range: it is read from the tiles themselves.
    const QString bare = mDir.filePath(QStringLiteral("bare.mbtiles"));
    QVERIFY(writeMBTiles(bare, {}, {{TileId{3, 1, 1}, png(solid(Qt::red))}, {TileId{5, 1, 1}, png(solid(Qt::red))}}));
    result = TileSource::fromMBTiles(bare);
    QVERIFY(result.isOk());
    QCOMPARE(result->minZoom(), 3);
    QCOMPARE(result->maxZoom(), 5);
}

void TestTiles::memoryCacheIsLeastRecentlyUsed()
{
    TileCache::Options options;
    options.memoryLimitKb = 600; // two 256 KB tiles fit, three do not
    TileCache cache(QString(), options);
    QVERIFY(cache.directory().isEmpty());
    cache.insert({1, 0, 0}, solid(Qt::red));
    cache.insert({1, 1, 0}, solid(Qt::green));
    QVERIFY(cache.image({1, 0, 0})); // touch: now 1/1/0 is the least recently used
    cache.insert({1, 0, 1}, solid(Qt::blue));
    QCOMPARE(cache.memoryCount(), 2);
    QVERIFY(cache.contains({1, 0, 0}));
    QVERIFY(!cache.contains({1, 1, 0}));
    QCOMPARE(cache.image({1, 0, 1})->pixelColor(0, 0), QColor(Qt::blue));
}

void TestTiles::diskCachePrunesOldestTiles()
{
    QTemporaryDir root;
    TileCache::Options options;
    options.rootDirectory = root.path();
    options.diskLimitBytes = 10000;
    options.pruneEveryWrites = 4;
    TileCache cache(QStringLiteral("abc"), options);
    QCOMPARE(cache.directory(), QDir(root.path()).filePath(QStringLiteral("abc")));
    QCOMPARE(cache.filePath({3, 4, 5}), cache.directory() + QStringLiteral("/3/4/5.png"));
    const QByteArray data(3000, 'p');
    const QDateTime base = QDateTime::currentDateTimeUtc().addSecs(-1000);
    for (int i = 0; i < 6; ++i) {
        QVERIFY(!cache.pruneDue() || i >= 4);
        QVERIFY(cache.store({4, i, 0}, data));
        QFile file(cache.filePath({4, i, 0}));
        QVERIFY(file.open(QIODevice::ReadWrite));
        QVERIFY(file.setFileTime(base.addSecs(i * 10), QFileDevice::FileModificationTime));
    }
    QVERIFY(cache.pruneDue());
    QCOMPARE(cache.diskUsage(), qint64(18000));
    QCOMPARE(*cache.readFromDisk({4, 2, 0}), data);
    // Under 90% of 10,000 bytes means at most 3 files of 3,000: the three oldest go.
    QCOMPARE(cache.prune(), qint64(9000));
    QVERIFY(!cache.pruneDue());
    QCOMPARE(cache.diskUsage(), qint64(9000));
    for (int i = 0; i < 3; ++i)
        QVERIFY(!cache.readFromDisk({4, i, 0}));
    for (int i = 3; i < 6; ++i)
        QVERIFY(cache.readFromDisk({4, i, 0}));
    cache.remove({4, 5, 0});
    QVERIFY(!cache.readFromDisk({4, 5, 0}));
}

void TestTiles::mbtilesLayerPaintsTilesAndParentFallback()
{
    auto source = TileSource::fromMBTiles(mMBTilesPath);
    QVERIFY(source.isOk());
    TileLayer layer(*source);
    QSignalSpy changed(&layer, &TileLayer::tilesChanged);
    QSignalSpy errors(&layer, &TileLayer::errorOccurred);

    // The whole world in 256 px: zoom 0, one tile.
    layer.setViewport(World, QSize(256, 256));
    QCOMPARE(layer.zoom(), 0);
    QCOMPARE(layer.visibleTiles(), (std::vector<TileId>{{0, 0, 0}}));
    QTRY_VERIFY_WITH_TIMEOUT(!layer.isLoading(), 10000);
    QTRY_VERIFY(changed.count() >= 1);
    QImage image = paintLayer(layer, World, QSize(256, 256));
    COMPARE_COLOUR(image.pixelColor(64, 64), Qt::red);
    COMPARE_COLOUR(image.pixelColor(192, 64), Qt::green);
    COMPARE_COLOUR(image.pixelColor(64, 160), Qt::blue);
    COMPARE_COLOUR(image.pixelColor(160, 160), Qt::yellow);

    // Zoom 1: painted at once, before any zoom-1 tile arrived, from the scaled zoom-0 tile.
    layer.setViewport(World, QSize(512, 512));
    QCOMPARE(layer.zoom(), 1);
    QCOMPARE(layer.visibleTiles().size(), std::size_t(4));
    QVERIFY(layer.isLoading());
    image = paintLayer(layer, World, QSize(512, 512));
    QVERIFY(!layer.hasTile({1, 0, 0}));
    COMPARE_COLOUR(image.pixelColor(128, 128), Qt::red);
    COMPARE_COLOUR(image.pixelColor(384, 128), Qt::green);
    COMPARE_COLOUR(image.pixelColor(128, 384), Qt::blue);
    COMPARE_COLOUR(image.pixelColor(384, 384), Qt::yellow);

    QTRY_VERIFY_WITH_TIMEOUT(!layer.isLoading(), 10000);
    QVERIFY(layer.hasTile({1, 0, 0}));
    QVERIFY(layer.hasTile({1, 1, 1}));
    image = paintLayer(layer, World, QSize(512, 512));
    COMPARE_COLOUR(image.pixelColor(128, 128), Qt::magenta); // 1/0/0 from the file
    COMPARE_COLOUR(image.pixelColor(384, 384), Qt::cyan);    // 1/1/1 from the file
    COMPARE_COLOUR(image.pixelColor(384, 128), Qt::green);   // 1/1/0 absent: the parent's quarter
    COMPARE_COLOUR(image.pixelColor(128, 384), Qt::blue);    // 1/0/1 absent
    // The same picture drawn from a frame on a worker thread, as a render job would.
    const TileFrame frame = layer.frame(World, QSize(512, 512));
    QCOMPARE(frame.pieces().size(), std::size_t(4)); // two tiles and two parent quarters
    const QImage fromWorker = QtConcurrent::run([frame] {
                                  QImage out(512, 512, QImage::Format_RGB32);
                                  out.fill(Background);
                                  QPainter painter(&out);
                                  frame.paint(painter);
                                  return out;
                              }).result();
    QCOMPARE(fromWorker, image);
    QCOMPARE(layer.stats().localReads, 5); // one tile at zoom 0, four looked up at zoom 1
    QCOMPARE(layer.stats().networkRequests, 0);
    QCOMPARE(errors.count(), 0);

    // The attribution sits in the bottom-right corner, over the tiles.
    QVERIFY(!near(image.pixelColor(509, 508), Qt::cyan));
    TileLayer::Options quiet;
    quiet.showAttribution = false;
    TileLayer plain(*source, quiet);
    plain.setViewport(World, QSize(512, 512));
    QTRY_VERIFY_WITH_TIMEOUT(!plain.isLoading(), 10000);
    QTRY_VERIFY(plain.hasTile({1, 1, 1}));
    COMPARE_COLOUR(paintLayer(plain, World, QSize(512, 512)).pixelColor(509, 508), Qt::cyan);

    // Zoomed deeper than the file goes (maxzoom 1): zoom 1 tiles are magnified.
    const QRectF nwQuarter = tilemath::tileExtent({1, 0, 0});
    layer.setViewport(nwQuarter, QSize(1024, 1024));
    QCOMPARE(layer.zoom(), 1);
    COMPARE_COLOUR(paintLayer(layer, nwQuarter, QSize(1024, 1024)).pixelColor(500, 500), Qt::magenta);
}

void TestTiles::xyzLayerDownloadsCachesAndServesFromDisk()
{
    TileServer server;
    QTemporaryDir cacheRoot;
    const TileSource source = TileSource::fromUrlTemplate(server.urlTemplate(), QStringLiteral("© Test Server"));
    TileLayer::Options options;
    options.cache.rootDirectory = cacheRoot.path();

    // Zoom 2 over the world: 16 tiles.
    const QSize size(1024, 1024);
    {
        TileLayer layer(source, options);
        QSignalSpy finished(&layer, &TileLayer::loadingFinished);
        QSignalSpy errors(&layer, &TileLayer::errorOccurred);
        layer.setViewport(World, size);
        QCOMPARE(layer.zoom(), 2);
        QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1, 20000);
        QCOMPARE(errors.count(), 0);
        QCOMPARE(server.requests, 16);
        QCOMPARE(layer.stats().networkRequests, 16);
        QCOMPARE(layer.stats().diskHits, 0);
        QVERIFY2(server.lastUserAgent.startsWith("Tessera/"), server.lastUserAgent.constData());
        QCOMPARE(QSet<QString>(server.paths.begin(), server.paths.end()).size(), 16);
        // Every tile is on disk under <root>/<source key>/z/x/y.png, byte for byte what the server sent.
        const QString directory = QDir(cacheRoot.path()).filePath(source.cacheKey());
        QCOMPARE(layer.cache().directory(), directory);
        for (int x = 0; x < 4; ++x)
            for (int y = 0; y < 4; ++y) {
                QFile file(QStringLiteral("%1/2/%2/%3.png").arg(directory).arg(x).arg(y));
                QVERIFY(file.exists()); // written before the tile reached memory
                QVERIFY(file.open(QIODevice::ReadOnly));
                QCOMPARE(file.readAll(), png(solid(tileColour(2, x, y))));
            }
        const QImage image = paintLayer(layer, World, size);
        for (int x = 0; x < 4; ++x)
            for (int y = 0; y < 4; ++y)
                COMPARE_COLOUR(image.pixelColor(x * 256 + 100, y * 256 + 100), tileColour(2, x, y));
    }

    // A second layer on the same cache: everything from disk, no request at all.
    TileLayer second(source, options);
    second.setViewport(World, size);
    QTRY_VERIFY_WITH_TIMEOUT(!second.isLoading(), 20000);
    QCOMPARE(server.requests, 16);
    QCOMPARE(second.stats().networkRequests, 0);
    QCOMPARE(second.stats().diskHits, 16);
    const QImage image = paintLayer(second, World, size);
    for (int x = 0; x < 4; ++x)
        for (int y = 0; y < 4; ++y)
            COMPARE_COLOUR(image.pixelColor(x * 256 + 100, y * 256 + 100), tileColour(2, x, y));

    // A corrupt cache file is fetched again instead of being shown.
    {
        QFile file(second.cache().filePath({1, 0, 0}));
        QVERIFY(QDir().mkpath(QFileInfo(file).absolutePath()));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("not a png");
    }
    second.setViewport(World, QSize(512, 512));
    QTRY_VERIFY_WITH_TIMEOUT(!second.isLoading(), 20000);
    QCOMPARE(server.requests, 20); // the four zoom-1 tiles; 1/0/0 despite its (damaged) file
    QVERIFY(second.hasTile({1, 0, 0}));
    QCOMPARE(second.cache().readFromDisk({1, 0, 0}).value(), png(solid(tileColour(1, 0, 0))));
}

void TestTiles::xyzErrorsAreReportedNotFatal()
{
    TileServer server;
    server.notFound.insert(QStringLiteral("/2/3/3.png"));
    server.garbage.insert(QStringLiteral("/2/0/0.png"));
    QTemporaryDir cacheRoot;
    TileLayer::Options options;
    options.cache.rootDirectory = cacheRoot.path();
    TileLayer layer(TileSource::fromUrlTemplate(server.urlTemplate(), QStringLiteral("© Test Server")), options);
    QSignalSpy errors(&layer, &TileLayer::errorOccurred);
    layer.setViewport(World, QSize(1024, 1024));
    QTRY_VERIFY_WITH_TIMEOUT(!layer.isLoading(), 20000);
    QCOMPARE(server.requests, 16);
    QCOMPARE(errors.count(), 2);
    QStringList messages;
    for (const auto &arguments : errors)
        messages << arguments.at(0).toString();
    messages.sort(); // "2/0/0" before "2/3/3"
    QVERIFY2(messages[1].contains(QStringLiteral("2/3/3")) && messages[1].contains(QStringLiteral("404")),
             qPrintable(messages[1]));
    QVERIFY2(messages[0].contains(QStringLiteral("2/0/0")) && messages[0].contains(QStringLiteral("not a readable image")),
             qPrintable(messages[0]));
    QVERIFY(messages.contains(layer.lastError()));
    QCOMPARE(layer.stats().networkFailures, 1);
    QCOMPARE(layer.stats().decodeFailures, 1);
    QVERIFY(!layer.hasTile({2, 3, 3}));
    QVERIFY(!layer.hasTile({2, 0, 0}));
    QVERIFY(!QFile::exists(layer.cache().filePath({2, 3, 3})));
    QVERIFY(!QFile::exists(layer.cache().filePath({2, 0, 0})));
    // The rest is drawn; the missing tile shows what was under it (the background: no ancestor loaded).
    const QImage image = paintLayer(layer, World, QSize(1024, 1024));
    COMPARE_COLOUR(image.pixelColor(3 * 256 + 100, 2 * 256 + 100), tileColour(2, 3, 2));
    COMPARE_COLOUR(image.pixelColor(3 * 256 + 100, 3 * 256 + 100), Background);
    // Moving the view over the failed tile again does not hammer the server with it.
    layer.setViewport(World.adjusted(1, 1, -1, -1), QSize(1024, 1024));
    QTRY_VERIFY_WITH_TIMEOUT(!layer.isLoading(), 20000);
    QCOMPARE(server.requests, 16);
    QCOMPARE(errors.count(), 2);
}

void TestTiles::xyzPaintDoesNotWaitAndStaleDownloadsAreCancelled()
{
    TileServer server;
    server.hold = true; // no answer until release()
    QTemporaryDir cacheRoot;
    TileLayer::Options options;
    options.cache.rootDirectory = cacheRoot.path();
    options.maxConcurrentRequests = 2;
    options.showAttribution = false;
    TileLayer layer(TileSource::fromUrlTemplate(server.urlTemplate(), QString()), options);

    // Zoom 3, the north-west quarter of the world: tiles x, y in 0..3.
    const QRectF west = tilemath::tileExtent({1, 0, 0});
    layer.setViewport(west, QSize(1024, 1024));
    QCOMPARE(layer.zoom(), 3);
    QTRY_VERIFY_WITH_TIMEOUT(server.requests == 2, 20000);
    // The server holds both requests: paint() can only return because it never waits for them.
    const QImage pending = paintLayer(layer, west, QSize(1024, 1024));
    COMPARE_COLOUR(pending.pixelColor(512, 512), Background);
    QVERIFY(layer.isLoading());

    // The view moves to the south-east quarter: the two held downloads are aborted.
    const QRectF east = tilemath::tileExtent({1, 1, 1});
    layer.setViewport(east, QSize(1024, 1024));
    QVERIFY(layer.stats().cancelled >= 2);
    server.release();
    QTRY_VERIFY_WITH_TIMEOUT(!layer.isLoading(), 20000);
    // Exactly the two first west tiles were asked for before the move; then the 16 east tiles.
    QStringList westPaths, eastPaths;
    for (const QString &path : server.paths)
        (path.split(QLatin1Char('/')).value(2).toInt() < 4 ? westPaths : eastPaths) << path;
    QCOMPARE(westPaths.size(), 2);
    QCOMPARE(eastPaths.size(), 16);
    for (const QString &path : westPaths) {
        const QStringList parts = path.split(QLatin1Char('/'));
        QVERIFY(!QFile::exists(layer.cache().filePath({3, parts[2].toInt(), parts[3].section('.', 0, 0).toInt()})));
    }
    const QImage image = paintLayer(layer, east, QSize(1024, 1024));
    COMPARE_COLOUR(image.pixelColor(100, 100), tileColour(3, 4, 4));
    COMPARE_COLOUR(image.pixelColor(1000, 1000), tileColour(3, 7, 7));
}

void TestTiles::xyzConcurrentRequestsAreBounded()
{
    TileServer server;
    server.hold = true;
    QTemporaryDir cacheRoot;
    TileLayer::Options options;
    options.cache.rootDirectory = cacheRoot.path();
    options.maxConcurrentRequests = 3;
    TileLayer layer(TileSource::fromUrlTemplate(server.urlTemplate(), QStringLiteral("x")), options);
    layer.setViewport(World, QSize(1024, 1024)); // 16 tiles
    QTRY_COMPARE_WITH_TIMEOUT(server.requests, 3, 20000);
    // Answer one held request at a time: each answer lets exactly one more request through,
    // so the server never holds more than three at once.
    for (int answered = 1; answered <= 16; ++answered) {
        QTRY_VERIFY_WITH_TIMEOUT(server.heldCount() > 0, 20000);
        server.releaseOne();
        QTRY_COMPARE_WITH_TIMEOUT(server.requests, std::min(16, 3 + answered), 20000);
        QVERIFY(server.maxInFlight <= 3);
    }
    QTRY_VERIFY_WITH_TIMEOUT(!layer.isLoading(), 20000);
    QCOMPARE(server.requests, 16);
    QCOMPARE(server.maxInFlight, 3);
    for (int x = 0; x < 4; ++x)
        for (int y = 0; y < 4; ++y)
            QVERIFY(layer.hasTile({2, x, y}));
}

void TestTiles::settingsRoundTrip()
{
    QSettings store(mDir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
    const TileSettings defaults = TileSettings::load(store);
    QCOMPARE(defaults, TileSettings());
    QVERIFY(!defaults.enabled);
    auto none = defaults.toSource();
    QVERIFY(none.isOk() && !none->isValid());

    TileSettings mine;
    mine.enabled = true;
    mine.useMBTiles = true;
    mine.urlTemplate = QStringLiteral("https://example.org/{z}/{x}/{y}.png");
    mine.attribution = QStringLiteral("© Example");
    mine.mbtilesPath = mMBTilesPath;
    mine.save(store);
    store.sync();
    QSettings reread(mDir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
    QCOMPARE(TileSettings::load(reread), mine);
    auto fromFile = mine.toSource();
    QVERIFY(fromFile.isOk());
    QCOMPARE(fromFile->kind(), TileSource::Kind::MBTiles);
    mine.useMBTiles = false;
    auto fromUrl = mine.toSource();
    QVERIFY(fromUrl.isOk());
    QCOMPARE(fromUrl->url({1, 1, 0}).toString(), QStringLiteral("https://example.org/1/1/0.png"));
    QCOMPARE(fromUrl->attribution(), QStringLiteral("© Example"));
    mine.urlTemplate = QStringLiteral("https://example.org/tiles.png");
    QVERIFY(!mine.toSource());
}

void TestTiles::preferencesDialogValidates()
{
    TileSettings start;
    TilePreferencesDialog dialog(start);
    auto *url = dialog.findChild<QLineEdit *>(QStringLiteral("url"));
    auto *file = dialog.findChild<QLineEdit *>(QStringLiteral("file"));
    auto *message = dialog.findChild<QLabel *>(QStringLiteral("message"));
    QVERIFY(url && file && message);
    QCOMPARE(dialog.settings(), start);
    QVERIFY(!url->isEnabled()); // basemap off: nothing to edit

    dialog.findChild<QAbstractButton *>(QStringLiteral("enabled"))->click();
    QVERIFY(url->isEnabled());
    QVERIFY(!file->isEnabled());
    url->setText(QStringLiteral("https://example.org/{x}/{y}.png"));
    dialog.open();
    dialog.accept();
    QVERIFY(dialog.isVisible()); // refused
    QVERIFY2(message->text().contains(QStringLiteral("{z}")), qPrintable(message->text()));

    // An MBTiles file that does not exist is named in the message.
    dialog.findChild<QAbstractButton *>(QStringLiteral("useFile"))->click();
    QVERIFY(file->isEnabled());
    QVERIFY(!url->isEnabled());
    file->setText(mDir.filePath(QStringLiteral("nowhere.mbtiles")));
    dialog.accept();
    QVERIFY(dialog.isVisible());
    QVERIFY2(message->text().contains(QStringLiteral("nowhere.mbtiles")), qPrintable(message->text()));

    file->setText(mMBTilesPath);
    dialog.accept();
    QVERIFY(!dialog.isVisible());
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    const TileSettings chosen = dialog.settings();
    QVERIFY(chosen.enabled);
    QVERIFY(chosen.useMBTiles);
    QCOMPARE(chosen.mbtilesPath, mMBTilesPath);
    QCOMPARE(chosen.urlTemplate, QStringLiteral("https://example.org/{x}/{y}.png"));
}

QTEST_MAIN(TestTiles)
#include "tst_tiles.moc"
