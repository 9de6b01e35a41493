#include "core/model/adjacencygraph.h"

#include <algorithm>

namespace tessera {

AdjacencyGraph::AdjacencyGraph(std::size_t unitCount, std::vector<AdjacencyEdge> edges)
{
    for (AdjacencyEdge &e : edges)
        if (e.b < e.a)
            std::swap(e.a, e.b);
    std::erase_if(edges, [unitCount](const AdjacencyEdge &e) {
        return e.a == e.b || !e.a.isValid() || static_cast<std::size_t>(e.b.value()) >= unitCount;
    });
    std::sort(edges.begin(), edges.end(), [](const AdjacencyEdge &x, const AdjacencyEdge &y) {
        return std::pair(x.a, x.b) < std::pair(y.a, y.b);
    });
    // Keep one edge per pair, with the longest shared boundary reported.
    std::vector<AdjacencyEdge> unique;
    unique.reserve(edges.size());
    for (const AdjacencyEdge &e : edges) {
        if (!unique.empty() && unique.back().a == e.a && unique.back().b == e.b)
            unique.back().sharedLengthKm = std::max(unique.back().sharedLengthKm, e.sharedLengthKm);
        else
            unique.push_back(e);
    }
    mEdges = std::move(unique);

    std::vector<std::uint32_t> degree(unitCount, 0);
    for (const AdjacencyEdge &e : mEdges) {
        ++degree[static_cast<std::size_t>(e.a.value())];
        ++degree[static_cast<std::size_t>(e.b.value())];
    }
    mOffsets.assign(unitCount + 1, 0);
    for (std::size_t i = 0; i < unitCount; ++i)
        mOffsets[i + 1] = mOffsets[i] + degree[i];
    mNeighbours.resize(mOffsets.back());
    mLengths.resize(mOffsets.back());
    std::vector<std::uint32_t> cursor(mOffsets.begin(), mOffsets.end() - 1);
    for (const AdjacencyEdge &e : mEdges) {
        const auto ia = static_cast<std::size_t>(e.a.value());
        const auto ib = static_cast<std::size_t>(e.b.value());
        mNeighbours[cursor[ia]] = e.b;
        mLengths[cursor[ia]++] = e.sharedLengthKm;
        mNeighbours[cursor[ib]] = e.a;
        mLengths[cursor[ib]++] = e.sharedLengthKm;
    }
    // Edges are sorted by (a, b), so each row is sorted except that entries
    // coming from the "b" side precede later "a" entries; sort rows to be safe.
    for (std::size_t i = 0; i < unitCount; ++i) {
        const std::size_t begin = mOffsets[i], end = mOffsets[i + 1];
        std::vector<std::pair<UnitId, double>> row;
        row.reserve(end - begin);
        for (std::size_t k = begin; k < end; ++k)
            row.emplace_back(mNeighbours[k], mLengths[k]);
        std::sort(row.begin(), row.end(), [](const auto &x, const auto &y) { return x.first < y.first; });
        for (std::size_t k = begin; k < end; ++k) {
            mNeighbours[k] = row[k - begin].first;
            mLengths[k] = row[k - begin].second;
        }
    }
}

std::span<const UnitId> AdjacencyGraph::neighbours(UnitId unit) const
{
    const auto i = static_cast<std::size_t>(unit.value());
    return {mNeighbours.data() + mOffsets[i], mOffsets[i + 1] - mOffsets[i]};
}

std::span<const double> AdjacencyGraph::sharedLengths(UnitId unit) const
{
    const auto i = static_cast<std::size_t>(unit.value());
    return {mLengths.data() + mOffsets[i], mOffsets[i + 1] - mOffsets[i]};
}

bool AdjacencyGraph::areAdjacent(UnitId a, UnitId b) const
{
    const auto row = neighbours(a);
    return std::binary_search(row.begin(), row.end(), b);
}

std::vector<UnitId> AdjacencyGraph::islands() const
{
    std::vector<UnitId> result;
    for (std::size_t i = 0; i < unitCount(); ++i)
        if (mOffsets[i] == mOffsets[i + 1])
            result.emplace_back(static_cast<std::int32_t>(i));
    return result;
}

std::pair<std::vector<int>, int> AdjacencyGraph::components() const
{
    const std::size_t n = unitCount();
    std::vector<int> component(n, -1);
    std::vector<UnitId> stack;
    int count = 0;
    for (std::size_t start = 0; start < n; ++start) {
        if (component[start] >= 0)
            continue;
        component[start] = count;
        stack.emplace_back(static_cast<std::int32_t>(start));
        while (!stack.empty()) {
            const UnitId u = stack.back();
            stack.pop_back();
            for (UnitId v : neighbours(u)) {
                int &c = component[static_cast<std::size_t>(v.value())];
                if (c < 0) {
                    c = count;
                    stack.push_back(v);
                }
            }
        }
        ++count;
    }
    return {std::move(component), count};
}

} // namespace tessera
