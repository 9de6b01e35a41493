#include "core/optimizer/territoryoptimizer.h"

#include "core/optimizer/connectedpartitions.h"
#include "core/optimizer/deadline.h"
#include "core/optimizer/districtingsearch.h"
#include "core/optimizer/exactdistricting.h"
#include "core/optimizer/feasibilitycheck.h"
#include "core/optimizer/homelabelling.h"
#include "core/optimizer/islandbound.h"
#include "core/optimizer/lagrangianbound.h"
#include "core/optimizer/planevaluation.h"
#include "core/optimizer/rebalancer.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <future>
#include <limits>
#include <map>
#include <optional>
#include <memory>
#include <sstream>

namespace tessera {

namespace {

using Clock = std::chrono::steady_clock;

/// The evaluated plan's figures into the result (the one place they are copied).
void takeFigures(OptimizerResult &result, const PlanFigures &figures)
{
    result.objective = figures.objective;
    result.compactness = figures.compactness;
    result.worstDeviation = figures.worstDeviation;
    result.worstUtilisation = figures.worstUtilisation;
    result.leastUtilisation = figures.leastUtilisation;
    result.balanced = figures.balanced;
    result.contiguous = figures.contiguous;
    result.cutEdges = figures.cutEdges;
    result.boundaryKm = figures.boundaryKm;
    result.inertia = figures.inertia;
    result.movedUnits = figures.movedUnits;
    result.movedAccounts = figures.movedAccounts;
}

/// Each unit's travel in a plan: the subgradient's starting multipliers.
std::vector<double> planMultipliers(const DistrictingProblem &problem, const OptimizerOptions &options,
                                    const std::vector<int> &territory, const std::vector<int> &centreUnits)
{
    const std::size_t n = problem.unitCount();
    std::vector<double> multipliers(n, 0.0);
    if (options.compactness != CompactnessObjective::Travel)
        return multipliers;
    const std::vector<double> tw = districting::travelWeights(problem, options);
    const std::vector<PlanePoint> centres = districting::centrePoints(problem, options, centreUnits);
    for (std::size_t i = 0; i < n; ++i)
        multipliers[i] = districting::travelCost(options, tw[i], problem.points[i], centres[static_cast<std::size_t>(territory[i])]);
    return multipliers;
}

/// Subgradient steps of the travel bound on large problems: a few hundred are
/// needed and each costs a pass over every unit's neighbourhood, so within a
/// time limit the bound runs beside the improvement, on a second core, until
/// the search's deadline (European layer, k = 500: the reserve after the search
/// allowed some 60 steps and an 84 % gap).
constexpr std::size_t ConcurrentBoundUnits = 2000;

/// The larger of \a bound and the island crossing bound, with its label.
CompactnessBound withIslandBound(CompactnessBound bound, double islands)
{
    if (islands > bound.value) {
        bound.value = islands;
        bound.label = "vs travel forced by islands that cannot hold whole territories";
    }
    return bound;
}

/// The lower bound computed on its own thread; cancelled with the solve. The
/// island crossing bound does not depend on the plan, so it comes first and
/// takes its time from the search rather than from the reserve after it.
class BackgroundBound {
public:
    BackgroundBound(const DistrictingProblem &problem, const OptimizerOptions &options, double upperBound,
                    std::vector<double> multipliers, Deadline deadline)
    {
        // Only this thread writes mLatest: the larger of the bounds so far.
        mStop.setReportCallback([this](const ProgressReport &report) {
            if (report.bound && *report.bound > mLatest.load(std::memory_order_relaxed))
                mLatest.store(*report.bound, std::memory_order_relaxed);
        });
        mFuture = std::async(std::launch::async, [&problem, options, upperBound, multipliers = std::move(multipliers), deadline, this] {
            const double islands = islandCrossingBound(problem, options, deadline, &mStop);
            reportProgress(&mStop, ProgressReport{0.0, "lower bound", {}, islands});
            return withIslandBound(compactnessLowerBound(problem, options, upperBound, multipliers, 20000, &mStop, BoundPairBudget,
                                                         deadline, std::numeric_limits<double>::infinity()),
                                   islands);
        });
    }
    ~BackgroundBound()
    {
        mStop.cancel();
        if (mFuture.valid())
            mFuture.wait();
    }
    BackgroundBound(const BackgroundBound &) = delete;
    BackgroundBound &operator=(const BackgroundBound &) = delete;

