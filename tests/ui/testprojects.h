#pragma once
// Small synthetic projects for the UI tests and benchmarks: a grid of square
// units in WGS84 with exact shared corners, rook adjacency, a population
// attribute and a plan of vertical territory bands.

#include "core/model/project.h"

#include <string>
#include <vector>

namespace tessera::testing {

/// A columns × rows grid of cellDegrees squares whose south-west corner is
/// (originLon, originLat). Unit (c, r) has id r * columns + c, key "U<id>",
/// population id + 1 and one account at its centre with revenue 100 * (id + 1).
/// The plan splits the columns into \a territories equal bands "T1".."Tk".
inline Project makeGridProject(int columns, int rows, int territories = 2, double cellDegrees = 0.1,
                               double originLon = -84.0, double originLat = 33.0, bool withAccounts = true)
{
    Project project;
    UnitLayer &units = project.units();
    const int population = units.attributes().addColumn("population");
    std::vector<AdjacencyEdge> edges;
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < columns; ++c) {
            const double x0 = originLon + c * cellDegrees;
            const double y0 = originLat + r * cellDegrees;
            const double x1 = x0 + cellDegrees;
            const double y1 = y0 + cellDegrees;
            auto shape = std::make_shared<MultiPolygon>();
            Polygon polygon;
            polygon.outer.points = {{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}};
            shape->polygons.push_back(polygon);
            Unit unit;
            const int id = r * columns + c;
            unit.key = "U" + std::to_string(id);
            unit.name = "Unit " + std::to_string(id);
            unit.geometry = shape;
            unit.centroid = {(x0 + x1) / 2, (y0 + y1) / 2};
            unit.areaKm2 = 100.0;
            units.add(unit);
            if (c + 1 < columns)
                edges.push_back({UnitId(id), UnitId(id + 1), 10.0});
            if (r + 1 < rows)
                edges.push_back({UnitId(id), UnitId(id + columns), 10.0});
        }
    units.attributes().resize(units.size());
    for (std::size_t u = 0; u < units.size(); ++u)
        units.attributes().setValue(u, population, static_cast<double>(u + 1));
    project.setAdjacency(AdjacencyGraph(units.size(), edges));

    if (withAccounts) {
        AccountLayer &accounts = project.accounts();
        const int revenue = accounts.attributes().addColumn("revenue_potential");
        for (std::size_t u = 0; u < units.size(); ++u) {
            Account account;
            account.key = "A" + std::to_string(u);
            account.name = "Account " + std::to_string(u);
            account.location = units.units()[u].centroid;
            account.unit = UnitId(static_cast<std::int32_t>(u));
            accounts.add(account);
        }
        accounts.attributes().resize(accounts.size());
        for (std::size_t a = 0; a < accounts.size(); ++a)
            accounts.attributes().setValue(a, revenue, 100.0 * static_cast<double>(a + 1));
    }

    Rep rep;
    rep.key = "R1";
    rep.name = "Rep One";
    rep.home = {originLon, originLat};
    project.addRep(rep);

    Scenario plan;
    plan.name = "Plan";
    plan.alignment = Alignment(units.size());
    const std::uint32_t colors[] = {0xE69F00, 0x56B4E9, 0x009E73, 0xF0E442, 0x0072B2, 0xD55E00, 0xCC79A7};
    for (int t = 0; t < territories; ++t) {
        Territory territory;
        territory.name = "T" + std::to_string(t + 1);
        territory.color = colors[t % 7];
        plan.addTerritory(territory);
    }
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < columns; ++c)
            plan.alignment.assign(UnitId(r * columns + c), TerritoryId(std::min(territories - 1, c * territories / columns)));
    project.scenarios().push_back(plan);
    return project;
}

} // namespace tessera::testing
