#pragma once

#include <algorithm>
#include <cmath>
#include <limits>
#include <ostream>
#include <vector>

namespace tessera {

/// A WGS84 position in degrees.
struct LonLat {
    double lon = 0.0;
    double lat = 0.0;

    /// Value equality, where two missing positions (NaN, e.g. a rep without a
    /// home) are equal: an unchanged roster must compare equal to itself.
    bool operator==(const LonLat &other) const { return same(lon, other.lon) && same(lat, other.lat); }
    /// A place on Earth: finite, longitude within ±180°, latitude within ±90°.
    bool isOnEarth() const { return std::abs(lon) <= 180.0 && std::abs(lat) <= 90.0; }
    friend std::ostream &operator<<(std::ostream &out, const LonLat &p)
    {
        return out << '(' << p.lon << ", " << p.lat << ')';
    }

private:
    static bool same(double a, double b) { return a == b || (std::isnan(a) && std::isnan(b)); }
};

/// An axis-aligned box in degrees; default-constructed it is empty (invalid).
/// A box crossing the antimeridian uses extended longitudes: maxLon > 180,
/// where 190 stands for -170 (170 .. 190 is 170°E .. 170°W, 20° wide), so
/// maxLon - minLon is always the true width. ExtentBuilder makes such boxes.
struct BoundingBox {
    double minLon = std::numeric_limits<double>::infinity();
    double minLat = std::numeric_limits<double>::infinity();
    double maxLon = -std::numeric_limits<double>::infinity();
    double maxLat = -std::numeric_limits<double>::infinity();

    bool isValid() const { return minLon <= maxLon && minLat <= maxLat; }
    void expand(const LonLat &p)
    {
        minLon = std::min(minLon, p.lon);
        minLat = std::min(minLat, p.lat);
        maxLon = std::max(maxLon, p.lon);
        maxLat = std::max(maxLat, p.lat);
    }
    void expand(const BoundingBox &other)
    {
        if (!other.isValid())
            return;
        expand(LonLat{other.minLon, other.minLat});
        expand(LonLat{other.maxLon, other.maxLat});
    }
    bool contains(const LonLat &p) const
    {
        return p.lon >= minLon && p.lon <= maxLon && p.lat >= minLat && p.lat <= maxLat;
    }
    bool intersects(const BoundingBox &o) const
    {
        return isValid() && o.isValid() && minLon <= o.maxLon && o.minLon <= maxLon && minLat <= o.maxLat
               && o.minLat <= maxLat;
    }
    bool operator==(const BoundingBox &) const = default;
    friend std::ostream &operator<<(std::ostream &out, const BoundingBox &b)
    {
        return out << '[' << b.minLon << ", " << b.minLat << " .. " << b.maxLon << ", " << b.maxLat << ']';
    }
};

/// The bounding box of positions (or boxes) the short way round the globe:
/// the box with longitudes as given (cut at 180°), or when that spans over
/// 180° and the box with longitudes shifted into [0, 360) (cut at 0°) is
/// narrower, the latter. Positions on both sides
/// of the antimeridian (170 and -170) give 170 .. 190, not the world-wide
/// -170 .. 170; anything spanning both 0° and 180° keeps plain longitudes.
/// The one rule for extents: MultiPolygon::bounds() and UnitLayer::bounds()
/// use it.
class ExtentBuilder {
public:
    void add(const LonLat &p)
    {
        mPlain.expand(p);
        mShifted.expand(LonLat{p.lon < 0.0 ? p.lon + 360.0 : p.lon, p.lat});
    }
    void add(const BoundingBox &box)
    {
        if (!box.isValid())
            return;
        mPlain.expand(box);
        if (box.maxLon < 0.0) {
            mShifted.expand(BoundingBox{box.minLon + 360.0, box.minLat, box.maxLon + 360.0, box.maxLat});
        } else if (box.minLon < 0.0) { // covers 0°: the shifted frame cannot hold it
            mShifted.expand(LonLat{0.0, box.minLat});
            mShifted.expand(LonLat{360.0, box.maxLat});
        } else {
            mShifted.expand(box);
        }
    }
    BoundingBox box() const
    {
        // Plain longitudes unless they span over half the world: the shifted
        // frame's +360 rounds, so a tie must not pick it.
        const double plainWidth = mPlain.maxLon - mPlain.minLon;
        if (mShifted.isValid() && plainWidth > 180.0 && mShifted.maxLon - mShifted.minLon < plainWidth)
            return mShifted;
        return mPlain;
    }

private:
    BoundingBox mPlain;
    BoundingBox mShifted;
};

/// A closed ring: the last point repeats the first. Outer rings run
/// counter-clockwise, holes clockwise (the GeoJSON convention; the geometry
/// module normalises whatever a file brings).
struct Ring {
    std::vector<LonLat> points;
    bool operator==(const Ring &) const = default;
};

struct Polygon {
    Ring outer;
    std::vector<Ring> holes;
    bool operator==(const Polygon &) const = default;
};

struct MultiPolygon {
    std::vector<Polygon> polygons;

    bool isEmpty() const { return polygons.empty(); }
    /// False when any vertex is NaN or infinite; bounds() passes over such
    /// vertices, so files and project files are checked with this first.
    bool hasFiniteCoordinates() const
    {
        auto finite = [](const Ring &ring) {
            for (const LonLat &p : ring.points)
                if (!std::isfinite(p.lon) || !std::isfinite(p.lat))
                    return false;
            return true;
        };
        for (const Polygon &polygon : polygons) {
            if (!finite(polygon.outer))
                return false;
            for (const Ring &hole : polygon.holes)
                if (!finite(hole))
                    return false;
        }
        return true;
    }
    /// The extent of the outer rings, antimeridian-aware (ExtentBuilder).
    BoundingBox bounds() const
    {
        ExtentBuilder extent;
        for (const Polygon &polygon : polygons)
            for (const LonLat &p : polygon.outer.points)
                if (std::isfinite(p.lon) && std::isfinite(p.lat))
                    extent.add(p);
        return extent.box();
    }
    bool operator==(const MultiPolygon &) const = default;
};

} // namespace tessera
