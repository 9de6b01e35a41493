#pragma once

#include "core/model/ids.h"

#include <cstddef>
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

namespace tessera {

/// One undirected adjacency between two units with the length of boundary
/// they share (0 for units that only touch at a point or were joined by hand).
struct AdjacencyEdge {
    UnitId a;
    UnitId b;
    double sharedLengthKm = 0.0;

    bool operator==(const AdjacencyEdge &) const = default;
};

/// Unit adjacency in compressed sparse row form: neighbours(u) is a
/// contiguous span, which keeps BFS and local search cache friendly.
class AdjacencyGraph {
public:
    AdjacencyGraph() = default;
    /// Builds the graph over \a unitCount units; duplicate and self edges are dropped.
    AdjacencyGraph(std::size_t unitCount, std::vector<AdjacencyEdge> edges);

    std::size_t unitCount() const { return mOffsets.empty() ? 0 : mOffsets.size() - 1; }
    std::size_t edgeCount() const { return mEdges.size(); }
    const std::vector<AdjacencyEdge> &edges() const { return mEdges; }

    /// Neighbour ids of \a unit, sorted ascending.
    std::span<const UnitId> neighbours(UnitId unit) const;
    /// Shared boundary lengths, parallel to neighbours(unit).
    std::span<const double> sharedLengths(UnitId unit) const;
    std::size_t degree(UnitId unit) const { return neighbours(unit).size(); }
    bool areAdjacent(UnitId a, UnitId b) const;

    /// Units with no neighbour at all.
    std::vector<UnitId> islands() const;
    /// Connected component index of each unit, and the number of components.
    std::pair<std::vector<int>, int> components() const;

    bool operator==(const AdjacencyGraph &other) const { return mEdges == other.mEdges && unitCount() == other.unitCount(); }

private:
    std::vector<AdjacencyEdge> mEdges; ///< a < b, sorted
    std::vector<std::uint32_t> mOffsets;
    std::vector<UnitId> mNeighbours;
    std::vector<double> mLengths;
};

} // namespace tessera
