#include "core/io/assignmenttable.h"

#include "core/model/project.h"

namespace tessera::io {

AssignmentTable AssignmentTable::build(const ExportSource &source, ExportContent content, bool withUnassignedUnits)
{
    AssignmentTable table;
    const Project &project = source.project;
    const Scenario &scenario = source.scenario;
    const Alignment &alignment = scenario.alignment;
    auto serving = [&](TerritoryId t, std::vector<std::string> &row) {
        const Territory *territory = t.isValid() && static_cast<std::size_t>(t.value()) < scenario.territories.size()
                                         ? &scenario.territories[static_cast<std::size_t>(t.value())]
                                         : nullptr;
        const Rep *rep = territory && territory->rep.isValid()
                                 && static_cast<std::size_t>(territory->rep.value()) < project.reps().size()
                             ? &project.reps()[static_cast<std::size_t>(territory->rep.value())]
                             : nullptr;
        row.push_back(territory ? territory->name : std::string());
        row.push_back(rep ? rep->key : std::string());
        row.push_back(rep ? rep->name : std::string());
    };
    if (content == ExportContent::Accounts) {
        table.mColumns = {"account_id", "account_name", "territory", "rep_id", "rep_name"};
        for (const Account &account : project.accounts().accounts()) {
            std::vector<std::string> row{account.key, account.name};
            serving(alignment.territoryOfAccount(account.id, account.unit), row);
            table.mRows.push_back(std::move(row));
            table.mEntities.push_back(account.id.value());
        }
    } else {
        // Units in territory order, so reading the plan back creates the
        // territories in the same order (importPlan numbers them by first appearance).
        table.mColumns = {"unit_id", "unit_name", "territory", "rep_id", "rep_name"};
        std::vector<std::vector<UnitId>> byTerritory(scenario.territories.size());
        std::vector<UnitId> unassigned;
        for (const Unit &unit : project.units().units()) {
            const TerritoryId t = unit.id.value() < static_cast<std::int32_t>(alignment.unitCount())
                                      ? alignment.territoryOf(unit.id)
                                      : TerritoryId();
            if (t.isValid() && static_cast<std::size_t>(t.value()) < byTerritory.size())
                byTerritory[static_cast<std::size_t>(t.value())].push_back(unit.id);
            else
                unassigned.push_back(unit.id);
        }
        if (!withUnassignedUnits)
            unassigned.clear();
        byTerritory.push_back(std::move(unassigned));
        for (std::size_t t = 0; t < byTerritory.size(); ++t)
            for (UnitId id : byTerritory[t]) {
                const Unit &unit = project.units().unit(id);
                std::vector<std::string> row{unit.key, unit.name};
                serving(t + 1 < byTerritory.size() ? TerritoryId(static_cast<std::int32_t>(t)) : TerritoryId(), row);
                table.mRows.push_back(std::move(row));
                table.mEntities.push_back(id.value());
            }
    }
    return table;
}

} // namespace tessera::io
