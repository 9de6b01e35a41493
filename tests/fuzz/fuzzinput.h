#pragma once
// Helpers shared by the libFuzzer targets: readers that take a path get the
// fuzzed bytes through one scratch file per process.

#include <cstddef>
#include <cstdint>
#include <string>

namespace tessera::fuzz {

/// Writes \a size bytes to a scratch file named with \a suffix (the readers
/// pick the format by extension) and returns its path. The file is rewritten
/// on every call and removed when the process ends.
std::string scratchFile(const std::uint8_t *data, std::size_t size, const std::string &suffix);

} // namespace tessera::fuzz
