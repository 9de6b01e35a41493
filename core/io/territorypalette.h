#pragma once

#include <cstddef>
#include <cstdint>

namespace tessera::io {

/// Colour (0xRRGGBB) for the \a index-th territory of an imported plan:
/// the colour-blind-safe Okabe-Ito colours (black left out: it hides the
/// borders), then Tableau 10, then the same again.
std::uint32_t territoryColor(std::size_t index);

} // namespace tessera::io
