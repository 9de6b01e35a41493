#pragma once

#include "core/model/adjacencygraph.h"
#include "core/problemsink.h"
#include "core/result.h"

#include <string>
#include <vector>

namespace tessera::io {

/// Reads a CSV of adjacent unit pairs: header a,b (any names; the first two
/// columns are the unit ids) and an optional third column with the shared
/// boundary length in km. \a unitKeys are the units' ids, in the order of the
/// UnitIds the edges get. A missing or unreadable file is fatal. Every bad row
/// (fewer than two ids, an unknown id, a length that is not a number >= 0) is
/// reported to \a sink as an Error naming file, line and column and left out;
/// reading goes on, so one run lists every bad row.
Result<std::vector<AdjacencyEdge>> readAdjacencyCsv(const std::string &path, const std::vector<std::string> &unitKeys,
                                                    ProblemSink *sink);

} // namespace tessera::io
