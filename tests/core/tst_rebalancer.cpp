// Minimal-disruption rebalancing: the move cap holds and territories stay in
// one piece, fewest moves equals brute force on small grids, the heuristic is
// never better than that optimum, same seed and budget give the same plan,
// locks hold, breaking territories are named, and the curve ends at the tolerance.
#include "core/optimizer/rebalancer.h"

#include <QtTest>

#include <algorithm>
#include <limits>
#include <random>

using namespace tessera;

namespace {

/// columns x rows grid, rook adjacency, current plan in vertical stripes of territories.
DistrictingProblem stripes(int columns, int rows, int k, const std::vector<double> &weights)
{
    DistrictingProblem p;
    std::vector<AdjacencyEdge> edges;
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < columns; ++c) {
            const int id = r * columns + c;
            p.unitKeys.push_back("u" + std::to_string(id));
            p.points.push_back({double(c), double(r)});
            p.currentPlan.push_back(c * k / columns);
            if (c + 1 < columns)
                edges.push_back({UnitId(id), UnitId(id + 1), 1.0});
            if (r + 1 < rows)
                edges.push_back({UnitId(id), UnitId(id + columns), 1.0});
        }
    p.attributeNames = {"population"};
    p.weights = {weights};
    p.adjacency = AdjacencyGraph(p.unitCount(), edges);
    return p;
}

std::vector<double> randomWeights(std::size_t n, unsigned seed)
{
    std::mt19937 rng(seed);
    std::vector<double> w(n);
    for (double &x : w)
        x = double(10 + rng() % 90);
    return w;
}

/// Independent checks, without the rebalancer's helpers.
bool allContiguous(const DistrictingProblem &p, const std::vector<int> &plan, int k)
{
    for (int t = 0; t < k; ++t) {
        std::vector<int> members;
        for (std::size_t i = 0; i < plan.size(); ++i)
            if (plan[i] == t)
                members.push_back(int(i));
        if (members.empty())
            return false;
        std::vector<char> seen(plan.size(), 0);
        std::vector<int> stack{members.front()};
        seen[std::size_t(members.front())] = 1;
        int reached = 0;
        while (!stack.empty()) {
            const int u = stack.back();
            stack.pop_back();
            ++reached;
            for (UnitId v : p.adjacency.neighbours(UnitId(u)))
                if (!seen[std::size_t(v.value())] && plan[std::size_t(v.value())] == t) {
                    seen[std::size_t(v.value())] = 1;
                    stack.push_back(v.value());
                }
        }
        if (reached != int(members.size()))
            return false;
    }
    return true;
}

bool withinTolerance(const DistrictingProblem &p, const std::vector<int> &plan, int k, double tolerance)
{
    std::vector<double> load(std::size_t(k), 0.0);
    double total = 0;
    for (std::size_t i = 0; i < plan.size(); ++i) {
        load[std::size_t(plan[i])] += p.weights[0][i];
        total += p.weights[0][i];
    }
    const double mean = total / k;
    return std::all_of(load.begin(), load.end(), [&](double l) { return std::abs(l - mean) <= tolerance * mean + 1e-9; });
}

int moved(const DistrictingProblem &p, const std::vector<int> &plan)
{
    int count = 0;
    for (std::size_t i = 0; i < plan.size(); ++i)
        count += plan[i] != p.currentPlan[i];
    return count;
}

/// Fewest moved units over every assignment of k^n plans (-1: none within tolerance and contiguous).
int bruteForceFewest(const DistrictingProblem &p, int k, double tolerance)
{
    const std::size_t n = p.unitCount();
    std::vector<int> plan(n, 0);
    int best = -1;
    for (;;) {
        const int m = moved(p, plan);
        if ((best < 0 || m < best) && withinTolerance(p, plan, k, tolerance) && allContiguous(p, plan, k))
            best = m;
        std::size_t i = 0;
        while (i < n && ++plan[i] == k)
            plan[i++] = 0;
        if (i == n)
            return best;
    }
}

} // namespace

