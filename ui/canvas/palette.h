#pragma once

#include "core/model/adjacencygraph.h"
#include "core/model/scenario.h"

#include <cstdint>
#include <vector>

namespace tessera::ui::palette {

/// Fill colours safe for colour-blind readers: Okabe-Ito first, then the
/// Tableau 10 colours that are not near-duplicates of them. 0xRRGGBB.
const std::vector<std::uint32_t> &territoryColors();

/// A colour for each territory of \a scenario such that territories sharing a
/// unit boundary differ: greedy colouring over the territory adjacency
/// (highest degree first, least-used free colour). Falls back to the least
/// conflicting colour when a territory touches more territories than the
/// palette holds.
std::vector<std::uint32_t> distinctColors(const AdjacencyGraph &adjacency, const Scenario &scenario);

/// The palette colour least used among \a used and not in \a avoid, for a new territory.
std::uint32_t nextColor(const std::vector<std::uint32_t> &used);

/// Sequential colour ramp (viridis-like, colour-blind safe) at \a t in [0, 1].
std::uint32_t rampColor(double t);

} // namespace tessera::ui::palette
