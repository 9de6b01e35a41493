#include "core/metrics/contiguitytracker.h"

#include "core/metrics/unitweights.h"

#include <algorithm>
#include <iterator>

namespace tessera {

void ContiguityTracker::reset(const UnitWeights &weights, const std::vector<TerritoryId> &assignment,
                              std::size_t territoryCount)
{
    mWeights = &weights;
    mMembers.assign(territoryCount, {});
    mPieces.assign(territoryCount, 0);
    mCutOff.assign(territoryCount, {});
    mStale.assign(territoryCount, 1);
    mPosition.assign(assignment.size(), 0);
    mStamp.assign(assignment.size(), 0);
    mLabel.assign(assignment.size(), -1);
    mEpoch = 0;
    for (std::size_t u = 0; u < assignment.size(); ++u) {
        if (!isTracked(assignment[u]))
            continue;
        std::vector<UnitId> &members = mMembers[index(assignment[u])];
        mPosition[u] = static_cast<std::uint32_t>(members.size());
        members.emplace_back(static_cast<std::int32_t>(u));
    }
    for (std::size_t t = 0; t < territoryCount; ++t)
        update(TerritoryId(static_cast<std::int32_t>(t)), assignment);
}

bool ContiguityTracker::neighboursStayConnected(std::size_t unit, TerritoryId territory,
                                                const std::vector<TerritoryId> &assignment)
{
    // Any path through the unit enters and leaves by two of its neighbours in
    // the territory; if those neighbours are connected among themselves the
    // path can go round, so the territory stays in one piece.
    const std::vector<std::uint32_t> &offsets = mWeights->adjacencyOffsets;
    const std::vector<std::int32_t> &neighbours = mWeights->neighbours;
    std::int32_t local[16];
    std::size_t count = 0;
    for (std::uint32_t k = offsets[unit]; k < offsets[unit + 1]; ++k)
        if (assignment[static_cast<std::size_t>(neighbours[k])] == territory) {
            if (count == std::size(local))
                return false; // unusually many: let the search decide
            local[count++] = neighbours[k];
        }
    auto adjacent = [&](std::int32_t a, std::int32_t b) {
        const auto begin = neighbours.begin() + offsets[static_cast<std::size_t>(a)];
        const auto end = neighbours.begin() + offsets[static_cast<std::size_t>(a) + 1];
        return std::binary_search(begin, end, b);
    };
    // Grow a connected set from the first neighbour.
    bool reached[16] = {true};
    std::size_t reachedCount = 1;
    for (bool grew = true; grew && reachedCount < count;) {
        grew = false;
        for (std::size_t i = 0; i < count; ++i) {
            if (reached[i])
                continue;
            for (std::size_t j = 0; j < count; ++j)
                if (reached[j] && adjacent(local[i], local[j])) {
                    reached[i] = true;
                    ++reachedCount;
                    grew = true;
                    break;
                }
        }
    }
    return reachedCount == count;
}

void ContiguityTracker::moveUnit(UnitId unit, TerritoryId from, TerritoryId to,
                                 const std::vector<TerritoryId> &assignment)
{
    const auto u = static_cast<std::size_t>(unit.value());
    std::size_t besideFrom = 0, besideTo = 0;
    for (std::uint32_t k = mWeights->adjacencyOffsets[u]; k < mWeights->adjacencyOffsets[u + 1]; ++k) {
        const TerritoryId other = assignment[static_cast<std::size_t>(mWeights->neighbours[k])];
        besideFrom += other == from ? 1 : 0;
        besideTo += other == to ? 1 : 0;
    }
    if (isTracked(from)) {
        const std::size_t t = index(from);
        std::vector<UnitId> &members = mMembers[t];
        const std::uint32_t position = mPosition[u];
        members[position] = members.back();
        mPosition[static_cast<std::size_t>(members[position].value())] = position;
        members.pop_back();
        if (members.size() <= 1) {
            mPieces[t] = members.size();
            mCutOff[t].clear();
            mStale[t] = 0;
        } else if (!(mStale[t] == 0 && mPieces[t] == 1
                     && (besideFrom == 1 || neighboursStayConnected(u, from, assignment)))) {
            mStale[t] = 1; // otherwise the territory may have split
        }
    }
    if (isTracked(to)) {
        const std::size_t t = index(to);
        std::vector<UnitId> &members = mMembers[t];
        mPosition[u] = static_cast<std::uint32_t>(members.size());
        members.push_back(unit);
        if (members.size() == 1) {
            mPieces[t] = 1;
            mCutOff[t].clear();
            mStale[t] = 0;
        } else if (!(mStale[t] == 0 && mPieces[t] == 1 && besideTo >= 1)) {
            mStale[t] = 1; // joining a single piece next to it keeps it whole
        }
    }
}

void ContiguityTracker::update(TerritoryId territory, const std::vector<TerritoryId> &assignment)
{
    if (!isTracked(territory) || !mStale[index(territory)])
        return;
    search(index(territory), assignment);
    mStale[index(territory)] = 0;
}

void ContiguityTracker::search(std::size_t t, const std::vector<TerritoryId> &assignment)
{
    const TerritoryId territory(static_cast<std::int32_t>(t));
    const std::vector<UnitId> &members = mMembers[t];
    std::vector<UnitId> &cutOff = mCutOff[t];
    cutOff.clear();
    if (members.empty()) {
        mPieces[t] = 0;
        return;
    }
    if (++mEpoch == 0) { // wrapped: clear the stamps once every 2^32 searches
        std::fill(mStamp.begin(), mStamp.end(), 0);
        mEpoch = 1;
    }
    const std::vector<std::uint32_t> &offsets = mWeights->adjacencyOffsets;
    const std::vector<std::int32_t> &neighbours = mWeights->neighbours;

    // Label pieces; remember each piece's size and lowest unit id.
    std::vector<std::size_t> sizes;
    std::vector<std::int32_t> lowest;
    for (UnitId start : members) {
        const auto s = static_cast<std::size_t>(start.value());
        if (mStamp[s] == mEpoch)
            continue;
        const auto label = static_cast<std::int32_t>(sizes.size());
        sizes.push_back(0);
        lowest.push_back(start.value());
        mStamp[s] = mEpoch;
        mLabel[s] = label;
        mStack.clear();
        mStack.push_back(start.value());
        while (!mStack.empty()) {
            const auto u = static_cast<std::size_t>(mStack.back());
            mStack.pop_back();
            ++sizes.back();
            lowest.back() = std::min(lowest.back(), static_cast<std::int32_t>(u));
            for (std::uint32_t k = offsets[u]; k < offsets[u + 1]; ++k) {
                const auto v = static_cast<std::size_t>(neighbours[k]);
                if (mStamp[v] != mEpoch && assignment[v] == territory) {
                    mStamp[v] = mEpoch;
                    mLabel[v] = label;
                    mStack.push_back(neighbours[k]);
                }
            }
        }
    }
    mPieces[t] = sizes.size();
    if (sizes.size() <= 1)
        return;
    std::size_t main = 0;
    for (std::size_t p = 1; p < sizes.size(); ++p)
        if (sizes[p] > sizes[main] || (sizes[p] == sizes[main] && lowest[p] < lowest[main]))
            main = p;
    for (UnitId unit : members)
        if (mLabel[static_cast<std::size_t>(unit.value())] != static_cast<std::int32_t>(main))
            cutOff.push_back(unit);
    std::sort(cutOff.begin(), cutOff.end());
}

} // namespace tessera
