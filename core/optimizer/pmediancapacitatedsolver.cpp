#include "core/optimizer/pmediancapacitatedsolver.h"

#include "core/optimizer/glpkguard.h"
#include "core/optimizer/pmediancostmodel.h"
#include "core/optimizer/pmedianlagrangianbound.h"
#include "core/optimizer/pmediansolver.h"

#include <glpk.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <numeric>
#include <random>
#include <functional>
#include <map>
#include <set>

namespace tessera {

namespace {

using Clock = std::chrono::steady_clock;
constexpr double kInfinity = std::numeric_limits<double>::infinity();
constexpr std::size_t kUnlimited = static_cast<std::size_t>(-1);
/// Branch-and-bound nodes allowed per partial-optimisation sub-solve (a work
/// budget, so results do not depend on the machine's speed).
constexpr std::size_t SubproblemNodeLimit = 400;
/// Wall-clock safety stop of one GLPK sub-solve (group re-solve or exact
/// assignment). The node budget above binds first on every benchmark instance;
/// this only guards against a pathological LP.
constexpr double SubproblemSafetySeconds = 60.0;

double secondsSince(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

std::size_t randomBelow(std::mt19937_64 &rng, std::size_t bound) { return static_cast<std::size_t>(rng() % bound); }

/// A capacitated solution: open sites and the site of every customer.
struct Solution {
    std::vector<std::size_t> sites;
    std::vector<std::size_t> assignment;
    double objective = kInfinity;
    bool isValid() const { return objective < kInfinity; }
};

/// Heuristic building blocks on one problem.
class Heuristic {
public:
    Heuristic(const LocationProblem &problem, const PmedianCostModel &model)
        : mProblem(problem), mModel(model), mN(model.customers()), mM(model.sites())
    {
    }

    /// Assigns customers to the fixed \a sites: regret order, nearest site with
    /// room, one-level ejection repair, then shift and swap moves. Returns an
    /// invalid solution when no capacity-feasible assignment was found.
    Solution assign(std::vector<std::size_t> sites) const
    {
        std::sort(sites.begin(), sites.end());
        const std::size_t p = sites.size();
        Solution s;
        s.sites = sites;
        s.assignment.assign(mN, mM);
        std::vector<double> residual(mM, 0.0);
        for (std::size_t j : sites)
            residual[j] = mProblem.capacities[j];
        // Sites of each customer sorted by cost.
        std::vector<std::size_t> sorted(mN * p);
        std::vector<double> regret(mN, 0.0);
        for (std::size_t i = 0; i < mN; ++i) {
            std::size_t *row = sorted.data() + i * p;
            std::copy(sites.begin(), sites.end(), row);
            std::sort(row, row + p, [&](std::size_t a, std::size_t b) {
                const double ca = mModel.cost(i, a), cb = mModel.cost(i, b);
                return ca != cb ? ca < cb : a < b;
            });
            regret[i] = p > 1 ? mModel.cost(i, row[1]) - mModel.cost(i, row[0]) : 0.0;
        }
        std::vector<std::size_t> order(mN);
        std::iota(order.begin(), order.end(), std::size_t(0));
        std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
            if (regret[a] != regret[b])
                return regret[a] > regret[b];
            if (mProblem.demand(a) != mProblem.demand(b))
                return mProblem.demand(a) > mProblem.demand(b);
            return a < b;
        });
        std::vector<std::size_t> unplaced;
        for (std::size_t i : order) {
            const double q = mProblem.demand(i);
            const std::size_t *row = sorted.data() + i * p;
            bool placed = false;
            for (std::size_t k = 0; k < p; ++k) {
                if (residual[row[k]] >= q) {
                    s.assignment[i] = row[k];
                    residual[row[k]] -= q;
                    placed = true;
                    break;
                }
            }
            if (!placed)
                unplaced.push_back(i);
        }
        for (std::size_t i : unplaced) {
            // Ejection: move some customer k out of site j to another site with room,
            // so that i fits into j. Cheapest such pair wins.
            const double q = mProblem.demand(i);
            double bestDelta = kInfinity;
            std::size_t bestK = mN, bestTo = mM, bestJ = mM;
            for (std::size_t k = 0; k < mN; ++k) {
                const std::size_t j = s.assignment[k];
                if (j == mM || residual[j] + mProblem.demand(k) < q)
                    continue;
                for (std::size_t to : sites) {
                    if (to == j || residual[to] < mProblem.demand(k))
                        continue;
                    const double delta = mModel.cost(i, j) + mModel.cost(k, to) - mModel.cost(k, j);
                    if (delta < bestDelta) {
                        bestDelta = delta;
                        bestK = k;
                        bestTo = to;
                        bestJ = j;
                    }
                }
            }
            if (bestK == mN)
                return Solution{};
            residual[bestJ] += mProblem.demand(bestK) - q;
            residual[bestTo] -= mProblem.demand(bestK);
            s.assignment[bestK] = bestTo;
            s.assignment[i] = bestJ;
        }
        improveAssignment(s, residual);
        s.objective = objective(s);
        return s;
    }

    /// Shift and swap moves between the open sites until none improves.
    void improveAssignment(Solution &s, std::vector<double> &residual) const
    {
        for (int pass = 0; pass < 50; ++pass) {
            bool improved = false;
            for (std::size_t i = 0; i < mN; ++i) {
                const std::size_t from = s.assignment[i];
                const double q = mProblem.demand(i);
                double bestCost = mModel.cost(i, from);
                std::size_t bestTo = from;
                for (std::size_t to : s.sites) {
                    if (to != from && residual[to] >= q && mModel.cost(i, to) < bestCost - 1e-12) {
                        bestCost = mModel.cost(i, to);
                        bestTo = to;
                    }
                }
                if (bestTo != from) {
                    residual[from] += q;
                    residual[bestTo] -= q;
                    s.assignment[i] = bestTo;
                    improved = true;
                }
            }
            for (std::size_t i = 0; i < mN; ++i) {
                for (std::size_t k = i + 1; k < mN; ++k) {
                    const std::size_t a = s.assignment[i], b = s.assignment[k];
                    if (a == b)
                        continue;
                    const double delta = mModel.cost(i, b) + mModel.cost(k, a) - mModel.cost(i, a) - mModel.cost(k, b);
                    if (delta >= -1e-9)
                        continue;
                    const double qi = mProblem.demand(i), qk = mProblem.demand(k);
                    if (residual[a] + qi - qk < 0 || residual[b] + qk - qi < 0)
                        continue;
                    residual[a] += qi - qk;
                    residual[b] += qk - qi;
                    s.assignment[i] = b;
                    s.assignment[k] = a;
                    improved = true;
                }
            }
            if (!improved)
                break;
        }
    }

    double objective(const Solution &s) const
    {
        double total = 0.0;
        for (std::size_t i = 0; i < mN; ++i)
            total += mModel.cost(i, s.assignment[i]);
        return total;
    }

