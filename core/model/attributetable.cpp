#include "core/model/attributetable.h"

#include <algorithm>

namespace tessera {

void AttributeTable::resize(std::size_t rows)
{
    mRowCount = rows;
    for (std::vector<double> &column : mColumns)
        column.resize(rows, 0.0);
}

int AttributeTable::columnIndex(const std::string &name) const
{
    const auto it = std::find(mNames.begin(), mNames.end(), name);
    return it == mNames.end() ? -1 : static_cast<int>(it - mNames.begin());
}

int AttributeTable::addColumn(const std::string &name)
{
    if (const int existing = columnIndex(name); existing >= 0)
        return existing;
    mNames.push_back(name);
    mColumns.emplace_back(mRowCount, 0.0);
    return static_cast<int>(mNames.size() - 1);
}

} // namespace tessera
