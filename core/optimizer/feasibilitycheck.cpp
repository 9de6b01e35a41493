#include "core/optimizer/feasibilitycheck.h"

#include "core/numberformat.h"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace tessera {

namespace {

std::string percent(double fraction)
{
    std::ostringstream out;
    out << fraction * 100 << " %";
    return out.str();
}

/// Figures in messages: grouped, with decimals only where they tell something.
std::string number(double value)
{
    return groupedNumber(value, std::abs(value) >= 100 || value == std::round(value) ? 0 : 2);
}

} // namespace

Result<void> checkFeasibility(const DistrictingProblem &problem, const OptimizerOptions &options)
{
    if (auto ok = problem.validate(); !ok)
        return ok;
    const std::size_t n = problem.unitCount();
    const int k = options.territories;

    if (k < 1)
        return makeError(ErrorCode::InvalidArgument, "the number of territories must be at least 1");
    if (n == 0)
        return makeError(ErrorCode::Infeasible, "there are no units to divide");
    if (static_cast<std::size_t>(k) > n)
        return makeError(ErrorCode::Infeasible, "more territories (" + std::to_string(k) + ") than units ("
                                                    + std::to_string(n) + ")");
    for (const BalanceGoal &goal : options.balance) {
        if (goal.attribute < 0 || goal.attribute >= static_cast<int>(problem.attributeNames.size()))
            return makeError(ErrorCode::InvalidArgument, "balance attribute index " + std::to_string(goal.attribute)
                                                             + " does not exist");
        if (!(goal.tolerance >= 0) || goal.tolerance >= 1)
            return makeError(ErrorCode::InvalidArgument, "the tolerance of '"
                                                             + problem.attributeNames[static_cast<std::size_t>(goal.attribute)]
                                                             + "' must be between 0 and 100 %");
    }
    if (options.travelWeightAttribute >= static_cast<int>(problem.attributeNames.size()))
        return makeError(ErrorCode::InvalidArgument, "travel weight attribute does not exist");
    if (options.centres == CentreMode::Fixed && problem.fixedCentres.size() != static_cast<std::size_t>(k))
        return makeError(ErrorCode::InvalidArgument, "fixed centres need one centre per territory: "
                                                         + std::to_string(problem.fixedCentres.size())
                                                         + " given for " + std::to_string(k) + " territories");
    if (options.utilisationMin != 0
        && (!(options.utilisationMin > 0) || !std::isfinite(options.utilisationMin)
            || (options.utilisationMax > 0 && options.utilisationMin > options.utilisationMax)))
        return makeError(ErrorCode::InvalidArgument, "the lower utilisation limit must be a positive percentage below the upper one");
    if (options.utilisationMin > 0 && options.utilisationMax == 0)
        return makeError(ErrorCode::InvalidArgument, "a lower utilisation limit needs an upper one too");
    if (options.utilisationMax != 0) {
        if (!(options.utilisationMax > 0) || !std::isfinite(options.utilisationMax))
            return makeError(ErrorCode::InvalidArgument, "the utilisation limit must be a positive percentage");
        if (problem.workloadHours.size() != static_cast<std::size_t>(k))
            return makeError(ErrorCode::InvalidArgument,
                             "a utilisation limit needs a rep with a home on every territory of the new plan (workload "
                             "includes travel from the rep's home)");
        bool anyCapacity = false;
        for (double c : problem.capacityHours)
            anyCapacity = anyCapacity || c > 0;
        if (!anyCapacity)
            return makeError(ErrorCode::InvalidArgument, "no rep of the new plan has a capacity, so utilisation is undefined");
        // Every unit costs at least its cheapest territory's hours: the work
        // cannot fit when that already exceeds the limit summed over
        // capacities (territories without a capacity take any load).
        bool unlimited = false;
        double room = 0, least = 0;
        for (int t = 0; t < k; ++t) {
            const auto tt = static_cast<std::size_t>(t);
            unlimited = unlimited || problem.capacityHours[tt] <= 0;
            room += options.utilisationMax * problem.capacityHours[tt] - problem.baseWorkloadHours[tt];
        }
        for (std::size_t i = 0; i < n && !unlimited; ++i) {
            double cheapest = problem.workloadHours[0][i];
            for (int t = 1; t < k; ++t)
                cheapest = std::min(cheapest, problem.workloadHours[static_cast<std::size_t>(t)][i]);
            least += cheapest;
        }
        if (!unlimited && least > room * (1 + 1e-12))
            return makeError(ErrorCode::Infeasible,
                             "the workload needs at least " + number(least) + " h but the reps' capacities at "
                                 + percent(options.utilisationMax) + " utilisation give only " + number(room)
                                 + " h; raise the utilisation limit or add reps");
    }
    const bool rebalancing = options.rebalances();
    if (rebalancing) {
        if (!problem.hasCurrentPlan())
            return makeError(ErrorCode::InvalidArgument, "rebalancing needs a current plan");
        for (std::size_t i = 0; i < n; ++i)
            if (problem.currentPlan[i] < 0 || problem.currentPlan[i] >= k)
                return makeError(ErrorCode::InvalidArgument, "rebalancing needs every unit assigned to one of the "
                                                                 + std::to_string(k) + " territories",
                                 problem.describeUnit(i));
    }

    // Locks.
    std::vector<int> lockComponent(static_cast<std::size_t>(k), -1);
    auto [component, componentCount] = problem.adjacency.unitCount() == n
                                           ? problem.adjacency.components()
                                           : std::pair<std::vector<int>, int>(std::vector<int>(n, 0), 1);
    if (problem.adjacency.unitCount() != n) {
        // No graph: every unit is its own piece.
        for (std::size_t i = 0; i < n; ++i)
            component[i] = static_cast<int>(i);
        componentCount = static_cast<int>(n);
    }
    if (!problem.locked.empty()) {
        for (std::size_t i = 0; i < n; ++i) {
            const int t = problem.locked[i];
            if (t < 0)
                continue;
            if (t >= k)
                return makeError(ErrorCode::Infeasible, "unit is locked to territory " + std::to_string(t + 1)
                                                            + " but there are only " + std::to_string(k),
                                 problem.describeUnit(i));
            if (options.contiguity) {
                int &c = lockComponent[static_cast<std::size_t>(t)];
                if (c >= 0 && c != component[i])
                    return makeError(ErrorCode::Infeasible,
                                     "units locked to territory " + std::to_string(t + 1)
                                         + " lie in separate pieces of the geography, so it cannot be contiguous",
                                     problem.describeUnit(i));
                c = component[i];
            }
        }
    }

    if (options.contiguity && componentCount > k)
        return makeError(ErrorCode::Infeasible,
                         "the geography has " + std::to_string(componentCount) + " separate pieces (islands or exclaves) but only "
                             + std::to_string(k) + " territories; with contiguity on every piece needs its own territory"
                               " (join islands to the mainland, add adjacency pairs or turn contiguity off)");
    for (const BalanceGoal &goal : options.balance) {
        const auto a = static_cast<std::size_t>(goal.attribute);
        const std::string &name = problem.attributeNames[a];
        const std::vector<double> &w = problem.weights[a];
        double total = 0;
        std::size_t positive = 0;
        for (double v : w) {
            total += v;
            positive += v > 0;
        }
        if (!(total > 0))
            return makeError(ErrorCode::Infeasible, "'" + name + "' is zero everywhere, so it cannot be balanced");
        const double mean = total / k;
        const double upper = (1 + goal.tolerance) * mean, lower = (1 - goal.tolerance) * mean;
        // The heaviest unit, so one message says how many territories would fit.
        const auto heaviest = static_cast<std::size_t>(std::max_element(w.begin(), w.end()) - w.begin());
        if (n > 0 && w[heaviest] > upper * (1 + 1e-12)) {
            const auto fit = static_cast<long long>(std::floor(total * (1 + goal.tolerance) / w[heaviest] * (1 + 1e-12)));
            return makeError(ErrorCode::Infeasible,
                             "this unit alone has " + name + " " + number(w[heaviest]) + ", more than a territory may hold ("
                                 + number(upper) + " = mean " + number(mean) + " + " + percent(goal.tolerance)
                                 + "); widen the tolerance or use "
                                 + (fit > 1 ? "at most " + std::to_string(fit) + " territories" : std::string("a single territory")),
                             problem.describeUnit(heaviest));
        }
        if (lower > 0 && positive < static_cast<std::size_t>(k))
            return makeError(ErrorCode::Infeasible, "only " + std::to_string(positive) + " units have any " + name
                                                        + ", fewer than the " + std::to_string(k)
                                                        + " territories that each need some");
        if (!problem.locked.empty()) {
            std::vector<double> lockedLoad(static_cast<std::size_t>(k), 0.0);
            for (std::size_t i = 0; i < n; ++i)
                if (problem.locked[i] >= 0)
                    lockedLoad[static_cast<std::size_t>(problem.locked[i])] += w[i];
            for (int t = 0; t < k; ++t)
                if (lockedLoad[static_cast<std::size_t>(t)] > upper * (1 + 1e-12))
                    return makeError(ErrorCode::Infeasible, "units locked to territory " + std::to_string(t + 1)
                                                                + " hold " + name + " "
                                                                + number(lockedLoad[static_cast<std::size_t>(t)])
                                                                + ", more than a territory may hold (" + number(upper)
                                                                + ")");
        }
        if (options.contiguity && componentCount > 1) {
            // Each piece needs a whole number m of territories with
            // m*lower <= weight <= m*upper; the m's must add up to k.
            std::vector<double> pieceWeight(static_cast<std::size_t>(componentCount), 0.0);
            std::vector<std::size_t> pieceUnit(static_cast<std::size_t>(componentCount), n);
            std::vector<std::size_t> pieceSize(static_cast<std::size_t>(componentCount), 0);
            for (std::size_t i = 0; i < n; ++i) {
                const auto c = static_cast<std::size_t>(component[i]);
                pieceWeight[c] += w[i];
                ++pieceSize[c];
                if (pieceUnit[c] == n)
                    pieceUnit[c] = i;
            }
            long long minSum = 0, maxSum = 0;
            for (int c = 0; c < componentCount; ++c) {
                const auto ci = static_cast<std::size_t>(c);
                const long long lo = std::max<long long>(1, static_cast<long long>(std::ceil(pieceWeight[ci] / upper - 1e-9)));
                long long hi = lower > 0 ? static_cast<long long>(std::floor(pieceWeight[ci] / lower + 1e-9))
                                         : static_cast<long long>(pieceSize[ci]);
                hi = std::min<long long>(hi, static_cast<long long>(pieceSize[ci]));
                if (hi < lo)
                    return makeError(ErrorCode::Infeasible,
                                     "the separate piece of the geography holding this unit ("
                                         + std::to_string(pieceSize[ci]) + (pieceSize[ci] == 1 ? " unit, " : " units, ") + name + " "
                                         + number(pieceWeight[ci]) + ") cannot form whole contiguous territories within "
                                         + percent(goal.tolerance) + " of the mean " + number(mean)
                                         + "; let islands join their nearest unit (tessera-cli optimize --bridge-islands) or turn contiguity off",
                                     problem.describeUnit(pieceUnit[ci]));
                minSum += lo;
                maxSum += hi;
            }
            if (minSum > k || maxSum < k)
                return makeError(ErrorCode::Infeasible,
                                 "the geography has " + std::to_string(componentCount) + " separate pieces whose " + name
                                     + " needs between " + std::to_string(minSum) + " and " + std::to_string(maxSum)
                                     + " contiguous territories, not " + std::to_string(k));
        }
    }
    return {};
}

} // namespace tessera
