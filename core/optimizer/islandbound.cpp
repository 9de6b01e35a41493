#include "core/optimizer/islandbound.h"

#include "core/optimizer/glpkguard.h"
#include "core/optimizer/planevaluation.h"

#include <glpk.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace tessera {

namespace {

/// Regions kept in the programme (the costliest on their own): the others
/// count as mainland, which keeps the bound valid and the programme small.
constexpr std::size_t MaxRegions = 40;

struct Segment {
    double ratio;  ///< travel per unit of weight
    double length; ///< weight; infinite for the last mainland segment
};

struct Region {
    std::vector<std::size_t> units;
    double weight = 0.0;
    std::vector<Segment> out; ///< g: R's units by travel to the nearest unit outside R, per weight
    std::vector<Segment> in;  ///< h: other units by travel to R, per weight
    double alone = 0.0;       ///< the region's least crossing cost on its own (for ranking)
};

int find(std::vector<int> &parent, int x)
{
    while (parent[static_cast<std::size_t>(x)] != x)
        x = parent[static_cast<std::size_t>(x)] = parent[static_cast<std::size_t>(parent[static_cast<std::size_t>(x)])];
    return x;
}

double distance(const PlanePoint &a, const PlanePoint &b)
{
    return std::hypot(a.x - b.x, a.y - b.y);
}

/// Least cost of \a amount weight from \a segments (sorted by ratio).
double fill(const std::vector<Segment> &segments, double amount)
{
    double cost = 0;
    for (const Segment &s : segments) {
        if (amount <= 0)
            break;
        const double take = std::min(amount, s.length);
        cost += take * s.ratio;
        amount -= take;
    }
    return amount > 1e-9 ? std::numeric_limits<double>::infinity() : cost;
}

std::vector<Segment> segmentsOf(std::vector<std::pair<double, double>> costAndWeight, double enough)
{
    // Fractional knapsack order: travel per unit of weight; weightless units never help.
    std::vector<Segment> out;
    for (const auto &[cost, weight] : costAndWeight)
        if (weight > 0)
            out.push_back({cost / weight, weight});
    std::sort(out.begin(), out.end(), [](const Segment &a, const Segment &b) { return a.ratio < b.ratio; });
    if (enough > 0) {
        double total = 0;
        std::size_t keep = 0;
        while (keep < out.size() && total < enough)
            total += out[keep++].length;
        if (keep < out.size()) {
            // The rest cost at least the last kept ratio per weight: one open-ended segment.
            out.resize(keep);
            out.push_back({out.back().ratio, std::numeric_limits<double>::infinity()});
        }
    }
    return out;
}

/// One pass over (region unit, any unit) pairs: each region unit's distance
/// to the nearest unit outside the region, and every unit's distance to it.
struct CrossDistances {
    std::vector<double> nearestOutside; ///< per unit of the region, in its order
    std::vector<double> toRegion;       ///< per unit of the problem
};

CrossDistances crossDistances(const DistrictingProblem &problem, const std::vector<std::size_t> &units,
                              const std::vector<int> &regionOf, int region)
{
    const std::size_t n = problem.unitCount();
    CrossDistances out{std::vector<double>(units.size(), std::numeric_limits<double>::infinity()),
                       std::vector<double>(n, std::numeric_limits<double>::infinity())};
    for (std::size_t u = 0; u < units.size(); ++u)
        for (std::size_t j = 0; j < n; ++j) {
            const double d = distance(problem.points[units[u]], problem.points[j]);
            out.toRegion[j] = std::min(out.toRegion[j], d);
            if (regionOf[j] != region)
                out.nearestOutside[u] = std::min(out.nearestOutside[u], d);
        }
    return out;
}

/// h: every unit outside all kept regions (regionOf < 0) by its travel to
/// the region (\a toRegion), per weight.
std::vector<Segment> inflowSegments(const OptimizerOptions &options, const std::vector<double> &tw, const std::vector<double> &w,
                                    const std::vector<double> &toRegion, const std::vector<int> &regionOf, double upper)
{
    std::vector<std::pair<double, double>> in;
    for (std::size_t j = 0; j < toRegion.size(); ++j)
        if (regionOf[j] < 0) // units of other kept regions pay as their own region's outflow
            in.emplace_back(districting::travelCost(options, tw[j], PlanePoint{0, 0}, PlanePoint{toRegion[j], 0}), w[j]);
    return segmentsOf(std::move(in), 3 * upper);
}

double boundForThreshold(const DistrictingProblem &problem, const OptimizerOptions &options, const std::vector<double> &tw,
                         const std::vector<double> &w, double lower, double upper, double threshold, Deadline deadline,
                         const Feedback *feedback)
{
    auto stopped = [&] { return deadline.passed() || isCancelled(feedback); };
    const std::size_t n = problem.unitCount();
    std::vector<int> parent(n);
    std::iota(parent.begin(), parent.end(), 0);
    for (const AdjacencyEdge &e : problem.adjacency.edges()) {
        const auto a = static_cast<std::size_t>(e.a.value()), b = static_cast<std::size_t>(e.b.value());
        if (distance(problem.points[a], problem.points[b]) <= threshold)
            parent[static_cast<std::size_t>(find(parent, static_cast<int>(a)))] = find(parent, static_cast<int>(b));
    }
    std::vector<std::vector<std::size_t>> pieces(n);
    for (std::size_t i = 0; i < n; ++i)
        pieces[static_cast<std::size_t>(find(parent, static_cast<int>(i)))].push_back(i);
    std::size_t largest = 0;
    for (std::size_t p = 0; p < n; ++p)
        if (pieces[p].size() > pieces[largest].size())
            largest = p;
    // A piece fits when some whole number of territories holds its weight.
    auto fits = [&](double weight) {
        const double m = std::ceil(weight / upper - 1e-12);
        return weight <= 0 || m * lower <= weight * (1 + 1e-12);
    };
    std::vector<Region> regions;
    for (std::size_t p = 0; p < n; ++p) {
        if (p == largest || pieces[p].empty())
            continue;
        Region r;
        r.units = pieces[p];
        for (std::size_t i : r.units)
            r.weight += w[i];
        if (!fits(r.weight))
            regions.push_back(std::move(r));
    }
    if (regions.empty() || stopped())
        return 0.0;

    std::vector<int> regionOf(n, -1);
    for (std::size_t r = 0; r < regions.size(); ++r)
        for (std::size_t i : regions[r].units)
            regionOf[i] = static_cast<int>(r);
    // g and h per region, against every unit (a region's own units excluded).
    for (std::size_t r = 0; r < regions.size(); ++r) {
        if (stopped())
            return 0.0;
        Region &region = regions[r];
        const CrossDistances across = crossDistances(problem, region.units, regionOf, static_cast<int>(r));
        std::vector<std::pair<double, double>> out;
        for (std::size_t u = 0; u < region.units.size(); ++u) {
            const std::size_t i = region.units[u];
            out.emplace_back(districting::travelCost(options, tw[i], PlanePoint{0, 0}, PlanePoint{across.nearestOutside[u], 0}), w[i]);
        }
        region.out = segmentsOf(std::move(out), 0);
        region.in = inflowSegments(options, tw, w, across.toRegion, regionOf, upper);
        // On its own: down to the nearest whole territories, or up to them.
        const double down = region.weight - std::floor(region.weight / upper) * upper;
        const double up = std::ceil(region.weight / upper) * lower - region.weight;
        region.alone = std::min(fill(region.out, down), up > 0 ? fill(region.in, up) : 0.0);
    }
    // The costliest regions on their own are kept; the rest count as mainland.
    std::sort(regions.begin(), regions.end(), [](const Region &a, const Region &b) { return a.alone > b.alone; });
    if (regions.size() > MaxRegions) {
        // Dropped regions' units become "other" units: recompute h for the kept ones.
        regions.resize(MaxRegions);
        std::fill(regionOf.begin(), regionOf.end(), -1);
        for (std::size_t r = 0; r < regions.size(); ++r)
            for (std::size_t i : regions[r].units)
                regionOf[i] = static_cast<int>(r);
        for (std::size_t r = 0; r < regions.size(); ++r)
            regions[r].in = inflowSegments(options, tw, w, crossDistances(problem, regions[r].units, regionOf, static_cast<int>(r)).toRegion,
                                           regionOf, upper);
    }
    if (stopped())
        return 0.0;

    // The programme: per region r, lower·M_r <= W_r - A_r + B_r + Σ F_{q→r} <= upper·M_r,
    // Σ_r F_{q→r} <= A_q; minimise Σ g_r(A_r) + Σ h_r(B_r) (convex, as segments).
    const std::size_t m = regions.size();
    double allWeight = 0.0;
    for (const Region &r : regions)
        allWeight += r.weight;
    double value = 0.0;
    auto solved = glpk::run("island crossing bound", [&] {
        glp_prob *mip = glp_create_prob();
        glp_set_obj_dir(mip, GLP_MIN);
        std::vector<int> ia{0}, ja{0};
        std::vector<double> ar{0.0};
        // Rows 2r+1 (with lower) and 2r+2 (with upper) per region, then one outflow row per region.
        glp_add_rows(mip, static_cast<int>(2 * m + m));
        for (std::size_t r = 0; r < m; ++r) {
            glp_set_row_bnds(mip, static_cast<int>(2 * r + 1), GLP_LO, -regions[r].weight, 0.0);
            glp_set_row_bnds(mip, static_cast<int>(2 * r + 2), GLP_UP, 0.0, -regions[r].weight);
            glp_set_row_bnds(mip, static_cast<int>(2 * m + r + 1), GLP_UP, 0.0, 0.0);
        }
        auto addColumn = [&](double lo, double hi, double cost, int kind) {
            const int col = glp_add_cols(mip, 1);
            glp_set_col_bnds(mip, col, std::isfinite(hi) ? (hi > lo ? GLP_DB : GLP_FX) : GLP_LO, lo, std::isfinite(hi) ? hi : 0.0);
            glp_set_obj_coef(mip, col, cost);
            glp_set_col_kind(mip, col, kind);
            return col;
        };
        auto put = [&](int row, int col, double v) {
            ia.push_back(row);
            ja.push_back(col);
            ar.push_back(v);
        };
        for (std::size_t r = 0; r < m; ++r) {
            const int lowRow = static_cast<int>(2 * r + 1), highRow = static_cast<int>(2 * r + 2);
            const int outRow = static_cast<int>(2 * m + r + 1);
            // Row sense: (-A + B + ΣF) - lower·M >= -W  and  (-A + B + ΣF) - upper·M <= -W.
            for (const Segment &s : regions[r].out) {
                const int col = addColumn(0.0, s.length, s.ratio, GLP_CV);
                put(lowRow, col, -1.0);
                put(highRow, col, -1.0);
                put(outRow, col, -1.0);
            }
            for (const Segment &s : regions[r].in) {
                const int col = addColumn(0.0, s.length, s.ratio, GLP_CV);
                put(lowRow, col, 1.0);
                put(highRow, col, 1.0);
            }
            // Inflow from every other region is possible: no whole count is cut off.
            const double most = std::ceil((allWeight + 3 * upper) / lower) + 1;
            const int whole = addColumn(0.0, most, 0.0, GLP_IV);
            put(lowRow, whole, -lower);
            put(highRow, whole, -upper);
        }
        for (std::size_t q = 0; q < m; ++q)
            for (std::size_t r = 0; r < m; ++r) {
                if (q == r)
                    continue;
                const int col = addColumn(0.0, std::numeric_limits<double>::infinity(), 0.0, GLP_CV);
                put(static_cast<int>(2 * r + 1), col, 1.0);
                put(static_cast<int>(2 * r + 2), col, 1.0);
                put(static_cast<int>(2 * m + q + 1), col, 1.0);
            }
        glp_load_matrix(mip, static_cast<int>(ia.size()) - 1, ia.data(), ja.data(), ar.data());
        glp_iocp parm;
        glp_init_iocp(&parm);
        parm.msg_lev = GLP_MSG_OFF;
        parm.presolve = GLP_ON;
        parm.tm_lim = deadline.millisecondsLeft(5.0);
        glp_term_out(GLP_OFF);
        // Only a proven optimum is a bound: a time-limited integer solution is not.
        if (glp_intopt(mip, &parm) == 0 && glp_mip_status(mip) == GLP_OPT)
            value = std::max(0.0, glp_mip_obj_val(mip));
        glp_delete_prob(mip);
    });
    return solved ? value : 0.0;
}

} // namespace

double islandCrossingBound(const DistrictingProblem &problem, const OptimizerOptions &options, Deadline deadline,
                           const Feedback *feedback)
{
    if (options.compactness != CompactnessObjective::Travel || options.centres != CentreMode::Chosen || options.balance.empty()
        || options.territories < 2 || problem.adjacency.unitCount() != problem.unitCount())
        return 0.0;
    const BalanceGoal &goal = options.balance.front();
    const std::vector<double> &w = problem.weights[static_cast<std::size_t>(goal.attribute)];
    const double total = std::accumulate(w.begin(), w.end(), 0.0);
    const double mean = total / options.territories;
    const double lower = (1 - goal.tolerance) * mean, upper = (1 + goal.tolerance) * mean;
    if (!(lower > 0))
        return 0.0;
    const std::vector<double> tw = districting::travelWeights(problem, options);
    double best = 0.0;
    for (const double threshold : {25.0, 50.0, 100.0, 200.0}) {
        if (deadline.passed() || isCancelled(feedback))
            break;
        best = std::max(best, boundForThreshold(problem, options, tw, w, lower, upper, threshold, deadline, feedback));
    }
    return best;
}

} // namespace tessera
