#pragma once

#include "core/model/geo.h"
#include "core/model/ids.h"

#include <string>
#include <vector>

namespace tessera {

/// A customer location. Numeric attributes (revenue potential, workload
/// hours, visit frequency, KPIs) live in AccountLayer's AttributeTable.
struct Account {
    AccountId id;          ///< dense index in the layer
    std::string key;       ///< CRM id, as text
    std::string name;
    LonLat location;
    UnitId unit;           ///< containing unit; invalid when outside every unit
    std::string segment;
    /// Skills the serving rep must have (all of them), e.g. "senior", "oncology".
    std::vector<std::string> requiredSkills;

    bool operator==(const Account &) const = default;
};

} // namespace tessera
