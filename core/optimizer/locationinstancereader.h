#pragma once

#include "core/optimizer/locationproblem.h"
#include "core/result.h"

#include <optional>
#include <string>

namespace tessera {

/// A benchmark instance read from one of the published p-median file formats.
struct LocationInstance {
    std::string name;
    LocationProblem problem;
    /// The objective value stored in the file itself (pmedcap1 header), if any.
    std::optional<double> statedValue;
};

/// Readers of the published p-median benchmark formats, each with its set's
/// distance convention. Errors name the file and the line.
namespace locationinstancereader {

/// OR-Library pmed1..40: "n m p" then m lines "i j c" (1-based); the LAST cost of a
/// repeated pair wins, then Floyd-Warshall shortest paths; every vertex is a
/// customer of weight 1 and a candidate site.
Result<LocationInstance> readOrLibraryPmed(const std::string &path);

/// OR-Library pmedcap1 (Osman & Christofides): "index value", "n p Q", then n lines
/// "id x y demand"; distances floor(Euclidean); capacity Q at every site.
Result<LocationInstance> readOrLibraryPmedcap(const std::string &path);

/// Lorena & Senne SJC: "n p", then n lines "x y capacity demand"; unrounded
/// Euclidean distances.
Result<LocationInstance> readSjc(const std::string &path);

} // namespace locationinstancereader

} // namespace tessera
