#pragma once

#include "core/result.h"

#include <string>
#include <vector>

namespace tessera {

class Project;

/// Where the values of one attribute entry come from: the one resolver of
/// attribute names for the metrics engine, the optimizer's problem builder
/// and the GUI (docs/metrics.md, "Attribute entries").
///
/// - "accounts": the number of accounts; "units": the number of units (these
///   two words always mean counts; a column of that name is reached with a prefix);
/// - "unit:NAME": the unit layer's column NAME;
/// - "account:NAME": the account column NAME summed over each unit's accounts;
/// - a bare NAME: the account column when the account layer has one, else the
///   unit column (an error when neither has it). A unit column shadowed by an
///   account column of the same name is reached as "unit:NAME";
/// - "kpi:NAME": the column NAME of the project's latest KPI snapshot, summed
///   over each unit's accounts (accounts without a value count 0);
/// - "kpi_count:NAME": the number of accounts the latest snapshot gives a
///   NAME value (the denominator of a mean KPI per account).
struct AttributeSource {
    std::string entry;         ///< the entry as written
    bool countAccounts = false;
    bool countUnits = false;
    int unitColumn = -1;       ///< column of the unit layer, or -1
    int accountColumn = -1;    ///< column of the account layer, or -1
    int kpiColumn = -1;        ///< column of the latest KPI snapshot, or -1
    bool kpiCount = false;     ///< count the accounts with a kpiColumn value instead of summing it

    /// Resolves \a entry on \a project; NotFound names the entry when no column matches.
    static Result<AttributeSource> resolve(const std::string &entry, const Project &project);

    /// The entries used when none are chosen: "accounts", then revenue_potential
    /// and workload_hours when the account layer has them, then the unit
    /// column population when the unit layer has it.
    static std::vector<std::string> defaults(const Project &project);

    /// Every entry a user can choose on \a project, each resolving to a
    /// different source: "units", "accounts", the account columns, then the
    /// unit columns (written "unit:NAME" when a bare NAME would mean something else).
    static std::vector<std::string> available(const Project &project);

    /// Whether the values include accounts (so account overrides move them).
    bool usesAccounts() const { return countAccounts || accountColumn >= 0 || kpiColumn >= 0; }

    /// The value of account \a account alone (0 when the entry has no account part;
    /// missing or non-finite values count as 0).
    double accountValue(const Project &project, std::size_t account) const;

    /// The value of every unit: its own column (or 1 for "units") plus its
    /// accounts' values; accounts with a non-zero entry in \a skipAccounts
    /// (indexed by account id; may be empty) are left out.
    std::vector<double> unitValues(const Project &project, const std::vector<char> &skipAccounts = {}) const;
};

} // namespace tessera
