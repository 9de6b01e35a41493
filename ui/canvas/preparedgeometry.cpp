#include "ui/canvas/preparedgeometry.h"

#include "core/geometry/planarmoments.h"
#include "core/geometry/unittopology.h"

#include "ui/canvas/mapgeometryutil.h"
#include "ui/canvas/webmercator.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace tessera::ui {

namespace {

bool ringContains(const QPolygonF &ring, QPointF p)
{
    bool inside = false;
    for (qsizetype i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
        const QPointF &a = ring[i];
        const QPointF &b = ring[j];
        if ((a.y() > p.y()) != (b.y() > p.y())
            && p.x() < (b.x() - a.x()) * (p.y() - a.y()) / (b.y() - a.y()) + a.x())
            inside = !inside;
    }
    return inside;
}

bool shapeContains(const PreparedShape &shape, QPointF p)
{
    bool inside = false;
    for (const QPolygonF &ring : shape.rings)
        if (ringContains(ring, p))
            inside = !inside;
    return inside;
}

/// A point inside the shape, near its visual centre: the centroid of the
/// largest ring when it falls inside, else the middle of the widest interior
/// span on the horizontal line through that centroid.
QPointF labelPointOf(const PreparedShape &shape)
{
    auto toPlanar = [](const QPointF &p) { return geometry::PlanarPoint{p.x(), p.y()}; };
    const QPolygonF *largest = nullptr;
    geometry::PlanarMoments moments;
    for (const QPolygonF &ring : shape.rings) {
        const geometry::PlanarMoments m = geometry::planarMoments(ring, toPlanar);
        if (!largest || std::abs(m.area) > std::abs(moments.area)) {
            moments = m;
            largest = &ring;
        }
    }
    if (!largest)
        return {};
    QPointF centroid;
    if (std::abs(moments.area) > 0.0) {
        centroid = QPointF(moments.mx / moments.area, moments.my / moments.area);
    } else { // a ring without area: the mean of its vertices
        for (const QPointF &p : *largest)
            centroid += p;
        centroid /= static_cast<double>(largest->size());
    }
    if (shapeContains(shape, centroid))
        return centroid;
    std::vector<double> xs;
    const double y = centroid.y();
    for (const QPolygonF &ring : shape.rings)
        for (qsizetype i = 0; i + 1 < ring.size(); ++i) {
            const QPointF &a = ring[i];
            const QPointF &b = ring[i + 1];
            if ((a.y() > y) != (b.y() > y))
                xs.push_back(a.x() + (y - a.y()) * (b.x() - a.x()) / (b.y() - a.y()));
        }
    std::sort(xs.begin(), xs.end());
    double bestWidth = -1.0;
    QPointF best = centroid;
    for (std::size_t i = 0; i + 1 < xs.size(); i += 2) {
        if (xs[i + 1] - xs[i] > bestWidth) {
            bestWidth = xs[i + 1] - xs[i];
            best = QPointF((xs[i] + xs[i + 1]) / 2.0, y);
        }
    }
    return best;
}

} // namespace

double PreparedGeometry::bandTolerance(int band)
{
    return band <= 0 ? 0.0 : 30.0 * std::pow(4.0, band - 1);
}

int PreparedGeometry::bandFor(double metersPerPixel)
{
    int band = 0;
    for (int b = 1; b < BandCount; ++b)
        if (bandTolerance(b) <= 0.5 * metersPerPixel)
            band = b;
    return band;
}

