#include "core/io/planterritories.h"

#include "core/io/csvfields.h"
#include "core/plan/palette.h"

#include <chrono>

namespace tessera::io {

PlanTerritories::PlanTerritories(Scenario &scenario, const std::vector<Rep> &reps) : mScenario(scenario), mReps(reps)
{
    for (const Rep &rep : reps) {
        mRepByKey.emplace(rep.key, rep.id);
        mRepByName.emplace(rep.name, rep.id);
    }
}

RepId PlanTerritories::findRep(const std::string &text) const
{
    if (auto byKey = mRepByKey.find(text); byKey != mRepByKey.end())
        return byKey->second;
    if (auto byName = mRepByName.find(text); byName != mRepByName.end())
        return byName->second;
    return {};
}

TerritoryId PlanTerritories::territory(const std::string &name)
{
    auto found = mByName.find(name);
    if (found == mByName.end()) {
        Territory territory;
        territory.name = name;
        territory.color = palette::territoryColor(mScenario.territories.size());
        found = mByName.emplace(name, mScenario.addTerritory(territory)).first;
        mLineOfRep.push_back(0);
    }
    return found->second;
}

void PlanTerritories::setRep(TerritoryId territory, const std::string &repText, const CsvTable &table, long line,
                             const std::string &column, ProblemSink *sink)
{
    if (repText.empty())
        return;
    const RepId rep = findRep(repText);
    const auto index = static_cast<std::size_t>(territory.value());
    Territory &t = mScenario.territories[index];
    if (!rep.isValid()) {
        csvfields::reportRow(sink, table, line, column,
                             "unknown rep '" + repText + "'; territory '" + t.name + "' keeps its rep",
                             Problem::Severity::Warning);
    } else if (!t.rep.isValid()) {
        t.rep = rep;
        mLineOfRep[index] = line;
    } else if (t.rep != rep) {
        csvfields::reportRow(sink, table, line, column,
                             "territory '" + t.name + "' already has rep '"
                                 + mReps[static_cast<std::size_t>(t.rep.value())].key + "' (line "
                                 + std::to_string(mLineOfRep[index]) + "); '" + repText + "' ignored",
                             Problem::Severity::Warning);
    }
}

Scenario emptyPlanScenario(const std::string &name, std::size_t unitCount)
{
    Scenario out;
    out.name = name;
    out.alignment = Alignment(unitCount);
    const auto now =
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
    out.createdAt = now;
    out.modifiedAt = now;
    return out;
}

} // namespace tessera::io
