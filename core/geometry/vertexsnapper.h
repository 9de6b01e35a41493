#pragma once

#include "core/geometry/flatmap64.h"
#include "core/model/geo.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

namespace tessera::geometry {

/// Key of grid cell (cx, cy); both indices must fit in 32 bits.
inline std::uint64_t cellKey(std::int64_t cx, std::int64_t cy)
{
    return (std::uint64_t(std::uint32_t(std::int32_t(cx))) << 32) | std::uint32_t(std::int32_t(cy));
}

/// Snaps vertices onto shared ids: a vertex joins an existing vertex in its own
/// grid cell (cells are one tolerance wide) or in one of the eight around it
/// when both coordinates differ by at most the tolerance; otherwise it becomes
/// a new vertex. The first vertex seen in a cluster is its representative, so
/// results depend on input order only for clusters wider than the tolerance.
/// Internal helper of the geometry module.
class VertexSnapper {
public:
    /// \a tolerance in degrees, at least 1e-7 (grid cell indices stay within 32 bits).
    VertexSnapper(double tolerance, std::size_t expected) : mTolerance(tolerance), mCells(expected)
    {
        mPoints.reserve(expected);
    }

    /// The id of the vertex \a p snaps onto (a new id when none is near).
    std::uint32_t snap(const LonLat &p)
    {
        const auto cx = std::int64_t(std::floor(p.lon / mTolerance));
        const auto cy = std::int64_t(std::floor(p.lat / mTolerance));
        const std::uint32_t own = mCells.find(cellKey(cx, cy));
        if (own != FlatMap64::NotFound)
            return own; // same cell: closer than the tolerance on both axes
        std::uint32_t best = FlatMap64::NotFound;
        double bestDistance = 0.0;
        for (int dx = -1; dx <= 1; ++dx)
            for (int dy = -1; dy <= 1; ++dy) {
                if (dx == 0 && dy == 0)
                    continue;
                const std::uint32_t id = mCells.find(cellKey(cx + dx, cy + dy));
                if (id == FlatMap64::NotFound)
                    continue;
                const LonLat &q = mPoints[id];
                const double distance = std::max(std::abs(q.lon - p.lon), std::abs(q.lat - p.lat));
                if (distance <= mTolerance && (best == FlatMap64::NotFound || distance < bestDistance)) {
                    best = id;
                    bestDistance = distance;
                }
            }
        if (best != FlatMap64::NotFound)
            return best;
        const auto id = std::uint32_t(mPoints.size());
        mPoints.push_back(p);
        mCells.insert(cellKey(cx, cy), id);
        return id;
    }

    const LonLat &point(std::uint32_t id) const { return mPoints[id]; }
    std::size_t size() const { return mPoints.size(); }

private:
    double mTolerance;
    FlatMap64 mCells;
    std::vector<LonLat> mPoints;
};

} // namespace tessera::geometry