std::shared_ptr<const PreparedGeometry>
PreparedGeometry::build(const std::vector<std::shared_ptr<const MultiPolygon>> &shapes, Feedback *feedback)
{
    auto prepared = std::make_shared<PreparedGeometry>();
    const std::size_t unitCount = shapes.size();

    // 1. The unit topology: shared boundary arcs with the unit on each side.
    auto topology = geometry::UnitTopology::build(shapes, {}, feedback);
    if (!topology.isOk())
        return nullptr; // cancelled (the default tolerance is always valid)
    prepared->mTopology = std::make_shared<const geometry::UnitTopology>(std::move(topology).value());
    const geometry::UnitTopology &topo = *prepared->mTopology;
    if (isCancelled(feedback))
        return nullptr;
    reportProgress(feedback, 0.5, "Simplifying per zoom level");

    // 2. Arc lines in Mercator metres; each band simplifies each arc once,
    //    from the previous band, so both units along an arc draw it the same.
    std::vector<QPointF> projected(topo.vertexCount());
    for (std::uint32_t v = 0; v < topo.vertexCount(); ++v)
        projected[v] = mercator::project(topo.vertex(v));
    const std::size_t arcCount = topo.arcCount();
    prepared->mArcs.reserve(arcCount);
    prepared->mArcBounds.resize(arcCount);
    auto &exact = prepared->mArcLines[0];
    exact.resize(arcCount);
    for (std::size_t a = 0; a < arcCount; ++a) {
        const geometry::UnitTopology::Arc &arc = topo.arc(a);
        prepared->mArcs.push_back({arc.left, arc.right});
        QPolygonF &line = exact[a];
        const auto ids = topo.arcVertices(a);
        line.reserve(static_cast<qsizetype>(ids.size()));
        for (std::uint32_t id : ids)
            line.append(projected[id]);
        prepared->mArcBounds[a] = line.boundingRect();
    }
    for (int band = 1; band < BandCount; ++band) {
        auto &lines = prepared->mArcLines[static_cast<std::size_t>(band)];
        const auto &finer = prepared->mArcLines[static_cast<std::size_t>(band - 1)];
        lines.resize(arcCount);
        for (std::size_t a = 0; a < arcCount; ++a)
            lines[a] = simplifyPolyline(finer[a], bandTolerance(band));
    }
    if (isCancelled(feedback))
        return nullptr;
    reportProgress(feedback, 0.8, "Assembling shapes");

    // 3. Unit shapes per band, rebuilt from the arcs.
    for (int band = 0; band < BandCount; ++band) {
        auto &bandShapes = prepared->mShapes[static_cast<std::size_t>(band)];
        bandShapes.assign(unitCount, PreparedShape{});
        const auto &lines = prepared->mArcLines[static_cast<std::size_t>(band)];
        std::vector<char> hasHole(unitCount, 0);
        for (const geometry::UnitTopology::TopoRing &topoRing : topo.rings()) {
            QPolygonF ring;
            for (const geometry::UnitTopology::ArcRef &ref : topoRing.arcs) {
                const QPolygonF &line = lines[ref.arc];
                const qsizetype m = line.size();
                for (qsizetype k = ring.isEmpty() ? 0 : 1; k < m; ++k)
                    ring.append(ref.reversed ? line[m - 1 - k] : line[k]);
            }
            if (ring.size() < 3)
                continue;
            if (ring.first() != ring.last())
                ring.append(ring.first());
            const auto unit = static_cast<std::size_t>(topoRing.unit.value());
            if (topoRing.hole)
                hasHole[unit] = 1;
            bandShapes[unit].rings.push_back(std::move(ring));
        }
        for (std::size_t u = 0; u < unitCount; ++u)
            if (hasHole[u]) {
                PreparedShape &shape = bandShapes[u];
                shape.path.setFillRule(Qt::OddEvenFill);
                for (const QPolygonF &ring : shape.rings)
                    shape.path.addPolygon(ring);
            }
        if (isCancelled(feedback))
            return nullptr;
    }

    // 4. Bounds, label points, picking grid.
    prepared->mBounds.resize(unitCount);
    prepared->mLabelPoints.resize(unitCount);
    QRectF extent;
    for (std::size_t u = 0; u < unitCount; ++u) {
        const PreparedShape &shape = prepared->mShapes[0][u];
        QRectF bounds;
        for (const QPolygonF &ring : shape.rings)
            bounds = bounds.isNull() ? ring.boundingRect() : bounds.united(ring.boundingRect());
        prepared->mBounds[u] = bounds;
        prepared->mLabelPoints[u] = labelPointOf(shape);
        if (!bounds.isNull())
            extent = extent.isNull() ? bounds : extent.united(bounds);
    }
    prepared->mExtent = extent;
    prepared->buildGrid();
    reportProgress(feedback, 1.0, "Ready");
    return prepared;
}

