#include "core/model/kpisnapshot.h"

#include <chrono>

namespace tessera {

int KpiSnapshot::addColumn(const std::string &name)
{
    const int existing = values.columnIndex(name);
    if (existing >= 0)
        return existing;
    const int column = values.addColumn(name);
    present.resize(static_cast<std::size_t>(column) + 1);
    present[static_cast<std::size_t>(column)].assign(values.rowCount(), 0);
    return column;
}

void KpiSnapshot::setValue(std::size_t account, int column, double value)
{
    values.setValue(account, column, value);
    present.at(static_cast<std::size_t>(column)).at(account) = 1;
}

bool KpiSnapshot::hasValue(std::size_t account, int column) const
{
    if (column < 0 || static_cast<std::size_t>(column) >= present.size())
        return false;
    const std::vector<char> &flags = present[static_cast<std::size_t>(column)];
    return account < flags.size() && flags[account];
}

KpiSnapshot KpiSnapshot::remapped(const std::vector<std::size_t> &oldToNew, std::size_t newCount) const
{
    KpiSnapshot out;
    out.date = date;
    out.importedAt = importedAt;
    out.source = source;
    out.values.resize(newCount);
    for (const std::string &name : values.columnNames())
        out.addColumn(name);
    for (std::size_t old = 0; old < oldToNew.size() && old < values.rowCount(); ++old)
        if (oldToNew[old] < newCount)
            for (int c = 0; c < static_cast<int>(values.columnCount()); ++c)
                if (hasValue(old, c))
                    out.setValue(oldToNew[old], c, values.value(old, c));
    return out;
}

bool KpiSnapshot::isValidDate(const std::string &text)
{
    if (text.size() != 10 || text[4] != '-' || text[7] != '-')
        return false;
    for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u})
        if (text[i] < '0' || text[i] > '9')
            return false;
    const int year = std::stoi(text.substr(0, 4));
    const unsigned month = static_cast<unsigned>(std::stoi(text.substr(5, 2)));
    const unsigned day = static_cast<unsigned>(std::stoi(text.substr(8, 2)));
    return year >= 1900 && std::chrono::year_month_day(std::chrono::year(year), std::chrono::month(month),
                                                       std::chrono::day(day)).ok();
}

} // namespace tessera
