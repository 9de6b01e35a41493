#pragma once

#include "core/model/geo.h"

#include <optional>
#include <string>
#include <string_view>

namespace tessera::geometryblob {

/// Compact binary form of a MultiPolygon, as stored in a project file.
/// Little-endian throughout:
///   u8  format (1)
///   u32 polygon count
///   per polygon: u32 ring count (outer first, then holes)
///   per ring:    u32 point count, then count x (f64 lon, f64 lat)
/// Points are kept bit for bit, so a round trip is exact.
std::string encode(const MultiPolygon &geometry);

/// Decodes \a blob; std::nullopt when it is truncated or malformed.
std::optional<MultiPolygon> decode(std::string_view blob);

} // namespace tessera::geometryblob