void PreparedGeometry::buildGrid()
{
    const std::size_t n = unitCount();
    const int side = std::clamp(static_cast<int>(std::sqrt(static_cast<double>(n) / 2.0)), 1, 512);
    mGridColumns = mGridRows = side;
    mGrid.assign(static_cast<std::size_t>(side * side), {});
    for (std::size_t u = 0; u < n; ++u) {
        if (mBounds[u].isNull())
            continue;
        const auto unit = static_cast<std::int32_t>(u);
        forCells(mBounds[u], [&](std::size_t cell) { mGrid[cell].push_back(unit); });
    }
}

template<typename Visit>
void PreparedGeometry::forCells(const QRectF &rect, Visit visit) const
{
    if (mGrid.empty() || mExtent.isNull())
        return;
    const double cw = mExtent.width() / mGridColumns;
    const double ch = mExtent.height() / mGridRows;
    auto column = [&](double x) {
        return std::clamp(static_cast<int>(std::floor((x - mExtent.left()) / (cw > 0 ? cw : 1))), 0, mGridColumns - 1);
    };
    auto row = [&](double y) {
        return std::clamp(static_cast<int>(std::floor((y - mExtent.top()) / (ch > 0 ? ch : 1))), 0, mGridRows - 1);
    };
    const QRectF r = rect.normalized();
    if (r.right() < mExtent.left() || r.left() > mExtent.right() || r.bottom() < mExtent.top() || r.top() > mExtent.bottom())
        return;
    for (int y = row(r.top()); y <= row(r.bottom()); ++y)
        for (int x = column(r.left()); x <= column(r.right()); ++x)
            visit(static_cast<std::size_t>(y * mGridColumns + x));
}

UnitId PreparedGeometry::unitAt(QPointF map) const
{
    UnitId found;
    forCells(QRectF(map, QSizeF(0, 0)), [&](std::size_t cell) {
        for (std::int32_t u : mGrid[cell]) {
            if (found.isValid())
                return;
            const QRectF &b = mBounds[static_cast<std::size_t>(u)];
            if (map.x() < b.left() || map.x() > b.right() || map.y() < b.top() || map.y() > b.bottom())
                continue;
            if (shapeContains(mShapes[0][static_cast<std::size_t>(u)], map))
                found = UnitId(u);
        }
    });
    return found;
}

std::vector<UnitId> PreparedGeometry::unitsIntersecting(const QRectF &rect) const
{
    std::vector<UnitId> result;
    const QRectF r = rect.normalized();
    forCells(r, [&](std::size_t cell) {
        for (std::int32_t u : mGrid[cell])
            if (mBounds[static_cast<std::size_t>(u)].intersects(r) || r.contains(mBounds[static_cast<std::size_t>(u)]))
                result.push_back(UnitId(u));
    });
    std::sort(result.begin(), result.end());
    result.erase(std::unique(result.begin(), result.end()), result.end());
    return result;
}

std::vector<UnitId> PreparedGeometry::unitsInRect(const QRectF &rect) const
{
    const QRectF r = rect.normalized();
    std::vector<UnitId> result;
    for (UnitId u : unitsIntersecting(r)) {
        const QPointF p = mLabelPoints[index(u)];
        if (p.x() >= r.left() && p.x() <= r.right() && p.y() >= r.top() && p.y() <= r.bottom())
            result.push_back(u);
    }
    return result;
}

std::vector<UnitId> PreparedGeometry::unitsInPolygon(const QPolygonF &polygon) const
{
    std::vector<UnitId> result;
    if (polygon.size() < 3)
        return result;
    QPolygonF closed = polygon;
    if (closed.first() != closed.last())
        closed.append(closed.first());
    for (UnitId u : unitsIntersecting(closed.boundingRect()))
        if (ringContains(closed, mLabelPoints[index(u)]))
            result.push_back(u);
    return result;
}

std::vector<UnitId> PreparedGeometry::unitsInDisc(QPointF center, double radius) const
{
    std::vector<UnitId> result;
    const QRectF box(center.x() - radius, center.y() - radius, 2 * radius, 2 * radius);
    const double r2 = radius * radius;
    for (UnitId u : unitsIntersecting(box)) {
        const QPointF d = mLabelPoints[index(u)] - center;
        if (d.x() * d.x() + d.y() * d.y() <= r2)
            result.push_back(u);
    }
    const UnitId under = unitAt(center);
    if (under.isValid() && std::find(result.begin(), result.end(), under) == result.end())
        result.push_back(under);
    std::sort(result.begin(), result.end());
    return result;
}

} // namespace tessera::ui