    /// Location-allocation alternation: move each site to the best site for its
    /// current customers (capacity permitting), re-assign, repeat while it improves.
    Solution alternate(Solution s) const
    {
        for (int round = 0; round < 30 && s.isValid(); ++round) {
            std::vector<char> open(mM, 0);
            for (std::size_t j : s.sites)
                open[j] = 1;
            std::vector<std::size_t> next = s.sites;
            bool changed = false;
            for (std::size_t t = 0; t < next.size(); ++t) {
                const std::size_t r = next[t];
                double demand = 0.0, current = 0.0;
                std::vector<std::size_t> members;
                for (std::size_t i = 0; i < mN; ++i) {
                    if (s.assignment[i] == r) {
                        members.push_back(i);
                        demand += mProblem.demand(i);
                        current += mModel.cost(i, r);
                    }
                }
                double best = current;
                std::size_t bestSite = r;
                for (std::size_t j = 0; j < mM; ++j) {
                    if (open[j] || mProblem.capacities[j] < demand)
                        continue;
                    double total = 0.0;
                    for (std::size_t i : members) {
                        total += mModel.cost(i, j);
                        if (total >= best)
                            break;
                    }
                    if (total < best - 1e-9) {
                        best = total;
                        bestSite = j;
                    }
                }
                if (bestSite != r) {
                    open[r] = 0;
                    open[bestSite] = 1;
                    next[t] = bestSite;
                    for (std::size_t i : members)
                        s.assignment[i] = bestSite;
                    changed = true;
                }
            }
            if (!changed)
                break;
            std::sort(next.begin(), next.end());
            s.sites = next;
            s.objective = objective(s);
            Solution reassigned = assign(next);
            if (reassigned.isValid() && reassigned.objective < s.objective)
                s = std::move(reassigned);
            else {
                std::vector<double> residual(mM, 0.0);
                for (std::size_t j : s.sites)
                    residual[j] = mProblem.capacities[j];
                for (std::size_t i = 0; i < mN; ++i)
                    residual[s.assignment[i]] -= mProblem.demand(i);
                improveAssignment(s, residual);
                s.objective = objective(s);
            }
        }
        return s;
    }

    /// Site swap local search (first improvement): replace one open site by a
    /// closed one, re-assign heuristically. All pairs when p * (m - p) is small,
    /// otherwise the closed sites nearest to each site's customers.
    Solution swapSearch(Solution s, const Feedback *feedback, const Deadline &deadline) const
    {
        const std::size_t p = s.sites.size();
        const bool allPairs = p * (mM - p) <= 6000;
        for (int round = 0; round < 50 && s.isValid(); ++round) {
            bool improved = false;
            std::vector<char> open(mM, 0);
            for (std::size_t j : s.sites)
                open[j] = 1;
            for (std::size_t slot = 0; slot < s.sites.size() && !improved; ++slot) {
                if (isCancelled(feedback) || deadline.passed())
                    return s;
                const std::size_t r = s.sites[slot];
                std::vector<std::size_t> candidates;
                if (allPairs) {
                    for (std::size_t j = 0; j < mM; ++j) {
                        if (!open[j])
                            candidates.push_back(j);
                    }
                } else {
                    std::vector<char> seen(mM, 0);
                    for (std::size_t i = 0; i < mN; ++i) {
                        if (s.assignment[i] != r)
                            continue;
                        const std::uint32_t *ord = mModel.order(i);
                        for (std::size_t k = 0; k < std::min<std::size_t>(mM, 6); ++k) {
                            if (!open[ord[k]] && !seen[ord[k]]) {
                                seen[ord[k]] = 1;
                                candidates.push_back(ord[k]);
                            }
                        }
                    }
                }
                for (std::size_t j : candidates) {
                    std::vector<std::size_t> sites = s.sites;
                    sites[slot] = j;
                    Solution trial = assign(sites);
                    if (mExact && trial.isValid() && trial.objective >= s.objective - 1e-9 * std::max(1.0, s.objective)
                        && trial.objective < s.objective * (1.0 + mExactWindow)) {
                        // Close call: the heuristic assignment may hide a better one.
                        Solution exact = exactly(trial);
                        if (exact.isValid() && exact.objective < trial.objective)
                            trial = std::move(exact);
                    }
                    if (trial.isValid() && trial.objective < s.objective - 1e-9 * std::max(1.0, s.objective)) {
                        s = alternate(std::move(trial));
                        improved = true;
                        break;
                    }
                }
            }
            if (!improved)
                break;
        }
        return s;
    }

    /// The exact assignment of \a s's sites, or an invalid solution when there
    /// is none or its budget is spent.
    Solution exactly(const Solution &s) const
    {
        if (!mExact)
            return Solution{};
        std::vector<std::size_t> key = s.sites;
        std::sort(key.begin(), key.end());
        // The search meets the same site sets again and again.
        if (auto known = mExactKnown.find(key); known != mExactKnown.end())
            return known->second;
        if (mExactUsed >= mExactBudget)
            return Solution{};
        ++mExactUsed;
        Solution exact = mExact(s);
        mExactKnown.emplace(std::move(key), exact);
        return exact;
    }

    /// Full improvement of a site set: assignment then alternation. When an
    /// exact assignment is set and the result lies within its window of
    /// \a reference, the assignment is made exact and the alternation repeated
    /// while that improves: under tight capacities the heuristic assignment can
    /// be a few percent off, enough to hide the best site sets from the search.
    Solution improve(const std::vector<std::size_t> &sites, double reference = kInfinity) const
    {
        Solution s = assign(sites);
        if (!s.isValid())
            return s;
        s = alternate(std::move(s));
        if (!mExact || !(s.objective < reference * (1.0 + mExactWindow)))
            return s;
        for (int round = 0; round < 5; ++round) {
            Solution exact = exactly(s);
            if (!exact.isValid() || exact.objective >= s.objective - 1e-9 * std::max(1.0, s.objective))
                break;
            const std::vector<std::size_t> before = exact.sites;
            s = alternate(std::move(exact));
            if (s.sites == before)
                break;
        }
        return s;
    }

