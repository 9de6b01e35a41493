#pragma once

#include "core/model/ids.h"

#include <cstddef>
#include <string>
#include <vector>

namespace tessera {

class Alignment;
class Project;
struct Rep;
struct Territory;

/// The skills of \a required that \a rep lacks (tags compare case-insensitively).
std::vector<std::string> missingSkills(const Rep &rep, const std::vector<std::string> &required);

/// One account served by a rep who lacks a skill it requires.
struct SkillMismatch {
    AccountId account;
    TerritoryId territory;           ///< the territory serving it (override or unit)
    RepId rep;                       ///< that territory's rep
    std::vector<std::string> missing; ///< the required skills the rep lacks

    bool operator==(const SkillMismatch &) const = default;
};

/// Which accounts are served by a rep without the skills they require: the
/// one owner of that figure for the metrics, the health rule, the proposals
/// and every report. An account counts when it is served (its override, else
/// its unit's territory) by a territory with a rep; accounts in territories
/// without a rep are listed in unstaffed instead, since no rep can be blamed.
struct SkillMatch {
    std::vector<SkillMismatch> mismatches; ///< in account order
    std::vector<std::size_t> perRep;       ///< mismatches per rep, index = rep id
    std::size_t requiring = 0;             ///< accounts requiring at least one skill
    std::size_t unstaffed = 0;             ///< of those, served by a territory without rep (or by none)

    static SkillMatch measure(const Project &project, const std::vector<Territory> &territories,
                              const Alignment &alignment);
};

} // namespace tessera
