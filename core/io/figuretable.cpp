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

/// A column that is not an attribute's: people read it with thousands separators.
FigureColumn plainColumn(std::string key, std::string label, std::string shortLabel, Kind kind, int decimals)
{
    FigureColumn column;
    column.key = std::move(key);
    column.label = std::move(label);
    column.shortLabel = std::move(shortLabel);
    column.kind = kind;
    column.decimals = decimals;
    column.format = NumberFormat{kind == Kind::Integer ? 0 : decimals, true, false};
    return column;
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
    // Damaged display settings fall back to plain names rather than failing an export.
    const Result<AttributeDisplay> stored = AttributeDisplay::fromSettings(project.settingsJson());
    const AttributeDisplay display = stored ? *stored : AttributeDisplay();
    auto &c = table.mColumns;
    c.push_back(plainColumn("territory", "Territory", "Territory", Kind::Text, 0));
    c.push_back(plainColumn("rep_id", "Rep id", "Rep id", Kind::Text, 0));
    c.push_back(plainColumn("rep_name", "Rep", "Rep", Kind::Text, 0));
    c.push_back(plainColumn("color", "Colour", "Colour", Kind::Text, 0));
    c.push_back(plainColumn("units", "Units", "Units", Kind::Integer, 0));
    c.push_back(plainColumn("accounts", "Accounts", "Accounts", Kind::Integer, 0));
    const std::vector<std::string> &attributes = metrics.attributeNames();
    for (const std::string &name : attributes) {
        // "accounts" and "units" are balanced as counts: the count column above is their sum.
        const AttributePresentation p = display.presentation(name);
        const std::string shortName = p.displayName.empty() ? readable(name) : p.displayName;
        if (fieldKey(name) != "accounts" && fieldKey(name) != "units")
            c.push_back({fieldKey(name), display.labelWithUnit(name), shortName, Kind::Number, p.format.decimals,
                         p.format, name, p.hidden});
        c.push_back({fieldKey(name) + "_dev_pct", display.label(name) + " vs target (%)", "± %", Kind::Number, 1,
                     NumberFormat{1, true, false}, name, p.hidden});
    }
    c.push_back(plainColumn("workload_h", "Workload (h)", "Workload h", Kind::Number, 1));
    c.push_back(plainColumn("travel_h", "Travel (h)", "Travel h", Kind::Number, 1));
    c.push_back(plainColumn("capacity_h", "Capacity (h)", "Capacity h", Kind::Number, 1));
    c.push_back(plainColumn("utilisation_pct", "Utilisation (%)", "Util. %", Kind::Number, 0));
    c.push_back(plainColumn("area_km2", "Area (km²)", "km²", Kind::Number, 0));
    c.push_back(plainColumn("polsby_popper", "Compactness (Polsby-Popper)", "Compact.", Kind::Number, 2));
    c.push_back(plainColumn("pieces", "Pieces", "Pieces", Kind::Integer, 0));

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
    return AttributeDisplay::formatNumber(value, NumberFormat{column.kind == Kind::Integer ? 0 : column.decimals, false, false});
}

std::string FigureTable::shown(std::size_t row, std::size_t column) const
{
    const FigureColumn &c = mColumns[column];
    if (c.kind == Kind::Text)
        return text(row, column);
    const std::string out = AttributeDisplay::formatNumber(number(row, column), c.format);
    return out.empty() ? std::string("–") : out;
}

} // namespace tessera::io