    /// Optional exact assignment used by improve() and swapSearch for site sets
    /// whose heuristic value is within \a window (relative) of the incumbent; at
    /// most \a budget calls (a work budget: each is a small GLPK solve).
    void setExactAssignment(std::function<Solution(const Solution &)> exact, double window, std::size_t budget)
    {
        mExact = std::move(exact);
        mExactWindow = window;
        mExactBudget = budget;
    }

private:
    const LocationProblem &mProblem;
    const PmedianCostModel &mModel;
    std::size_t mN, mM;
    std::function<Solution(const Solution &)> mExact;
    double mExactWindow = 0.0;
    std::size_t mExactBudget = 0;
    mutable std::size_t mExactUsed = 0;
    mutable std::map<std::vector<std::size_t>, Solution> mExactKnown;
};

/// Outcome of one GLPK branch-and-bound run.
struct MipOutcome {
    Solution solution;
    double bound = -kInfinity; ///< valid only when the model held every column
    bool optimal = false;
    bool cancelled = false;
    bool stopped = false;      ///< time, node or gap limit
    bool nodeLimitHit = false; ///< stopped by the node budget (deterministic)
    std::size_t nodes = 0;
};

struct CallbackData {
    const std::vector<double> *incumbent = nullptr;
    bool posted = false;
    Feedback *feedback = nullptr;
    double bound = -kInfinity;
    std::size_t nodes = 0;
    std::size_t nodeLimit = 0; ///< 0 = none
    bool nodeLimitHit = false;
};

void mipCallback(glp_tree *tree, void *info)
{
    auto *data = static_cast<CallbackData *>(info);
    if (isCancelled(data->feedback)) {
        glp_ios_terminate(tree);
        return;
    }
    if (glp_ios_reason(tree) == GLP_IHEUR && !data->posted && data->incumbent) {
        data->posted = true;
        glp_ios_heur_sol(tree, data->incumbent->data());
    }
    const int best = glp_ios_best_node(tree);
    if (best != 0)
        data->bound = std::max(data->bound, glp_ios_node_bound(tree, best));
    int active = 0, current = 0, total = 0;
    glp_ios_tree_size(tree, &active, &current, &total);
    data->nodes = static_cast<std::size_t>(total);
    if (data->nodeLimit > 0 && data->nodes >= data->nodeLimit && !data->nodeLimitHit) {
        data->nodeLimitHit = true;
        glp_ios_terminate(tree);
    }
}

/// How one GLPK branch-and-bound run is limited and helped.
struct MipSettings {
    double timeLimitSeconds = 0.0; ///< safety stop; 0 = none
    double mipGap = 0.0;
    std::size_t nodeLimit = 0;     ///< work budget; 0 = none
    /// GLPK's mixed-integer rounding cuts. On the assignment model (capacities
    /// as knapsack rows) they close most of the LP gap: on pmedcap1 #14's
    /// optimal sites the assignment takes some 640 nodes without them and a
    /// handful with them, and the exact assignment of random site sets takes
    /// 22 ms on average instead of 50 ms with Gomory and cover cuts as well.
    /// On the full model they prove 13 of the 20 pmedcap1 instances within the
    /// node budget instead of 11, and halve the mean SJC gap to the bound.
    bool mirCuts = false;
};

/// Capacity \a j as GLPK sees it: a capacity above the total demand cannot
/// bind, and cutting it there keeps the constraint matrix's range to that of
/// the demands (1e15 beside 1e-9 made the simplex fail).
double boundedCapacity(const LocationProblem &problem, std::size_t j, double totalDemand)
{
    return std::min(problem.capacities[j], totalDemand);
}

double totalDemand(const LocationProblem &problem)
{
    double total = 0.0;
    for (std::size_t i = 0; i < problem.customerCount(); ++i)
        total += problem.demand(i);
    return total;
}

/// Builds and solves the textbook model with GLPK. \a nearest limits each
/// customer to its nearest sites (0 = all sites, the exact model); \a start, when
/// valid, is posted as the first incumbent and its pairs are always kept.
MipOutcome solveMip(const LocationProblem &problem, const PmedianCostModel &model, std::size_t nearest,
                    const Solution *start, const MipSettings &settings, Feedback *feedback)
{
    const double timeLimitSeconds = settings.timeLimitSeconds;
    const std::size_t n = model.customers(), m = model.sites();
    const bool full = nearest == 0 || nearest >= m;
    std::vector<std::vector<std::size_t>> allowed(n);
    std::vector<char> siteUsed(m, full ? 1 : 0);
    for (std::size_t i = 0; i < n; ++i) {
        if (full) {
            allowed[i].resize(m);
            std::iota(allowed[i].begin(), allowed[i].end(), std::size_t(0));
            continue;
        }
        const std::uint32_t *ord = model.order(i);
        for (std::size_t k = 0; k < nearest; ++k)
            allowed[i].push_back(ord[k]);
        if (start && start->isValid()
            && std::find(allowed[i].begin(), allowed[i].end(), start->assignment[i]) == allowed[i].end())
            allowed[i].push_back(start->assignment[i]);
        for (std::size_t j : allowed[i])
            siteUsed[j] = 1;
    }
    if (start && start->isValid()) {
        for (std::size_t j : start->sites)
            siteUsed[j] = 1;
    }

    // Every site open: a generalised assignment problem, without site columns
    // and linking rows (a tenth of the rows, and the cuts work on it directly).
    const bool assignmentOnly = full && problem.p == m;
    const double demandSum = totalDemand(problem);
    glp_prob *lp = glp_create_prob();
    glp_set_obj_dir(lp, GLP_MIN);
    // Columns: y_j for used sites, then x_ij.
    std::vector<int> yColumn(m, 0);
    int columns = 0;
    for (std::size_t j = 0; j < m && !assignmentOnly; ++j) {
        if (!siteUsed[j])
            continue;
        yColumn[j] = ++columns;
    }
    if (columns > 0)
        glp_add_cols(lp, columns);
    for (std::size_t j = 0; j < m; ++j) {
        if (!yColumn[j])
            continue;
        glp_set_col_kind(lp, yColumn[j], GLP_BV);
    }
    struct Pair {
        std::size_t customer, site;
    };
    std::vector<Pair> pairs;
    for (std::size_t i = 0; i < n; ++i) {
        for (std::size_t j : allowed[i])
            pairs.push_back({i, j});
    }
    const int firstX = columns + 1;
    glp_add_cols(lp, static_cast<int>(pairs.size()));
    for (std::size_t k = 0; k < pairs.size(); ++k) {
        const int col = firstX + static_cast<int>(k);
        glp_set_col_kind(lp, col, GLP_BV);
        glp_set_obj_coef(lp, col, model.cost(pairs[k].customer, pairs[k].site));
    }
    columns += static_cast<int>(pairs.size());

    // Rows: assignment (n), capacity (used sites), count (1), linking (pairs).
    std::vector<int> ia(1), ja(1);
    std::vector<double> ar(1);
    auto entry = [&](int row, int col, double value) {
        ia.push_back(row);
        ja.push_back(col);
        ar.push_back(value);
    };
    int rows = 0;
    const int assignRow = rows + 1;
    rows += static_cast<int>(n);
    std::vector<int> capacityRow(m, 0);
    for (std::size_t j = 0; j < m; ++j) {
        if (yColumn[j] || assignmentOnly)
            capacityRow[j] = ++rows;
    }
    const int countRow = assignmentOnly ? 0 : ++rows;
    const int firstLink = rows + 1;
    if (!assignmentOnly)
        rows += static_cast<int>(pairs.size());
    glp_add_rows(lp, rows);
    for (std::size_t i = 0; i < n; ++i)
        glp_set_row_bnds(lp, assignRow + static_cast<int>(i), GLP_FX, 1.0, 1.0);
    for (std::size_t j = 0; j < m; ++j) {
        if (!capacityRow[j])
            continue;
        if (assignmentOnly) {
            glp_set_row_bnds(lp, capacityRow[j], GLP_UP, 0.0, boundedCapacity(problem, j, demandSum));
            continue;
        }
        glp_set_row_bnds(lp, capacityRow[j], GLP_UP, 0.0, 0.0);
        entry(capacityRow[j], yColumn[j], -boundedCapacity(problem, j, demandSum));
        entry(countRow, yColumn[j], 1.0);
    }
    if (countRow)
        glp_set_row_bnds(lp, countRow, GLP_FX, double(problem.p), double(problem.p));
    for (std::size_t k = 0; k < pairs.size(); ++k) {
        const int col = firstX + static_cast<int>(k);
        const auto [i, j] = pairs[k];
        entry(assignRow + static_cast<int>(i), col, 1.0);
        entry(capacityRow[j], col, problem.demand(i));
        if (assignmentOnly)
            continue;
        const int link = firstLink + static_cast<int>(k);
        glp_set_row_bnds(lp, link, GLP_UP, 0.0, 0.0);
        entry(link, col, 1.0);
        entry(link, yColumn[j], -1.0);
    }
    glp_load_matrix(lp, static_cast<int>(ia.size()) - 1, ia.data(), ja.data(), ar.data());

    std::vector<double> incumbent;
    if (start && start->isValid()) {
        incumbent.assign(static_cast<std::size_t>(columns) + 1, 0.0);
        for (std::size_t j : start->sites) {
            if (yColumn[j])
                incumbent[static_cast<std::size_t>(yColumn[j])] = 1.0;
        }
        for (std::size_t k = 0; k < pairs.size(); ++k) {
            if (start->assignment[pairs[k].customer] == pairs[k].site)
                incumbent[static_cast<std::size_t>(firstX) + k] = 1.0;
        }
    }

    MipOutcome outcome;
    const auto begin = Clock::now();
    glp_smcp simplex;
    glp_init_smcp(&simplex);
    simplex.msg_lev = GLP_MSG_OFF;
    simplex.presolve = GLP_OFF;
    if (timeLimitSeconds > 0)
        simplex.tm_lim = static_cast<int>(timeLimitSeconds * 1000.0);
    const int lpStatus = glp_simplex(lp, &simplex);
    if (lpStatus != 0 || glp_get_status(lp) != GLP_OPT) {
        glp_delete_prob(lp);
        outcome.stopped = true;
        return outcome;
    }
    if (full)
        outcome.bound = glp_get_obj_val(lp);
    // Reduced-cost fixing: a column at zero whose reduced cost lifts the root LP
    // value to the incumbent's cannot be in a better solution, so it is fixed at
    // zero (any solution using it is no better than the incumbent).
    if (start && start->isValid()) {
        const double rootValue = glp_get_obj_val(lp);
        const double target = start->objective - 1e-9 * std::max(1.0, std::fabs(start->objective));
        for (int col = 1; col <= columns; ++col) {
            if (incumbent[static_cast<std::size_t>(col)] > 0.5 || glp_get_col_stat(lp, col) != GLP_NL)
                continue;
            if (model.roundBound(rootValue + glp_get_col_dual(lp, col)) >= target)
                glp_set_col_bnds(lp, col, GLP_FX, 0.0, 0.0);
        }
    }

    CallbackData data;
    data.incumbent = incumbent.empty() ? nullptr : &incumbent;
    data.feedback = feedback;
    data.bound = full ? outcome.bound : -kInfinity;
    data.nodeLimit = settings.nodeLimit;
    glp_iocp parm;
    glp_init_iocp(&parm);
    parm.msg_lev = GLP_MSG_OFF;
    parm.presolve = GLP_OFF;
    parm.cb_func = mipCallback;
    parm.cb_info = &data;
    parm.mip_gap = settings.mipGap;
    if (settings.mirCuts)
        parm.mir_cuts = GLP_ON;
    if (timeLimitSeconds > 0) {
        const double left = std::max(0.05, timeLimitSeconds - secondsSince(begin));
        parm.tm_lim = static_cast<int>(left * 1000.0);
    }
    const int status = glp_intopt(lp, &parm);
    outcome.nodes = data.nodes;
    outcome.cancelled = status == GLP_ESTOP && isCancelled(feedback);
    outcome.nodeLimitHit = data.nodeLimitHit;
    outcome.stopped = status == GLP_ETMLIM || status == GLP_EMIPGAP || status == GLP_ESTOP;
    const int mipStatus = glp_mip_status(lp);
    if (mipStatus == GLP_OPT || mipStatus == GLP_FEAS) {
        Solution s;
        s.assignment.assign(n, m);
        for (std::size_t j = 0; j < m; ++j) {
            if (assignmentOnly || (yColumn[j] && glp_mip_col_val(lp, yColumn[j]) > 0.5))
                s.sites.push_back(j);
        }
        for (std::size_t k = 0; k < pairs.size(); ++k) {
            if (glp_mip_col_val(lp, firstX + static_cast<int>(k)) > 0.5)
                s.assignment[pairs[k].customer] = pairs[k].site;
        }
        bool complete = s.sites.size() == problem.p;
        double total = 0.0;
        for (std::size_t i = 0; i < n && complete; ++i) {
            complete = s.assignment[i] < m;
            if (complete)
                total += model.cost(i, s.assignment[i]);
        }
        if (complete) {
            s.objective = total;
            outcome.solution = std::move(s);
        }
    }
    outcome.optimal = status == 0 && mipStatus == GLP_OPT;
    if (full) {
        outcome.bound = data.bound;
        if (outcome.optimal && outcome.solution.isValid())
            outcome.bound = outcome.solution.objective;
        else if (outcome.solution.isValid())
            outcome.bound = std::min(outcome.bound, outcome.solution.objective);
    }
    glp_delete_prob(lp);
    return outcome;
}

/// Checks a solution in plain arithmetic: p distinct open sites, every customer on
/// an open site, capacities respected.
bool isFeasible(const LocationProblem &problem, const Solution &s)
{
    if (!s.isValid() || s.sites.size() != problem.p)
        return false;
    std::vector<double> load(problem.siteCount(), -1.0);
    for (std::size_t j : s.sites) {
        if (load[j] >= 0.0)
            return false;
        load[j] = 0.0;
    }
    for (std::size_t i = 0; i < problem.customerCount(); ++i) {
        const std::size_t j = s.assignment[i];
        if (j >= problem.siteCount() || load[j] < 0.0)
            return false;
        load[j] += problem.demand(i);
    }
    for (std::size_t j : s.sites) {
        if (load[j] > problem.capacities[j] * (1 + 1e-12) + 1e-9)
            return false;
    }
    return true;
}

/// The problem restricted to \a customers and candidate \a sites (indices into
/// \a problem), opening \a p of them.
LocationProblem restrictedProblem(const LocationProblem &problem, const std::vector<std::size_t> &customers,
                                  const std::vector<std::size_t> &sites, std::size_t p)
{
    LocationProblem sub;
    sub.distances = DistanceMatrix(customers.size(), sites.size());
    sub.weights.resize(customers.size());
    sub.demands.resize(customers.size());
    for (std::size_t a = 0; a < customers.size(); ++a) {
        const std::size_t i = customers[a];
        sub.weights[a] = problem.weight(i);
        sub.demands[a] = problem.demand(i);
        for (std::size_t b = 0; b < sites.size(); ++b)
            sub.distances.set(a, b, problem.distances.at(i, sites[b]));
    }
    sub.capacities.resize(sites.size());
    for (std::size_t b = 0; b < sites.size(); ++b)
        sub.capacities[b] = problem.capacities[sites[b]];
    sub.p = p;
    return sub;
}

/// Partial optimisation: frees the customers of a few neighbouring sites and
/// re-solves that small capacitated p-median exactly with GLPK (sites among the
/// customers' nearest candidates), keeping the rest of the solution. Repeats
/// while some group improves. Returns false when cancelled.
bool improveBySubproblems(const LocationProblem &problem, const PmedianCostModel &model, Solution &s,
                          std::size_t groupSize, std::size_t nearest, double solveLimitSeconds,
                          Clock::time_point deadline, std::size_t &solvesLeft, Feedback *feedback)
{
    const std::size_t n = model.customers(), m = model.sites(), p = s.sites.size();
    groupSize = std::min(groupSize, p);
    if (groupSize < 2)
        return true;
    for (int pass = 0; pass < 10; ++pass) {
        bool improved = false;
        for (std::size_t slot = 0; slot < s.sites.size(); ++slot) {
            if (isCancelled(feedback))
                return false;
            if (Clock::now() > deadline || solvesLeft == 0)
                return true;
            --solvesLeft;
            const std::size_t r = s.sites[slot];
            // Nearest other open sites, measured from r's customers.
            std::vector<std::size_t> members;
            for (std::size_t i = 0; i < n; ++i) {
                if (s.assignment[i] == r)
                    members.push_back(i);
            }
            std::vector<std::pair<double, std::size_t>> near;
            for (std::size_t t : s.sites) {
                if (t == r)
                    continue;
                double total = 0.0;
                for (std::size_t i : members)
                    total += problem.distances.at(i, t);
                near.emplace_back(total, t);
            }
            std::sort(near.begin(), near.end());
            std::vector<std::size_t> group = {r};
            for (std::size_t k = 0; k + 1 < groupSize && k < near.size(); ++k)
                group.push_back(near[k].second);
            std::vector<char> inGroup(m, 0), openElsewhere(m, 0);
            for (std::size_t t : group)
                inGroup[t] = 1;
            for (std::size_t t : s.sites) {
                if (!inGroup[t])
                    openElsewhere[t] = 1;
            }
            std::vector<std::size_t> customers;
            for (std::size_t i = 0; i < n; ++i) {
                if (inGroup[s.assignment[i]])
                    customers.push_back(i);
            }
            std::vector<char> candidate(m, 0);
            for (std::size_t t : group)
                candidate[t] = 1;
            for (std::size_t i : customers) {
                const std::uint32_t *ord = model.order(i);
                std::size_t taken = 0;
                for (std::size_t k = 0; k < m && taken < nearest; ++k) {
                    if (!openElsewhere[ord[k]]) {
                        candidate[ord[k]] = 1;
                        ++taken;
                    }
                }
            }
            std::vector<std::size_t> sites;
            std::vector<std::size_t> local(m, m);
            for (std::size_t j = 0; j < m; ++j) {
                if (candidate[j]) {
                    local[j] = sites.size();
                    sites.push_back(j);
                }
            }
            const LocationProblem sub = restrictedProblem(problem, customers, sites, group.size());
            const PmedianCostModel subModel(sub);
            Solution current;
            current.objective = 0.0;
            for (std::size_t t : group)
                current.sites.push_back(local[t]);
            std::sort(current.sites.begin(), current.sites.end());
            current.assignment.resize(customers.size());
            for (std::size_t a = 0; a < customers.size(); ++a) {
                current.assignment[a] = local[s.assignment[customers[a]]];
                current.objective += subModel.cost(a, current.assignment[a]);
            }
            const double left = std::chrono::duration<double>(deadline - Clock::now()).count();
            MipSettings settings;
            settings.timeLimitSeconds = std::min(solveLimitSeconds, std::max(0.05, left));
            settings.nodeLimit = SubproblemNodeLimit;
            MipOutcome mip = solveMip(sub, subModel, 0, &current, settings, feedback);
            if (mip.cancelled)
                return false;
            if (mip.solution.isValid()
                && mip.solution.objective < current.objective - 1e-9 * std::max(1.0, current.objective)) {
                std::vector<std::size_t> next;
                for (std::size_t t : s.sites) {
                    if (!inGroup[t])
                        next.push_back(t);
                }
                for (std::size_t b : mip.solution.sites)
                    next.push_back(sites[b]);
                std::sort(next.begin(), next.end());
                for (std::size_t a = 0; a < customers.size(); ++a)
                    s.assignment[customers[a]] = sites[mip.solution.assignment[a]];
                s.sites = next;
                s.objective = 0.0;
                for (std::size_t i = 0; i < n; ++i)
                    s.objective += model.cost(i, s.assignment[i]);
                improved = true;
                slot = 0; // the site list changed order; start again from the front
            }
        }
        if (!improved)
            break;
    }
    return true;
}

/// Optimal single-sourcing assignment to the fixed \a sites (a generalised
/// assignment problem) by GLPK; an invalid solution when it was not solved.
Solution exactAssignment(const LocationProblem &problem, const std::vector<std::size_t> &sites,
                         const Solution *start, double limitSeconds, Feedback *feedback)
{
    const std::size_t n = problem.customerCount();
    std::vector<std::size_t> everyone(n);
    std::iota(everyone.begin(), everyone.end(), std::size_t(0));
    const LocationProblem sub = restrictedProblem(problem, everyone, sites, sites.size());
    const PmedianCostModel subModel(sub);
    Solution local;
    if (start && start->isValid()) {
        std::vector<std::size_t> index(problem.siteCount(), 0);
        for (std::size_t b = 0; b < sites.size(); ++b)
            index[sites[b]] = b;
        local.sites.resize(sites.size());
        std::iota(local.sites.begin(), local.sites.end(), std::size_t(0));
        local.assignment.resize(n);
        local.objective = start->objective;
        for (std::size_t i = 0; i < n; ++i)
            local.assignment[i] = index[start->assignment[i]];
    }
    MipSettings settings;
    settings.timeLimitSeconds = limitSeconds;
    settings.nodeLimit = SubproblemNodeLimit;
    settings.mirCuts = true;
    MipOutcome mip = solveMip(sub, subModel, 0, local.isValid() ? &local : nullptr, settings, feedback);
    Solution out;
    if (!mip.solution.isValid())
        return out;
    out.sites = sites;
    std::sort(out.sites.begin(), out.sites.end());
    out.assignment.resize(n);
    out.objective = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
        out.assignment[i] = sites[mip.solution.assignment[i]];
        out.objective += problem.cost(i, out.assignment[i]);
    }
    return out;
}


