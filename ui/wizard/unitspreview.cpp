#include "ui/wizard/unitspreview.h"

#include "core/model/unitlayer.h"

#include <QPainter>
#include <QtConcurrent>

#include <cmath>

namespace tessera {

UnitsPreview::UnitsPreview(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("unitsPreview"));
    setMinimumSize(240, 150);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    connect(&mWatcher, &QFutureWatcher<Outcome>::finished, this, &UnitsPreview::finished);
}

UnitsPreview::~UnitsPreview()
{
    mWatcher.waitForFinished();
}

void UnitsPreview::clear()
{
    ++mGeneration;
    mPending = false;
    mCount = 0;
    mShapes = QPainterPath();
    mCrsText.clear();
    mError.clear();
    update();
}

void UnitsPreview::load(const QString &path, const io::UnitImportOptions &options, const QString &declaredCrs)
{
    clear();
    const QString assumed = QString::fromStdString(options.assumedCrs);
    const QString declared = declaredCrs.isEmpty() ? tr("none declared, WGS84 assumed") : declaredCrs;
    mCrsText = assumed.isEmpty() ? tr("CRS %1").arg(declared)
                                 : tr("CRS %1 (assumed; the file declares %2)").arg(assumed, declared);
    if (path.isEmpty())
        return;
    mWatcher.waitForFinished(); // one read at a time; its result is dropped as stale
    mWatcher.setProperty("generation", mGeneration);
    mPending = true;
    const std::string file = path.toStdString();
    mWatcher.setFuture(QtConcurrent::run([file, options] {
        Outcome outcome;
        UnitLayer units;
        io::UnitImportOptions preview = options;
        preview.attributeFields = std::vector<std::string>(); // shapes only
        auto read = io::importUnits(file, preview, units);
        if (!read) {
            outcome.error = QString::fromStdString(read.error().toString());
            return outcome;
        }
        outcome.count = int(units.size());
        for (const Unit &unit : units.units()) {
            if (!unit.geometry)
                continue;
            for (const Polygon &polygon : unit.geometry->polygons) {
                auto ring = [&](const Ring &r) {
                    QPolygonF points;
                    points.reserve(qsizetype(r.points.size()));
                    for (const LonLat &p : r.points)
                        points << QPointF(p.lon, -p.lat);
                    outcome.shapes.addPolygon(points);
                    outcome.shapes.closeSubpath();
                };
                ring(polygon.outer);
                for (const Ring &hole : polygon.holes)
                    ring(hole);
            }
        }
        return outcome;
    }));
}

void UnitsPreview::finished()
{
    if (mWatcher.property("generation").toInt() != mGeneration || mWatcher.future().resultCount() == 0)
        return;
    Outcome outcome = mWatcher.result();
    mPending = false;
    mCount = outcome.count;
    mShapes = std::move(outcome.shapes);
    mError = outcome.error;
    update();
    emit loaded();
}

void UnitsPreview::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.fillRect(rect(), QColor(0xF4, 0xF6, 0xF8));
    painter.setPen(QColor(0xB0, 0xB8, 0xC0));
    painter.drawRect(rect().adjusted(0, 0, -1, -1));
    const int footer = fontMetrics().height() + 6;
    const QRectF map = QRectF(rect()).adjusted(8, 8, -8, -8 - footer);
    QString caption;
    if (isLoading()) {
        caption = tr("Reading the layer…");
    } else if (!mError.isEmpty()) {
        painter.setPen(QColor(0xB0, 0x20, 0x20));
        painter.drawText(map, Qt::AlignCenter | Qt::TextWordWrap, mError);
        caption = mCrsText;
    } else if (!mShapes.isEmpty()) {
        // Equirectangular, x shrunk by cos(latitude) at the middle so shapes keep their look.
        const QRectF box = mShapes.boundingRect();
        const double midLat = -box.center().y() * M_PI / 180.0;
        const double sx = std::max(0.05, std::cos(midLat));
        const double width = std::max(box.width() * sx, 1e-9);
        const double height = std::max(box.height(), 1e-9);
        const double scale = std::min(map.width() / width, map.height() / height);
        QTransform transform;
        transform.translate(map.center().x(), map.center().y());
        transform.scale(scale * sx, scale);
        transform.translate(-box.center().x(), -box.center().y());
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setTransform(transform);
        QPen outline(QColor(0x3A, 0x5A, 0x78));
        outline.setCosmetic(true);
        outline.setWidthF(0.6);
        painter.setPen(outline);
        painter.setBrush(QColor(0xCF, 0xE1, 0xF0));
        painter.drawPath(mShapes);
        painter.resetTransform();
        caption = (mCount == 1 ? tr("1 unit, %1") : tr("%1 units, %2").arg(mCount)).arg(mCrsText);
    } else {
        caption = tr("Choose a units file to see its shapes.");
    }
    painter.setPen(palette().color(QPalette::WindowText));
    painter.drawText(QRectF(8, height() - footer, width() - 16, footer - 2), Qt::AlignLeft | Qt::AlignVCenter,
                     caption);
}

} // namespace tessera
