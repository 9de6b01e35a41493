#pragma once

#include "core/model/geo.h"
#include "core/model/ids.h"

#include <string>
#include <vector>

namespace tessera {

/// A sales representative: where they live and how much they can carry.
struct Rep {
    RepId id;                      ///< dense index in the project's rep list
    std::string key;               ///< id from the source file
    std::string name;
    LonLat home;
    double capacityHours = 0.0;    ///< working hours per period; 0 = not set
    std::vector<std::string> skills;

    bool operator==(const Rep &) const = default;
};

} // namespace tessera
