#pragma once

#include "core/model/ids.h"

#include <cstddef>
#include <limits>
#include <string>
#include <vector>

namespace tessera {

class Project;
struct Scenario;

namespace plan {

/// One account given to another territory than before, and why.
struct AccountMove {
    AccountId account;
    std::string accountKey;
    std::string accountName;
    TerritoryId from;   ///< territory serving it before (invalid = none)
    TerritoryId to;     ///< territory serving it after
    std::string reason; ///< "requires oncology, which Ann Lee lacks; Bob Ray (12.3 km away) has it"
};

/// What the account-level skills step did.
struct SkillRepair {
    std::vector<AccountMove> moves;       ///< in account order
    std::vector<AccountId> unresolved;    ///< mismatched accounts no serving rep has the skills for (or over the cap)
};

/// The account-level step of a plan: every account served by a rep lacking
/// a skill it requires goes, as an account override, to the territory of the
/// nearest rep (home to account, great circle) who has all its skills and
/// serves a territory of \a scenario; when that is the account's own unit's
/// territory the override is cleared instead. At most \a maxMoves accounts
/// change hands (mismatches in account order). Accounts no rep qualifies for
/// stay where they are and are listed as unresolved. Never creates a
/// mismatch: a repaired account always lands with a qualified rep.
SkillRepair repairSkillMismatches(const Project &project, Scenario &scenario,
                                  std::size_t maxMoves = std::numeric_limits<std::size_t>::max());

/// \a parametersJson with the reasons of \a moves added under
/// "account_reasons" (account key -> text); other keys kept. Invalid JSON
/// starts an empty object.
std::string withAccountReasons(const std::string &parametersJson, const std::vector<AccountMove> &moves);

} // namespace plan
} // namespace tessera