/// LP relaxation of the assignment of every customer to a set of open sites: a
/// valid lower bound on every single-sourcing assignment to those sites. The model
/// holds every (customer, site) column; closed sites have their columns fixed at
/// zero, so moving from one site set to a neighbour changes a few bounds and the
/// simplex restarts from the previous basis.
class AssignmentRelaxation {
public:
    AssignmentRelaxation(const LocationProblem &problem, const PmedianCostModel &model)
        : mN(model.customers()), mM(model.sites()), mOpen(mM, 0)
    {
        mLp = glp_create_prob();
        glp_set_obj_dir(mLp, GLP_MIN);
        glp_add_rows(mLp, static_cast<int>(mN + mM));
        for (std::size_t i = 0; i < mN; ++i)
            glp_set_row_bnds(mLp, static_cast<int>(i) + 1, GLP_FX, 1.0, 1.0);
        const double demandSum = totalDemand(problem);
        for (std::size_t j = 0; j < mM; ++j)
            glp_set_row_bnds(mLp, static_cast<int>(mN + j) + 1, GLP_UP, 0.0, boundedCapacity(problem, j, demandSum));
        glp_add_cols(mLp, static_cast<int>(mN * mM));
        std::vector<int> ia(1, 0), ja(1, 0);
        std::vector<double> ar(1, 0.0);
        ia.reserve(2 * mN * mM + 1);
        ja.reserve(2 * mN * mM + 1);
        ar.reserve(2 * mN * mM + 1);
        for (std::size_t i = 0; i < mN; ++i) {
            for (std::size_t j = 0; j < mM; ++j) {
                const int col = column(i, j);
                glp_set_obj_coef(mLp, col, model.cost(i, j));
                glp_set_col_bnds(mLp, col, GLP_FX, 0.0, 0.0);
                ia.push_back(static_cast<int>(i) + 1);
                ja.push_back(col);
                ar.push_back(1.0);
                ia.push_back(static_cast<int>(mN + j) + 1);
                ja.push_back(col);
                ar.push_back(problem.demand(i));
            }
        }
        glp_load_matrix(mLp, static_cast<int>(ia.size()) - 1, ia.data(), ja.data(), ar.data());
        glp_std_basis(mLp);
    }
    ~AssignmentRelaxation() { glp_delete_prob(mLp); }
    AssignmentRelaxation(const AssignmentRelaxation &) = delete;
    AssignmentRelaxation &operator=(const AssignmentRelaxation &) = delete;

