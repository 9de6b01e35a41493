#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace tessera {

/// A unit the user wants to stay where it is ("this account stays with this
/// rep"): a rejected proposed move. Kept in the scenario's parameters JSON
/// under "pins" so later proposals respect it.
struct Pin {
    std::string unit;      ///< unit key
    std::string territory; ///< territory name it stays in
    std::string reason;    ///< the user's reason, may be empty
    std::int64_t rejectedAt = 0; ///< Unix seconds

    bool operator==(const Pin &) const = default;
};

/// The pins stored in \a parametersJson (empty when none or the JSON is invalid).
std::vector<Pin> pinsOf(const std::string &parametersJson);
/// \a parametersJson with its "pins" replaced by \a pins; other keys kept.
/// Invalid JSON starts an empty object.
std::string withPins(const std::string &parametersJson, const std::vector<Pin> &pins);

} // namespace tessera
