#include "core/optimizer/exactdistricting.h"

#include "core/optimizer/deadline.h"
#include "core/optimizer/glpkguard.h"
#include "core/optimizer/planevaluation.h"

#include <glpk.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <numeric>
#include <sstream>

namespace tessera {

namespace {

/// One contiguity cut: sum coef * x <= rhs, over GLPK column indices.
struct Cut {
    std::vector<int> columns;
    std::vector<double> coefficients;
    double rhs = 0.0;
};

struct ProblemDeleter {
    void operator()(glp_prob *p) const { glp_delete_prob(p); }
};

class ExactModel {
public:
    ExactModel(const DistrictingProblem &problem, const OptimizerOptions &options, Feedback *feedback)
        : mProblem(problem), mOptions(options), mFeedback(feedback), mN(problem.unitCount()), mK(options.territories),
          mChosen(options.centres == CentreMode::Chosen)
    {
        mSites = mChosen ? mN : static_cast<std::size_t>(mK);
    }

    /// GLPK column (1-based) of x_ij.
    int column(std::size_t unit, std::size_t site) const { return static_cast<int>(unit * mSites + site + 1); }

    Result<ExactSolution> solve(const std::vector<int> &incumbent, const std::vector<int> &incumbentCentres, double seconds);

private:
    static void callback(glp_tree *tree, void *info) { static_cast<ExactModel *>(info)->onCallback(tree); }
    void onCallback(glp_tree *tree);
    void separate(glp_tree *tree);
    void addCut(const Cut &cut);
    double violation(const Cut &cut) const;

