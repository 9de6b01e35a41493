#pragma once

#include <cstddef>
#include <string>
#include <unordered_map>
#include <vector>

namespace tessera {

/// Numeric attributes stored column by column (revenue, workload, population
/// and any imported column), so one attribute over a million accounts is one
/// contiguous vector. Missing values are stored as 0.
class AttributeTable {
public:
    /// Number of rows (entities) in the table.
    std::size_t rowCount() const { return mRowCount; }
    std::size_t columnCount() const { return mColumns.size(); }

    /// Changes the row count; new cells are 0.
    void resize(std::size_t rows);

    /// Index of the column called \a name, or -1.
    int columnIndex(const std::string &name) const;
    bool hasColumn(const std::string &name) const { return columnIndex(name) >= 0; }

    /// Adds a column (filled with 0) or returns the existing one's index.
    int addColumn(const std::string &name);

    const std::string &columnName(int column) const { return mNames.at(static_cast<std::size_t>(column)); }
    const std::vector<std::string> &columnNames() const { return mNames; }

    const std::vector<double> &column(int column) const { return mColumns.at(static_cast<std::size_t>(column)); }
    std::vector<double> &column(int column) { return mColumns.at(static_cast<std::size_t>(column)); }

    double value(std::size_t row, int column) const { return mColumns[static_cast<std::size_t>(column)][row]; }
    void setValue(std::size_t row, int column, double value)
    {
        mColumns[static_cast<std::size_t>(column)][row] = value;
    }

    /// Equal names, order and values (the name index follows from the names).
    bool operator==(const AttributeTable &other) const
    {
        return mRowCount == other.mRowCount && mNames == other.mNames && mColumns == other.mColumns;
    }

private:
    std::size_t mRowCount = 0;
    std::vector<std::string> mNames;
    /// Name -> column, so adding tens of thousands of columns stays linear.
    std::unordered_map<std::string, int> mIndexByName;
    std::vector<std::vector<double>> mColumns;
};

} // namespace tessera
