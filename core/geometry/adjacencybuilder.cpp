#include "core/geometry/adjacencybuilder.h"

#include <algorithm>

namespace tessera::geometry {

AdjacencyGraph buildAdjacency(const UnitTopology &topology, bool includePointContacts)
{
    // (unit pair, shared length) entries, summed per pair after a sort.
    struct Entry {
        std::uint64_t key; ///< low unit << 32 | high unit
        double lengthKm;
    };
    auto keyOf = [](UnitId a, UnitId b) {
        const auto low = std::uint32_t(std::min(a.value(), b.value()));
        const auto high = std::uint32_t(std::max(a.value(), b.value()));
        return (std::uint64_t(low) << 32) | high;
    };
    std::vector<Entry> entries;
    entries.reserve(topology.arcCount() + topology.looseContacts().size());
    for (std::size_t a = 0; a < topology.arcCount(); ++a) {
        const UnitTopology::Arc &arc = topology.arc(a);
        if (arc.right.isValid() && arc.right != arc.left)
            entries.push_back({keyOf(arc.left, arc.right), topology.arcLengthKm(a)});
    }
    for (const UnitTopology::LooseContact &contact : topology.looseContacts())
        entries.push_back({keyOf(contact.a, contact.b), contact.lengthKm});

    if (includePointContacts) {
        // Units meeting at a vertex without sharing an arc meet at a junction,
        // which is an end of the arcs of both.
        std::vector<std::uint64_t> vertexUnits; // vertex << 32 | unit
        vertexUnits.reserve(4 * topology.arcCount());
        for (std::size_t a = 0; a < topology.arcCount(); ++a) {
            const UnitTopology::Arc &arc = topology.arc(a);
            const auto ids = topology.arcVertices(a);
            for (std::uint32_t vertex : {ids.front(), ids.back()})
                for (UnitId unit : {arc.left, arc.right})
                    if (unit.isValid())
                        vertexUnits.push_back((std::uint64_t(vertex) << 32) | std::uint32_t(unit.value()));
        }
        std::sort(vertexUnits.begin(), vertexUnits.end());
        vertexUnits.erase(std::unique(vertexUnits.begin(), vertexUnits.end()), vertexUnits.end());
        for (std::size_t begin = 0; begin < vertexUnits.size();) {
            std::size_t end = begin + 1;
            while (end < vertexUnits.size() && (vertexUnits[end] >> 32) == (vertexUnits[begin] >> 32))
                ++end;
            for (std::size_t i = begin; i < end; ++i)
                for (std::size_t j = i + 1; j < end; ++j)
                    entries.push_back({keyOf(UnitId(std::int32_t(std::uint32_t(vertexUnits[i]))),
                                             UnitId(std::int32_t(std::uint32_t(vertexUnits[j])))),
                                       0.0});
            begin = end;
        }
    }

    std::stable_sort(entries.begin(), entries.end(), [](const Entry &x, const Entry &y) { return x.key < y.key; });
    std::vector<AdjacencyEdge> edges;
    for (const Entry &entry : entries) {
        if (!edges.empty() && keyOf(edges.back().a, edges.back().b) == entry.key) {
            edges.back().sharedLengthKm += entry.lengthKm;
            continue;
        }
        edges.push_back({UnitId(std::int32_t(entry.key >> 32)), UnitId(std::int32_t(entry.key & 0xFFFFFFFFu)),
                         entry.lengthKm});
    }
    return AdjacencyGraph(topology.unitCount(), std::move(edges));
}

Result<AdjacencyGraph> buildAdjacency(const UnitLayer &units, const AdjacencyOptions &options, Feedback *feedback)
{
    auto topology = UnitTopology::build(units, TopologyOptions{options.snapToleranceDeg}, feedback);
    if (!topology.isOk())
        return topology.error();
    return buildAdjacency(*topology, options.includePointContacts);
}

} // namespace tessera::geometry
