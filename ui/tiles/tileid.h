#pragma once

#include <QDebug>
#include <QHashFunctions>

#include <ostream>

namespace tessera::ui {

/// One tile of the XYZ (slippy map) pyramid: zoom \c z, column \c x from the
/// antimeridian eastwards, row \c y from the north edge southwards. An
/// MBTiles file stores the row flipped (TMS); MBTilesFile converts.
struct TileId {
    int z = -1;
    int x = 0;
    int y = 0;

    /// True for a tile that exists at its zoom (0 <= x, y < 2^z, 0 <= z <= 30).
    bool isValid() const
    {
        if (z < 0 || z > 30)
            return false;
        const long long n = 1LL << z;
        return x >= 0 && y >= 0 && x < n && y < n;
    }
    /// The tile one zoom level up that contains this one; invalid at zoom 0.
    TileId parent() const { return z > 0 ? TileId{z - 1, x >> 1, y >> 1} : TileId{}; }
    /// The ancestor at zoom \a level (<= z).
    TileId ancestor(int level) const
    {
        if (level > z || level < 0)
            return {};
        const int shift = z - level;
        return {level, x >> shift, y >> shift};
    }

    bool operator==(const TileId &) const = default;
    friend std::ostream &operator<<(std::ostream &out, const TileId &t)
    {
        return out << t.z << '/' << t.x << '/' << t.y;
    }
    friend QDebug operator<<(QDebug debug, const TileId &t)
    {
        QDebugStateSaver saver(debug);
        debug.nospace() << t.z << '/' << t.x << '/' << t.y;
        return debug;
    }
};

inline size_t qHash(const TileId &t, size_t seed = 0) noexcept
{
    return qHashMulti(seed, t.z, t.x, t.y);
}

} // namespace tessera::ui
