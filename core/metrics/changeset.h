#pragma once

#include "core/model/ids.h"

#include <algorithm>
#include <cstdint>
#include <vector>

namespace tessera {

/// Groups of figures the metrics engine reports as changed, as bits.
enum class MetricChange : std::uint32_t {
    None = 0,
    Balance = 1u << 0,     ///< unit/account counts, attribute sums, shares, deviations
    Workload = 1u << 1,    ///< account hours, travel hours, utilisation, mean account distance
    Compactness = 1u << 2, ///< area, perimeter, Polsby–Popper, moment of inertia, centre
    Boundary = 1u << 3,    ///< boundary shared with other territories, cut edges
    Contiguity = 1u << 4,  ///< pieces and cut-off units
    Disruption = 1u << 5,  ///< units/accounts/revenue gained and lost against the baseline
    Outline = 1u << 6,     ///< the territory's set of units changed: refill and redraw its outline
    All = (1u << 7) - 1
};

constexpr MetricChange operator|(MetricChange a, MetricChange b)
{
    return static_cast<MetricChange>(static_cast<std::uint32_t>(a) | static_cast<std::uint32_t>(b));
}
constexpr MetricChange operator&(MetricChange a, MetricChange b)
{
    return static_cast<MetricChange>(static_cast<std::uint32_t>(a) & static_cast<std::uint32_t>(b));
}
constexpr MetricChange operator~(MetricChange a)
{
    return static_cast<MetricChange>(~static_cast<std::uint32_t>(a) & static_cast<std::uint32_t>(MetricChange::All));
}
constexpr MetricChange &operator|=(MetricChange &a, MetricChange b) { return a = a | b; }
/// Whether \a set holds any bit of \a flag.
constexpr bool hasChange(MetricChange set, MetricChange flag) { return (set & flag) != MetricChange::None; }

/// One territory whose figures changed, and which groups.
struct TerritoryChange {
    TerritoryId territory;
    MetricChange what = MetricChange::None;
    bool operator==(const TerritoryChange &) const = default;
};

/// What one engine call changed, so views repaint only that.
struct ChangeSet {
    /// Everything may have changed (full recompute, new territory list): repaint all.
    bool everything = false;
    /// Units whose territory changed, in the order they were moved.
    std::vector<UnitId> units;
    /// Territories with at least one changed figure, sorted by id.
    std::vector<TerritoryChange> territories;
    /// Reps whose per-rep figures (workload, disruption) changed, sorted.
    std::vector<RepId> reps;
    /// Plan-level figures changed.
    bool plan = false;

    bool isEmpty() const { return !everything && units.empty() && territories.empty() && reps.empty() && !plan; }

    /// The changed groups of \a territory (All when everything changed).
    MetricChange changesOf(TerritoryId territory) const
    {
        if (everything)
            return MetricChange::All;
        const auto it = std::lower_bound(territories.begin(), territories.end(), territory,
                                         [](const TerritoryChange &c, TerritoryId t) { return c.territory < t; });
        return it != territories.end() && it->territory == territory ? it->what : MetricChange::None;
    }

    bool operator==(const ChangeSet &) const = default;
};

} // namespace tessera
