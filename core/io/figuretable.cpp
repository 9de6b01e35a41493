#include "core/io/figuretable.h"

#include "core/metrics/metricsengine.h"
#include "core/model/project.h"

#include <cctype>
#include <cmath>
#include <cstdio>

namespace tessera::io {

namespace {

using Kind = FigureColumn::Kind;

/// Lower-case ASCII field name: other characters become '_'.
std::string fieldKey(const std::string &name)
{
    std::string key;
    for (unsigned char c : name)
        key += std::isalnum(c) ? static_cast<char>(std::tolower(c)) : '_';
    return key.empty() ? std::string("value") : key;
}

/// "revenue_potential" -> "Revenue potential".
std::string readable(const std::string &name)
{
    std::string out = name;
    for (char &ch : out)
        if (ch == '_')
            ch = ' ';
    if (!out.empty())
        out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
    return out;
}

std::string hexColor(std::uint32_t rgb)
{
    char buffer[8];
    std::snprintf(buffer, sizeof buffer, "#%06X", rgb & 0xFFFFFFu);
    return buffer;
}

} // namespace

FigureTable FigureTable::build(const Project &project, const MetricsEngine &metrics)
{
    FigureTable table;
    auto &c = table.mColumns;
    c.push_back({"territory", "Territory", "Territory", Kind::Text, 0});
    c.push_back({"rep_id", "Rep id", "Rep id", Kind::Text, 0});
    c.push_back({"rep_name", "Rep", "Rep", Kind::Text, 0});
    c.push_back({"color", "Colour", "Colour", Kind::Text, 0});
    c.push_back({"units", "Units", "Units", Kind::Integer, 0});
    c.push_back({"accounts", "Accounts", "Accounts", Kind::Integer, 0});
    const std::vector<std::string> &attributes = metrics.attributeNames();
    for (const std::string &name : attributes) {
        // "accounts" and "units" are balanced as counts: the count column above is their sum.
        if (fieldKey(name) != "accounts" && fieldKey(name) != "units")
            c.push_back({fieldKey(name), name, readable(name), Kind::Number, 0});
        c.push_back({fieldKey(name) + "_dev_pct", name + " vs target (%)", "± %", Kind::Number, 1});
    }
    c.push_back({"workload_h", "Workload (h)", "Workload h", Kind::Number, 1});
    c.push_back({"travel_h", "Travel (h)", "Travel h", Kind::Number, 1});
    c.push_back({"capacity_h", "Capacity (h)", "Capacity h", Kind::Number, 1});
    c.push_back({"utilisation_pct", "Utilisation (%)", "Util. %", Kind::Number, 0});
    c.push_back({"area_km2", "Area (km²)", "km²", Kind::Number, 0});
    c.push_back({"polsby_popper", "Compactness (Polsby-Popper)", "Compact.", Kind::Number, 2});
    c.push_back({"pieces", "Pieces", "Pieces", Kind::Integer, 0});

    const double undefined = metrics::Undefined;
    for (const TerritoryMetrics &m : metrics.territories()) {
        const Territory &territory = metrics.territoryList()[static_cast<std::size_t>(m.territory.value())];
        std::vector<Cell> row;
        row.reserve(c.size());
        const Rep *rep = m.rep.isValid() && static_cast<std::size_t>(m.rep.value()) < project.reps().size()
                             ? &project.reps()[static_cast<std::size_t>(m.rep.value())]
                             : nullptr;
        row.push_back({territory.name, undefined});
        row.push_back({rep ? rep->key : std::string(), undefined});
        row.push_back({rep ? rep->name : std::string(), undefined});
        row.push_back({hexColor(territory.color), undefined});
        row.push_back({{}, static_cast<double>(m.unitCount)});
        row.push_back({{}, static_cast<double>(m.accountCount)});
        for (std::size_t k = 0; k < m.attributes.size(); ++k) {
            const AttributeFigures &f = m.attributes[k];
            if (fieldKey(attributes[k]) != "accounts" && fieldKey(attributes[k]) != "units")
                row.push_back({{}, f.sum});
            row.push_back({{}, f.deviation * 100.0});
        }
        row.push_back({{}, m.workloadHours});
        row.push_back({{}, m.travelHours});
        row.push_back({{}, m.capacityHours > 0 ? m.capacityHours : undefined});
        row.push_back({{}, m.utilisation * 100.0});
        row.push_back({{}, m.areaKm2});
        row.push_back({{}, m.polsbyPopper});
        row.push_back({{}, static_cast<double>(m.pieces)});
        table.mRows.push_back(std::move(row));
    }
    return table;
}

int FigureTable::columnIndex(const std::string &key) const
{
    for (std::size_t i = 0; i < mColumns.size(); ++i)
        if (mColumns[i].key == key)
            return static_cast<int>(i);
    return -1;
}

std::string FigureTable::formatted(std::size_t row, std::size_t column) const
{
    const FigureColumn &c = mColumns[column];
    if (c.kind == Kind::Text)
        return text(row, column);
    return formatFigure(c, number(row, column));
}

std::string formatFigure(const FigureColumn &column, double value)
{
    if (!std::isfinite(value))
        return {};
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", column.kind == Kind::Integer ? 0 : column.decimals, value);
    std::string out = buffer;
    if (out == "-0" || out.find_first_not_of("-0.") == std::string::npos)
        out.erase(0, out[0] == '-' ? 1 : 0); // no "-0.0"
    return out;
}

} // namespace tessera::io
