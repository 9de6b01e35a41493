#pragma once

#include <cstdint>
#include <vector>

namespace tessera::geometry {

/// A small open-addressing hash map from 64-bit keys to 32-bit values, for
/// the hot loops of the geometry module (vertex snapping, edge matching).
/// Linear probing over a power-of-two table; no erase. Internal helper.
class FlatMap64 {
public:
    static constexpr std::uint32_t NotFound = 0xffffffffu;

    explicit FlatMap64(std::size_t expected = 16)
    {
        std::size_t capacity = 16;
        while (capacity < expected * 2)
            capacity *= 2;
        mKeys.assign(capacity, EmptyKey);
        mValues.assign(capacity, NotFound);
        mMask = capacity - 1;
    }

    std::size_t size() const { return mSize; }

    /// The value stored for \a key, or NotFound.
    std::uint32_t find(std::uint64_t key) const
    {
        for (std::size_t i = slot(key);; i = (i + 1) & mMask) {
            if (mKeys[i] == key)
                return mValues[i];
            if (mKeys[i] == EmptyKey)
                return NotFound;
        }
    }

    /// Inserts \a key with \a value unless present; returns the stored value
    /// (the existing one when the key was already there).
    std::uint32_t insert(std::uint64_t key, std::uint32_t value)
    {
        if ((mSize + 1) * 2 > mKeys.size())
            grow();
        for (std::size_t i = slot(key);; i = (i + 1) & mMask) {
            if (mKeys[i] == key)
                return mValues[i];
            if (mKeys[i] == EmptyKey) {
                mKeys[i] = key;
                mValues[i] = value;
                ++mSize;
                return value;
            }
        }
    }

private:
    static constexpr std::uint64_t EmptyKey = ~std::uint64_t(0);

    std::size_t slot(std::uint64_t key) const
    {
        // splitmix64 finaliser: spreads grid-cell keys over the table.
        key ^= key >> 30;
        key *= 0xbf58476d1ce4e5b9ull;
        key ^= key >> 27;
        key *= 0x94d049bb133111ebull;
        key ^= key >> 31;
        return std::size_t(key) & mMask;
    }

    void grow()
    {
        std::vector<std::uint64_t> keys = std::move(mKeys);
        std::vector<std::uint32_t> values = std::move(mValues);
        mKeys.assign(keys.size() * 2, EmptyKey);
        mValues.assign(keys.size() * 2, NotFound);
        mMask = mKeys.size() - 1;
        mSize = 0;
        for (std::size_t i = 0; i < keys.size(); ++i)
            if (keys[i] != EmptyKey)
                insert(keys[i], values[i]);
    }

    std::vector<std::uint64_t> mKeys;
    std::vector<std::uint32_t> mValues;
    std::size_t mMask = 0;
    std::size_t mSize = 0;
};

} // namespace tessera::geometry
