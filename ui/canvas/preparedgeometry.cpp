#include "ui/canvas/preparedgeometry.h"

#include "ui/canvas/simplify.h"
#include "ui/canvas/webmercator.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <unordered_map>

namespace tessera::ui {

namespace {

/// Vertices are matched between neighbours after rounding to 1e-6 degrees
/// (about 0.1 m): shared boundaries written by GIS tools repeat their
/// coordinates exactly, and the rounding absorbs last-digit noise.
struct PointKey {
    std::int32_t x = 0;
    std::int32_t y = 0;
    bool operator==(const PointKey &) const = default;
    bool operator<(const PointKey &o) const { return x != o.x ? x < o.x : y < o.y; }
};

PointKey quantize(const LonLat &p)
{
    return {static_cast<std::int32_t>(std::lround(p.lon * 1e6)), static_cast<std::int32_t>(std::lround(p.lat * 1e6))};
}

struct SegmentKey {
    PointKey a;
    PointKey b;
    bool operator==(const SegmentKey &) const = default;
};

SegmentKey segmentKey(PointKey a, PointKey b)
{
    return b < a ? SegmentKey{b, a} : SegmentKey{a, b};
}

struct SegmentKeyHash {
    std::size_t operator()(const SegmentKey &k) const noexcept
    {
        std::uint64_t h = 1469598103934665603ull;
        for (std::int32_t v : {k.a.x, k.a.y, k.b.x, k.b.y}) {
            h ^= static_cast<std::uint32_t>(v);
            h *= 1099511628211ull;
            h ^= h >> 29;
        }
        return static_cast<std::size_t>(h);
    }
};

struct Owners {
    std::int32_t first = -1;
    std::int32_t second = -1;
};

struct RawRing {
    std::int32_t unit = -1;
    bool hole = false;
    std::vector<PointKey> keys; ///< closed: back() == front()
    QPolygonF points;           ///< projected, parallel to keys
};

struct ArcRef {
    std::int32_t arc = -1;
    bool reversed = false;
};

struct RingRefs {
    std::int32_t unit = -1;
    bool hole = false;
    std::vector<ArcRef> arcs;
};

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
    const QPolygonF *largest = nullptr;
    double largestArea = -1.0;
    for (const QPolygonF &ring : shape.rings) {
        const double area = std::abs(ringArea(ring));
        if (area > largestArea) {
            largestArea = area;
            largest = &ring;
        }
    }
    if (!largest)
        return {};
    const QPointF centroid = ringCentroid(*largest);
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

    // 1. Project every ring, dropping repeated vertices.
    std::vector<RawRing> rings;
    for (std::size_t u = 0; u < unitCount; ++u) {
        if (!shapes[u])
            continue;
        for (const Polygon &polygon : shapes[u]->polygons) {
            auto addRing = [&](const Ring &ring, bool hole) {
                RawRing raw;
                raw.unit = static_cast<std::int32_t>(u);
                raw.hole = hole;
                for (const LonLat &p : ring.points) {
                    const PointKey key = quantize(p);
                    if (!raw.keys.empty() && raw.keys.back() == key)
                        continue;
                    raw.keys.push_back(key);
                    raw.points.append(mercator::project(p));
                }
                if (raw.keys.size() >= 2 && !(raw.keys.back() == raw.keys.front())) {
                    raw.keys.push_back(raw.keys.front());
                    raw.points.append(raw.points.front());
                }
                if (raw.keys.size() >= 4)
                    rings.push_back(std::move(raw));
            };
            addRing(polygon.outer, false);
            for (const Ring &hole : polygon.holes)
                addRing(hole, true);
        }
    }
    if (isCancelled(feedback))
        return nullptr;
    reportProgress(feedback, 0.2, "Matching shared boundaries");

    // 2. Who owns each segment.
    std::unordered_map<SegmentKey, Owners, SegmentKeyHash> owners;
    std::size_t segmentCount = 0;
    for (const RawRing &ring : rings)
        segmentCount += ring.keys.size() - 1;
    owners.reserve(segmentCount);
    for (const RawRing &ring : rings)
        for (std::size_t i = 0; i + 1 < ring.keys.size(); ++i) {
            Owners &o = owners[segmentKey(ring.keys[i], ring.keys[i + 1])];
            if (o.first < 0)
                o.first = ring.unit;
            else if (o.first != ring.unit && o.second < 0)
                o.second = ring.unit;
        }
    if (isCancelled(feedback))
        return nullptr;
    reportProgress(feedback, 0.4, "Building boundary arcs");

