#pragma once

#include <map>
#include <string>
#include <vector>

namespace tessera {

struct MoveExplanation;
struct Scenario;

namespace plan {

/// Why the optimizer moved one unit, kept with the scenario it produced.
struct MoveReason {
    std::string from; ///< territory name before the run
    std::string to;   ///< territory name after the run
    std::string text; ///< "Optimizer: better balance and shorter travel (worst deviation −3.1 %, …)"
};

/// A readable reason for one optimizer move, its figures with units.
std::string describeMove(const MoveExplanation &explanation, bool boundaryInKm);

/// \a parametersJson with the optimizer's explanation of every move from plan
/// \a before to plan \a after added under "move_reasons" (unit index, territory
/// names, text); other keys are kept. Invalid JSON starts an empty object.
std::string withMoveReasons(const std::string &parametersJson, const Scenario &before, const Scenario &after,
                            const std::vector<MoveExplanation> &explanations, bool boundaryInKm);

/// \a parametersJson with "optimizer" saying a run made the plan (its
/// territory count, whether it rebalanced the current plan); other keys kept.
std::string withOptimizerRun(const std::string &parametersJson, int territories, bool rebalance);

/// The stored reasons of a scenario's parameters, by unit index; empty when
/// there are none or the JSON is invalid.
std::map<int, MoveReason> moveReasons(const std::string &parametersJson);

/// A plain reason for a move without a stored explanation, from where the
/// scenario came from: "what-if transform", "optimizer", "rebalance" or "hand edit".
std::string plainMoveReason(const Scenario &after);

} // namespace plan
} // namespace tessera
