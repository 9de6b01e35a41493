#pragma once

#include "core/io/exporter.h"

#include <cstddef>
#include <string>
#include <vector>

namespace tessera::io {

/// Who serves what, as text rows: one row per account (the form a CRM
/// import expects: account id, account name, territory, rep id, rep name)
/// or per unit (unit id, unit name, territory, rep id, rep name: the plan
/// CSV that importPlan() reads back). Ids stay text, leading zeros and all.
class AssignmentTable {
public:
    /// \a content is ExportContent::Accounts or ExportContent::Units. Unassigned
    /// units come last, with empty territory and rep, unless \a withUnassignedUnits
    /// is false (the plan CSV leaves them out: importPlan() leaves unlisted units unassigned).
    static AssignmentTable build(const ExportSource &source, ExportContent content, bool withUnassignedUnits = true);

    const std::vector<std::string> &columns() const { return mColumns; }
    std::size_t rowCount() const { return mRows.size(); }
    const std::vector<std::string> &row(std::size_t row) const { return mRows[row]; }
    /// The account or unit id (dense index) of \a row.
    std::int32_t entity(std::size_t row) const { return mEntities[row]; }

private:
    std::vector<std::string> mColumns;
    std::vector<std::vector<std::string>> mRows;
    std::vector<std::int32_t> mEntities;
};

} // namespace tessera::io
