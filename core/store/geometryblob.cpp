#include "core/store/geometryblob.h"

#include <bit>
#include <cstdint>
#include <cstring>

namespace tessera::geometryblob {

static_assert(std::endian::native == std::endian::little, "the project format is little-endian");
static_assert(sizeof(LonLat) == 2 * sizeof(double), "LonLat must be two packed doubles");

namespace {

constexpr std::uint8_t Format = 1;

void putU32(std::string &out, std::uint32_t value)
{
    char bytes[4];
    std::memcpy(bytes, &value, 4);
    out.append(bytes, 4);
}

void putRing(std::string &out, const Ring &ring)
{
    putU32(out, static_cast<std::uint32_t>(ring.points.size()));
    out.append(reinterpret_cast<const char *>(ring.points.data()), ring.points.size() * sizeof(LonLat));
}

class Reader {
public:
    explicit Reader(std::string_view data) : mData(data) {}

    bool u32(std::uint32_t &value)
    {
        if (mData.size() - mPos < 4)
            return false;
        std::memcpy(&value, mData.data() + mPos, 4);
        mPos += 4;
        return true;
    }
    bool ring(Ring &ring)
    {
        std::uint32_t count = 0;
        if (!u32(count))
            return false;
        const std::size_t bytes = std::size_t(count) * sizeof(LonLat);
        if (mData.size() - mPos < bytes)
            return false;
        ring.points.resize(count);
        if (bytes > 0) // memcpy from or to an empty vector's null data is undefined
            std::memcpy(ring.points.data(), mData.data() + mPos, bytes);
        mPos += bytes;
        return true;
    }
    std::size_t remaining() const { return mData.size() - mPos; }

private:
    std::string_view mData;
    std::size_t mPos = 1; // after the format byte
};

} // namespace

std::string encode(const MultiPolygon &geometry)
{
    std::size_t size = 5;
    for (const Polygon &polygon : geometry.polygons) {
        size += 8 + polygon.outer.points.size() * sizeof(LonLat);
        for (const Ring &hole : polygon.holes)
            size += 4 + hole.points.size() * sizeof(LonLat);
    }
    std::string out;
    out.reserve(size);
    out.push_back(static_cast<char>(Format));
    putU32(out, static_cast<std::uint32_t>(geometry.polygons.size()));
    for (const Polygon &polygon : geometry.polygons) {
        putU32(out, static_cast<std::uint32_t>(1 + polygon.holes.size()));
        putRing(out, polygon.outer);
        for (const Ring &hole : polygon.holes)
            putRing(out, hole);
    }
    return out;
}

std::optional<MultiPolygon> decode(std::string_view blob)
{
    if (blob.empty() || static_cast<std::uint8_t>(blob[0]) != Format)
        return std::nullopt;
    Reader reader(blob);
    std::uint32_t polygonCount = 0;
    // Every polygon needs at least 8 bytes: a bound that stops absurd counts.
    if (!reader.u32(polygonCount) || polygonCount > reader.remaining() / 8)
        return std::nullopt;
    MultiPolygon geometry;
    geometry.polygons.resize(polygonCount);
    for (Polygon &polygon : geometry.polygons) {
        std::uint32_t ringCount = 0;
        if (!reader.u32(ringCount) || ringCount == 0 || ringCount > reader.remaining() / 4)
            return std::nullopt;
        if (!reader.ring(polygon.outer))
            return std::nullopt;
        polygon.holes.resize(ringCount - 1);
        for (Ring &hole : polygon.holes)
            if (!reader.ring(hole))
                return std::nullopt;
    }
    if (reader.remaining() != 0)
        return std::nullopt;
    return geometry;
}

} // namespace tessera::geometryblob