    void setOpen(std::size_t j, bool open)
    {
        if (bool(mOpen[j]) == open)
            return;
        mOpen[j] = open ? 1 : 0;
        for (std::size_t i = 0; i < mN; ++i)
            glp_set_col_bnds(mLp, column(i, j), open ? GLP_DB : GLP_FX, 0.0, open ? 1.0 : 0.0);
    }

    void openOnly(const std::vector<std::size_t> &sites)
    {
        std::vector<char> wanted(mM, 0);
        for (std::size_t j : sites)
            wanted[j] = 1;
        for (std::size_t j = 0; j < mM; ++j)
            setOpen(j, wanted[j] != 0);
    }

    /// LP value for the open sites: +infinity when the open capacities cannot
    /// hold the demand, -infinity when the simplex failed (no bound known).
    double solve()
    {
        glp_smcp parm;
        glp_init_smcp(&parm);
        parm.msg_lev = GLP_MSG_OFF;
        parm.presolve = GLP_OFF;
        int status = glp_simplex(mLp, &parm);
        if (status != 0) {
            glp_std_basis(mLp);
            status = glp_simplex(mLp, &parm);
        }
        if (status != 0)
            return -kInfinity;
        const int lpStatus = glp_get_status(mLp);
        if (lpStatus == GLP_OPT)
            return glp_get_obj_val(mLp);
        if (lpStatus == GLP_NOFEAS)
            return kInfinity;
        return -kInfinity;
    }

private:
    int column(std::size_t i, std::size_t j) const { return static_cast<int>(i * mM + j) + 1; }

