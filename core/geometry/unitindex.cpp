#include "core/geometry/unitindex.h"

#include "core/geometry/measure.h"
#include "core/model/accountlayer.h"
#include "core/model/unitlayer.h"
#include "core/problemsink.h"

#include <boost/geometry.hpp>
#include <boost/geometry/index/rtree.hpp>

#include <algorithm>
#include <cmath>
#include <sstream>

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

UnitId UnitIndex::locate(const LonLat &point) const
{
    if (!std::isfinite(point.lon) || !std::isfinite(point.lat))
        return {};
    // Several candidates only on shared boundaries and overlaps; the lowest
    // unit id wins so the answer does not depend on the tree's layout.
    std::int32_t best = -1;
    const BPoint query(point.lon, point.lat);
    for (auto it = d->tree.qbegin(bgi::intersects(query)); it != d->tree.qend(); ++it) {
        const auto unit = std::int32_t(it->second >> 32);
        if (best >= 0 && unit >= best)
            continue;
        const auto part = std::size_t(it->second & 0xffffffffu);
        const Unit &u = d->units->unit(UnitId(unit));
        if (contains(u.geometry->polygons[part], point))
            best = unit;
    }
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

PlacementStats placeAccounts(AccountLayer &accounts, const UnitIndex &index, ProblemSink *sink)
{
    PlacementStats stats;
    for (std::size_t i = 0; i < accounts.size(); ++i) {
        Account &account = accounts.account(AccountId(std::int32_t(i)));
        account.unit = index.locate(account.location);
        if (account.unit.isValid()) {
            ++stats.placed;
            continue;
        }
        ++stats.outside;
        if (sink) {
            std::ostringstream message;
            message.precision(10);
            message << "account '" << account.key << "' at " << account.location << " lies outside every unit";
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
