#pragma once

#include "core/model/ids.h"

#include <cstdint>
#include <string>

namespace tessera {

/// A territory of one scenario: a name, a display colour and an optional rep.
struct Territory {
    TerritoryId id;             ///< dense index in the scenario's territory list
    std::string name;
    std::uint32_t color = 0x808080; ///< 0xRRGGBB
    RepId rep;                  ///< invalid when no rep is assigned

    bool operator==(const Territory &) const = default;
};

} // namespace tessera