    glp_prob *mLp = nullptr;
    std::size_t mN, mM;
    std::vector<char> mOpen;
};

/// Best-improvement site swap search with exact assignments. Every swap
/// neighbour is judged first by the capacity-free bound, then by the LP
/// relaxation of its assignment; only neighbours whose bound beats the incumbent
/// are assigned exactly (by GLPK), in increasing order of bound, until the bound
/// of the next one cannot beat the best neighbour found. At most \a exactBudget
/// exact assignments per call (a work budget). Returns false when cancelled.
bool lpSwapSearch(const LocationProblem &problem, const PmedianCostModel &model, AssignmentRelaxation &relaxation,
                  Solution &current, std::size_t exactBudget, Feedback *feedback, const Deadline &deadline)
{
    const std::size_t n = model.customers(), m = model.sites();
    const auto epsilon = [](double v) { return 1e-9 * std::max(1.0, std::fabs(v)); };
    std::size_t exactUsed = 0;
    struct Candidate {
        double bound;
        std::size_t out, in;
    };
    while (exactUsed < exactBudget && !deadline.passed()) {
        if (isCancelled(feedback))
            return false;
        std::vector<char> open(m, 0);
        for (std::size_t j : current.sites)
            open[j] = 1;
        // Nearest and second-nearest open site of every customer.
        std::vector<double> d1(n, kInfinity), d2(n, kInfinity);
        std::vector<std::size_t> s1(n, m);
        for (std::size_t i = 0; i < n; ++i) {
            for (std::size_t j : current.sites) {
                const double c = model.cost(i, j);
                if (c < d1[i]) {
                    d2[i] = d1[i];
                    d1[i] = c;
                    s1[i] = j;
                } else if (c < d2[i]) {
                    d2[i] = c;
                }
            }
        }
        relaxation.openOnly(current.sites);
        std::vector<Candidate> candidates;
        for (std::size_t out : current.sites) {
            for (std::size_t in = 0; in < m; ++in) {
                if (open[in])
                    continue;
                double freeBound = 0.0;
                for (std::size_t i = 0; i < n; ++i)
                    freeBound += std::min(model.cost(i, in), s1[i] == out ? d2[i] : d1[i]);
                if (model.roundBound(freeBound) >= current.objective - epsilon(current.objective))
                    continue;
                relaxation.setOpen(out, false);
                relaxation.setOpen(in, true);
                const double lp = relaxation.solve();
                relaxation.setOpen(in, false);
                relaxation.setOpen(out, true);
                const double bound = lp == -kInfinity ? freeBound : lp;
                if (model.roundBound(bound) < current.objective - epsilon(current.objective))
                    candidates.push_back({bound, out, in});
            }
        }
        std::stable_sort(candidates.begin(), candidates.end(),
                         [](const Candidate &a, const Candidate &b) { return a.bound < b.bound; });
        Solution bestNeighbour;
        for (const Candidate &candidate : candidates) {
            const double target = bestNeighbour.isValid() ? bestNeighbour.objective : current.objective;
            if (model.roundBound(candidate.bound) >= target - epsilon(target) || exactUsed >= exactBudget)
                break;
            if (isCancelled(feedback))
                return false;
            std::vector<std::size_t> sites = current.sites;
            std::replace(sites.begin(), sites.end(), candidate.out, candidate.in);
            ++exactUsed;
            Solution trial = exactAssignment(problem, sites, nullptr, std::min(SubproblemSafetySeconds, std::max(0.01, deadline.secondsLeft())), feedback);
            if (trial.isValid() && trial.objective < target - epsilon(target))
                bestNeighbour = std::move(trial);
        }
        if (!bestNeighbour.isValid())
            break;
        current = std::move(bestNeighbour);
    }
    return true;
}

} // namespace