    /// The best bound so far, for progress reports (0 before the first step).
    double latest() const { return mLatest.load(std::memory_order_relaxed); }

    /// Stops the steps (the search has ended) and returns the best bound so far.
    CompactnessBound finish()
    {
        mStop.cancel();
        return mFuture.get();
    }

private:
    Feedback mStop; // cancel, and the bound's progress into mLatest: reports stay on the solve's own thread
    std::atomic<double> mLatest{0.0};
    std::future<CompactnessBound> mFuture;
};

bool better(const PlanFigures &a, const PlanFigures &b)
{
    const int fa = a.balanced + a.contiguous, fb = b.balanced + b.contiguous;
    if (fa != fb)
        return fa > fb;
    return a.objective < b.objective;
}

/// Renames the territories of a fresh plan so they overlap the current plan
/// as much as possible (greedy on shared units), so "moved" means moved.
std::vector<int> matchLabels(const std::vector<int> &plan, const std::vector<int> &current, int k)
{
    std::map<std::pair<int, int>, int> overlap;
    for (std::size_t i = 0; i < plan.size(); ++i)
        if (current[i] >= 0 && current[i] < k)
            ++overlap[{plan[i], current[i]}];
    std::vector<std::tuple<int, int, int>> pairs;
    for (const auto &[key, count] : overlap)
        pairs.emplace_back(-count, key.first, key.second);
    std::sort(pairs.begin(), pairs.end());
    std::vector<int> rename(static_cast<std::size_t>(k), -1);
    std::vector<char> usedTarget(static_cast<std::size_t>(k), 0);
    for (const auto &[count, from, to] : pairs) {
        (void)count;
        if (rename[static_cast<std::size_t>(from)] < 0 && !usedTarget[static_cast<std::size_t>(to)]) {
            rename[static_cast<std::size_t>(from)] = to;
            usedTarget[static_cast<std::size_t>(to)] = 1;
        }
    }
    int next = 0;
    for (int t = 0; t < k; ++t) {
        if (rename[static_cast<std::size_t>(t)] >= 0)
            continue;
        while (usedTarget[static_cast<std::size_t>(next)])
            ++next;
        rename[static_cast<std::size_t>(t)] = next;
        usedTarget[static_cast<std::size_t>(next)] = 1;
    }
    std::vector<int> out(plan.size());
    for (std::size_t i = 0; i < plan.size(); ++i)
        out[i] = rename[static_cast<std::size_t>(plan[i])];
    return out;
}

std::vector<MoveExplanation> explainMoves(const DistrictingProblem &problem, const OptimizerOptions &options,
                                          const std::vector<int> &plan, const std::vector<int> &centreUnits)
{
    std::vector<MoveExplanation> out;
    if (!problem.hasCurrentPlan())
        return out;
    const int k = options.territories;
    const std::vector<double> tw = districting::travelWeights(problem, options);
    const std::vector<PlanePoint> centres = districting::centrePoints(problem, options, centreUnits);
    const bool lengths = districting::graphHasLengths(problem);
    // Loads of the current plan for the first balance goal.
    std::vector<double> load(static_cast<std::size_t>(k), 0.0);
    double mean = 0;
    const std::vector<double> *w = nullptr;
    if (!options.balance.empty()) {
        w = &problem.weights[static_cast<std::size_t>(options.balance.front().attribute)];
        for (std::size_t i = 0; i < plan.size(); ++i) {
            mean += (*w)[i];
            if (problem.currentPlan[i] >= 0 && problem.currentPlan[i] < k)
                load[static_cast<std::size_t>(problem.currentPlan[i])] += (*w)[i];
        }
        mean /= k;
    }
    for (std::size_t i = 0; i < plan.size(); ++i) {
        const int from = problem.currentPlan[i], to = plan[i];
        if (from == to)
            continue;
        MoveExplanation e;
        e.unit = static_cast<int>(i);
        e.fromTerritory = from;
        e.toTerritory = to;
        if (from >= 0 && from < k && to >= 0 && to < k) {
            if (options.compactness == CompactnessObjective::Travel && static_cast<std::size_t>(from) < centres.size())
                e.travelGain = districting::travelCost(options, tw[i], problem.points[i], centres[static_cast<std::size_t>(from)])
                               - districting::travelCost(options, tw[i], problem.points[i], centres[static_cast<std::size_t>(to)]);
            if (problem.adjacency.unitCount() == plan.size()) {
                auto nb = problem.adjacency.neighbours(UnitId(static_cast<std::int32_t>(i)));
                auto len = problem.adjacency.sharedLengths(UnitId(static_cast<std::int32_t>(i)));
                for (std::size_t n = 0; n < nb.size(); ++n) {
                    const int t = plan[static_cast<std::size_t>(nb[n].value())];
                    const double l = lengths ? len[n] : 1.0;
                    e.boundaryGain += (t == to ? l : 0.0) - (t == from ? l : 0.0);
                }
            }
            if (w && mean > 0) {
                const double lf = load[static_cast<std::size_t>(from)], lt = load[static_cast<std::size_t>(to)], v = (*w)[i];
                const double before = std::max(std::abs(lf - mean), std::abs(lt - mean)) / mean;
                const double after = std::max(std::abs(lf - v - mean), std::abs(lt + v - mean)) / mean;
                e.balanceGain = before - after;
            }
        }
        e.disruptionCost = districting::moveVolume(problem, options, i);
        out.push_back(e);
    }
    return out;
}

/// Minimal-disruption rebalancing of the current plan (Rebalancer): the best
/// balance within the move cap, or without a cap the fewest moves that reach
/// every tolerance. The result carries the breaking territories, if any.
Result<OptimizerResult> rebalanceCurrentPlan(const DistrictingProblem &problem, const OptimizerOptions &options,
                                             Clock::time_point start, Feedback *feedback)
{
    RebalanceOptions settings;
    settings.balance = options.balance;
    settings.contiguity = options.contiguity;
    settings.seed = options.seed;
    settings.workBudget = options.workBudget;
    settings.timeLimitSeconds = options.timeLimitSeconds;
    Rebalancer rebalancer(problem, options.territories, settings);
    auto outcome = options.moveCap >= 0
                       ? rebalancer.bestWithin(static_cast<int>(std::min(options.moveCap, 1e9)), feedback)
                       : rebalancer.fewestMoves(feedback);
    if (!outcome)
        return outcome.error();
    OptimizerResult result;
    result.territory = outcome->plan;
    const std::vector<double> tw = districting::travelWeights(problem, options);
    result.centres = options.centres == CentreMode::Fixed ? std::vector<int>(static_cast<std::size_t>(options.territories), -1)
                                                          : districting::bestCentres(problem, options, tw, result.territory);
    const PlanFigures figures = districting::evaluatePlan(problem, options, result.territory, result.centres);
    takeFigures(result, figures);
    result.lowerBound = 0.0;
    result.gap = 0.0;
    result.boundLabel = "none: rebalancing minimises moves, not travel";
    result.exact = outcome->exact;
    result.breaches = outcome->breaches;
    result.stats.evaluatedMoves = outcome->evaluatedMoves;
    result.stats.timeLimitHit = outcome->timeLimitHit;
    result.stats.workBudgetHit = outcome->workBudgetHit;
    if (options.explainMoves)
        result.explanations = explainMoves(problem, options, result.territory, result.centres);
    result.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    reportProgress(feedback, 1.0, "done");
    return result;
}

/// The enumeration's plan as a result: centre units for chosen centres
/// (territories go to homes later, in finishResult) or, with fixed centres,
/// each territory labelled by the rep home that serves it best.
OptimizerResult enumeratedResult(const DistrictingProblem &problem, const OptimizerOptions &options,
                                 const EnumeratedPartition &enumerated, Deadline deadline)
{
    const int k = options.territories;
    OptimizerResult result;
    result.territory = enumerated.plan;
    if (options.centres == CentreMode::Fixed) {
        if (const std::vector<int> rename = labelsByHome(problem, options, result.territory, deadline); !rename.empty())
            for (int &t : result.territory)
                t = rename[static_cast<std::size_t>(t)];
        result.centres.assign(static_cast<std::size_t>(k), -1);
    } else {
        result.centres = districting::bestCentres(problem, options, districting::travelWeights(problem, options), result.territory);
    }
    result.exact = enumerated.outcome == EnumerationOutcome::Optimal;
    result.provenOptimal = result.exact;
    result.boundLabel = "exact enumeration of every contiguous plan";
    result.stats.enumeratedTerritories = enumerated.work;
    return result;
}

/// Final labels and figures of a plan, shared by every new-plan path.
/// Freely chosen centres leave the labels arbitrary: territories go to the
/// reps whose homes serve them best or, without homes, to the labels of the
/// current plan they overlap most (so "moved" means moved). A utilisation
/// limit ties each territory to its rep already.
OptimizerResult finishResult(const DistrictingProblem &problem, const OptimizerOptions &options, OptimizerResult result,
                             PlanFigures figures, Clock::time_point start, Deadline deadline, Feedback *feedback)
{
    const int k = options.territories;
    const bool hasHomes = problem.fixedCentres.size() == static_cast<std::size_t>(k);
    if ((problem.hasCurrentPlan() || hasHomes) && !options.rebalanceFromCurrent && options.centres == CentreMode::Chosen
        && !(options.utilisationMax > 0) && !(options.utilisationMin > 0)
        && std::none_of(problem.locked.begin(), problem.locked.end(), [](int t) { return t >= 0; })) {
        std::vector<int> relabelled;
        if (const std::vector<int> rename = labelsByHome(problem, options, result.territory, deadline); !rename.empty()) {
            relabelled = result.territory;
            for (int &t : relabelled)
                if (t >= 0 && t < k)
                    t = rename[static_cast<std::size_t>(t)];
        } else {
            relabelled = matchLabels(result.territory, problem.currentPlan, k);
        }
        std::vector<int> centres(static_cast<std::size_t>(k), -1);
        for (int t = 0; t < k; ++t)
            if (result.centres[static_cast<std::size_t>(t)] >= 0)
                centres[static_cast<std::size_t>(relabelled[static_cast<std::size_t>(result.centres[static_cast<std::size_t>(t)])])] =
                    result.centres[static_cast<std::size_t>(t)];
        result.territory = std::move(relabelled);
        result.centres = std::move(centres);
        figures = districting::evaluatePlan(problem, options, result.territory, result.centres);
    }

    takeFigures(result, figures);
    result.gap = result.objective > 0 ? std::max(0.0, (result.objective - result.lowerBound) / result.objective) : 0.0;
    if (result.provenOptimal)
        result.gap = std::min(result.gap, options.exactMipGap);
    if (options.explainMoves)
        result.explanations = explainMoves(problem, options, result.territory, result.centres);
    result.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    reportProgress(feedback, 1.0, "done");
    return result;
}

} // namespace

std::string MoveExplanation::toString(const std::vector<std::string> &unitKeys, const std::vector<std::string> &fromNames,
                                     const std::vector<std::string> &toNames) const
{
    auto territory = [](int index, const std::vector<std::string> &names) {
        return index >= 0 && static_cast<std::size_t>(index) < names.size()
                   ? "'" + names[static_cast<std::size_t>(index)] + "'"
                   : std::to_string(index + 1);
    };
    std::ostringstream out;
    out << "unit " << (unit >= 0 && static_cast<std::size_t>(unit) < unitKeys.size() ? unitKeys[static_cast<std::size_t>(unit)] : std::to_string(unit))
        << ": territory " << territory(fromTerritory, fromNames) << " -> " << territory(toTerritory, toNames) << "; travel " << (travelGain >= 0 ? "-" : "+")
        << std::abs(travelGain) << ", boundary " << (boundaryGain >= 0 ? "-" : "+") << std::abs(boundaryGain)
        << ", worst deviation " << (balanceGain >= 0 ? "-" : "+") << std::abs(balanceGain) * 100 << " %, disruption +"
        << disruptionCost;
    return out.str();
}

bool exactPathApplies(const DistrictingProblem &problem, const OptimizerOptions &options)
{
    const std::size_t n = problem.unitCount();
    if (options.rebalanceFromCurrent || options.moveCap >= 0 || options.disruptionWeight > 0 || options.utilisationMax > 0
        || options.utilisationMin > 0)
        return false;
    if (options.centres == CentreMode::Chosen && !problem.locked.empty()
        && std::any_of(problem.locked.begin(), problem.locked.end(), [](int t) { return t >= 0; }))
        return false;
    const double binaries = options.centres == CentreMode::Chosen ? static_cast<double>(n) * static_cast<double>(n)
                                                                  : static_cast<double>(n) * options.territories;
    return n <= static_cast<std::size_t>(options.exactMaxUnits) && binaries <= options.exactMaxBinaries;
}

Result<OptimizerResult> optimizeTerritories(const DistrictingProblem &problem, const OptimizerOptions &requested,
                                            Feedback *feedback)
{
    const Clock::time_point start = Clock::now();
    if (auto ok = checkFeasibility(problem, requested); !ok)
        return ok.error();
    OptimizerOptions options = requested;
    if (options.moveCap >= 0)
        options.rebalanceFromCurrent = true;
    if (options.rebalanceFromCurrent && !options.moveCapInAccounts)
        return rebalanceCurrentPlan(problem, options, start, feedback);
    const std::size_t n = problem.unitCount();
    const int k = options.territories;
    // Automatic takes the exact path whenever the problem is small enough:
    // for the boundary objective its proofs take long, but within the time
    // limit it still finds plans at tight tolerances the heuristic misses, and
    // its branch-and-cut bound is far stronger than the spanning relaxation.
    const bool exactWanted = options.path == SolverPath::Exact
                             || (options.path == SolverPath::Automatic && exactPathApplies(problem, options));
    if (options.path == SolverPath::Exact && !exactPathApplies(problem, options)) {
        OptimizerOptions relaxedGate = options;
        relaxedGate.exactMaxUnits = 1 << 30;
        relaxedGate.exactMaxBinaries = 1 << 30;
        if (!exactPathApplies(problem, relaxedGate))
            return makeError(ErrorCode::InvalidArgument,
                             "the exact path handles new plans only: no rebalancing, no disruption weight, no "
                             "utilisation limit and (with chosen centres) no locks");
    }
    // One deadline for every phase; the search leaves a reserve for the
    // lower bound and the rep matching (10 % of the limit, at most 3 s).
    const bool limited = options.timeLimitSeconds > 0;
    const double limit = limited ? options.timeLimitSeconds : 1e9;
    const Deadline deadline = limited ? Deadline(start + std::chrono::microseconds(static_cast<long long>(limit * 1e6))) : Deadline{};
    const Deadline searchDeadline =
        limited ? Deadline(start + std::chrono::microseconds(static_cast<long long>((limit - std::min(0.1 * limit, 3.0)) * 1e6)))
                : Deadline{};

    // Small graphs under the boundary objective: every contiguous plan is
    // enumerated first, within a share of the limit. That proves the optimum
    // or that no plan exists where branch and cut, at tight tolerances, finds
    // neither; when it runs out, its best plan joins the heuristic's starts.
    EnumeratedPartition enumerated;
    if (exactWanted && connectedPartitionsApply(problem, options)) {
        reportProgress(feedback, 0.02, "enumerating contiguous plans");
        const Deadline enumerationDeadline = limited ? deadline.within(0.3 * limit) : Deadline{};
        const std::int64_t enumerationBudget = options.workBudget > 0 ? options.workBudget : limited ? 0 : 50'000'000;
        auto outcome = enumerateConnectedPartitions(problem, options, enumerationDeadline, enumerationBudget, feedback);
        if (!outcome)
            return outcome.error();
        enumerated = std::move(*outcome);
        if (enumerated.outcome == EnumerationOutcome::Infeasible)
            return makeError(ErrorCode::Infeasible,
                             "no balanced contiguous plan exists (every division of the " + std::to_string(n) + " units into "
                                 + std::to_string(k) + " connected territories was checked)");
        if (enumerated.outcome == EnumerationOutcome::Optimal) {
            OptimizerResult result = enumeratedResult(problem, options, enumerated, deadline);
            const PlanFigures figures = districting::evaluatePlan(problem, options, result.territory, result.centres);
            // The enumeration measures balance and boundary as the evaluation
            // does; should they ever disagree, the usual path decides.
            if (figures.balanced && figures.contiguous) {
                result.lowerBound = std::min(enumerated.value, figures.objective);
                return finishResult(problem, options, std::move(result), figures, start, deadline, feedback);
            }
            enumerated.plan.clear();
        }
    }

    int restarts = options.restarts > 0 ? options.restarts : (n <= 500 ? 8 : n <= 5000 ? 4 : 1);
    if (options.rebalanceFromCurrent)
        restarts = 1;
    // The construction (restarts) gets the automatic budget, or half of the
    // user's; the anytime improvement gets the rest (unbounded when automatic).
    const std::int64_t automaticBudget = std::max<std::int64_t>(4'000'000, static_cast<std::int64_t>(n) * 600);
    const std::int64_t budget = options.workBudget > 0 ? std::max<std::int64_t>(1, options.workBudget / 2) : automaticBudget;

    OptimizerResult result;
    DistrictingSearch search(problem, options);
    if (options.rebalanceFromCurrent)
        search.setStartPlan(problem.currentPlan);
    PlanFigures bestFigures;
    bool haveBest = false;
    std::int64_t used = 0;
    for (int r = 0; r < restarts; ++r) {
        const bool finished = search.run(options.seed + static_cast<std::uint64_t>(r) * 7919u, budget / restarts, searchDeadline.at(), feedback);
        if (isCancelled(feedback))
            return makeError(ErrorCode::Cancelled, "optimization cancelled");
        (void)finished;
        const std::vector<int> centres = search.centreUnits();
        PlanFigures figures = districting::evaluatePlan(problem, options, search.plan(), centres);
        const OptimizerStats &s = search.stats();
        used += s.evaluatedMoves;
        result.stats.evaluatedMoves += s.evaluatedMoves;
        result.stats.acceptedMoves += s.acceptedMoves;
        result.stats.repairs += s.repairs;
        result.stats.timeLimitHit = result.stats.timeLimitHit || s.timeLimitHit;
        result.stats.workBudgetHit = result.stats.workBudgetHit || s.workBudgetHit;
        ++result.stats.restarts;
        if (!haveBest || better(figures, bestFigures)) {
            bestFigures = figures;
            result.territory = search.plan();
            result.centres = centres;
            haveBest = true;
        }
        std::ostringstream phase;
        phase << "start " << r + 1 << "/" << restarts;
        const std::string text = phase.str();
        const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
        reportProgress(feedback, ProgressReport{limited ? std::min(0.9, elapsed / limit) : 0.8 * (r + 1) / restarts, text,
                                                bestFigures.objective, {}});
        if (s.timeLimitHit)
            break;
    }

    // The enumeration's best plan, when it ran out, competes with the starts.
    if (!enumerated.plan.empty()) {
        OptimizerResult seeded = enumeratedResult(problem, options, enumerated, deadline);
        const PlanFigures figures = districting::evaluatePlan(problem, options, seeded.territory, seeded.centres);
        if (!haveBest || better(figures, bestFigures)) {
            bestFigures = figures;
            result.territory = std::move(seeded.territory);
            result.centres = std::move(seeded.centres);
            haveBest = true;
        }
    }
    result.stats.enumeratedTerritories = enumerated.work;

    // With a time limit, a large travel problem's bound runs beside the improvement.
    std::unique_ptr<BackgroundBound> background;
    if (haveBest && limited && options.boundBesideSearch && !exactWanted && options.compactness == CompactnessObjective::Travel
        && n > ConcurrentBoundUnits && !result.stats.timeLimitHit)
        background = std::make_unique<BackgroundBound>(problem, options, bestFigures.compactness,
                                                       planMultipliers(problem, options, result.territory, result.centres),
                                                       searchDeadline);

    // Anytime improvement (iterated local search) from the best start.
    if (haveBest && !options.rebalanceFromCurrent && !result.stats.timeLimitHit) {
        const std::int64_t refineBudget = options.workBudget > 0 ? std::max<std::int64_t>(0, options.workBudget - used)
                                                                 : std::numeric_limits<std::int64_t>::max();
        std::int64_t idle = options.idleRounds > 0 ? options.idleRounds : options.idleRounds < 0 ? 0 : 4000;
        // The exact path takes over: for travel after a short improvement; for
        // the boundary objective, whose tight-balance plans the exact path may
        // not find, the improvement keeps half the time limit.
        Clock::time_point refineDeadline = searchDeadline.at();
        if (exactWanted && options.compactness == CompactnessObjective::Travel)
            idle = std::min<std::int64_t>(idle > 0 ? idle : 300, 300);
        else if (exactWanted && limited)
            refineDeadline = std::min(refineDeadline, start + std::chrono::microseconds(static_cast<long long>(0.5 * limit * 1e6)));
        const auto onImproved = [&](double value) {
            const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
            std::optional<double> bound;
            if (background && background->latest() > 0)
                bound = std::min(background->latest(), value);
            reportProgress(feedback, ProgressReport{limited ? std::min(0.9, elapsed / limit) : 0.85, "improving the plan", value, bound});
        };
        const DistrictingSearch::RefineStop stop =
            search.refine(result.territory, options.seed ^ 0x5DEECE66Dull, refineBudget, refineDeadline, options.stallSeconds,
                          idle, feedback, onImproved);
        if (stop == DistrictingSearch::RefineStop::Cancelled || isCancelled(feedback))
            return makeError(ErrorCode::Cancelled, "optimization cancelled");
        const OptimizerStats &s = search.stats();
        result.stats.evaluatedMoves += s.evaluatedMoves;
        result.stats.acceptedMoves += s.acceptedMoves;
        result.stats.refineRounds = search.refineRounds();
        result.stats.refineImprovements = search.refineImprovements();
        result.stats.stallHit = stop == DistrictingSearch::RefineStop::Stall;
        result.stats.timeLimitHit = result.stats.timeLimitHit || stop == DistrictingSearch::RefineStop::TimeLimit;
        result.stats.workBudgetHit = result.stats.workBudgetHit || stop == DistrictingSearch::RefineStop::WorkBudget;
        const std::vector<int> centres = search.centreUnits();
        PlanFigures figures = districting::evaluatePlan(problem, options, search.plan(), centres);
        if (better(figures, bestFigures)) {
            bestFigures = figures;
            result.territory = search.plan();
            result.centres = centres;
        }
    }

    // Exact path: GLPK branch-and-cut, warm-started with the heuristic plan.
    bool boundDone = false;
    if (exactWanted) {
        const double remaining = std::max(0.05, deadline.secondsLeft());
        const bool warm = bestFigures.balanced && (bestFigures.contiguous || !options.contiguity);
        auto exact = solveExactDistricting(problem, options, warm ? result.territory : std::vector<int>{},
                                           warm ? result.centres : std::vector<int>{}, remaining, feedback);
        if (!exact) {
            if (exact.error().code == ErrorCode::Cancelled)
                return exact.error();
            if (exact.error().code == ErrorCode::Infeasible)
                return exact.error();
        } else {
            result.stats.cuts = exact->cuts;
            result.stats.nodes = exact->nodes;
            result.stats.lpSolves = exact->lpSolves;
            result.stats.timeLimitHit = result.stats.timeLimitHit || exact->timeLimitHit;
            if (!exact->plan.empty()) {
                PlanFigures figures = districting::evaluatePlan(problem, options, exact->plan, exact->centres);
                if (!better(bestFigures, figures)) {
                    bestFigures = figures;
                    result.territory = exact->plan;
                    result.centres = exact->centres;
                    result.exact = true;
                }
            }
            result.lowerBound = std::min(exact->bound, bestFigures.objective);
            result.provenOptimal = exact->optimal;
            result.boundLabel = "branch-and-cut bound (with contiguity)";
            if (options.compactness == CompactnessObjective::Boundary && !exact->optimal) {
                // The cut-edge LP is weak; the spanning bound may be stronger.
                const CompactnessBound spanning = compactnessLowerBound(problem, options, bestFigures.objective, {}, 0, nullptr, BoundPairBudget, deadline);
                if (spanning.value > result.lowerBound) {
                    result.lowerBound = std::min(spanning.value, bestFigures.objective);
                    result.boundLabel = spanning.label;
                }
            }
            boundDone = true;
            reportProgress(feedback, ProgressReport{0.95, "branch and cut", bestFigures.objective, result.lowerBound});
        }
    }

    if (!boundDone) {
        reportProgress(feedback, 0.85, "lower bound");
        CompactnessBound bound;
        if (background) {
            bound = background->finish();
        } else {
            const int iterations = n <= 2000 ? 400 : n <= 10000 ? 100 : 120;
            bound = compactnessLowerBound(problem, options, bestFigures.compactness,
                                          planMultipliers(problem, options, result.territory, result.centres), iterations,
                                          feedback, BoundPairBudget, deadline);
        }
        if (isCancelled(feedback))
            return makeError(ErrorCode::Cancelled, "optimization cancelled");
        if (!background)
            bound = withIslandBound(bound, islandCrossingBound(problem, options, deadline, feedback));
        result.lowerBound = std::min(bound.value, bestFigures.objective);
        result.boundLabel = bound.label;
        const std::string phase = "lower bound (" + bound.label + ")";
        reportProgress(feedback, ProgressReport{0.95, phase, bestFigures.objective, result.lowerBound});
    }

    return finishResult(problem, options, std::move(result), bestFigures, start, deadline, feedback);
}

} // namespace tessera
