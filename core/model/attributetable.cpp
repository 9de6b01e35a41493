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
    const auto it = mIndexByName.find(name);
    return it == mIndexByName.end() ? -1 : it->second;
}

int AttributeTable::addColumn(const std::string &name)
{
    if (const int existing = columnIndex(name); existing >= 0)
        return existing;
    const int index = static_cast<int>(mNames.size());
    mNames.push_back(name);
    mIndexByName.emplace(name, index);
    mColumns.emplace_back(mRowCount, 0.0);
    return index;
}

} // namespace tessera
