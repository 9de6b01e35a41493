#pragma once

#include "core/io/figuretable.h"

#include <cstddef>
#include <string>
#include <vector>

namespace tessera {
struct FairnessAudit;
class Project;
} // namespace tessera

namespace tessera::io {

/// One figure of the spread across reps, now and in the baseline.
struct AuditSpreadRow {
    std::string key;   ///< "potential_gini"
    std::string label; ///< "Potential Gini"
    double now = 0.0;  ///< NaN when undefined
    double baseline = 0.0;
};

/// A fairness audit as tables for reports: one row per rep with the
/// figures now and in the baseline, and the spread table (max/min ratio, CV
/// and Gini of potential and workload). Every figure is FairnessAudit's;
/// this only chooses columns and labels, so the workbook and the PDF show
/// the same numbers under the same names.
class AuditTable {
public:
    static AuditTable build(const Project &project, const FairnessAudit &audit);

    const std::vector<FigureColumn> &columns() const { return mColumns; }
    std::size_t rowCount() const { return mRows.size(); }
    /// The column named \a key, or -1.
    int columnIndex(const std::string &key) const;
    const std::string &text(std::size_t row, std::size_t column) const { return mRows[row][column].text; }
    /// NaN when undefined.
    double number(std::size_t row, std::size_t column) const { return mRows[row][column].number; }
    /// Text, or the number with the column's decimals; empty when undefined.
    std::string formatted(std::size_t row, std::size_t column) const;

    const std::vector<AuditSpreadRow> &spread() const { return mSpread; }

private:
    struct Cell {
        std::string text;
        double number = 0.0;
    };
    std::vector<FigureColumn> mColumns;
    std::vector<std::vector<Cell>> mRows;
    std::vector<AuditSpreadRow> mSpread;
};

} // namespace tessera::io
