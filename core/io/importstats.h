#pragma once

#include <cstddef>
#include <ostream>

namespace tessera::io {

/// What one import read and what it did with it. The counters add up:
/// read = imported + skipped; repaired is a subset of imported.
struct ImportStats {
    std::size_t read = 0;      ///< features or data rows read from the source
    std::size_t imported = 0;  ///< entities added to the project
    std::size_t repaired = 0;  ///< imported after an automatic geometry repair
    std::size_t skipped = 0;   ///< rejected; each one was reported to the ProblemSink

    ImportStats &operator+=(const ImportStats &other)
    {
        read += other.read;
        imported += other.imported;
        repaired += other.repaired;
        skipped += other.skipped;
        return *this;
    }
    bool operator==(const ImportStats &) const = default;
    friend std::ostream &operator<<(std::ostream &out, const ImportStats &s)
    {
        return out << "read " << s.read << ", imported " << s.imported << ", repaired " << s.repaired
                   << ", skipped " << s.skipped;
    }
};

} // namespace tessera::io
