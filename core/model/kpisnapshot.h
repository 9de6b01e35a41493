#pragma once

#include "core/model/attributetable.h"

#include <cstdint>
#include <string>
#include <vector>

namespace tessera {

/// Account KPIs as they stood on one date (attainment, win rate, pipeline
/// coverage, any numeric column). A project keeps one snapshot per date; the
/// health rules read the latest, the Health dock compares it with the one
/// before. Rows are the project's accounts (index = account id).
struct KpiSnapshot {
    std::string date;             ///< YYYY-MM-DD, the day the figures were taken
    std::int64_t importedAt = 0;  ///< Unix seconds
    std::string source;           ///< file name it came from, for the record
    AttributeTable values;        ///< one column per KPI; 0 where the account has no value
    /// Per column, per account: 1 when the snapshot gives the account a value,
    /// so a mean over accounts counts only those the snapshot covers.
    std::vector<std::vector<char>> present;

    /// Adds column \a name (0 and absent for every account); returns its index.
    int addColumn(const std::string &name);
    void setValue(std::size_t account, int column, double value);
    bool hasValue(std::size_t account, int column) const;

    /// The snapshot for a new account layer: row \a oldToNew[i] receives old
    /// row i (accounts matched by key); rows mapped to \a newCount or beyond are dropped.
    KpiSnapshot remapped(const std::vector<std::size_t> &oldToNew, std::size_t newCount) const;

    /// Whether \a text is a real calendar date written YYYY-MM-DD.
    static bool isValidDate(const std::string &text);

    bool operator==(const KpiSnapshot &) const = default;
};

} // namespace tessera
