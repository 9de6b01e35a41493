#include "core/metrics/territoryoutlinebuilder.h"

#include "core/model/alignment.h"
#include "core/model/unitlayer.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace tessera {

namespace {

/// Twice the signed planar area of \a points (counter-clockwise > 0).
double orientation(const std::vector<LonLat> &points)
{
    double sum = 0.0;
    for (std::size_t i = 0, n = points.size(); i < n; ++i) {
        const LonLat &a = points[i], &b = points[(i + 1) % n];
        sum += a.lon * b.lat - b.lon * a.lat;
    }
    return sum;
}

} // namespace

TerritoryOutlineBuilder::TerritoryOutlineBuilder(const UnitLayer &units, double snapDegrees)
{
    // Rounded coordinates must fit in 32 bits each: 1e-7° is the finest step.
    const double snap = std::max(snapDegrees, 1e-7);
    std::unordered_map<std::uint64_t, std::uint32_t> vertexIds;
    vertexIds.reserve(units.size() * 16);
    auto vertexOf = [&](const LonLat &p) {
        const auto lon = static_cast<std::int64_t>(std::llround(p.lon / snap)) + (std::int64_t(1) << 31);
        const auto lat = static_cast<std::int64_t>(std::llround(p.lat / snap)) + (std::int64_t(1) << 31);
        const std::uint64_t key = (static_cast<std::uint64_t>(lon) << 32) | static_cast<std::uint32_t>(lat);
        const auto [it, inserted] = vertexIds.try_emplace(key, static_cast<std::uint32_t>(mVertices.size()));
        if (inserted)
            mVertices.push_back(p);
        return it->second;
    };

    mUnitOffsets.reserve(units.size() + 1);
    mUnitOffsets.push_back(0);
    std::vector<LonLat> points;
    auto addRing = [&](const Ring &ring, bool outer) {
        points = ring.points;
        if (points.size() > 1 && points.front() == points.back())
            points.pop_back();
        std::erase_if(points, [](const LonLat &p) { return !std::isfinite(p.lon) || !std::isfinite(p.lat); });
        if (points.size() < 3)
            return;
        if ((orientation(points) > 0.0) != outer)
            std::reverse(points.begin(), points.end());
        std::uint32_t first = vertexOf(points.front()), previous = first;
        for (std::size_t i = 1; i <= points.size(); ++i) {
            const std::uint32_t current = i < points.size() ? vertexOf(points[i]) : first;
            if (current != previous) {
                mEdgeFrom.push_back(previous);
                mEdgeTo.push_back(current);
            }
            previous = current;
        }
    };
    for (const Unit &unit : units.units()) {
        if (unit.geometry)
            for (const Polygon &polygon : unit.geometry->polygons) {
                addRing(polygon.outer, true);
                for (const Ring &hole : polygon.holes)
                    addRing(hole, false);
            }
        mUnitOffsets.push_back(static_cast<std::uint32_t>(mEdgeFrom.size()));
    }
}

std::vector<TerritoryOutline> TerritoryOutlineBuilder::build(const Alignment &alignment,
                                                             std::size_t territoryCount) const
{
    std::vector<Directed> edges;
    edges.reserve(mEdgeFrom.size());
    const std::size_t n = std::min(unitCount(), alignment.unitCount());
    const std::vector<TerritoryId> &assignment = alignment.unitTerritories();
    for (std::size_t u = 0; u < n; ++u) {
        const TerritoryId t = assignment[u];
        if (!t.isValid() || static_cast<std::size_t>(t.value()) >= territoryCount)
            continue;
        for (std::uint32_t e = mUnitOffsets[u]; e < mUnitOffsets[u + 1]; ++e) {
            const std::uint32_t a = mEdgeFrom[e], b = mEdgeTo[e];
            edges.push_back(Directed{t.value(), std::min(a, b), std::max(a, b), a < b});
        }
    }
    std::vector<TerritoryId> order;
    order.reserve(territoryCount);
    for (std::size_t t = 0; t < territoryCount; ++t)
        order.emplace_back(static_cast<std::int32_t>(t));
    return assemble(edges, order, territoryCount);
}