    // 3. Cut each ring into runs with one neighbour each; each shared run is
    //    stored once (by the lower unit id) and referenced reversed by the other.
    std::vector<QPolygonF> rawLines;
    std::vector<char> arcVisible;
    std::unordered_map<SegmentKey, std::int32_t, SegmentKeyHash> arcByFirstSegment;
    std::vector<RingRefs> ringRefs;
    ringRefs.reserve(rings.size());
    for (const RawRing &ring : rings) {
        const std::size_t n = ring.keys.size() - 1; // segments
        std::vector<std::int32_t> neighbour(n);
        for (std::size_t i = 0; i < n; ++i) {
            const Owners &o = owners[segmentKey(ring.keys[i], ring.keys[i + 1])];
            neighbour[i] = o.first == ring.unit ? o.second : o.first;
        }
        std::size_t start = 0;
        for (std::size_t i = 0; i < n; ++i)
            if (neighbour[i] != neighbour[(i + n - 1) % n]) {
                start = i;
                break;
            }
        RingRefs refs{ring.unit, ring.hole, {}};
        std::size_t done = 0;
        while (done < n) {
            const std::size_t first = (start + done) % n;
            const std::int32_t nb = neighbour[first];
            std::size_t length = 1;
            while (done + length < n && neighbour[(first + length) % n] == nb)
                ++length;
            QPolygonF line;
            line.reserve(static_cast<qsizetype>(length + 1));
            for (std::size_t k = 0; k <= length; ++k)
                line.append(ring.points[static_cast<qsizetype>((first + k) % n)]);
            const std::size_t last = (first + length - 1) % n;
            bool linked = false;
            if (nb >= 0 && nb < ring.unit) {
                const auto found = arcByFirstSegment.find(segmentKey(ring.keys[last], ring.keys[last + 1]));
                if (found != arcByFirstSegment.end()) {
                    const BoundaryArc &arc = prepared->mArcs[static_cast<std::size_t>(found->second)];
                    const QPolygonF &other = rawLines[static_cast<std::size_t>(found->second)];
                    if (arc.left.value() == nb && arc.right.value() == ring.unit && other.size() == line.size()) {
                        refs.arcs.push_back({found->second, true});
                        linked = true;
                    }
                }
            }
            if (!linked) {
                const auto arcIndex = static_cast<std::int32_t>(prepared->mArcs.size());
                prepared->mArcs.push_back({UnitId(ring.unit), nb >= 0 ? UnitId(nb) : UnitId()});
                // A run the neighbour already drew (unmatched enclave) is kept for filling only.
                arcVisible.push_back(nb < 0 || nb > ring.unit);
                if (nb > ring.unit)
                    arcByFirstSegment.emplace(segmentKey(ring.keys[first], ring.keys[first + 1]), arcIndex);
                rawLines.push_back(std::move(line));
                refs.arcs.push_back({arcIndex, false});
            }
            done += length;
        }
        ringRefs.push_back(std::move(refs));
    }
    owners.clear();
    if (isCancelled(feedback))
        return nullptr;
    reportProgress(feedback, 0.6, "Simplifying per zoom level");

    // 4. Arc lines per band, each band simplified from the previous one.
    const std::size_t arcCount = rawLines.size();
    prepared->mArcBounds.resize(arcCount);
    for (std::size_t a = 0; a < arcCount; ++a)
        prepared->mArcBounds[a] = rawLines[a].boundingRect();
    prepared->mArcLines[0] = std::move(rawLines);
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

    // 5. Unit shapes per band, rebuilt from the arcs.
    for (int band = 0; band < BandCount; ++band) {
        auto &bandShapes = prepared->mShapes[static_cast<std::size_t>(band)];
        bandShapes.assign(unitCount, PreparedShape{});
        const auto &lines = prepared->mArcLines[static_cast<std::size_t>(band)];
        std::vector<char> hasHole(unitCount, 0);
        for (const RingRefs &refs : ringRefs) {
            QPolygonF ring;
            for (const ArcRef &ref : refs.arcs) {
                const QPolygonF &line = lines[static_cast<std::size_t>(ref.arc)];
                const qsizetype m = line.size();
                for (qsizetype k = 0; k < m; ++k) {
                    const QPointF &p = ref.reversed ? line[m - 1 - k] : line[k];
                    if (k == 0 && !ring.isEmpty())
                        continue;
                    ring.append(p);
                }
            }
            if (ring.size() < 3)
                continue;
            if (ring.first() != ring.last())
                ring.append(ring.first());
            if (refs.hole)
                hasHole[static_cast<std::size_t>(refs.unit)] = 1;
            bandShapes[static_cast<std::size_t>(refs.unit)].rings.push_back(std::move(ring));
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
    // Arcs kept only for filling are removed from the border list by making them empty there.
    for (std::size_t a = 0; a < arcCount; ++a)
        if (!arcVisible[a])
            for (auto &lines : prepared->mArcLines)
                lines[a] = QPolygonF();

    // 6. Bounds, label points, picking grid.
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