    const DistrictingProblem &mProblem;
    const OptimizerOptions &mOptions;
    Feedback *mFeedback;
    std::size_t mN;
    int mK;
    bool mChosen;
    std::size_t mSites = 0;
    std::unique_ptr<glp_prob, ProblemDeleter> mLp;
    std::vector<Cut> mPool;
    std::vector<double> mValues; ///< current column values, 1-based
    std::vector<double> mIncumbentColumns;
    bool mPosted = false;
    /// The whole solve's stop: GLPK's tm_lim counts the root LP and the
    /// branch and cut apart, and not our cut separation between its checks.
    Deadline mDeadline;
    bool mDeadlineHit = false;
    double mBestBound = -std::numeric_limits<double>::infinity();
    long long mCuts = 0;
    long long mLpSolves = 0;
    int mProgressTick = 0;
};

double ExactModel::violation(const Cut &cut) const
{
    double lhs = 0;
    for (std::size_t c = 0; c < cut.columns.size(); ++c)
        lhs += cut.coefficients[c] * mValues[static_cast<std::size_t>(cut.columns[c])];
    return lhs - cut.rhs;
}

void ExactModel::addCut(const Cut &cut)
{
    glp_prob *lp = mLp.get();
    const int row = glp_add_rows(lp, 1);
    std::vector<int> idx(cut.columns.size() + 1);
    std::vector<double> val(cut.columns.size() + 1);
    for (std::size_t c = 0; c < cut.columns.size(); ++c) {
        idx[c + 1] = cut.columns[c];
        val[c + 1] = cut.coefficients[c];
    }
    glp_set_mat_row(lp, row, static_cast<int>(cut.columns.size()), idx.data(), val.data());
    glp_set_row_bnds(lp, row, GLP_UP, 0.0, cut.rhs);
    ++mCuts;
}

void ExactModel::separate(glp_tree *tree)
{
    (void)tree;
    glp_prob *lp = mLp.get();
    const int columns = glp_get_num_cols(lp);
    mValues.assign(static_cast<std::size_t>(columns) + 1, 0.0);
    bool integral = true;
    for (int c = 1; c <= columns; ++c) {
        const double v = glp_get_col_prim(lp, c);
        mValues[static_cast<std::size_t>(c)] = v;
        // Only the assignment columns decide integrality (cut-edge columns
        // are continuous and may sit above their bound on zero-length edges).
        if (c <= static_cast<int>(mN * mSites) && std::abs(v - std::round(v)) > 1e-6)
            integral = false;
    }
    // Re-add pool cuts this point violates (lazy rows are local to subtrees).
    int added = 0;
    for (const Cut &cut : mPool)
        if (violation(cut) > 1e-6) {
            addCut(cut);
            ++added;
        }
    if (added > 0 || !integral)
        return;
    // Integral point: find territories in several pieces.
    std::vector<int> territory(mN, -1);
    for (std::size_t i = 0; i < mN; ++i)
        for (std::size_t j = 0; j < mSites; ++j)
            if (mValues[static_cast<std::size_t>(column(i, j))] > 0.5)
                territory[i] = static_cast<int>(j);
    std::vector<int> piece(mN, -1);
    std::vector<int> stack;
    for (std::size_t j = 0; j < mSites; ++j) {
        std::vector<std::vector<int>> pieces;
        for (std::size_t s = 0; s < mN; ++s) {
            if (territory[s] != static_cast<int>(j) || piece[s] >= 0)
                continue;
            pieces.emplace_back();
            piece[s] = static_cast<int>(pieces.size()) - 1;
            stack.assign(1, static_cast<int>(s));
            while (!stack.empty()) {
                const int u = stack.back();
                stack.pop_back();
                pieces.back().push_back(u);
                for (UnitId v : mProblem.adjacency.neighbours(UnitId(u))) {
                    const auto vi = static_cast<std::size_t>(v.value());
                    if (territory[vi] == static_cast<int>(j) && piece[vi] < 0) {
                        piece[vi] = piece[s];
                        stack.push_back(v.value());
                    }
                }
            }
        }
        if (pieces.size() <= 1)
            continue;
        // The piece holding the centre (chosen) or the largest piece stays; each
        // other piece C gets cuts through its neighbourhood N(C).
        std::size_t main = 0;
        for (std::size_t p = 0; p < pieces.size(); ++p) {
            if (mChosen) {
                if (std::find(pieces[p].begin(), pieces[p].end(), static_cast<int>(j)) != pieces[p].end())
                    main = p;
            } else if (pieces[p].size() > pieces[main].size()) {
                main = p;
            }
        }
        const int anchor = pieces[main].front();
        for (std::size_t p = 0; p < pieces.size(); ++p) {
            if (p == main)
                continue;
            std::vector<char> inPiece(mN, 0), inBoundary(mN, 0);
            for (int u : pieces[p])
                inPiece[static_cast<std::size_t>(u)] = 1;
            std::vector<int> boundary;
            for (int u : pieces[p])
                for (UnitId v : mProblem.adjacency.neighbours(UnitId(u))) {
                    const auto vi = static_cast<std::size_t>(v.value());
                    if (!inPiece[vi] && !inBoundary[vi]) {
                        inBoundary[vi] = 1;
                        boundary.push_back(v.value());
                    }
                }
            for (int a : pieces[p]) {
                Cut cut;
                cut.columns.push_back(column(static_cast<std::size_t>(a), j));
                cut.coefficients.push_back(1.0);
                if (mChosen) {
                    cut.rhs = 0.0; // x_aj <= sum_{s in N(C)} x_sj
                } else {
                    cut.columns.push_back(column(static_cast<std::size_t>(anchor), j));
                    cut.coefficients.push_back(1.0);
                    cut.rhs = 1.0; // x_aj + x_bj - 1 <= sum_{s in N(C)} x_sj
                }
                for (int s : boundary) {
                    cut.columns.push_back(column(static_cast<std::size_t>(s), j));
                    cut.coefficients.push_back(-1.0);
                }
                if (violation(cut) > 1e-6) {
                    mPool.push_back(cut);
                    addCut(cut);
                }
            }
        }
    }
}

void ExactModel::onCallback(glp_tree *tree)
{
    if (isCancelled(mFeedback)) {
        glp_ios_terminate(tree);
        return;
    }
    if (mDeadline.passed()) {
        mDeadlineHit = true;
        glp_ios_terminate(tree);
        return;
    }
    const int best = glp_ios_best_node(tree);
    if (best > 0)
        mBestBound = std::max(mBestBound, glp_ios_node_bound(tree, best));
    switch (glp_ios_reason(tree)) {
    case GLP_IROWGEN:
        ++mLpSolves;
        if (mOptions.contiguity && mProblem.adjacency.unitCount() == mN)
            separate(tree);
        break;
    case GLP_IHEUR:
        if (!mPosted && !mIncumbentColumns.empty()) {
            mPosted = true;
            glp_ios_heur_sol(tree, mIncumbentColumns.data());
        }
        break;
    case GLP_ISELECT:
        if ((++mProgressTick & 63) == 0) {
            std::ostringstream phase;
            phase << "branch and cut: gap " << glp_ios_mip_gap(tree) * 100 << " %";
            reportProgress(mFeedback, 0.9, phase.str());
        }
        break;
    default:
        break;
    }
}

Result<ExactSolution> ExactModel::solve(const std::vector<int> &incumbent, const std::vector<int> &incumbentCentres,
                                        double seconds)
{
    mDeadline = Deadline::after(std::max(seconds, 0.05));
    mLp.reset(glp_create_prob());
    glp_prob *lp = mLp.get();
    glp_set_obj_dir(lp, GLP_MIN);
    const std::vector<double> tw = districting::travelWeights(mProblem, mOptions);
    const std::vector<PlanePoint> sites = mChosen ? mProblem.points : mProblem.fixedCentres;
    const bool boundary = mOptions.compactness == CompactnessObjective::Boundary;
    const std::vector<AdjacencyEdge> &edges = mProblem.adjacency.edges();
    const bool lengths = districting::graphHasLengths(mProblem);
    auto edgeLength = [&](const AdjacencyEdge &e) { return lengths ? e.sharedLengthKm : 1.0; };
    const int xColumns = static_cast<int>(mN * mSites);
    // Boundary objective: one column z_e per adjacency edge, z_e >= x_uj - x_vj
    // for every site j, so z_e is 1 exactly when the edge is cut.
    const int columns = xColumns + (boundary ? static_cast<int>(edges.size()) : 0);
    glp_add_cols(lp, columns);
    // Scale costs to O(1..1e4) (GLPK numerics).
    double maxCost = 0;
    if (boundary) {
        for (const AdjacencyEdge &e : edges)
            maxCost = std::max(maxCost, edgeLength(e));
    } else {
        for (std::size_t i = 0; i < mN; ++i)
            for (std::size_t j = 0; j < mSites; ++j)
                maxCost = std::max(maxCost, districting::travelCost(mOptions, tw[i], mProblem.points[i], sites[j]));
    }
    const double scale = maxCost > 0 ? 1e4 / maxCost : 1.0;
    for (std::size_t i = 0; i < mN; ++i)
        for (std::size_t j = 0; j < mSites; ++j) {
            const int c = column(i, j);
            glp_set_col_kind(lp, c, GLP_BV);
            if (!boundary)
                glp_set_obj_coef(lp, c, scale * districting::travelCost(mOptions, tw[i], mProblem.points[i], sites[j]));
            else if (mChosen && i < j)
                // The boundary does not depend on where a centre sits: each
                // territory is rooted at its lowest unit, which removes the
                // symmetry of choosing any of its units.
                glp_set_col_bnds(lp, c, GLP_FX, 0.0, 0.0);
        }
    for (std::size_t e = 0; e < edges.size() && boundary; ++e) {
        const int c = xColumns + static_cast<int>(e) + 1;
        glp_set_col_bnds(lp, c, GLP_DB, 0.0, 1.0);
        glp_set_obj_coef(lp, c, scale * edgeLength(edges[e]));
    }
    if (!mChosen && !mProblem.locked.empty())
        for (std::size_t i = 0; i < mN; ++i)
            if (mProblem.locked[i] >= 0)
                glp_set_col_bnds(lp, column(i, static_cast<std::size_t>(mProblem.locked[i])), GLP_FX, 1.0, 1.0);

    std::vector<int> idx(1);
    std::vector<double> val(1);
    auto addRow = [&](int type, double lo, double hi) {
        const int row = glp_add_rows(lp, 1);
        glp_set_mat_row(lp, row, static_cast<int>(idx.size()) - 1, idx.data(), val.data());
        glp_set_row_bnds(lp, row, type, lo, hi);
        idx.assign(1, 0);
        val.assign(1, 0.0);
    };
    auto term = [&](int c, double v) {
        idx.push_back(c);
        val.push_back(v);
    };
    for (std::size_t i = 0; i < mN; ++i) {
        for (std::size_t j = 0; j < mSites; ++j)
            term(column(i, j), 1.0);
        addRow(GLP_FX, 1.0, 1.0);
    }
    for (std::size_t e = 0; e < edges.size() && boundary; ++e) {
        const std::size_t u = static_cast<std::size_t>(edges[e].a.value()), v = static_cast<std::size_t>(edges[e].b.value());
        for (std::size_t j = 0; j < mSites; ++j) {
            if (mChosen && u < j && v < j)
                continue; // both columns fixed at zero
            term(xColumns + static_cast<int>(e) + 1, 1.0);
            term(column(u, j), -1.0);
            term(column(v, j), 1.0);
            addRow(GLP_LO, 0.0, 0.0);
        }
    }
    if (mChosen) {
        for (std::size_t j = 0; j < mSites; ++j)
            term(column(j, j), 1.0);
        addRow(GLP_FX, mK, mK);
        for (std::size_t i = 0; i < mN; ++i)
            for (std::size_t j = 0; j < mSites; ++j)
                if (i != j) {
                    term(column(i, j), 1.0);
                    term(column(j, j), -1.0);
                    addRow(GLP_UP, 0.0, 0.0);
                }
    }
    for (const BalanceGoal &goal : mOptions.balance) {
        const std::vector<double> &w = mProblem.weights[static_cast<std::size_t>(goal.attribute)];
        const double mean = std::accumulate(w.begin(), w.end(), 0.0) / mK;
        for (std::size_t j = 0; j < mSites; ++j) {
            for (std::size_t i = 0; i < mN; ++i)
                if (w[i] != 0)
                    term(column(i, j), w[i] / mean);
            if (mChosen) {
                // Rows scaled by the mean: (1-tol) y_j <= sum w x / mean <= (1+tol) y_j.
                const std::vector<int> keepIdx = idx;
                const std::vector<double> keepVal = val;
                std::vector<double> &v = val;
                bool found = false;
                for (std::size_t e = 1; e < idx.size(); ++e)
                    if (idx[e] == column(j, j)) {
                        v[e] -= 1 + goal.tolerance;
                        found = true;
                    }
                if (!found)
                    term(column(j, j), -(1 + goal.tolerance));
                addRow(GLP_UP, 0.0, 0.0);
                idx = keepIdx;
                val = keepVal;
                found = false;
                for (std::size_t e = 1; e < idx.size(); ++e)
                    if (idx[e] == column(j, j)) {
                        val[e] -= 1 - goal.tolerance;
                        found = true;
                    }
                if (!found)
                    term(column(j, j), -(1 - goal.tolerance));
                addRow(GLP_LO, 0.0, 0.0);
            } else {
                addRow(GLP_DB, 1 - goal.tolerance, 1 + goal.tolerance);
            }
        }
    }

    // Incumbent in column space.
    if (!incumbent.empty()) {
        mIncumbentColumns.assign(static_cast<std::size_t>(columns) + 1, 0.0);
        std::vector<std::size_t> lowestUnit(static_cast<std::size_t>(mK), mN);
        for (std::size_t i = 0; i < mN; ++i)
            lowestUnit[static_cast<std::size_t>(incumbent[i])] = std::min(lowestUnit[static_cast<std::size_t>(incumbent[i])], i);
        for (std::size_t i = 0; i < mN; ++i) {
            const std::size_t t = static_cast<std::size_t>(incumbent[i]);
            const std::size_t site = !mChosen ? t : boundary ? lowestUnit[t] : static_cast<std::size_t>(incumbentCentres[t]);
            mIncumbentColumns[static_cast<std::size_t>(column(i, site))] = 1.0;
        }
        for (std::size_t e = 0; e < edges.size() && boundary; ++e)
            if (incumbent[static_cast<std::size_t>(edges[e].a.value())] != incumbent[static_cast<std::size_t>(edges[e].b.value())])
                mIncumbentColumns[static_cast<std::size_t>(xColumns + static_cast<int>(e) + 1)] = 1.0;
    }

    glp_smcp simplex;
    glp_init_smcp(&simplex);
    simplex.msg_lev = GLP_MSG_OFF;
    simplex.tm_lim = mDeadline.millisecondsLeft();
    const int lpStatus = glp_simplex(lp, &simplex);
    ++mLpSolves;
    ExactSolution solution;
    if (lpStatus != 0 || glp_get_status(lp) != GLP_OPT) {
        if (glp_get_status(lp) == GLP_NOFEAS)
            return makeError(ErrorCode::Infeasible, "the balance constraints admit no plan, even fractionally");
        solution.timeLimitHit = true;
        return solution;
    }
    glp_iocp mip;
    glp_init_iocp(&mip);
    mip.msg_lev = GLP_MSG_OFF;
    mip.presolve = GLP_OFF;
    mip.fp_heur = GLP_OFF;
    mip.ps_heur = GLP_OFF;
    mip.sr_heur = GLP_OFF;
    mip.gmi_cuts = GLP_OFF;
    mip.mir_cuts = GLP_OFF;
    mip.br_tech = GLP_BR_DTH;
    mip.bt_tech = GLP_BT_BLB;
    mip.mip_gap = mOptions.exactMipGap;
    mip.tm_lim = mDeadline.millisecondsLeft();
    mip.cb_func = &ExactModel::callback;
    mip.cb_info = this;
    const int status = glp_intopt(lp, &mip);
    if (isCancelled(mFeedback))
        return makeError(ErrorCode::Cancelled, "optimization cancelled");
    solution.cuts = mCuts;
    solution.lpSolves = mLpSolves;
    solution.timeLimitHit = status == GLP_ETMLIM || mDeadlineHit;
    const int mipStatus = glp_mip_status(lp);
    if (mipStatus == GLP_NOFEAS)
        return makeError(ErrorCode::Infeasible, "no balanced contiguous plan exists (proved by branch and cut)");
    if (mipStatus == GLP_OPT || mipStatus == GLP_FEAS) {
        solution.plan.assign(mN, -1);
        solution.centres.assign(static_cast<std::size_t>(mK), -1);
        std::vector<int> siteToTerritory(mSites, -1);
        int next = 0;
        for (std::size_t i = 0; i < mN; ++i)
            for (std::size_t j = 0; j < mSites; ++j)
                if (glp_mip_col_val(lp, column(i, j)) > 0.5) {
                    if (mChosen) {
                        if (siteToTerritory[j] < 0) {
                            siteToTerritory[j] = next;
                            solution.centres[static_cast<std::size_t>(next)] = static_cast<int>(j);
                            ++next;
                        }
                        solution.plan[i] = siteToTerritory[j];
                    } else {
                        solution.plan[i] = static_cast<int>(j);
                    }
                }
        solution.objective = glp_mip_obj_val(lp) / scale;
        solution.optimal = mipStatus == GLP_OPT && (status == 0 || status == GLP_EMIPGAP);
        if (std::find(solution.plan.begin(), solution.plan.end(), -1) != solution.plan.end()
            || (mChosen && next != mK))
            solution.plan.clear();
    }
    if (solution.optimal)
        solution.bound = solution.objective * (1 - mOptions.exactMipGap);
    else
        solution.bound = std::isfinite(mBestBound) ? std::max(0.0, mBestBound / scale) : 0.0;
    return solution;
}

} // namespace

Result<ExactSolution> solveExactDistricting(const DistrictingProblem &problem, const OptimizerOptions &options,
                                            const std::vector<int> &incumbent, const std::vector<int> &incumbentCentres,
                                            double timeLimitSeconds, Feedback *feedback)
{
    // The model (and its glp_prob) lives inside the guard: after a GLPK error
    // it is gone with GLPK's environment and must not be deleted again.
    return glpk::guarded<ExactSolution>("exact districting", [&] {
        glp_term_out(GLP_OFF);
        ExactModel model(problem, options, feedback);
        return model.solve(incumbent, incumbentCentres, timeLimitSeconds);
    });
}

} // namespace tessera