std::vector<TerritoryOutline> TerritoryOutlineBuilder::build(const Alignment &alignment,
                                                             std::span<const TerritoryId> territories) const
{
    std::int32_t maxId = -1;
    for (TerritoryId t : territories)
        maxId = std::max(maxId, t.value());
    std::vector<char> wanted(static_cast<std::size_t>(maxId + 1), 0);
    for (TerritoryId t : territories)
        if (t.isValid())
            wanted[static_cast<std::size_t>(t.value())] = 1;
    std::vector<Directed> edges;
    const std::size_t n = std::min(unitCount(), alignment.unitCount());
    const std::vector<TerritoryId> &assignment = alignment.unitTerritories();
    for (std::size_t u = 0; u < n; ++u) {
        const TerritoryId t = assignment[u];
        if (!t.isValid() || t.value() > maxId || !wanted[static_cast<std::size_t>(t.value())])
            continue;
        for (std::uint32_t e = mUnitOffsets[u]; e < mUnitOffsets[u + 1]; ++e) {
            const std::uint32_t a = mEdgeFrom[e], b = mEdgeTo[e];
            edges.push_back(Directed{t.value(), std::min(a, b), std::max(a, b), a < b});
        }
    }
    return assemble(edges, territories, static_cast<std::size_t>(maxId + 1));
}

std::vector<TerritoryOutline> TerritoryOutlineBuilder::assemble(std::vector<Directed> &edges,
                                                                std::span<const TerritoryId> order,
                                                                std::size_t territoryCount) const
{
    std::sort(edges.begin(), edges.end(), [](const Directed &x, const Directed &y) {
        if (x.territory != y.territory)
            return x.territory < y.territory;
        if (x.low != y.low)
            return x.low < y.low;
        return x.high < y.high;
    });

    // Where each territory's outline goes in the result.
    std::vector<std::int32_t> position(territoryCount, -1);
    std::vector<TerritoryOutline> result(order.size());
    for (std::size_t i = 0; i < order.size(); ++i) {
        result[i].territory = order[i];
        if (order[i].isValid() && static_cast<std::size_t>(order[i].value()) < territoryCount
            && position[static_cast<std::size_t>(order[i].value())] < 0)
            position[static_cast<std::size_t>(order[i].value())] = static_cast<std::int32_t>(i);
    }

    struct Step {
        std::uint32_t from, to;
    };
    std::vector<Step> steps;
    std::vector<char> used;
    std::size_t i = 0;
    while (i < edges.size()) {
        const std::int32_t territory = edges[i].territory;
        // Cancel interior edges: equal end vertices running both ways.
        steps.clear();
        while (i < edges.size() && edges[i].territory == territory) {
            std::size_t j = i;
            int net = 0;
            while (j < edges.size() && edges[j].territory == territory && edges[j].low == edges[i].low
                   && edges[j].high == edges[i].high) {
                net += edges[j].forward ? 1 : -1;
                ++j;
            }
            for (int k = 0; k < std::abs(net); ++k)
                steps.push_back(net > 0 ? Step{edges[i].low, edges[i].high} : Step{edges[i].high, edges[i].low});
            i = j;
        }
        const std::int32_t target = position[static_cast<std::size_t>(territory)];
        if (target < 0)
            continue;
        TerritoryOutline &outline = result[static_cast<std::size_t>(target)];

        // Chain the remaining edges into rings.
        std::sort(steps.begin(), steps.end(), [](const Step &x, const Step &y) {
            return x.from != y.from ? x.from < y.from : x.to < y.to;
        });
        used.assign(steps.size(), 0);
        auto nextFrom = [&](std::uint32_t vertex) -> std::int64_t {
            auto it = std::lower_bound(steps.begin(), steps.end(), vertex,
                                       [](const Step &s, std::uint32_t v) { return s.from < v; });
            for (; it != steps.end() && it->from == vertex; ++it)
                if (!used[static_cast<std::size_t>(it - steps.begin())])
                    return it - steps.begin();
            return -1;
        };
        for (std::size_t s = 0; s < steps.size(); ++s) {
            if (used[s])
                continue;
            used[s] = 1;
            std::vector<LonLat> points{mVertices[steps[s].from]};
            const std::uint32_t start = steps[s].from;
            std::uint32_t current = steps[s].to;
            bool closed = false;
            while (true) {
                points.push_back(mVertices[current]);
                if (current == start) {
                    closed = true;
                    break;
                }
                const std::int64_t next = nextFrom(current);
                if (next < 0)
                    break;
                used[static_cast<std::size_t>(next)] = 1;
                current = steps[static_cast<std::size_t>(next)].to;
            }
            if (closed)
                outline.rings.push_back(Ring{std::move(points)});
            else
                outline.openLines.push_back(std::move(points));
        }
    }
    return result;
}

} // namespace tessera
