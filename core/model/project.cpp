#include "core/model/project.h"

#include <algorithm>
#include <utility>

namespace tessera {

RepId Project::addRep(Rep rep)
{
    rep.id = RepId(static_cast<std::int32_t>(mReps.size()));
    mReps.push_back(std::move(rep));
    return mReps.back().id;
}

const Scenario *Project::findScenario(const std::string &name) const
{
    const auto it = std::find_if(mScenarios.begin(), mScenarios.end(), [&](const Scenario &s) { return s.name == name; });
    return it == mScenarios.end() ? nullptr : &*it;
}

Scenario *Project::findScenario(const std::string &name)
{
    return const_cast<Scenario *>(std::as_const(*this).findScenario(name));
}

void Project::putKpiSnapshot(KpiSnapshot snapshot)
{
    const auto it = std::lower_bound(mKpiSnapshots.begin(), mKpiSnapshots.end(), snapshot.date,
                                     [](const KpiSnapshot &s, const std::string &date) { return s.date < date; });
    if (it != mKpiSnapshots.end() && it->date == snapshot.date)
        *it = std::move(snapshot);
    else
        mKpiSnapshots.insert(it, std::move(snapshot));
}

const KpiSnapshot *Project::latestKpiSnapshot() const
{
    return mKpiSnapshots.empty() ? nullptr : &mKpiSnapshots.back();
}

const KpiSnapshot *Project::previousKpiSnapshot() const
{
    return mKpiSnapshots.size() < 2 ? nullptr : &mKpiSnapshots[mKpiSnapshots.size() - 2];
}

} // namespace tessera
