#include "core/metrics/skillmatch.h"

#include "core/model/project.h"

#include <algorithm>
#include <cctype>

namespace tessera {

namespace {

bool sameTag(const std::string &a, const std::string &b)
{
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

} // namespace

std::vector<std::string> missingSkills(const Rep &rep, const std::vector<std::string> &required)
{
    std::vector<std::string> missing;
    for (const std::string &skill : required)
        if (std::none_of(rep.skills.begin(), rep.skills.end(), [&](const std::string &s) { return sameTag(s, skill); }))
            missing.push_back(skill);
    return missing;
}

SkillMatch SkillMatch::measure(const Project &project, const std::vector<Territory> &territories,
                               const Alignment &alignment)
{
    SkillMatch match;
    match.perRep.assign(project.reps().size(), 0);
    for (const Account &account : project.accounts().accounts()) {
        if (account.requiredSkills.empty())
            continue;
        ++match.requiring;
        const bool placed = account.unit.isValid()
                            && static_cast<std::size_t>(account.unit.value()) < alignment.unitCount();
        const TerritoryId t = alignment.territoryOfAccount(account.id, placed ? account.unit : UnitId());
        const RepId rep = t.isValid() && static_cast<std::size_t>(t.value()) < territories.size()
                              ? territories[static_cast<std::size_t>(t.value())].rep
                              : RepId();
        if (!rep.isValid() || static_cast<std::size_t>(rep.value()) >= project.reps().size()) {
            ++match.unstaffed;
            continue;
        }
        std::vector<std::string> missing =
            missingSkills(project.reps()[static_cast<std::size_t>(rep.value())], account.requiredSkills);
        if (missing.empty())
            continue;
        ++match.perRep[static_cast<std::size_t>(rep.value())];
        match.mismatches.push_back({account.id, t, rep, std::move(missing)});
    }
    return match;
}

} // namespace tessera
