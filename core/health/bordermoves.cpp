#include "core/health/bordermoves.h"

#include "core/model/adjacencygraph.h"
#include "core/model/alignment.h"

#include <algorithm>
#include <set>
#include <tuple>

namespace tessera {

namespace {

/// Whether \a unit's neighbours in \a territory still reach each other
/// without it: then its piece of the territory stays whole (and not empty).
bool staysWhole(const AdjacencyGraph &adjacency, const Alignment &alignment, UnitId unit, TerritoryId territory)
{
    std::vector<UnitId> inside;
    for (UnitId n : adjacency.neighbours(unit))
        if (alignment.territoryOf(n) == territory)
            inside.push_back(n);
    if (inside.empty())
        return false; // the unit is a piece of its own; moving it is for the contiguity repair
    // Every same-territory neighbour must still reach the first one without \a unit.
    std::set<std::int32_t> wanted;
    for (UnitId n : inside)
        wanted.insert(n.value());
    std::set<std::int32_t> seen{unit.value(), inside.front().value()};
    std::vector<UnitId> stack{inside.front()};
    std::size_t reached = 1;
    while (!stack.empty() && reached < wanted.size()) {
        const UnitId at = stack.back();
        stack.pop_back();
        for (UnitId n : adjacency.neighbours(at)) {
            if (alignment.territoryOf(n) != territory || !seen.insert(n.value()).second)
                continue;
            reached += wanted.count(n.value());
            stack.push_back(n);
        }
    }
    return reached == wanted.size();
}

bool isLocked(const std::vector<int> &locked, UnitId unit)
{
    const auto u = static_cast<std::size_t>(unit.value());
    return u < locked.size() && locked[u] >= 0;
}

} // namespace

std::vector<BorderMove> borderMovesAround(const AdjacencyGraph &adjacency, const Alignment &alignment,
                                          const std::vector<TerritoryId> &territories,
                                          const std::vector<int> &locked)
{
    std::set<std::tuple<std::int32_t, std::int32_t, std::int32_t>> moves; // unit, from, to: sorted, no repeats
    const auto consider = [&](UnitId unit, TerritoryId from, TerritoryId to) {
        if (!from.isValid() || !to.isValid() || from == to || isLocked(locked, unit))
            return;
        if (moves.count({unit.value(), from.value(), to.value()}) || !staysWhole(adjacency, alignment, unit, from))
            return;
        moves.insert({unit.value(), from.value(), to.value()});
    };
    const std::set<TerritoryId> aimed(territories.begin(), territories.end());
    const std::size_t n = std::min(alignment.unitCount(), adjacency.unitCount());
    for (std::size_t u = 0; u < n; ++u) {
        const UnitId unit(static_cast<std::int32_t>(u));
        const TerritoryId own = alignment.territoryOf(unit);
        for (UnitId neighbour : adjacency.neighbours(unit)) {
            const TerritoryId other = alignment.territoryOf(neighbour);
            // An aimed territory gives a border unit away, or takes one from its neighbour.
            if (aimed.count(own) || aimed.count(other))
                consider(unit, own, other);
        }
    }
    std::vector<BorderMove> list;
    list.reserve(moves.size());
    for (const auto &[unit, from, to] : moves)
        list.push_back({UnitId(unit), TerritoryId(from), TerritoryId(to)});
    return list;
}

} // namespace tessera
