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

    bool operator==(const LonLat &) const = default;
    friend std::ostream &operator<<(std::ostream &out, const LonLat &p)
    {
        return out << '(' << p.lon << ", " << p.lat << ')';
    }
};

/// An axis-aligned box in degrees; default-constructed it is empty (invalid).
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
    BoundingBox bounds() const
    {
        BoundingBox box;
        for (const Polygon &polygon : polygons)
            for (const LonLat &p : polygon.outer.points)
                box.expand(p);
        return box;
    }
    bool operator==(const MultiPolygon &) const = default;
};

} // namespace tessera