class TestRebalancer : public QObject {
    Q_OBJECT
private slots:
    void capHoldsAndTerritoriesStayContiguous();
    void fewestMovesMatchesBruteForce();
    void heuristicFewestIsFeasibleAndNotBelowOptimum();
    void deterministicForSeedAndBudget();
    void locksHold();
    void breachesNameTheTerritory();
    void curveEndsWithinToleranceAndImproves();
};

void TestRebalancer::capHoldsAndTerritoriesStayContiguous()
{
    for (unsigned seed = 1; seed <= 4; ++seed) {
        const DistrictingProblem p = stripes(10, 8, 4, randomWeights(80, seed));
        RebalanceOptions options;
        options.balance = {{0, 0.02}};
        Rebalancer rebalancer(p, 4, options);
        double previous = std::numeric_limits<double>::infinity();
        for (int cap : {0, 1, 3, 6, 12, 24}) {
            auto outcome = rebalancer.bestWithin(cap);
            QVERIFY(outcome.isOk());
            QVERIFY2(moved(p, outcome->plan) <= cap, qPrintable(QString("seed %1 cap %2").arg(seed).arg(cap)));
            QCOMPARE(outcome->movedUnits, moved(p, outcome->plan));
            QVERIFY(allContiguous(p, outcome->plan, 4));
            QVERIFY(outcome->contiguous);
            // Every moved unit touches its new territory: only border units move.
            for (std::size_t i = 0; i < p.unitCount(); ++i) {
                if (outcome->plan[i] == p.currentPlan[i])
                    continue;
                bool touches = false;
                for (UnitId v : p.adjacency.neighbours(UnitId(int(i))))
                    touches = touches || outcome->plan[std::size_t(v.value())] == outcome->plan[i];
                QVERIFY(touches);
            }
            if (cap == 0)
                QCOMPARE(outcome->plan, p.currentPlan);
            previous = std::min(previous, outcome->worstRatio);
        }
        QVERIFY(previous < 1e300);
    }
}

void TestRebalancer::fewestMovesMatchesBruteForce()
{
    int feasibleCases = 0;
    for (unsigned seed = 1; seed <= 6; ++seed) {
        const int columns = seed % 2 ? 4 : 3, rows = seed % 2 ? 3 : 4, k = 3;
        const DistrictingProblem p = stripes(columns, rows, k, randomWeights(std::size_t(columns * rows), seed * 11));
        const double tolerance = 0.15;
        const int optimum = bruteForceFewest(p, k, tolerance);
        RebalanceOptions options;
        options.balance = {{0, tolerance}};
        auto outcome = Rebalancer(p, k, options).fewestMoves();
        QVERIFY(outcome.isOk());
        if (optimum < 0) {
            QVERIFY(!outcome->balanced);
            continue;
        }
        ++feasibleCases;
        QVERIFY(outcome->exact);
        QVERIFY(outcome->balanced);
        QVERIFY(withinTolerance(p, outcome->plan, k, tolerance));
        QVERIFY(allContiguous(p, outcome->plan, k));
        QCOMPARE(moved(p, outcome->plan), optimum);
    }
    QVERIFY(feasibleCases >= 3);
}

void TestRebalancer::heuristicFewestIsFeasibleAndNotBelowOptimum()
{
    int matched = 0, feasible = 0;
    for (unsigned seed = 1; seed <= 6; ++seed) {
        const DistrictingProblem p = stripes(4, 3, 3, randomWeights(12, seed * 7));
        const double tolerance = 0.2;
        const int optimum = bruteForceFewest(p, 3, tolerance);
        RebalanceOptions options;
        options.balance = {{0, tolerance}};
        options.exactMaxPlans = 0; // heuristic only
        auto outcome = Rebalancer(p, 3, options).fewestMoves();
        QVERIFY(outcome.isOk());
        QVERIFY(!outcome->exact);
        if (!outcome->balanced)
            continue;
        ++feasible;
        QVERIFY(optimum >= 0);
        QVERIFY(allContiguous(p, outcome->plan, 3));
        QVERIFY(withinTolerance(p, outcome->plan, 3, tolerance));
        QVERIFY(moved(p, outcome->plan) >= optimum);
        matched += moved(p, outcome->plan) == optimum;
    }
    QVERIFY(feasible >= 3);
    QVERIFY(matched >= 1);
}

