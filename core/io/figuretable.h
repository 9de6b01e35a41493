#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace tessera {
class MetricsEngine;
class Project;
} // namespace tessera

namespace tessera::io {

/// One column of the territory figures table.
struct FigureColumn {
    enum class Kind { Text, Integer, Number };
    std::string key;   ///< field name for files: lower case, ASCII, e.g. "workload_h"
    std::string label; ///< header for people, with the unit: "Workload (h)"
    std::string shortLabel; ///< narrow header for slide tables: "Workload h"
    Kind kind = Kind::Number;
    int decimals = 1;  ///< digits after the point when shown (Number only)
};

/// \a value as people read it in \a column (a number column): its decimals,
/// no "-0"; empty when undefined (never "nan").
std::string formatFigure(const FigureColumn &column, double value);

/// The figures of every territory as a table, one row per territory (index =
/// territory id): name, rep, counts, each balanced attribute with its
/// deviation, workload, compactness and contiguity. Every figure is read
/// from a MetricsEngine; this only chooses columns and labels, so data
/// files, spreadsheets and slides show the same numbers under the same names.
class FigureTable {
public:
    static FigureTable build(const Project &project, const MetricsEngine &metrics);

    const std::vector<FigureColumn> &columns() const { return mColumns; }
    std::size_t rowCount() const { return mRows.size(); }
    /// The column named \a key, or -1.
    int columnIndex(const std::string &key) const;

    /// A text cell (empty for number columns).
    const std::string &text(std::size_t row, std::size_t column) const { return mRows[row][column].text; }
    /// A number cell; NaN when the figure is undefined (no rep, no capacity...).
    double number(std::size_t row, std::size_t column) const { return mRows[row][column].number; }
    /// The cell as people read it: text, or the number with the column's
    /// decimals; empty when undefined (never "nan").
    std::string formatted(std::size_t row, std::size_t column) const;

private:
    struct Cell {
        std::string text;
        double number = 0.0;
    };
    std::vector<FigureColumn> mColumns;
    std::vector<std::vector<Cell>> mRows;
};

} // namespace tessera::io