PmedianCapacitatedSolver::PmedianCapacitatedSolver(LocationOptions options) : mOptions(options) {}

Result<LocationResult> PmedianCapacitatedSolver::solve(const LocationProblem &problem, Feedback *feedback) const
{
    if (!problem.isCapacitated())
        return PmedianSolver(mOptions).solve(problem, feedback);
    if (auto valid = problem.validate(); !valid)
        return valid.error();
    return glpk::guarded<LocationResult>("capacitated site selection",
                                         [&] { return solveValidated(problem, feedback); });
}

Result<LocationResult> PmedianCapacitatedSolver::solveValidated(const LocationProblem &problem, Feedback *feedback) const
{
    const auto start = Clock::now();
    auto cancelled = [] { return makeError(ErrorCode::Cancelled, "site selection cancelled"); };
    auto timeLeft = [&] {
        return mOptions.timeLimitSeconds > 0 ? mOptions.timeLimitSeconds - secondsSince(start) : kInfinity;
    };
    // One deadline for every phase: seeding, bound, VNS, swaps, exact
    // assignments, partial optimisation and the MIP all stop at it.
    const Deadline deadline = mOptions.timeLimitSeconds > 0
                                  ? Deadline(start + std::chrono::microseconds(static_cast<long long>(mOptions.timeLimitSeconds * 1e6)))
                                  : Deadline{};
    auto exactLimit = [&] { return std::min(SubproblemSafetySeconds, std::max(0.01, deadline.secondsLeft())); };
    const PmedianCostModel model(problem);
    Heuristic heuristic(problem, model);
    const std::size_t n = model.customers(), m = model.sites(), p = problem.p;
    // Site sets within 3 % of the incumbent get an exact re-assignment.
    if (n <= 200)
        heuristic.setExactAssignment(
            [&](const Solution &s) {
                return deadline.passed() ? Solution{} : exactAssignment(problem, s.sites, &s, exactLimit(), feedback);
            },
            0.03,
            mOptions.exactAssignments);

    // 1. Seed from the uncapacitated optimum's sites.
    reportProgress(feedback, 0.0, "capacitated site selection: seeding");
    LocationOptions seedOptions = mOptions;
    seedOptions.vnsIterationsWithoutImprovement = 200;
    seedOptions.starts = 1;
    seedOptions.timeLimitSeconds = mOptions.timeLimitSeconds > 0 ? std::max(1e-3, 0.5 * deadline.secondsLeft()) : 0.0;
    auto seed = PmedianSolver(seedOptions).solve(problem, model, false, feedback);
    if (!seed)
        return seed.error();
    Solution best = heuristic.improve(seed->sites);
    std::size_t iterations = 0;

    // 2. Lagrangian bound; its site set is a second seed.
    PmedianLagrangianBound bound(model, problem);
    if (best.isValid())
        bound.setStartFromAssignment(best.assignment);
    // Lagrangian heuristic: repair every new site set the subgradient visits.
    std::set<std::vector<std::size_t>> visited;
    bound.setSitesObserver([&](const std::vector<std::size_t> &sites) {
        if (sites.size() != p || deadline.passed() || !visited.insert(sites).second)
            return;
        Solution repaired = heuristic.improve(sites, best.objective);
        if (repaired.isValid() && (!best.isValid() || repaired.objective < best.objective))
            best = std::move(repaired);
    });
    const std::size_t boundIterations = std::max<std::size_t>(50, mOptions.boundIterations / 3);
    double lowerBound = bound.improve(best.isValid() ? best.objective : kInfinity, boundIterations, feedback, deadline);
    if (isCancelled(feedback))
        return cancelled();
    if (!bound.lastSites().empty()) {
        Solution fromBound = heuristic.improve(bound.lastSites(), best.objective);
        if (fromBound.isValid() && fromBound.objective < best.objective)
            best = std::move(fromBound);
    }

    // 3. Multi-start VNS on the site set with location-allocation as local
    //    search, each start finished by a site swap search.
    std::mt19937_64 rng(mOptions.seed);
    const std::size_t maxShake = std::max<std::size_t>(1, std::min<std::size_t>({p, m - p, 4}));
    const std::size_t idleBudget = mOptions.vnsIterationsWithoutImprovement
                                       ? mOptions.vnsIterationsWithoutImprovement
                                       : std::max<std::size_t>(
                                             60, static_cast<std::size_t>(
                                                     double(std::clamp<std::size_t>(50 * p, 300, 1000))
                                                     * std::min(1.0, 150.0 / double(n))));
    bool timedOut = false;
    // Each start costs about n^2 per iteration: fewer starts on larger instances.
    const std::size_t starts = std::max<std::size_t>(1, n <= 150 ? mOptions.capacitatedStarts
                                                                   : mOptions.capacitatedStarts / 2);
    for (std::size_t startIndex = 0; startIndex < starts && !timedOut && m > p; ++startIndex) {
        Solution current = best;
        if (startIndex > 0) {
            std::vector<std::size_t> all(m);
            std::iota(all.begin(), all.end(), std::size_t(0));
            for (std::size_t t = 0; t < p; ++t)
                std::swap(all[t], all[t + randomBelow(rng, m - t)]);
            all.resize(p);
            current = heuristic.improve(all, best.objective);
        }
        std::size_t k = 1, idle = 0;
        while (current.isValid() && idle < idleBudget) {
            if (isCancelled(feedback))
                return cancelled();
            if (timeLeft() <= 0) {
                timedOut = true;
                break;
            }
            ++iterations;
            std::vector<std::size_t> sites = current.sites;
            std::vector<char> open(m, 0);
            for (std::size_t j : sites)
                open[j] = 1;
            for (std::size_t t = 0; t < k; ++t) {
                // Replace a random open site by a closed site near one of its
                // customers, or anywhere.
                const std::size_t slot = randomBelow(rng, sites.size());
                const std::size_t r = sites[slot];
                std::vector<std::size_t> members;
                for (std::size_t i = 0; i < n; ++i) {
                    if (current.assignment[i] == r)
                        members.push_back(i);
                }
                std::size_t candidate = m;
                for (int attempt = 0; attempt < 20 && candidate == m; ++attempt) {
                    std::size_t j;
                    if (!members.empty() && attempt < 10 && (rng() & 1))
                        j = model.order(members[randomBelow(rng, members.size())])
                                [randomBelow(rng, std::min<std::size_t>(m, 8))];
                    else
                        j = randomBelow(rng, m);
                    if (!open[j])
                        candidate = j;
                }
                if (candidate == m)
                    continue;
                open[r] = 0;
                open[candidate] = 1;
                sites[slot] = candidate;
            }
            Solution trial = heuristic.improve(sites, current.objective);
            if (trial.isValid() && trial.objective < current.objective - 1e-9 * std::max(1.0, current.objective)) {
                current = std::move(trial);
                k = 1;
                idle = 0;
            } else {
                k = k >= maxShake ? 1 : k + 1;
                ++idle;
            }
        }
        if (!current.isValid())
            continue;
        current = heuristic.swapSearch(std::move(current), feedback, deadline);
        if (isCancelled(feedback))
            return cancelled();
        if (!best.isValid() || current.objective < best.objective) {
            best = std::move(current);
            reportProgress(feedback, 0.3, "capacitated site selection: improved");
        }
    }
    if (!best.isValid())
        return makeError(ErrorCode::Infeasible, "no capacity-feasible assignment found for " + std::to_string(p) + " sites");

    if (!deadline.passed()) {
        Solution exact = exactAssignment(problem, best.sites, &best, exactLimit(), feedback);
        if (exact.isValid() && exact.objective < best.objective)
            best = std::move(exact);
    }
    // 3b. Small instances: swap search with LP-screened exact assignments.
    if (n * p <= 1000 && m > p) {
        reportProgress(feedback, 0.35, "capacitated site selection: exact swap search");
        AssignmentRelaxation relaxation(problem, model);
        if (!lpSwapSearch(problem, model, relaxation, best, 200, feedback, deadline))
            return cancelled();
    }
    // 4. Partial optimisation by exact GLPK solves on groups of neighbouring sites.
    {
        // Work budget: a number of group sub-solves; the deadline is only the
        // caller's safety stop.
        const double budget = timeLeft() < kInfinity ? std::max(0.0, timeLeft() / 2) : 24.0 * 3600.0;
        const auto partialDeadline = Clock::now() + std::chrono::milliseconds(static_cast<long long>(budget * 1000));
        reportProgress(feedback, 0.4, "capacitated site selection: partial optimisation");
        std::size_t solvesLeft = mOptions.subproblemSolves > 0 ? mOptions.subproblemSolves : kUnlimited;
        for (std::size_t group = 2; group <= 3; ++group) {
            if (!improveBySubproblems(problem, model, best, group, 10, SubproblemSafetySeconds, partialDeadline, solvesLeft,
                                      feedback))
                return cancelled();
        }
    }

    // 5. More subgradient steps with the improved upper bound.
    lowerBound = bound.improve(best.objective, mOptions.boundIterations, feedback, deadline);
    if (isCancelled(feedback))
        return cancelled();
    std::string boundMethod = bound.usesIntegerKnapsacks() ? "lagrangian-knapsack" : "lagrangian-lp-knapsack";
    auto closed = [&] {
        return model.roundBound(lowerBound) >= best.objective - 1e-9 * std::max(1.0, best.objective);
    };

    // 6. GLPK: exact when small, otherwise on the nearest-sites model.
    std::size_t mipNodes = 0;
    bool mipStopped = false, mipNodeLimited = false;
    if (!closed() && !timedOut) {
        const bool exact = n * m <= mOptions.exactMaxVariables;
        double limit = mOptions.mipTimeLimitSeconds;
        if (timeLeft() < kInfinity)
            limit = limit > 0 ? std::min(limit, std::max(0.1, timeLeft())) : std::max(0.1, timeLeft());
        reportProgress(feedback, 0.6, exact ? "capacitated site selection: exact branch-and-bound"
                                            : "capacitated site selection: MIP on nearest sites");
        // Node budget: explicit, or scaled by the model's assignment columns so
        // that a run costs about the same work (some 10 s on one core here)
        // whatever the instance size.
        std::size_t nodeLimit = mOptions.mipNodeLimit;
        if (nodeLimit == 0) {
            const std::size_t columns = n * (exact ? m : std::min(m, std::max<std::size_t>(1, mOptions.mipNearestSites)));
            nodeLimit = std::clamp<std::size_t>(mOptions.mipWork / std::max<std::size_t>(1, columns), 100, 20000);
        }
        MipSettings settings;
        settings.timeLimitSeconds = limit;
        settings.mipGap = mOptions.mipGap;
        settings.nodeLimit = nodeLimit;
        settings.mirCuts = true;
        MipOutcome mip = solveMip(problem, model, exact ? 0 : mOptions.mipNearestSites, &best, settings, feedback);
        if (mip.cancelled || isCancelled(feedback))
            return cancelled();
        mipNodes = mip.nodes;
        mipStopped = mip.stopped;
        mipNodeLimited = mip.nodeLimitHit;
        if (mip.solution.isValid() && isFeasible(problem, mip.solution) && mip.solution.objective < best.objective)
            best = std::move(mip.solution);
        if (exact && mip.bound > lowerBound) {
            lowerBound = mip.bound;
            boundMethod = "mip";
        }
        if (exact && mip.optimal)
            lowerBound = std::max(lowerBound, best.objective);
    }

    LocationResult result;
    std::sort(best.sites.begin(), best.sites.end());
    result.sites = best.sites;
    result.assignment = best.assignment;
    result.objective = best.objective;
    result.lowerBound = std::min(model.roundBound(lowerBound), result.objective);
    result.gap = result.objective > 0 ? (result.objective - result.lowerBound) / result.objective : 0.0;
    result.boundMethod = boundMethod;
    result.iterations = iterations;
    result.mipNodes = mipNodes;
    if (closed() || result.gap <= 1e-12)
        result.stop = LocationStop::ProvenOptimal;
    else if (timedOut || (mipStopped && timeLeft() <= 0))
        result.stop = LocationStop::TimeLimit;
    else
        result.stop = mipStopped && !mipNodeLimited ? LocationStop::TimeLimit : LocationStop::WorkBudget;
    result.seconds = secondsSince(start);
    return result;
}

