#pragma once

#include "core/problemsink.h"
#include "core/result.h"

#include <string>
#include <string_view>
#include <unordered_map>

namespace tessera {

/// Travel times (and optionally distances) between named places, read from
/// a CSV with columns from,to,minutes[,km]: account keys, and the rep's key
/// for the rep's home. Pairs are directed; a pair given twice takes the last row.
class TravelMatrixTable {
public:
    struct Entry {
        double minutes = 0.0;
        double km = -1.0; ///< < 0: not given
    };

    /// Rows with a missing place, a non-numeric or negative time or distance are
    /// reported to \a sink with their line and skipped. Fails when the file
    /// cannot be read, lacks the from/to/minutes columns, or has no usable row.
    static Result<TravelMatrixTable> read(const std::string &path, ProblemSink *sink);
    static Result<TravelMatrixTable> parse(std::string_view text, const std::string &fileName, ProblemSink *sink);

    const Entry *find(const std::string &from, const std::string &to) const;
    std::size_t size() const { return mEntries.size(); }
    /// Sets (or replaces) the entry from -> to.
    void set(const std::string &from, const std::string &to, const Entry &entry);

private:
    std::unordered_map<std::string, Entry> mEntries;
};

} // namespace tessera
