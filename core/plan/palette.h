#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace tessera {
class AdjacencyGraph;
struct Scenario;
}

/// The one territory palette of the product (0xRRGGBB, no Qt): the canvas,
/// new territories, imported plans and optimized plans all take their colours
/// from here. The UI turns them into QColor.
namespace tessera::palette {

/// Fill colours safe for colour-blind readers: Okabe-Ito first (black left
/// out: it hides the borders), then the Tableau 10 colours that are not
/// near-duplicates of them.
const std::vector<std::uint32_t> &territoryColors();

/// The \a index-th palette colour, wrapping around after the last.
std::uint32_t territoryColor(std::size_t index);

/// A colour for each territory of \a scenario such that territories sharing a
/// unit boundary differ: greedy colouring over the territory adjacency
/// (highest degree first, least-used free colour). Falls back to the least
/// conflicting colour when a territory touches more territories than the
/// palette holds.
std::vector<std::uint32_t> distinctColors(const AdjacencyGraph &adjacency, const Scenario &scenario);

/// The palette colour least used among \a used (the first of those on a tie),
/// for a new territory.
std::uint32_t nextColor(const std::vector<std::uint32_t> &used);

/// Sequential colour ramp (viridis, colour-blind safe) at \a t in [0, 1], for
/// attribute maps.
std::uint32_t rampColor(double t);

} // namespace tessera::palette