Result<LocationResult> PmedianCapacitatedSolver::solveTextbookModel(const LocationProblem &problem,
                                                                    double timeLimitSeconds, Feedback *feedback)
{
    if (auto valid = problem.validate(); !valid)
        return valid.error();
    if (!problem.isCapacitated())
        return makeError(ErrorCode::InvalidArgument, "the textbook model needs capacities");
    const auto start = Clock::now();
    const PmedianCostModel model(problem);
    MipSettings settings;
    settings.timeLimitSeconds = timeLimitSeconds;
    MipOutcome mip;
    if (auto ok = glpk::run("textbook model", [&] { mip = solveMip(problem, model, 0, nullptr, settings, feedback); }); !ok)
        return ok.error();
    if (mip.cancelled)
        return makeError(ErrorCode::Cancelled, "site selection cancelled");
    LocationResult result;
    if (mip.solution.isValid()) {
        result.sites = mip.solution.sites;
        result.assignment = mip.solution.assignment;
        result.objective = mip.solution.objective;
    } else {
        result.objective = kInfinity;
    }
    result.lowerBound = mip.bound;
    result.gap = mip.solution.isValid() && result.objective > 0 ? (result.objective - mip.bound) / result.objective : 1.0;
    result.boundMethod = "mip";
    result.mipNodes = mip.nodes;
    result.stop = mip.optimal ? LocationStop::ProvenOptimal : LocationStop::TimeLimit;
    result.seconds = secondsSince(start);
    return result;
}

} // namespace tessera
