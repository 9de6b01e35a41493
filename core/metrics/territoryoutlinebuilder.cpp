#include "core/metrics/territoryoutlinebuilder.h"

#include "core/geometry/unittopology.h"
#include "core/model/alignment.h"
#include "core/model/unitlayer.h"

#include <algorithm>

namespace tessera {

TerritoryOutlineBuilder::TerritoryOutlineBuilder(std::shared_ptr<const geometry::UnitTopology> topology)
    : mTopology(topology ? std::move(topology) : std::make_shared<const geometry::UnitTopology>())
{
}

TerritoryOutlineBuilder::TerritoryOutlineBuilder(const UnitLayer &units)
{
    // The default tolerance is in range and nothing can cancel: this cannot fail.
    auto topology = geometry::UnitTopology::build(units);
    mTopology = std::make_shared<const geometry::UnitTopology>(topology.isOk() ? std::move(topology).value()
                                                                                : geometry::UnitTopology());
}

std::size_t TerritoryOutlineBuilder::unitCount() const
{
    return mTopology->unitCount();
}

TerritoryOutline TerritoryOutlineBuilder::outline(const Alignment &alignment, TerritoryId territory) const
{
    const TerritoryId only[] = {territory};
    return build(alignment, only).front();
}

std::vector<TerritoryOutline> TerritoryOutlineBuilder::build(const Alignment &alignment,
                                                             std::size_t territoryCount) const
{
    std::vector<TerritoryId> order;
    order.reserve(territoryCount);
    for (std::size_t t = 0; t < territoryCount; ++t)
        order.emplace_back(static_cast<std::int32_t>(t));
    return build(alignment, order);
}

std::vector<TerritoryOutline> TerritoryOutlineBuilder::build(const Alignment &alignment,
                                                             std::span<const TerritoryId> territories) const
{
    const geometry::UnitTopology &topology = *mTopology;
    std::vector<TerritoryOutline> result(territories.size());
    // Where each wanted territory's outline goes in the result.
    std::vector<std::int32_t> position;
    for (std::size_t i = 0; i < territories.size(); ++i) {
        result[i].territory = territories[i];
        if (!territories[i].isValid())
            continue;
        const auto t = static_cast<std::size_t>(territories[i].value());
        if (t >= position.size())
            position.resize(t + 1, -1);
        if (position[t] < 0)
            position[t] = static_cast<std::int32_t>(i);
    }
    const std::vector<TerritoryId> &assignment = alignment.unitTerritories();
    auto slotOf = [&](UnitId unit) -> std::int32_t {
        if (!unit.isValid() || static_cast<std::size_t>(unit.value()) >= assignment.size())
            return -1;
        const TerritoryId t = assignment[static_cast<std::size_t>(unit.value())];
        return t.isValid() && static_cast<std::size_t>(t.value()) < position.size()
                   ? position[static_cast<std::size_t>(t.value())]
                   : -1;
    };
    auto territoryOf = [&](UnitId unit) {
        return unit.isValid() && static_cast<std::size_t>(unit.value()) < assignment.size()
                   ? assignment[static_cast<std::size_t>(unit.value())]
                   : TerritoryId();
    };

    // Border arcs of each wanted territory, walked with the territory on the left.
    struct Step {
        std::int32_t slot;
        std::uint32_t from, to; ///< end vertices in walking order
        std::uint32_t arc;
        bool reversed;
    };
    std::vector<Step> steps;
    for (std::size_t a = 0; a < topology.arcCount(); ++a) {
        const geometry::UnitTopology::Arc &arc = topology.arc(a);
        if (territoryOf(arc.left) == territoryOf(arc.right))
            continue;
        const auto ids = topology.arcVertices(a);
        if (const std::int32_t slot = slotOf(arc.left); slot >= 0)
            steps.push_back({slot, ids.front(), ids.back(), std::uint32_t(a), false});
        if (const std::int32_t slot = slotOf(arc.right); slot >= 0)
            steps.push_back({slot, ids.back(), ids.front(), std::uint32_t(a), true});
    }
    std::sort(steps.begin(), steps.end(), [](const Step &x, const Step &y) {
        if (x.slot != y.slot)
            return x.slot < y.slot;
        if (x.from != y.from)
            return x.from < y.from;
        return x.arc < y.arc;
    });

    // Chain the arcs into rings, one territory (slot) at a time.
    std::vector<char> used(steps.size(), 0);
    auto append = [&](std::vector<LonLat> &points, const Step &step) {
        const auto ids = topology.arcVertices(step.arc);
        const std::size_t n = ids.size();
        for (std::size_t k = points.empty() ? 0 : 1; k < n; ++k)
            points.push_back(topology.vertex(ids[step.reversed ? n - 1 - k : k]));
    };
    for (std::size_t begin = 0; begin < steps.size();) {
        std::size_t end = begin;
        while (end < steps.size() && steps[end].slot == steps[begin].slot)
            ++end;
        TerritoryOutline &outline = result[static_cast<std::size_t>(steps[begin].slot)];
        auto nextFrom = [&](std::uint32_t vertex) -> std::size_t {
            auto it = std::lower_bound(steps.begin() + std::ptrdiff_t(begin), steps.begin() + std::ptrdiff_t(end),
                                       vertex, [](const Step &s, std::uint32_t v) { return s.from < v; });
            for (; it != steps.begin() + std::ptrdiff_t(end) && it->from == vertex; ++it)
                if (!used[static_cast<std::size_t>(it - steps.begin())])
                    return static_cast<std::size_t>(it - steps.begin());
            return steps.size();
        };
        for (std::size_t s = begin; s < end; ++s) {
            if (used[s])
                continue;
            used[s] = 1;
            std::vector<LonLat> points;
            append(points, steps[s]);
            const std::uint32_t start = steps[s].from;
            std::uint32_t current = steps[s].to;
            bool closed = current == start;
            while (!closed) {
                const std::size_t next = nextFrom(current);
                if (next == steps.size())
                    break;
                used[next] = 1;
                append(points, steps[next]);
                current = steps[next].to;
                closed = current == start;
            }
            if (closed)
                outline.rings.push_back(Ring{std::move(points)});
            else
                outline.openLines.push_back(std::move(points));
        }
        begin = end;
    }
    return result;
}

} // namespace tessera
