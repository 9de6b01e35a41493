#pragma once

#include "core/io/csvreader.h"
#include "core/model/rep.h"
#include "core/model/scenario.h"

#include <string>
#include <unordered_map>
#include <vector>

namespace tessera {
class ProblemSink;
}

namespace tessera::io {

/// The territories of a plan being read: one per distinct name, in order of
/// first appearance and coloured from palette::territoryColor(), each with
/// the rep its rows name. Shared by the unit and the account plan readers so
/// both create, colour and staff territories alike.
class PlanTerritories {
public:
    PlanTerritories(Scenario &scenario, const std::vector<Rep> &reps);

    /// The rep with id \a text, else with name \a text; invalid when none.
    RepId findRep(const std::string &text) const;

    /// The territory named \a name, created when new.
    TerritoryId territory(const std::string &name);

    /// Gives \a territory the rep \a repText names (row \a line, column
    /// \a column of \a table). An unknown rep, or a second rep for the same
    /// territory, is reported as a warning and changes nothing.
    void setRep(TerritoryId territory, const std::string &repText, const CsvTable &table, long line,
                const std::string &column, ProblemSink *sink);

private:
    Scenario &mScenario;
    const std::vector<Rep> &mReps;
    std::unordered_map<std::string, RepId> mRepByKey;
    std::unordered_map<std::string, RepId> mRepByName;
    std::unordered_map<std::string, TerritoryId> mByName;
    std::vector<long> mLineOfRep; ///< index = territory id; line that set its rep
};

/// A scenario named \a name with \a unitCount unassigned units, stamped now.
Scenario emptyPlanScenario(const std::string &name, std::size_t unitCount);

} // namespace tessera::io
