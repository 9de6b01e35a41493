#pragma once

#include "core/model/ids.h"

#include <vector>

namespace tessera {

class AdjacencyGraph;
class Alignment;

/// A unit leaving one territory for an adjacent one.
struct BorderMove {
    UnitId unit;
    TerritoryId from;
    TerritoryId to;
};

/// The single-unit moves across the borders of \a territories: each border
/// unit of such a territory to each adjacent territory, and each unit of an
/// adjacent territory into it. A KPI is a ratio of sums, so no balance goal
/// of the optimizer aims at it; trading border units is how a breached
/// territory sheds low-KPI accounts or takes high-KPI ones, and the caller's
/// metrics engine judges which trade helps. A move is listed only when the
/// territory it leaves keeps at least one unit and stays in one piece, and
/// never for a unit \a locked (territory per unit, -1 = free; empty = none).
std::vector<BorderMove> borderMovesAround(const AdjacencyGraph &adjacency, const Alignment &alignment,
                                          const std::vector<TerritoryId> &territories,
                                          const std::vector<int> &locked);

} // namespace tessera
