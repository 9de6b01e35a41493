#include "core/geometry/polygonrepair.h"

#include "core/geometry/measure.h"

// Boost 1.74's rescale policy trips a false -Wmaybe-uninitialized in GCC 12
// when its overlay code is inlined here.
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <boost/geometry.hpp>
#include <boost/geometry/geometries/point_xy.hpp>

#include <cmath>
#include <map>
#include <set>

namespace bg = boost::geometry;

// Repair proceeds from cheap to expensive:
//  1. clean each ring: drop non-finite and repeated points, close it, drop it
//     when fewer than three distinct points or no area remain;
//  2. orient outer rings counter-clockwise and holes clockwise;
//  3. if Boost.Geometry still finds the shape invalid, remove spikes;
//  4. if still invalid (self-intersections, holes outside or crossing their
//     outer ring, overlapping parts): split every ring at its
//     self-intersections into simple loops, treat each loop as filled (as the
//     even-odd and non-zero rules both do for a bow-tie), union the loops of the
//     outer rings, subtract the union of the hole loops, and union the parts.
// A shape still invalid after step 4 is emptied and reported.

namespace tessera::geometry {

namespace {

using BPoint = bg::model::d2::point_xy<double>;
using BRing = bg::model::ring<BPoint, false, true>; // counter-clockwise, closed
using BPolygon = bg::model::polygon<BPoint, false, true>;
using BMulti = bg::model::multi_polygon<BPolygon>;

void appendReason(std::string &reason, const std::string &text)
{
    if (reason.find(text) != std::string::npos)
        return;
    if (!reason.empty())
        reason += "; ";
    reason += text;
}

/// Whether every point lies on one line (the ring encloses nothing). A
/// self-intersecting ring can have a signed area of zero and still enclose
/// area, so the signed area is not the test.
bool isCollinear(const std::vector<LonLat> &points)
{
    const LonLat &a = points.front();
    std::size_t far = 0;
    double farDistance = 0.0;
    for (std::size_t i = 1; i < points.size(); ++i) {
        const double d = std::hypot(points[i].lon - a.lon, points[i].lat - a.lat);
        if (d > farDistance) {
            farDistance = d;
            far = i;
        }
    }
    if (farDistance == 0.0)
        return true;
    const LonLat &b = points[far];
    for (const LonLat &p : points) {
        const double cross = (b.lon - a.lon) * (p.lat - a.lat) - (b.lat - a.lat) * (p.lon - a.lon);
        if (std::abs(cross) > 1e-15 * farDistance * farDistance)
            return false;
    }
    return true;
}

/// Step 1; returns false when nothing usable remains of the ring.
bool cleanRing(Ring &ring, std::string &reason, bool &normalised)
{
    std::vector<LonLat> points;
    points.reserve(ring.points.size() + 1);
    for (const LonLat &p : ring.points) {
        if (!std::isfinite(p.lon) || !std::isfinite(p.lat)) {
            appendReason(reason, "ring has non-finite coordinates");
            continue;
        }
        if (!points.empty() && points.back() == p) {
            normalised = true;
            continue;
        }
        points.push_back(p);
    }
    if (points.size() >= 2 && points.front() == points.back())
        points.pop_back();
    else if (!ring.points.empty() && !(ring.points.front() == ring.points.back()))
        appendReason(reason, "ring is not closed");
    if (points.size() < 3) {
        appendReason(reason, "ring has fewer than three distinct points");
        return false;
    }
    points.push_back(points.front());
    ring.points = std::move(points);
    if (isCollinear(ring.points)) {
        appendReason(reason, "ring has no area");
        return false;
    }
    return true;
}

BRing toBoost(const Ring &ring)
{
    BRing out;
    out.reserve(ring.points.size());
    for (const LonLat &p : ring.points)
        out.emplace_back(p.lon, p.lat);
    return out;
}

Ring fromBoost(const BRing &ring)
{
    Ring out;
    out.points.reserve(ring.size());
    for (const BPoint &p : ring)
        out.points.push_back({p.x(), p.y()});
    return out;
}

BMulti toBoost(const MultiPolygon &shape)
{
    BMulti out;
    for (const Polygon &polygon : shape.polygons) {
        BPolygon p;
        p.outer() = toBoost(polygon.outer);
        for (const Ring &hole : polygon.holes)
            p.inners().push_back(toBoost(hole));
        out.push_back(std::move(p));
    }
    return out;
}

MultiPolygon fromBoost(const BMulti &shape)
{
    MultiPolygon out;
    for (const BPolygon &polygon : shape) {
        Polygon p;
        p.outer = fromBoost(polygon.outer());
        for (const BRing &hole : polygon.inners())
            p.holes.push_back(fromBoost(hole));
        out.polygons.push_back(std::move(p));
    }
    return out;
}

/// Intersection of segments ab and cd when they cross or touch at a single
/// point; parameters along ab and cd are returned in s and t.
bool segmentIntersection(const LonLat &a, const LonLat &b, const LonLat &c, const LonLat &d, double &s, double &t)
{
    const double rx = b.lon - a.lon, ry = b.lat - a.lat;
    const double qx = d.lon - c.lon, qy = d.lat - c.lat;
    const double denominator = rx * qy - ry * qx;
    if (denominator == 0.0)
        return false; // parallel: collinear overlaps are left to the union
    const double wx = c.lon - a.lon, wy = c.lat - a.lat;
    s = (wx * qy - wy * qx) / denominator;
    t = (wx * ry - wy * rx) / denominator;
    return s >= 0.0 && s <= 1.0 && t >= 0.0 && t <= 1.0;
}

/// Splits a closed ring at its self-intersections into simple closed loops.
std::vector<Ring> splitAtSelfIntersections(const Ring &ring)
{
    const auto &pts = ring.points; // closed: back() == front()
    const std::size_t edges = pts.size() - 1;
    std::vector<std::vector<std::pair<double, LonLat>>> cuts(edges);
    for (std::size_t i = 0; i < edges; ++i) {
        const LonLat &a = pts[i], &b = pts[i + 1];
        for (std::size_t j = i + 2; j < edges; ++j) {
            if (i == 0 && j == edges - 1)
                continue; // neighbours through the closing vertex
            const LonLat &c = pts[j], &d = pts[j + 1];
            if (std::max(a.lon, b.lon) < std::min(c.lon, d.lon) || std::max(c.lon, d.lon) < std::min(a.lon, b.lon)
                || std::max(a.lat, b.lat) < std::min(c.lat, d.lat) || std::max(c.lat, d.lat) < std::min(a.lat, b.lat))
                continue;
            double s = 0.0, t = 0.0;
            if (!segmentIntersection(a, b, c, d, s, t))
                continue;
            // One computed point, used on both edges, so the walk below
            // recognises it as the same node.
            LonLat x = s == 0.0 ? a : s == 1.0 ? b : t == 0.0 ? c : t == 1.0 ? d
                                                 : LonLat{a.lon + s * (b.lon - a.lon), a.lat + s * (b.lat - a.lat)};
            cuts[i].emplace_back(s, x);
            cuts[j].emplace_back(t, x);
        }
    }
    std::vector<LonLat> walk;
    for (std::size_t i = 0; i < edges; ++i) {
        walk.push_back(pts[i]);
        auto &edgeCuts = cuts[i];
        std::sort(edgeCuts.begin(), edgeCuts.end(), [](const auto &x, const auto &y) { return x.first < y.first; });
        for (const auto &[param, point] : edgeCuts)
            if (!(walk.back() == point) && !(point == pts[i + 1]))
                walk.push_back(point);
    }

    // Walk the noded ring; whenever a node repeats, the path since its first
    // visit is a closed loop: cut it out.
    std::vector<Ring> loops;
    std::vector<LonLat> stack;
    auto key = [](const LonLat &p) { return std::pair(p.lon, p.lat); };
    std::map<std::pair<double, double>, std::size_t> seen;
    for (const LonLat &p : walk) {
        const auto it = seen.find(key(p));
        if (it != seen.end()) {
            Ring loop;
            loop.points.assign(stack.begin() + std::ptrdiff_t(it->second), stack.end());
            loop.points.push_back(p);
            for (std::size_t k = it->second + 1; k < stack.size(); ++k)
                seen.erase(key(stack[k]));
            stack.resize(it->second + 1);
            if (loop.points.size() >= 4)
                loops.push_back(std::move(loop));
            continue;
        }
        seen.emplace(key(p), stack.size());
        stack.push_back(p);
    }
    if (stack.size() >= 3) {
        Ring loop;
        loop.points = stack;
        loop.points.push_back(stack.front());
        loops.push_back(std::move(loop));
    }
    return loops;
}

/// Union of the regions enclosed by the simple loops of \a rings.
BMulti regionOf(const std::vector<Ring> &rings)
{
    BMulti region;
    for (const Ring &ring : rings)
        for (Ring &loop : splitAtSelfIntersections(ring)) {
            if (signedAreaDeg2(loop) == 0.0)
                continue;
            BPolygon piece;
            piece.outer() = toBoost(loop);
            bg::correct(piece);
            BMulti merged;
            bg::union_(region, piece, merged);
            region = std::move(merged);
        }
    return region;
}

/// Step 4 on the whole shape.
BMulti rebuild(const MultiPolygon &shape)
{
    BMulti result;
    for (const Polygon &polygon : shape.polygons) {
        BMulti part = regionOf({polygon.outer});
        if (!polygon.holes.empty()) {
            const BMulti holes = regionOf(polygon.holes);
            BMulti difference;
            bg::difference(part, holes, difference);
            part = std::move(difference);
        }
        BMulti merged;
        bg::union_(result, part, merged);
        result = std::move(merged);
    }
    return result;
}

} // namespace

RepairReport repair(MultiPolygon &shape)
{
    RepairReport report;
    std::string reason;

    // Steps 1 and 2.
    MultiPolygon cleaned;
    bool normalised = false;
    for (Polygon &polygon : shape.polygons) {
        if (!cleanRing(polygon.outer, reason, normalised))
            continue;
        if (signedAreaDeg2(polygon.outer) < 0.0) {
            std::reverse(polygon.outer.points.begin(), polygon.outer.points.end());
            normalised = true;
        }
        Polygon kept;
        kept.outer = std::move(polygon.outer);
        for (Ring &hole : polygon.holes) {
            if (!cleanRing(hole, reason, normalised))
                continue;
            if (signedAreaDeg2(hole) > 0.0) {
                std::reverse(hole.points.begin(), hole.points.end());
                normalised = true;
            }
            kept.holes.push_back(std::move(hole));
        }
        cleaned.polygons.push_back(std::move(kept));
    }
    if (shape.polygons.empty())
        appendReason(reason, "shape is empty");
    shape = std::move(cleaned);

    try {
        BMulti boostShape = toBoost(shape);
        std::string message;
        if (!bg::is_valid(boostShape, message)) {
            appendReason(reason, message);
            // Boost names only the first failure it meets (a bow-tie reads as
            // "wrong orientation"), so say plainly when a ring crosses itself.
            for (const Polygon &polygon : shape.polygons) {
                bool crossed = splitAtSelfIntersections(polygon.outer).size() > 1;
                for (const Ring &hole : polygon.holes)
                    crossed = crossed || splitAtSelfIntersections(hole).size() > 1;
                if (crossed)
                    appendReason(reason, "a ring crosses itself (self-intersection)");
            }
            // Step 3.
            bg::remove_spikes(boostShape);
            if (!bg::is_valid(boostShape)) {
                // Step 4.
                boostShape = rebuild(shape);
                bg::correct(boostShape);
            }
            if (bg::is_valid(boostShape, message)) {
                shape = fromBoost(boostShape);
            } else {
                appendReason(reason, "could not be repaired: " + message);
                shape = MultiPolygon();
            }
        }
    } catch (const std::exception &error) {
        appendReason(reason, std::string("could not be repaired: ") + error.what());
        shape = MultiPolygon();
    }

    report.wasValid = reason.empty();
    report.normalised = normalised;
    report.reason = reason;
    report.repaired = !report.wasValid && !shape.isEmpty();
    return report;
}

} // namespace tessera::geometry
