#include "core/plan/palette.h"

#include "core/model/adjacencygraph.h"
#include "core/model/scenario.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>
#include <set>

namespace tessera::palette {

const std::vector<std::uint32_t> &territoryColors()
{
    static const std::vector<std::uint32_t> colors = {
        // Okabe-Ito (without black)
        0xE69F00, 0x56B4E9, 0x009E73, 0xF0E442, 0x0072B2, 0xD55E00, 0xCC79A7,
        // Tableau 10 (without the tones Okabe-Ito already covers)
        0x4E79A7, 0xE15759, 0x76B7B2, 0x59A14F, 0xEDC948, 0xB07AA1, 0xFF9DA7, 0x9C755F, 0xBAB0AC,
    };
    return colors;
}

std::uint32_t territoryColor(std::size_t index)
{
    const auto &colors = territoryColors();
    return colors[index % colors.size()];
}

std::vector<std::uint32_t> distinctColors(const AdjacencyGraph &adjacency, const Scenario &scenario)
{
    const std::size_t count = scenario.territories.size();
    const auto &colors = territoryColors();
    std::vector<std::set<std::size_t>> neighbours(count);
    const Alignment &alignment = scenario.alignment;
    for (const AdjacencyEdge &edge : adjacency.edges()) {
        if (static_cast<std::size_t>(std::max(edge.a.value(), edge.b.value())) >= alignment.unitCount())
            continue;
        const TerritoryId ta = alignment.territoryOf(edge.a);
        const TerritoryId tb = alignment.territoryOf(edge.b);
        if (!ta.isValid() || !tb.isValid() || ta == tb)
            continue;
        const auto a = static_cast<std::size_t>(ta.value());
        const auto b = static_cast<std::size_t>(tb.value());
        if (a >= count || b >= count)
            continue;
        neighbours[a].insert(b);
        neighbours[b].insert(a);
    }
    std::vector<std::size_t> order(count);
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return neighbours[a].size() > neighbours[b].size(); });

    std::vector<int> chosen(count, -1);
    std::vector<int> uses(colors.size(), 0);
    for (std::size_t t : order) {
        std::vector<int> conflicts(colors.size(), 0);
        for (std::size_t n : neighbours[t])
            if (chosen[n] >= 0)
                ++conflicts[static_cast<std::size_t>(chosen[n])];
        // Fewest conflicting neighbours first, then least used, then palette order.
        std::size_t best = 0;
        for (std::size_t c = 1; c < colors.size(); ++c) {
            if (std::tie(conflicts[c], uses[c]) < std::tie(conflicts[best], uses[best]))
                best = c;
        }
        chosen[t] = static_cast<int>(best);
        ++uses[best];
    }
    std::vector<std::uint32_t> result(count);
    for (std::size_t t = 0; t < count; ++t)
        result[t] = colors[static_cast<std::size_t>(chosen[t])];
    return result;
}

std::uint32_t nextColor(const std::vector<std::uint32_t> &used)
{
    const auto &colors = territoryColors();
    std::size_t best = 0;
    long bestUses = -1;
    for (std::size_t c = 0; c < colors.size(); ++c) {
        const long n = std::count(used.begin(), used.end(), colors[c]);
        if (bestUses < 0 || n < bestUses) {
            best = c;
            bestUses = n;
        }
    }
    return colors[best];
}

std::uint32_t rampColor(double t)
{
    // Viridis sampled at 9 stops.
    static const std::array<std::uint32_t, 9> stops = {0x440154, 0x472D7B, 0x3B528B, 0x2C728E, 0x21918C,
                                                       0x28AE80, 0x5EC962, 0xADDC30, 0xFDE725};
    t = std::clamp(std::isfinite(t) ? t : 0.0, 0.0, 1.0);
    const double position = t * (stops.size() - 1);
    const auto i = std::min<std::size_t>(static_cast<std::size_t>(position), stops.size() - 2);
    const double f = position - static_cast<double>(i);
    auto channel = [&](int shift) {
        const double a = (stops[i] >> shift) & 0xFF;
        const double b = (stops[i + 1] >> shift) & 0xFF;
        return static_cast<std::uint32_t>(std::lround(a + (b - a) * f)) << shift;
    };
    return channel(16) | channel(8) | channel(0);
}

} // namespace tessera::palette
