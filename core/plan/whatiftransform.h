#pragma once

#include "core/result.h"

#include <optional>
#include <string>
#include <variant>
#include <vector>

/// What-if transforms: edits of a scenario's input data and plan kept as data
/// (Scenario::transformsJson) so they can be applied again when the input
/// data changes. WhatIfApplier applies them; this header only describes them.
namespace tessera::whatif {

/// Which units or accounts a scale applies to. Empty = everything.
struct Selection {
    /// Units by source id (the GUI's selection); empty = no unit filter.
    std::vector<std::string> unitKeys;
    /// FIELD=VALUE: "segment" matches the account segment; "key" and "name"
    /// match the unit's id or name (a trailing * matches a prefix); any other
    /// FIELD is a numeric unit attribute compared with VALUE.
    std::string field;
    std::string value;

    bool isEmpty() const { return unitKeys.empty() && field.empty(); }
    bool operator==(const Selection &) const = default;
};

/// Multiply an attribute (unit column, account column or both, whichever
/// exist) by factor within a selection: a demand shock, a product launch.
struct ScaleAttribute {
    std::string attribute;
    double factor = 1.0;
    Selection selection;
    bool operator==(const ScaleAttribute &) const = default;
};

/// A new rep with a territory of their own, named after them.
struct AddRep {
    std::string name;
    double lon = 0.0;
    double lat = 0.0;
    double capacityHours = 0.0; ///< 0 = not set
    std::vector<std::string> skills;
    bool operator==(const AddRep &) const = default;
};

/// A rep leaves: their territory is dissolved into its neighbours, or kept
/// without a rep.
struct RemoveRep {
    std::string rep; ///< the rep's source id, or name
    bool dissolve = true;
    bool operator==(const RemoveRep &) const = default;
};

/// A rep moves house.
struct MoveRep {
    std::string rep;
    double lon = 0.0;
    double lat = 0.0;
    bool operator==(const MoveRep &) const = default;
};

/// A new plan with this many territories (re-optimized from the data).
struct SetTerritoryCount {
    int count = 1;
    bool operator==(const SetTerritoryCount &) const = default;
};

/// The balance tolerance of an attribute for later re-optimizations.
struct SetTolerance {
    std::string attribute;
    double tolerance = 0.05; ///< relative, 0.05 = ±5 %
    bool operator==(const SetTolerance &) const = default;
};

/// Rebalance the plan moving at most maxMoved units (or accounts).
struct Reoptimize {
    double maxMoved = -1; ///< -1 = no cap
    bool inAccounts = false;
    bool operator==(const Reoptimize &) const = default;
};

using Transform = std::variant<ScaleAttribute, AddRep, RemoveRep, MoveRep, SetTerritoryCount, SetTolerance, Reoptimize>;

/// Checks the arguments that need no project: finite factor > 0, lon/lat in
/// range, names present, count >= 1, tolerance in [0, 1). The error names the
/// transform (describe()).
Result<void> validate(const Transform &transform);

/// One line for people: "scale population × 2 where state=13".
std::string describe(const Transform &transform);

/// The JSON array stored in Scenario::transformsJson.
std::string toJson(const std::vector<Transform> &transforms);
/// Parses and validates toJson()'s output; InvalidInput names the bad entry.
Result<std::vector<Transform>> fromJson(const std::string &json);

} // namespace tessera::whatif
