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

} // namespace tessera