void TestRebalancer::deterministicForSeedAndBudget()
{
    const DistrictingProblem p = stripes(12, 10, 5, randomWeights(120, 99));
    RebalanceOptions options;
    options.balance = {{0, 0.03}};
    options.seed = 7;
    options.workBudget = 300000;
    options.timeLimitSeconds = 0;
    options.exactMaxPlans = 0;
    auto a = Rebalancer(p, 5, options).fewestMoves();
    auto b = Rebalancer(p, 5, options).fewestMoves();
    QVERIFY(a.isOk() && b.isOk());
    QCOMPARE(a->plan, b->plan);
    QCOMPARE(a->evaluatedMoves, b->evaluatedMoves);
    auto c = Rebalancer(p, 5, options).bestWithin(10);
    auto d = Rebalancer(p, 5, options).bestWithin(10);
    QVERIFY(c.isOk() && d.isOk());
    QCOMPARE(c->plan, d->plan);
}

void TestRebalancer::locksHold()
{
    DistrictingProblem p = stripes(8, 6, 2, randomWeights(48, 5));
    // Lock the whole border column of territory 0.
    p.locked.assign(48, -1);
    for (int r = 0; r < 6; ++r)
        p.locked[std::size_t(r * 8 + 3)] = 0;
    RebalanceOptions options;
    options.balance = {{0, 0.01}};
    auto outcome = Rebalancer(p, 2, options).fewestMoves();
    QVERIFY(outcome.isOk());
    for (int r = 0; r < 6; ++r)
        QCOMPARE(outcome->plan[std::size_t(r * 8 + 3)], 0);
    QVERIFY(allContiguous(p, outcome->plan, 2));
}

void TestRebalancer::breachesNameTheTerritory()
{
    // One heavy unit: no plan is within ±1 %, the heavy territory is named.
    std::vector<double> w(12, 1.0);
    w[0] = 50;
    const DistrictingProblem p = stripes(4, 3, 2, w);
    RebalanceOptions options;
    options.balance = {{0, 0.01}};
    auto outcome = Rebalancer(p, 2, options).fewestMoves();
    QVERIFY(outcome.isOk());
    QVERIFY(!outcome->balanced);
    QVERIFY(!outcome->breaches.empty());
    const std::string text = describeBreach(outcome->breaches.front(), {"North", "South"}, {"population"}, options.balance);
    QVERIFY2(text.find("'North'") != std::string::npos || text.find("'South'") != std::string::npos, text.c_str());
    QVERIFY2(text.find("population") != std::string::npos && text.find("%") != std::string::npos, text.c_str());
    QVERIFY(text.find("e+") == std::string::npos);
}

void TestRebalancer::curveEndsWithinToleranceAndImproves()
{
    const DistrictingProblem p = stripes(12, 10, 4, randomWeights(120, 3));
    RebalanceOptions options;
    options.balance = {{0, 0.02}};
    auto curve = Rebalancer(p, 4, options).curve();
    QVERIFY(curve.isOk());
    QVERIFY(curve->size() >= 2);
    QCOMPARE(curve->front().maxMoves, 0);
    QVERIFY(curve->back().outcome.balanced);
    double previous = std::numeric_limits<double>::infinity();
    int fewest = 0;
    for (const RebalanceCurvePoint &point : *curve) {
        QVERIFY(point.outcome.movedUnits <= point.maxMoves);
        QVERIFY(allContiguous(p, point.outcome.plan, 4));
        if (point.fewest) {
            ++fewest;
            QVERIFY(point.outcome.balanced);
            continue;
        }
        QVERIFY(point.outcome.worstRatio <= previous + 1e-12); // more moves never balance worse
        previous = point.outcome.worstRatio;
    }
    QCOMPARE(fewest, 1);
}

QTEST_GUILESS_MAIN(TestRebalancer)
#include "tst_rebalancer.moc"
