#include "core/io/territorypalette.h"

#include <array>

namespace tessera::io {

std::uint32_t territoryColor(std::size_t index)
{
    static constexpr std::array<std::uint32_t, 17> palette = {
        // Okabe-Ito
        0xE69F00, 0x56B4E9, 0x009E73, 0xF0E442, 0x0072B2, 0xD55E00, 0xCC79A7,
        // Tableau 10
        0x4E79A7, 0xF28E2B, 0xE15759, 0x76B7B2, 0x59A14F, 0xEDC948, 0xB07AA1, 0xFF9DA7, 0x9C755F, 0xBAB0AC};
    return palette[index % palette.size()];
}

} // namespace tessera::io
