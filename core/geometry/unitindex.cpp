#include "core/geometry/unitindex.h"

#include "core/geometry/measure.h"
#include "core/model/accountlayer.h"
#include "core/model/unitlayer.h"
#include "core/problemsink.h"

#include <boost/geometry.hpp>
#include <boost/geometry/index/rtree.hpp>
#include <boost/iterator/function_output_iterator.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <sstream>
#include <thread>

namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;

namespace tessera::geometry {

namespace {
using BPoint = bg::model::point<double, 2, bg::cs::cartesian>;
using BBox = bg::model::box<BPoint>;
/// One polygon part: its box, and (unit << 32 | part) as payload. Parts are
/// indexed separately so a county with far-off islands does not cover the sea
/// between them.
using Entry = std::pair<BBox, std::uint64_t>;

BBox toBox(const BoundingBox &b)
{
    return BBox(BPoint(b.minLon, b.minLat), BPoint(b.maxLon, b.maxLat));
}
} // namespace

struct UnitIndex::Private {
    const UnitLayer *units = nullptr;
    bgi::rtree<Entry, bgi::rstar<16>> tree;
};

UnitIndex::UnitIndex(const UnitLayer &units) : d(std::make_unique<Private>())
{
    d->units = &units;
    std::vector<Entry> entries;
    entries.reserve(units.size());
    for (const Unit &unit : units.units()) {
        if (!unit.geometry)
            continue;
        const auto &polygons = unit.geometry->polygons;
        for (std::size_t part = 0; part < polygons.size(); ++part) {
            BoundingBox box;
            for (const LonLat &p : polygons[part].outer.points)
                if (std::isfinite(p.lon) && std::isfinite(p.lat))
                    box.expand(p);
            if (!box.isValid())
                continue;
            entries.emplace_back(toBox(box),
                                 (std::uint64_t(std::uint32_t(unit.id.value())) << 32) | std::uint32_t(part));
        }
    }
    // The packing constructor (STR bulk load) builds a better tree than
    // one-by-one insertion, and much faster.
    d->tree = bgi::rtree<Entry, bgi::rstar<16>>(entries.begin(), entries.end());
}

UnitIndex::~UnitIndex() = default;

const UnitLayer &UnitIndex::units() const
{
    return *d->units;
}

UnitId UnitIndex::locate(const LonLat &point) const
{
    if (!std::isfinite(point.lon) || !std::isfinite(point.lat))
        return {};
    // Several candidates only on shared boundaries and overlaps; the lowest
    // unit id wins so the answer does not depend on the tree's layout. The
    // callback output iterator avoids the query iterator's type erasure and
    // any allocation per point.
    std::int32_t best = -1;
    const UnitLayer &units = *d->units;
    auto visit = [&](const Entry &entry) {
        const auto unit = std::int32_t(entry.second >> 32);
        if (best >= 0 && unit >= best)
            return;
        const auto part = std::size_t(entry.second & 0xffffffffu);
        if (contains(units.units()[std::size_t(unit)].geometry->polygons[part], point))
            best = unit;
    };
    d->tree.query(bgi::intersects(BPoint(point.lon, point.lat)), boost::make_function_output_iterator(visit));
    // Units crossing 180° are stored with longitudes above 180 (antimeridian.h).
    if (best < 0 && point.lon < 0.0) {
        const LonLat east{point.lon + 360.0, point.lat};
        d->tree.query(bgi::intersects(BPoint(east.lon, east.lat)),
                      boost::make_function_output_iterator([&](const Entry &entry) {
                          const auto unit = std::int32_t(entry.second >> 32);
                          const auto part = std::size_t(entry.second & 0xffffffffu);
                          if ((best < 0 || unit < best)
                              && contains(units.units()[std::size_t(unit)].geometry->polygons[part], east))
                              best = unit;
                      }));
    }
    return UnitId(best);
}

namespace {

/// The point of \a polygon's boundary closest to \a p, on a local plane
/// where longitude is scaled by cos(latitude).
LonLat closestBoundaryPoint(const Polygon &polygon, const LonLat &p, double &bestSquared)
{
    const double scale = std::cos(p.lat * std::numbers::pi / 180.0);
    LonLat best = p;
    auto visitRing = [&](const Ring &ring) {
        const auto &pts = ring.points;
        for (std::size_t i = 0, j = pts.size() - 1; i < pts.size(); j = i++) {
            const double ax = (pts[j].lon - p.lon) * scale, ay = pts[j].lat - p.lat;
            const double bx = (pts[i].lon - p.lon) * scale, by = pts[i].lat - p.lat;
            const double dx = bx - ax, dy = by - ay;
            const double lengthSquared = dx * dx + dy * dy;
            double t = lengthSquared > 0.0 ? -(ax * dx + ay * dy) / lengthSquared : 0.0;
            t = std::clamp(t, 0.0, 1.0);
            const double x = ax + t * dx, y = ay + t * dy;
            if (x * x + y * y < bestSquared) {
                bestSquared = x * x + y * y;
                best = {pts[j].lon + t * (pts[i].lon - pts[j].lon), pts[j].lat + t * (pts[i].lat - pts[j].lat)};
            }
        }
    };
    if (!polygon.outer.points.empty())
        visitRing(polygon.outer);
    for (const Ring &hole : polygon.holes)
        if (!hole.points.empty())
            visitRing(hole);
    return best;
}

} // namespace

UnitId UnitIndex::nearest(const LonLat &point, double *distanceKm) const
{
    if (!std::isfinite(point.lon) || !std::isfinite(point.lat))
        return {};
    if (const UnitId inside = locate(point); inside.isValid()) {
        if (distanceKm)
            *distanceKm = 0.0;
        return inside;
    }
    std::int32_t best = -1;
    double bestSquared = std::numeric_limits<double>::infinity();
    LonLat bestPoint = point;
    const UnitLayer &units = *d->units;
    auto visit = [&](const Entry &entry) {
        const auto unit = std::int32_t(entry.second >> 32);
        const auto part = std::size_t(entry.second & 0xffffffffu);
        // Each candidate is measured on its own: seeded with the best so far,
        // a farther part would come back as the query point itself at the
        // same distance and win the tie-break below.
        double squared = std::numeric_limits<double>::infinity();
        const LonLat closest = closestBoundaryPoint(units.units()[std::size_t(unit)].geometry->polygons[part], point,
                                                    squared);
        if (squared < bestSquared || (squared == bestSquared && best >= 0 && unit < best)) {
            bestSquared = squared;
            bestPoint = closest;
            best = unit;
        }
    };
    d->tree.query(bgi::nearest(BPoint(point.lon, point.lat), 8), boost::make_function_output_iterator(visit));
    if (distanceKm)
        *distanceKm = best >= 0 ? geometry::distanceKm(point, bestPoint) : std::numeric_limits<double>::infinity();
    return UnitId(best);
}

std::vector<UnitId> UnitIndex::query(const BoundingBox &box) const
{
    std::vector<UnitId> result;
    if (!box.isValid())
        return result;
    for (auto it = d->tree.qbegin(bgi::intersects(toBox(box))); it != d->tree.qend(); ++it)
        result.emplace_back(std::int32_t(it->second >> 32));
    std::sort(result.begin(), result.end());
    result.erase(std::unique(result.begin(), result.end()), result.end());
    return result;
}

namespace {

/// Interleaves the bits of two 16-bit values (a Z-order / Morton code).
std::uint32_t mortonCode(std::uint32_t x, std::uint32_t y)
{
    auto spread = [](std::uint32_t v) {
        v = (v | (v << 8)) & 0x00FF00FFu;
        v = (v | (v << 4)) & 0x0F0F0F0Fu;
        v = (v | (v << 2)) & 0x33333333u;
        v = (v | (v << 1)) & 0x55555555u;
        return v;
    };
    return spread(x) | (spread(y) << 1);
}

} // namespace

PlacementStats placeAccounts(AccountLayer &accounts, const UnitIndex &index, ProblemSink *sink)
{
    const std::size_t count = accounts.size();
    // Visit accounts in Z-order so consecutive look-ups touch the same tree
    // nodes and polygons (several times faster than file order on a national
    // layer), split over the machine's cores. Each account is written by one
    // thread only, and problems are reported afterwards in account order, so
    // the result does not depend on the thread count.
    BoundingBox extent;
    for (const Account &account : accounts.accounts())
        if (std::isfinite(account.location.lon) && std::isfinite(account.location.lat))
            extent.expand(account.location);
    std::vector<std::pair<std::uint32_t, std::uint32_t>> order(count);
    const double width = extent.isValid() ? std::max(extent.maxLon - extent.minLon, 1e-12) : 1.0;
    const double height = extent.isValid() ? std::max(extent.maxLat - extent.minLat, 1e-12) : 1.0;
    for (std::size_t i = 0; i < count; ++i) {
        const LonLat &p = accounts.accounts()[i].location;
        std::uint32_t code = 0;
        if (std::isfinite(p.lon) && std::isfinite(p.lat))
            code = mortonCode(std::uint32_t((p.lon - extent.minLon) / width * 65535.0),
                              std::uint32_t((p.lat - extent.minLat) / height * 65535.0));
        order[i] = {code, std::uint32_t(i)};
    }
    std::sort(order.begin(), order.end());

    std::vector<char> outside(count, 0);
    auto work = [&](std::size_t begin, std::size_t end) {
        for (std::size_t k = begin; k < end; ++k) {
            Account &account = accounts.account(AccountId(std::int32_t(order[k].second)));
            account.unit = index.locate(account.location);
            outside[order[k].second] = !account.unit.isValid();
        }
    };
    const std::size_t threads =
        count < 20000 ? 1 : std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, 8);
    std::vector<std::thread> workers;
    const std::size_t chunk = (count + threads - 1) / threads;
    for (std::size_t t = 1; t < threads; ++t)
        workers.emplace_back(work, std::min(count, t * chunk), std::min(count, (t + 1) * chunk));
    work(0, std::min(count, chunk));
    for (std::thread &worker : workers)
        worker.join();

    PlacementStats stats;
    for (std::size_t i = 0; i < count; ++i) {
        if (!outside[i]) {
            ++stats.placed;
            continue;
        }
        ++stats.outside;
        if (sink) {
            const Account &account = accounts.accounts()[i];
            std::ostringstream message;
            message.precision(10);
            message << "account '" << account.key << "' at " << account.location << " lies outside every unit";
            double distance = 0.0;
            if (const UnitId near = index.nearest(account.location, &distance); near.isValid()) {
                message.precision(3);
                message << " (nearest: unit '" << index.units().unit(near).key << "', " << distance << " km away)";
            }
            Problem problem;
            problem.severity = Problem::Severity::Warning;
            problem.message = message.str();
            problem.featureId = account.key;
            sink->report(problem);
        }
    }
    return stats;
}

} // namespace tessera::geometry
