// Tests for core/metrics: every figure against hand-computed values on small
// grids, the incremental path against full recomputes, contiguity, disruption,
// edge cases and dissolved outlines.
#include "core/geometry/measure.h"
#include "core/geometry/planarmoments.h"
#include "core/geometry/projection.h"
#include "core/geometry/unittopology.h"
#include "core/metrics/attributesource.h"
#include "core/metrics/deviation.h"
#include "core/metrics/metricsengine.h"
#include "core/metrics/territoryoutlinebuilder.h"
#include "core/model/project.h"
#include "core/optimizer/districtingproblem.h"
#include "core/optimizer/planevaluation.h"
#include "core/optimizer/territoryoptimizer.h"
#include "core/store/projectstore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

#include <cmath>
#include <fstream>
#include <map>
#include <numbers>
#include <random>
#include <set>
#include <tuple>

using namespace tessera;

namespace {

constexpr double Step = 0.01; // grid cell size in degrees
/// Side of one grid cell in km: an arc of 0.01° on the equator.
const double Side = geometry::EarthRadiusKm * Step * std::numbers::pi / 180.0;

bool near(double a, double b, double relative = 1e-6)
{
    return std::fabs(a - b) <= relative * std::max({1.0, std::fabs(a), std::fabs(b)});
}

#define QNEAR(a, b)                                                                                                   \
    do {                                                                                                              \
        const double qa = (a), qb = (b);                                                                              \
        if (!near(qa, qb))                                                                                            \
            QFAIL(qPrintable(QStringLiteral("%1 = %2, expected %3").arg(#a).arg(qa, 0, 'g', 12).arg(qb, 0, 'g', 12))); \
    } while (false)

/// "prefix" followed by a number, e.g. "T12".
std::string named(const char *prefix, std::size_t number)
{
    std::string text(prefix);
    text += std::to_string(number);
    return text;
}

UnitId uid(int i) { return UnitId(i); }
TerritoryId tid(int i) { return TerritoryId(i); }

MultiPolygon square(double lon, double lat, double size)
{
    Polygon p;
    p.outer.points = {{lon, lat}, {lon + size, lat}, {lon + size, lat + size}, {lon, lat + size}, {lon, lat}};
    return MultiPolygon{{p}};
}

/// A cols × rows grid of Step-degree squares starting at (lon0, lat0), rook
/// adjacency with the shared edge's great-circle length, unit i = row·cols + col.
Project gridProject(int cols, int rows, double lon0 = 0.0, double lat0 = 0.0)
{
    Project project;
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c) {
            Unit unit;
            unit.key = named("u", r * cols + c);
            unit.name = unit.key;
            auto shape = std::make_shared<MultiPolygon>(square(lon0 + c * Step, lat0 + r * Step, Step));
            unit.areaKm2 = geometry::areaKm2(*shape);
            unit.centroid = LonLat{lon0 + (c + 0.5) * Step, lat0 + (r + 0.5) * Step};
            unit.geometry = shape;
            project.units().add(std::move(unit));
        }
    std::vector<AdjacencyEdge> edges;
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c) {
            const int i = r * cols + c;
            const double x = lon0 + (c + 1) * Step, y = lat0 + r * Step;
            if (c + 1 < cols)
                edges.push_back({uid(i), uid(i + 1), geometry::distanceKm({x, y}, {x, y + Step})});
            if (r + 1 < rows)
                edges.push_back({uid(i), uid(i + cols),
                                 geometry::distanceKm({lon0 + c * Step, y + Step}, {x, y + Step})});
        }
    project.setAdjacency(AdjacencyGraph(static_cast<std::size_t>(cols * rows), std::move(edges)));
    return project;
}

AccountId addAccount(Project &project, int unit, LonLat where, double revenue, double hours, double visits)
{
    Account account;
    account.key = named("a", project.accounts().size());
    account.location = where;
    account.unit = uid(unit);
    const AccountId id = project.accounts().add(account);
    AttributeTable &table = project.accounts().attributes();
    table.setValue(static_cast<std::size_t>(id.value()), table.addColumn(attributes::RevenuePotential), revenue);
    table.setValue(static_cast<std::size_t>(id.value()), table.addColumn(attributes::WorkloadHours), hours);
    table.setValue(static_cast<std::size_t>(id.value()), table.addColumn(attributes::VisitFrequency), visits);
    return id;
}

/// The 3×3 fixture: population 1..9, accounts in units 0, 3, 4 and 8, two
/// reps; scenario "columns" puts column c into territory c (rep 0, rep 1, none).
struct GridFixture {
    Project project;
    Scenario scenario;

    GridFixture()
    {
        project = gridProject(3, 3);
        AttributeTable &units = project.units().attributes();
        units.resize(9);
        const int population = units.addColumn(attributes::Population);
        for (int i = 0; i < 9; ++i)
            units.setValue(static_cast<std::size_t>(i), population, i + 1);
        addAccount(project, 0, {0.005, 0.005}, 100, 10, 2); // a0: at rep 0's home
        addAccount(project, 0, {0.008, 0.005}, 50, 5, 1);   // a1
        addAccount(project, 3, {0.005, 0.015}, 30, 3, 4);   // a2
        addAccount(project, 4, {0.015, 0.015}, 200, 20, 1); // a3
        addAccount(project, 8, {0.025, 0.025}, 70, 7, 3);   // a4
        Rep home0;
        home0.name = "West";
        home0.home = {0.005, 0.005};
        home0.capacityHours = 40;
        project.addRep(home0);
        Rep home1;
        home1.name = "Centre";
        home1.home = {0.015, 0.0};
        project.addRep(home1);

        scenario.name = "columns";
        for (int c = 0; c < 3; ++c) {
            Territory t;
            t.name = named("T", c);
            t.rep = c < 2 ? RepId(c) : RepId();
            scenario.addTerritory(t);
        }
        scenario.alignment = Alignment(9);
        for (int i = 0; i < 9; ++i)
            scenario.alignment.assign(uid(i), tid(i % 3));
    }
};

MetricOptions populationFirst()
{
    MetricOptions options;
    options.attributes = {"population", "accounts", "revenue_potential"};
    return options;
}

std::unique_ptr<MetricsEngine> makeEngine(const Project &project, const Scenario &scenario,
                                          const MetricOptions &options = populationFirst(),
                                          const Scenario *baseline = nullptr)
{
    auto engine = MetricsEngine::create(project, scenario, options, baseline);
    if (!engine)
        qFatal("engine: %s", engine.error().toString().c_str());
    return std::move(engine).value();
}

/// A fresh engine on \a engine's current alignment: the full recompute.
std::unique_ptr<MetricsEngine> recomputed(const Project &project, const MetricsEngine &engine,
                                          const Scenario *baseline)
{
    Scenario copy;
    copy.territories = engine.territoryList();
    copy.alignment = engine.alignment();
    return makeEngine(project, copy, engine.options(), baseline);
}

/// Runs \a moves random moves (single units and small selections, to any
/// territory or unassigned), checking after every \a every moves that the
/// incremental figures equal a full recompute and that the ChangeSet names
/// exactly the territories whose figures changed.
void randomMoves(const Project &project, MetricsEngine &engine, const Scenario *baseline, int moves, int every,
                 unsigned seed, bool freshEngine = true)
{
    std::mt19937 random(seed);
    const int unitCount = static_cast<int>(project.units().size());
    const int territoryCount = static_cast<int>(engine.territoryCount());
    for (int m = 0; m < moves; ++m) {
        const std::vector<TerritoryMetrics> before = engine.territories();
        const PlanMetrics planBefore = engine.plan();
        std::vector<UnitId> selection{uid(static_cast<int>(random() % unitCount))};
        if (random() % 4 == 0) // a small selection: the unit and a neighbour
            for (UnitId n : project.adjacency().neighbours(selection.front()))
                if (random() % 2)
                    selection.push_back(n);
        const int target = static_cast<int>(random() % (territoryCount + 1)) - 1; // -1 = unassign
        const Result<ChangeSet> changes = engine.moveUnits(selection, target < 0 ? TerritoryId() : tid(target));
        QVERIFY(changes.isOk());
        for (int t = 0; t < territoryCount; ++t) {
            const bool changed = !(before[t] == engine.territories()[t]);
            const MetricChange what = changes->changesOf(tid(t));
            if (changed != ((what & ~MetricChange::Outline) != MetricChange::None))
                QFAIL(qPrintable(QStringLiteral("move %1: territory %2 changed=%3 but ChangeSet says %4")
                                     .arg(m)
                                     .arg(t)
                                     .arg(changed)
                                     .arg(static_cast<unsigned>(what))));
        }
        QCOMPARE(changes->plan, !(planBefore == engine.plan()));
        if ((m % every == 0 || m + 1 == moves) && !freshEngine) {
            // Full recompute in place: same per-unit table, every sum from scratch.
            const std::vector<TerritoryMetrics> incremental = engine.territories();
            const PlanMetrics incrementalPlan = engine.plan();
            engine.recompute();
            for (int t = 0; t < territoryCount; ++t)
                if (!(incremental[t] == engine.territories()[t]))
                    QFAIL(qPrintable(QStringLiteral("move %1: territory %2 differs from the full recompute").arg(m).arg(t)));
            QVERIFY(incrementalPlan == engine.plan());
        } else if (m % every == 0 || m + 1 == moves) {
            const auto full = recomputed(project, engine, baseline);
            for (int t = 0; t < territoryCount; ++t)
                if (!(full->territories()[t] == engine.territories()[t])) {
                    std::ostringstream out;
                    out << "incremental " << engine.territories()[t] << "\nfull        " << full->territories()[t];
                    QFAIL(qPrintable(QStringLiteral("move %1: %2").arg(m).arg(QString::fromStdString(out.str()))));
                }
            QVERIFY(full->plan() == engine.plan());
        }
    }
}

/// Sum of ring lengths of one outline, in km.
double outlineLength(const TerritoryOutline &outline)
{
    double total = 0.0;
    for (const Ring &ring : outline.rings)
        for (std::size_t i = 1; i < ring.points.size(); ++i)
            total += geometry::distanceKm(ring.points[i - 1], ring.points[i]);
    return total;
}

double signedArea(const Ring &ring)
{
    return geometry::signedAreaDeg2(ring);
}

const char *const SamplePath = TESSERA_SOURCE_DIR "/resources/samples/southeast.tessera";

/// The committed sample project (367 counties of the US Southeast), read
/// through the real project store.
Project loadSample()
{
    auto store = ProjectStore::open(SamplePath, ProjectStore::OpenMode::ReadOnly);
    if (!store)
        qFatal("sample: %s", store.error().toString().c_str());
    auto project = (*store)->load();
    if (!project)
        qFatal("sample: %s", project.error().toString().c_str());
    return std::move(project).value();
}

} // namespace

class TestMetrics : public QObject {
    Q_OBJECT
private slots:
    void balanceOnColumns()
    {
        GridFixture f;
        auto engine = makeEngine(f.project, f.scenario);
        QCOMPARE(engine->attributeNames(), (std::vector<std::string>{"population", "accounts", "revenue_potential"}));
        // Population by column: 1+4+7, 2+5+8, 3+6+9; mean 15.
        const double sums[] = {12, 15, 18};
        for (int t = 0; t < 3; ++t) {
            const AttributeFigures &p = engine->territory(tid(t)).attributes[0];
            QCOMPARE(p.sum, sums[t]);
            QCOMPARE(p.reference, 15.0);
            QNEAR(p.share, sums[t] / 45.0);
            QNEAR(p.deviation, (sums[t] - 15.0) / 15.0);
            QCOMPARE(engine->territory(tid(t)).unitCount, std::size_t(3));
        }
        // Accounts: column 0 holds a0, a1, a2; column 1 a3; column 2 a4.
        QCOMPARE(engine->territory(tid(0)).accountCount, std::size_t(3));
        QCOMPARE(engine->territory(tid(1)).attributes[1].sum, 1.0);
        QCOMPARE(engine->territory(tid(2)).attributes[2].sum, 70.0);
        QCOMPARE(engine->territory(tid(0)).attributes[2].sum, 180.0);

        const AttributeSpread &spread = engine->plan().attributes[0];
        QCOMPARE(spread.total, 45.0);
        QCOMPARE(spread.mean, 15.0);
        QCOMPARE(spread.min, 12.0);
        QCOMPARE(spread.max, 18.0);
        QNEAR(spread.maxMinRatio, 1.5);
        QNEAR(spread.coefficientOfVariation, std::sqrt(6.0) / 15.0);
        // ±0.2 tie: the first territory wins.
        QNEAR(spread.worstDeviation, -0.2);
        QCOMPARE(spread.worstTerritory, tid(0));
        QCOMPARE(engine->plan().unassignedUnits, std::size_t(0));
    }

    void targetsReplaceTheMean()
    {
        GridFixture f;
        MetricOptions options = populationFirst();
        options.targets["population"] = {10.0, std::nan(""), 20.0};
        auto engine = makeEngine(f.project, f.scenario, options);
        QCOMPARE(engine->territory(tid(0)).attributes[0].reference, 10.0);
        QNEAR(engine->territory(tid(0)).attributes[0].deviation, 0.2);
        QCOMPARE(engine->territory(tid(1)).attributes[0].reference, 15.0); // NaN target: the mean
        QNEAR(engine->territory(tid(2)).attributes[0].deviation, -0.1);
    }

    void attributeResolution()
    {
        GridFixture f;
        MetricOptions options;
        auto defaults = makeEngine(f.project, f.scenario, options);
        QCOMPARE(defaults->attributeNames(),
                 (std::vector<std::string>{"accounts", "revenue_potential", "workload_hours", "population"}));
        options.attributes = {"unit:population", "account:workload_hours", "units"};
        auto explicitSources = makeEngine(f.project, f.scenario, options);
        QCOMPARE(explicitSources->territory(tid(0)).attributes[0].sum, 12.0);
        QCOMPARE(explicitSources->territory(tid(0)).attributes[1].sum, 18.0);
        QCOMPARE(explicitSources->territory(tid(0)).attributes[2].sum, 3.0);
        options.attributes = {"no_such_column"};
        const auto failed = MetricsEngine::create(f.project, f.scenario, options);
        QVERIFY(!failed);
        QCOMPARE(failed.error().code, ErrorCode::NotFound);
        QVERIFY(failed.error().message.find("no_such_column") != std::string::npos);
        options.attributes = {"unit:revenue_potential"};
        QVERIFY(!MetricsEngine::create(f.project, f.scenario, options));
    }

    void bareNameResolvesOneWayEverywhere()
    {
        // A unit column and an account column both called revenue_potential:
        // the bare name means the account column, "unit:" reaches the other,
        // for the engine and the optimizer's problem builder alike.
        GridFixture f;
        AttributeTable &units = f.project.units().attributes();
        const int column = units.addColumn(attributes::RevenuePotential);
        for (int i = 0; i < 9; ++i)
            units.setValue(static_cast<std::size_t>(i), column, 1000.0 * (i + 1));
        MetricOptions options;
        options.attributes = {"revenue_potential", "unit:revenue_potential", "accounts", "units"};
        auto engine = makeEngine(f.project, f.scenario, options);
        QCOMPARE(engine->territory(tid(0)).attributes[0].sum, 180.0);             // accounts a0, a1, a2
        QCOMPARE(engine->territory(tid(0)).attributes[1].sum, 1000.0 * (1 + 4 + 7)); // units 0, 3, 6
        const auto available = AttributeSource::available(f.project);
        QVERIFY(std::find(available.begin(), available.end(), "unit:revenue_potential") != available.end());
        QVERIFY(std::find(available.begin(), available.end(), "revenue_potential") != available.end());

        auto problem = problemFromProject(f.project, &f.scenario, options.attributes);
        QVERIFY2(problem, problem ? "" : problem.error().toString().c_str());
        for (std::size_t a = 0; a < options.attributes.size(); ++a)
            for (int t = 0; t < 3; ++t) {
                double sum = 0.0;
                for (std::size_t u = 0; u < 9; ++u)
                    if (problem->currentPlan[u] == t)
                        sum += problem->weights[a][u];
                QCOMPARE(sum, engine->territory(tid(t)).attributes[a].sum);
            }
        QVERIFY(!problemFromProject(f.project, &f.scenario, {"no_such_column"}));
    }

    void optimizerEvaluationAgreesWithTheEngine()
    {
        // The optimizer's evaluation and the engine give the same balance,
        // pieces, cut edges and shared boundary on the sample's plan, a
        // scrambled plan and an optimized plan, with targets on some territories.
        const Project project = loadSample();
        const Scenario &current = project.scenarios().front();
        const int k = static_cast<int>(current.territories.size());
        const std::vector<std::string> entries = AttributeSource::defaults(project);
        auto problem = problemFromProject(project, &current, entries);
        QVERIFY2(problem, problem ? "" : problem.error().toString().c_str());
        const std::size_t n = problem->unitCount();

        OptimizerOptions options;
        options.territories = k;
        MetricOptions metricOptions;
        metricOptions.attributes = entries;
        for (std::size_t a = 0; a < entries.size(); ++a) {
            double total = 0.0;
            for (double w : problem->weights[a])
                total += w;
            BalanceGoal goal;
            goal.attribute = static_cast<int>(a);
            goal.tolerance = 0.1;
            goal.targets.assign(static_cast<std::size_t>(k), metrics::Undefined);
            for (int t = 0; t < k; t += 2) // every other territory: 10 % above or below the mean
                goal.targets[static_cast<std::size_t>(t)] = total / k * (t % 4 == 0 ? 1.1 : 0.9);
            metricOptions.targets[entries[a]] = goal.targets;
            options.balance.push_back(goal);
        }

        std::vector<std::vector<int>> plans{problem->currentPlan};
        std::mt19937 random(7);
        std::vector<int> scrambled = problem->currentPlan;
        for (int move = 0; move < 40; ++move)
            scrambled[random() % n] = static_cast<int>(random() % static_cast<unsigned>(k));
        plans.push_back(scrambled);
        OptimizerOptions run = options;
        run.seed = 3;
        run.workBudget = 20000;
        run.path = SolverPath::Heuristic;
        auto optimized = optimizeTerritories(*problem, run);
        QVERIFY2(optimized, optimized ? "" : optimized.error().toString().c_str());
        plans.push_back(optimized->territory);

        for (const std::vector<int> &plan : plans) {
            QVERIFY(std::all_of(plan.begin(), plan.end(), [k](int t) { return t >= 0 && t < k; }));
            const PlanFigures figures = districting::evaluatePlan(*problem, options, plan, {});
            Scenario scenario = current;
            for (std::size_t u = 0; u < n; ++u)
                scenario.alignment.assign(UnitId(static_cast<std::int32_t>(u)), TerritoryId(plan[u]));
            for (const auto &[account, territory] : current.alignment.accountOverrides())
                scenario.alignment.clearAccountOverride(account); // the optimizer moves whole units
            auto engine = MetricsEngine::create(project, scenario, metricOptions);
            QVERIFY2(engine, engine ? "" : engine.error().toString().c_str());
            const PlanMetrics &summary = (*engine)->plan();
            QCOMPARE(figures.worstDeviation.size(), entries.size());
            bool balanced = true;
            for (std::size_t a = 0; a < entries.size(); ++a) {
                QVERIFY2(near(figures.worstDeviation[a], std::fabs(summary.attributes[a].worstDeviation), 1e-9),
                         qPrintable(QStringLiteral("%1: optimizer %2, engine %3")
                                        .arg(QString::fromStdString(entries[a]))
                                        .arg(figures.worstDeviation[a], 0, 'g', 12)
                                        .arg(summary.attributes[a].worstDeviation, 0, 'g', 12)));
                balanced = balanced && std::fabs(summary.attributes[a].worstDeviation) <= 0.1 + 1e-9;
                // The target, not the mean, on the territories that have one.
                QCOMPARE((*engine)->territory(tid(0)).attributes[a].reference,
                         options.balance[a].targets[0]);
            }
            QCOMPARE(figures.balanced, balanced);
            std::size_t pieces = 0;
            for (const TerritoryMetrics &t : (*engine)->territories())
                pieces += t.pieces;
            QCOMPARE(static_cast<std::size_t>(figures.pieces), pieces);
            QCOMPARE(static_cast<std::size_t>(figures.cutEdges), summary.cutEdges);
            QVERIFY(near(figures.boundaryKm, summary.boundaryKm, 1e-9));
            QCOMPARE(figures.contiguous, summary.contiguous && summary.unassignedUnits == 0);
        }
        // The scrambled plan is broken into pieces: the comparison saw more than one piece per territory.
        QVERIFY(districting::evaluatePlan(*problem, options, scrambled, {}).pieces > k);
    }

    void workloadAndTravel()
    {
        GridFixture f;
        auto engine = makeEngine(f.project, f.scenario);
        const TerritoryMetrics &west = engine->territory(tid(0));
        // Account hours 10 + 5 + 3; travel = Σ distance × visits × 1.3 ÷ 60.
        const LonLat home = f.project.reps()[0].home;
        const double d1 = geometry::distanceKm(home, {0.008, 0.005});
        const double d2 = geometry::distanceKm(home, {0.005, 0.015});
        QNEAR(d2, Side);
        QNEAR(west.accountHours, 18.0);
        QNEAR(west.travelHours, (0.0 * 2 + d1 * 1 + d2 * 4) * 1.3 / 60.0);
        QNEAR(west.workloadHours, 18.0 + west.travelHours);
        QCOMPARE(west.capacityHours, 40.0);
        QNEAR(west.utilisation, west.workloadHours / 40.0);
        QNEAR(west.meanAccountDistanceKm, (d1 + d2) / 3.0);
        // Rep 1 has no capacity set: utilisation undefined.
        const TerritoryMetrics &centre = engine->territory(tid(1));
        QVERIFY(std::isnan(centre.utilisation));
        QNEAR(centre.travelHours, geometry::distanceKm({0.015, 0.0}, {0.015, 0.015}) * 1.3 / 60.0);
        // No rep: no travel, no distance.
        const TerritoryMetrics &east = engine->territory(tid(2));
        QCOMPARE(east.travelHours, 0.0);
        QCOMPARE(east.workloadHours, 7.0);
        QVERIFY(std::isnan(east.meanAccountDistanceKm));
        QVERIFY(!east.rep.isValid());

        MetricOptions slower = populationFirst();
        slower.averageSpeedKmh = 30.0;
        slower.circuityFactor = 1.0;
        slower.roundTrip = true;
        auto other = makeEngine(f.project, f.scenario, slower);
        QNEAR(other->territory(tid(0)).travelHours, (d1 + 4 * d2) * 2.0 / 30.0);
        slower.averageSpeedKmh = 0.0;
        QVERIFY(!MetricsEngine::create(f.project, f.scenario, slower));
    }

    void compactnessOfColumns()
    {
        GridFixture f;
        auto engine = makeEngine(f.project, f.scenario);
        for (int t = 0; t < 3; ++t) {
            const TerritoryMetrics &m = engine->territory(tid(t));
            QNEAR(m.areaKm2, 3 * Side * Side);
            QVERIFY(near(m.perimeterKm, 8 * Side, 1e-6));
            QVERIFY(near(m.polsbyPopper, 4 * std::numbers::pi * 3 / 64.0, 1e-5));
            QCOMPARE(m.pieces, std::size_t(1));
            QVERIFY(m.cutOffUnits.empty());
        }
        // Column 0 weights 1, 4, 7 at rows 0, 1, 2: centre at row 1.5,
        // inertia (1·1.5² + 4·0.5² + 7·0.5²)·side² = 5 side².
        const TerritoryMetrics &west = engine->territory(tid(0));
        QVERIFY(near(west.inertia, 5 * Side * Side, 1e-5));
        QVERIFY(near(west.centre.lat, 0.015 * 0.0 + 1.5 * Step + 0.5 * Step, 1e-5));
        QVERIFY(near(west.centre.lon, 0.005, 1e-5));
        // Boundaries: two column borders of 3 sides each.
        QCOMPARE(engine->territory(tid(0)).cutEdges, std::size_t(3));
        QCOMPARE(engine->territory(tid(1)).cutEdges, std::size_t(6));
        QNEAR(engine->territory(tid(1)).boundaryKm, 6 * Side);
        QNEAR(engine->territory(tid(0)).boundaryKm, 3 * Side);
        QCOMPARE(engine->plan().cutEdges, std::size_t(6));
        QNEAR(engine->plan().boundaryKm, 6 * Side);
        QVERIFY(engine->plan().contiguous);

        // Whole grid in one territory: perimeter 12 sides, Polsby–Popper π/4,
        // inertia with unit weights = 12 side² (use "units" as the weight).
        Scenario single = f.scenario;
        single.territories.resize(1);
        for (int i = 0; i < 9; ++i)
            single.alignment.assign(uid(i), tid(0));
        MetricOptions options = populationFirst();
        options.inertiaAttribute = "units";
        auto whole = makeEngine(f.project, single, options);
        const TerritoryMetrics &m = whole->territory(tid(0));
        QVERIFY(near(m.perimeterKm, 12 * Side, 1e-6));
        QVERIFY(near(m.polsbyPopper, std::numbers::pi / 4, 1e-5));
        QVERIFY(near(m.inertia, 12 * Side * Side, 1e-5));
        QVERIFY(near(m.centre.lon, 0.015, 1e-6) && near(m.centre.lat, 0.015, 1e-6));
        // Single-territory plan: no spread, no cut edges.
        QCOMPARE(m.attributes[0].deviation, 0.0);
        QCOMPARE(whole->plan().attributes[0].coefficientOfVariation, 0.0);
        QCOMPARE(whole->plan().attributes[0].maxMinRatio, 1.0);
        QCOMPARE(whole->plan().cutEdges, std::size_t(0));
        QCOMPARE(m.boundaryKm, 0.0);
    }

    void contiguityOnARing()
    {
        GridFixture f;
        Scenario ring = f.scenario;
        ring.territories.resize(2);
        for (int i = 0; i < 9; ++i)
            ring.alignment.assign(uid(i), tid(i == 4 ? 1 : 0));
        auto engine = makeEngine(f.project, ring);
        QCOMPARE(engine->territory(tid(0)).pieces, std::size_t(1)); // a ring is one piece
        QCOMPARE(engine->territory(tid(1)).pieces, std::size_t(1));
        // The ring's outline has a hole: perimeter = outer 12 + inner 4 sides.
        QVERIFY(near(engine->territory(tid(0)).perimeterKm, 16 * Side, 1e-6));
        QCOMPARE(engine->territory(tid(0)).cutEdges, std::size_t(4));

        // Give the middle column to territory 1: the ring breaks in two halves
        // of three; the half holding unit 0 stays, units 2, 5, 8 are cut off.
        const UnitId middle[] = {uid(1), uid(7)};
        const auto changes = engine->moveUnits(middle, tid(1));
        QVERIFY(changes.isOk());
        QCOMPARE(engine->territory(tid(0)).pieces, std::size_t(2));
        QCOMPARE(engine->territory(tid(0)).cutOffUnits, (std::vector<UnitId>{uid(2), uid(5), uid(8)}));
        QVERIFY(hasChange(changes->changesOf(tid(0)), MetricChange::Contiguity));
        QVERIFY(hasChange(changes->changesOf(tid(1)), MetricChange::Outline));
        QVERIFY(!engine->plan().contiguous);
        QCOMPARE(engine->plan().noncontiguousTerritories, std::size_t(1));
        // Closing the ring again through unit 7.
        const UnitId back[] = {uid(7)};
        QVERIFY(engine->moveUnits(back, tid(0)).isOk());
        QCOMPARE(engine->territory(tid(0)).pieces, std::size_t(1));
        QVERIFY(engine->plan().contiguous);
    }

    void contiguityWithAnIsland()
    {
        // The 3×3 grid plus a tenth square far away with no neighbour.
        Project project = gridProject(3, 3);
        Unit island;
        island.key = "island";
        island.geometry = std::make_shared<MultiPolygon>(square(1.0, 1.0, Step));
        island.areaKm2 = geometry::areaKm2(*island.geometry);
        island.centroid = {1.005, 1.005};
        project.units().add(island);
        std::vector<AdjacencyEdge> edges = project.adjacency().edges();
        project.setAdjacency(AdjacencyGraph(10, edges));
        QCOMPARE(project.adjacency().islands(), std::vector<UnitId>{uid(9)});
        Scenario scenario;
        scenario.addTerritory(Territory{});
        scenario.alignment = Alignment(10);
        for (int i = 0; i < 10; ++i)
            scenario.alignment.assign(uid(i), tid(0));
        MetricOptions options;
        options.attributes = {"units"};
        auto engine = makeEngine(project, scenario, options);
        QCOMPARE(engine->territory(tid(0)).pieces, std::size_t(2));
        QCOMPARE(engine->territory(tid(0)).cutOffUnits, std::vector<UnitId>{uid(9)});
        QVERIFY(!engine->plan().contiguous);
        // Dissolved perimeter: 12 sides of the block plus the island's 4 (of
        // its own latitude).
        QVERIFY(near(engine->territory(tid(0)).perimeterKm,
                     12 * Side + geometry::perimeterKm(*project.units().unit(uid(9)).geometry), 1e-6));
    }

    void disruptionAgainstABaseline()
    {
        GridFixture f;
        const Scenario baseline = f.scenario;
        Scenario current = f.scenario;
        current.alignment.assign(uid(4), tid(0)); // a3 (revenue 200) moves from rep 1 to rep 0
        current.alignment.assign(uid(8), tid(1)); // a4 (revenue 70) moves from no rep to rep 1
        auto engine = makeEngine(f.project, current, populationFirst(), &baseline);
        const PlanMetrics &plan = engine->plan();
        QVERIFY(plan.hasBaseline);
        QCOMPARE(plan.unitsMoved, std::size_t(2));
        QCOMPARE(plan.accountsMoved, std::size_t(2));
        QCOMPARE(plan.revenueMoved, 270.0);
        QCOMPARE(plan.accountsChangingRep, std::size_t(2));
        const DisruptionFigures &west = engine->territory(tid(0)).disruption;
        QCOMPARE(west.unitsGained, std::size_t(1));
        QCOMPARE(west.unitsLost, std::size_t(0));
        QCOMPARE(west.accountsGained, std::size_t(1));
        QCOMPARE(west.revenueGained, 200.0);
        const DisruptionFigures &centre = engine->territory(tid(1)).disruption;
        QCOMPARE(centre.unitsGained, std::size_t(1));
        QCOMPARE(centre.unitsLost, std::size_t(1));
        QCOMPARE(centre.accountsLost, std::size_t(1));
        QCOMPARE(centre.revenueGained, 70.0);
        QCOMPARE(engine->territory(tid(2)).disruption.unitsLost, std::size_t(1));
        QCOMPARE(engine->territory(tid(2)).disruption.revenueLost, 70.0);
        // Per rep: rep 0 gained a3; rep 1 lost a3 and gained a4.
        QCOMPARE(plan.reps[0].disruption.accountsGained, std::size_t(1));
        QCOMPARE(plan.reps[0].disruption.accountsLost, std::size_t(0));
        QCOMPARE(plan.reps[1].disruption.accountsGained, std::size_t(1));
        QCOMPARE(plan.reps[1].disruption.accountsLost, std::size_t(1));
        QCOMPARE(plan.reps[1].disruption.revenueLost, 200.0);

        // Moving both back restores a zero disruption.
        const UnitAssignment undo[] = {{uid(4), tid(1)}, {uid(8), tid(2)}};
        const auto changes = engine->applyAssignments(undo);
        QVERIFY(changes.isOk());
        QCOMPARE(engine->plan().unitsMoved, std::size_t(0));
        QCOMPARE(engine->plan().revenueMoved, 0.0);
        QCOMPARE(engine->territory(tid(1)).disruption, DisruptionFigures{});
        QVERIFY(hasChange(changes->changesOf(tid(2)), MetricChange::Disruption));
        QCOMPARE(changes->reps, (std::vector<RepId>{RepId(0), RepId(1)}));
        // Without a baseline, nothing is reported.
        QVERIFY(engine->setBaseline(nullptr).isOk());
        QVERIFY(!engine->plan().hasBaseline);
    }

    void accountOverridesStayPut()
    {
        GridFixture f;
        Scenario scenario = f.scenario;
        scenario.alignment.setAccountOverride(AccountId(3), tid(2)); // a3 (unit 4) served by T2
        auto engine = makeEngine(f.project, scenario);
        QCOMPARE(engine->territory(tid(1)).accountCount, std::size_t(0));
        QCOMPARE(engine->territory(tid(2)).accountCount, std::size_t(2));
        QCOMPARE(engine->territory(tid(2)).attributes[2].sum, 270.0);
        // Moving unit 4 does not move a3.
        const UnitId four[] = {uid(4)};
        QVERIFY(engine->moveUnits(four, tid(0)).isOk());
        QCOMPARE(engine->territory(tid(0)).accountCount, std::size_t(3));
        QCOMPARE(engine->territory(tid(2)).attributes[2].sum, 270.0);
        QVERIFY(recomputed(f.project, *engine, nullptr)->territories() == engine->territories());
    }

    void edgeCases()
    {
        GridFixture f;
        Scenario scenario = f.scenario;
        scenario.addTerritory(Territory{TerritoryId(), "empty", 0, RepId()});
        scenario.alignment.assign(uid(8), TerritoryId()); // unassigned
        // A negative value: population of unit 0 becomes −1.
        f.project.units().attributes().setValue(0, f.project.units().attributes().columnIndex("population"), -1.0);
        auto engine = makeEngine(f.project, scenario);
        const TerritoryMetrics &empty = engine->territory(tid(3));
        QCOMPARE(empty.unitCount, std::size_t(0));
        QCOMPARE(empty.pieces, std::size_t(0));
        QVERIFY(empty.isContiguous());
        QVERIFY(std::isnan(empty.polsbyPopper));
        QVERIFY(std::isnan(empty.centre.lon));
        QCOMPARE(empty.attributes[0].sum, 0.0);
        QCOMPARE(empty.attributes[0].deviation, -1.0);
        // Unassigned unit 8 (population 9, account a4) counts in no territory.
        QCOMPARE(engine->plan().unassignedUnits, std::size_t(1));
        QCOMPARE(engine->plan().unassignedAccounts, std::size_t(1));
        QCOMPARE(engine->plan().unassignedSums[0], 9.0);
        QCOMPARE(engine->plan().attributes[0].total, 10.0 + 15.0 + 9.0);
        QCOMPARE(engine->territory(tid(0)).attributes[0].sum, 10.0); // −1 + 4 + 7
        QNEAR(engine->plan().attributes[0].mean, 34.0 / 4.0);
        // A territory sum of 0 makes max/min undefined.
        QVERIFY(std::isnan(engine->plan().attributes[0].maxMinRatio));
        QCOMPARE(engine->plan().emptyTerritories, std::size_t(1));
        QVERIFY(engine->plan().contiguous); // empty territories do not break contiguity
        // Unit 5 has no accounts: moving it changes no account figure.
        const UnitId five[] = {uid(5)};
        QVERIFY(engine->moveUnits(five, tid(3)).isOk());
        QCOMPARE(engine->territory(tid(3)).accountCount, std::size_t(0));
        QCOMPARE(engine->territory(tid(3)).attributes[0].sum, 6.0);
        // Bad ids are refused and change nothing.
        const UnitId bad[] = {uid(99)};
        QVERIFY(!engine->moveUnits(bad, tid(0)));
        QVERIFY(!engine->moveUnits(five, tid(7)));
        QCOMPARE(engine->territoryOf(uid(5)), tid(3));
        // Assigning the unassigned unit changes every share: all territories report Balance.
        const UnitId eight[] = {uid(8)};
        const auto changes = engine->moveUnits(eight, tid(0));
        QVERIFY(changes.isOk());
        for (int t = 0; t < 4; ++t)
            QVERIFY(hasChange(changes->changesOf(tid(t)), MetricChange::Balance));
        // An alignment of the wrong size is refused.
        Scenario wrong = f.scenario;
        wrong.alignment = Alignment(4);
        QVERIFY(!MetricsEngine::create(f.project, wrong));
        Scenario outside = f.scenario;
        outside.alignment.assign(uid(2), tid(9));
        const auto refused = MetricsEngine::create(f.project, outside);
        QVERIFY(!refused);
        QVERIFY(refused.error().message.find("'u2'") != std::string::npos);
    }

    void changeSetNamesOnlyWhatChanged()
    {
        GridFixture f;
        auto engine = makeEngine(f.project, f.scenario);
        // Unit 2 (column 2, no accounts) to column 1: T1 and T2 change; T0 does not.
        const UnitId two[] = {uid(2)};
        const auto changes = engine->moveUnits(two, tid(1));
        QVERIFY(changes.isOk());
        QCOMPARE(changes->units, std::vector<UnitId>{uid(2)});
        QCOMPARE(changes->changesOf(tid(0)), MetricChange::None);
        QVERIFY(hasChange(changes->changesOf(tid(1)), MetricChange::Balance | MetricChange::Outline));
        QVERIFY(hasChange(changes->changesOf(tid(2)), MetricChange::Compactness));
        QVERIFY(!hasChange(changes->changesOf(tid(1)), MetricChange::Workload));
        QVERIFY(changes->plan);
        // Moving to where it already is changes nothing.
        const auto none = engine->moveUnits(two, tid(1));
        QVERIFY(none.isOk() && none->isEmpty());
        // A preview leaves the engine as it was.
        const std::vector<TerritoryMetrics> before = engine->territories();
        const UnitId four[] = {uid(4)};
        const auto preview = engine->previewMove(four, tid(0));
        QVERIFY(preview.isOk());
        QCOMPARE(preview->before.size(), std::size_t(2));
        QCOMPARE(preview->after[0].unitCount, std::size_t(4));
        QCOMPARE(preview->after[1].unitCount, std::size_t(3));
        QVERIFY(engine->territories() == before);
        QCOMPARE(engine->territoryOf(uid(4)), tid(1));
    }

    void wholePlanReplacements()
    {
        GridFixture f;
        auto engine = makeEngine(f.project, f.scenario);
        // A new alignment with an override: everything recomputed, the override honoured.
        Alignment alignment = f.scenario.alignment;
        alignment.assign(uid(0), tid(1));
        alignment.setAccountOverride(AccountId(4), tid(0));
        const auto replaced = engine->setAlignment(alignment);
        QVERIFY(replaced.isOk() && replaced->everything);
        QCOMPARE(replaced->changesOf(tid(2)), MetricChange::All);
        QCOMPARE(engine->territory(tid(0)).accountCount, std::size_t(2)); // a2 and the overridden a4
        QCOMPARE(engine->territory(tid(1)).accountCount, std::size_t(3)); // a0, a1, a3
        QCOMPARE(engine->territory(tid(2)).attributes[2].sum, 0.0);
        // Dropping the last territory unassigns its units.
        std::vector<Territory> two(f.scenario.territories.begin(), f.scenario.territories.begin() + 2);
        QVERIFY(engine->setTerritories(two).isOk());
        QCOMPARE(engine->territoryCount(), std::size_t(2));
        QCOMPARE(engine->plan().unassignedUnits, std::size_t(3));
        QVERIFY(!engine->territoryOf(uid(8)).isValid());
        // A changed rep is picked up by setTerritories: territory 1 loses its rep and its travel.
        two[1].rep = RepId();
        QVERIFY(engine->setTerritories(two).isOk());
        QCOMPARE(engine->territory(tid(1)).travelHours, 0.0);
        // A unit listed twice in a preview still comes back where it was.
        const UnitId twice[] = {uid(3), uid(3)};
        const std::vector<TerritoryMetrics> before = engine->territories();
        QVERIFY(engine->previewMove(twice, tid(1)).isOk());
        QVERIFY(engine->territories() == before);
        // A cancelled creation reports Cancelled.
        Feedback feedback;
        feedback.cancel();
        const auto cancelled = MetricsEngine::create(f.project, f.scenario, populationFirst(), nullptr, &feedback);
        QVERIFY(!cancelled);
        QCOMPARE(cancelled.error().code, ErrorCode::Cancelled);
    }

    void incrementalEqualsFullOnTheGrid()
    {
        GridFixture f;
        const Scenario baseline = f.scenario;
        Scenario scenario = f.scenario;
        scenario.addTerritory(Territory{TerritoryId(), "spare", 0, RepId(0)});
        scenario.alignment.setAccountOverride(AccountId(2), tid(1));
        auto engine = makeEngine(f.project, scenario, populationFirst(), &baseline);
        randomMoves(f.project, *engine, &baseline, 3000, 1, 7);
    }

    void incrementalEqualsFullOnALargerGrid()
    {
        // 30 × 30 units, 4,000 accounts, 12 territories in blocks, a baseline.
        Project project = gridProject(30, 30, 5.0, 45.0);
        std::mt19937 random(11);
        AttributeTable &units = project.units().attributes();
        units.resize(900);
        const int population = units.addColumn("population");
        for (std::size_t u = 0; u < 900; ++u)
            units.setValue(u, population, static_cast<double>(random() % 5000));
        for (int a = 0; a < 4000; ++a) {
            const int u = static_cast<int>(random() % 900);
            const LonLat where{5.0 + (u % 30 + 0.1 + 0.8 * (random() % 100) / 100.0) * Step,
                               45.0 + (u / 30 + 0.1 + 0.8 * (random() % 100) / 100.0) * Step};
            addAccount(project, u, where, random() % 1000, (random() % 50) / 10.0, random() % 5);
        }
        for (int r = 0; r < 10; ++r) {
            Rep rep;
            rep.home = {5.0 + (random() % 30) * Step, 45.0 + (random() % 30) * Step};
            rep.capacityHours = 1000;
            project.addRep(rep);
        }
        Scenario scenario;
        for (int t = 0; t < 12; ++t)
            scenario.addTerritory(Territory{TerritoryId(), named("T", t), 0, t < 10 ? RepId(t) : RepId()});
        scenario.alignment = Alignment(900);
        for (int u = 0; u < 900; ++u)
            scenario.alignment.assign(uid(u), tid((u % 30) / 10 + 3 * ((u / 30) / 8 % 4)));
        const Scenario baseline = scenario;
        for (int a = 0; a < 4000; a += 97)
            scenario.alignment.setAccountOverride(AccountId(a), tid(a % 12));
        MetricOptions options;
        options.attributes = {"accounts", "population", "revenue_potential", "workload_hours"};
        auto engine = makeEngine(project, scenario, options, &baseline);
        randomMoves(project, *engine, &baseline, 2000, 25, 3);
    }

    void outlinesOfTheGrid()
    {
        GridFixture f;
        const TerritoryOutlineBuilder builder(f.project.units());
        // 3×3 cells: 16 vertices; 12 inner arcs (one per shared side) and 8
        // outer arcs (the outer corners are not junctions).
        QCOMPARE(builder.topology().vertexCount(), std::size_t(16));
        QCOMPARE(builder.topology().arcCount(), std::size_t(20));
        // Columns: one ring of 8 edges (3 + 1 + 3 + 1 sides) each.
        const auto columns = builder.build(f.scenario.alignment, 3);
        QCOMPARE(columns.size(), std::size_t(3));
        for (const TerritoryOutline &outline : columns) {
            QCOMPARE(outline.rings.size(), std::size_t(1));
            QVERIFY(outline.openLines.empty());
            QCOMPARE(outline.rings[0].points.size(), std::size_t(9));
            QCOMPARE(outline.rings[0].points.front(), outline.rings[0].points.back());
            QVERIFY(near(outlineLength(outline), 8 * Side, 1e-6));
            QVERIFY(near(signedArea(outline.rings[0]), 3 * Step * Step, 1e-9)); // counter-clockwise
        }
        // Ring + centre: the ring has an outer boundary (12 sides) and a hole (4).
        Alignment ring(9);
        for (int i = 0; i < 9; ++i)
            ring.assign(uid(i), tid(i == 4 ? 1 : 0));
        const auto outlines = builder.build(ring, 2);
        QCOMPARE(outlines[0].rings.size(), std::size_t(2));
        QVERIFY(near(outlineLength(outlines[0]), 16 * Side, 1e-6));
        double area = 0.0;
        for (const Ring &r : outlines[0].rings)
            area += signedArea(r);
        QVERIFY(near(area, 8 * Step * Step, 1e-9)); // outer 9 cells minus the hole
        QCOMPARE(outlines[1].rings.size(), std::size_t(1));
        QCOMPARE(outlines[1].rings[0].points.size(), std::size_t(5));
        // Rebuilding only the changed territories gives the same rings.
        const TerritoryId only[] = {tid(1)};
        const auto partial = builder.build(ring, only);
        QCOMPARE(partial.size(), std::size_t(1));
        QCOMPARE(partial[0], outlines[1]);
        // One territory with an unassigned unit: the boundary runs around the gap.
        Alignment gap(9);
        for (int i = 0; i < 9; ++i)
            gap.assign(uid(i), i == 0 ? TerritoryId() : tid(0));
        const auto withGap = builder.build(gap, 1);
        QCOMPARE(withGap[0].rings.size(), std::size_t(1));
        QVERIFY(near(outlineLength(withGap[0]), 12 * Side, 1e-6));
    }

    void outlinesAgreeWithDissolvedPerimeterOnALargerGrid()
    {
        Project project = gridProject(20, 20);
        std::mt19937 random(5);
        Scenario scenario;
        for (int t = 0; t < 6; ++t)
            scenario.addTerritory(Territory{});
        scenario.alignment = Alignment(400);
        for (int u = 0; u < 400; ++u)
            scenario.alignment.assign(uid(u), tid(static_cast<int>(random() % 6)));
        MetricOptions options;
        options.attributes = {"units"};
        auto engine = makeEngine(project, scenario, options);
        const TerritoryOutlineBuilder builder(project.units());
        const auto outlines = builder.build(engine->alignment(), 6);
        for (int t = 0; t < 6; ++t) {
            QVERIFY(outlines[t].openLines.empty());
            QVERIFY(near(outlineLength(outlines[t]), engine->territory(tid(t)).perimeterKm, 1e-6));
        }
    }


    void outlinesEqualTheUnionOfTheirUnitsWithoutGaps()
    {
        // On the sample's plan: each territory's outline encloses exactly the
        // area of its units, and neighbouring outlines run along the same
        // vertices in opposite directions (no gap, no overlap).
        const Project project = loadSample();
        QVERIFY(!project.scenarios().empty());
        const Scenario &plan = project.scenarios().front();
        const std::size_t territoryCount = plan.territories.size();
        const TerritoryOutlineBuilder builder(project.units());
        const auto outlines = builder.build(plan.alignment, territoryCount);
        QCOMPARE(outlines.size(), territoryCount);

        // Areas on one equal-area plane for outlines and units alike.
        const geometry::EqualAreaProjection plane(LonLat{-84.0, 33.0});
        auto area = [&plane](const Ring &ring) {
            return geometry::planarMoments(ring.points, [&plane](const LonLat &p) { return plane.forward(p); }).area;
        };
        std::vector<double> unitSums(territoryCount, 0.0);
        for (std::size_t u = 0; u < project.units().size(); ++u) {
            const TerritoryId t = plan.alignment.unitTerritories()[u];
            const auto &shape = project.units().units()[u].geometry;
            if (!t.isValid() || !shape)
                continue;
            for (const Polygon &polygon : shape->polygons) {
                unitSums[std::size_t(t.value())] += std::abs(area(polygon.outer));
                for (const Ring &hole : polygon.holes)
                    unitSums[std::size_t(t.value())] -= std::abs(area(hole));
            }
        }
        using Segment = std::tuple<double, double, double, double>;
        std::map<Segment, int> owner; // directed segment -> territory
        for (std::size_t t = 0; t < territoryCount; ++t) {
            QVERIFY(outlines[t].openLines.empty());
            double outlineArea = 0.0;
            for (const Ring &ring : outlines[t].rings) {
                QCOMPARE(ring.points.front(), ring.points.back());
                outlineArea += area(ring); // holes run clockwise and subtract
                for (std::size_t i = 1; i < ring.points.size(); ++i) {
                    const LonLat &p = ring.points[i - 1], &q = ring.points[i];
                    QVERIFY2(owner.emplace(Segment{p.lon, p.lat, q.lon, q.lat}, int(t)).second, "overlapping outlines");
                }
            }
            QVERIFY2(unitSums[t] > 0.0 && std::abs(outlineArea - unitSums[t]) < 1e-6 * unitSums[t],
                     qPrintable(QStringLiteral("territory %1: outline %2 km², units %3 km²")
                                    .arg(t).arg(outlineArea, 0, 'f', 3).arg(unitSums[t], 0, 'f', 3)));
        }
        // The layer's own outline (every assigned unit in one territory): the
        // only borders that may lack a twin in a neighbouring territory.
        Alignment whole(project.units().size());
        for (std::size_t u = 0; u < project.units().size(); ++u)
            if (plan.alignment.unitTerritories()[u].isValid())
                whole.assign(uid(int(u)), tid(0));
        std::set<Segment> outside;
        for (const Ring &ring : builder.outline(whole, tid(0)).rings)
            for (std::size_t i = 1; i < ring.points.size(); ++i)
                outside.insert({ring.points[i - 1].lon, ring.points[i - 1].lat, ring.points[i].lon, ring.points[i].lat});
        std::size_t twins = 0;
        for (const auto &[segment, territory] : owner) {
            const auto [x0, y0, x1, y1] = segment;
            const auto twin = owner.find(Segment{x1, y1, x0, y0});
            if (twin != owner.end()) {
                QVERIFY(twin->second != territory);
                ++twins;
            } else {
                QVERIFY2(outside.count(segment), "a border with no neighbour on the other side");
            }
        }
        QVERIFY(twins > 100);
    }

    void twoKnownCounties()
    {
        // Fulton (13121) and DeKalb (13089), Georgia, as one territory. Census
        // total areas (land + water): 535 sq mi = 1,386 km² and 271 sq mi =
        // 702 km²; the sample is us-atlas at 1:10m, so allow 3 %.
        const Project project = loadSample();
        const UnitId fulton = project.units().findByKey("13121");
        const UnitId dekalb = project.units().findByKey("13089");
        QVERIFY(fulton.isValid() && dekalb.isValid());
        QVERIFY(project.adjacency().areAdjacent(fulton, dekalb));
        Scenario scenario;
        scenario.addTerritory(Territory{TerritoryId(), "Atlanta core", 0, RepId()});
        scenario.addTerritory(Territory{TerritoryId(), "rest", 0, RepId()});
        scenario.alignment = Alignment(project.units().size());
        for (std::size_t u = 0; u < project.units().size(); ++u)
            scenario.alignment.assign(uid(static_cast<int>(u)), tid(1));
        scenario.alignment.assign(fulton, tid(0));
        scenario.alignment.assign(dekalb, tid(0));
        MetricOptions options;
        options.attributes = {"unit:population"};
        auto engine = makeEngine(project, scenario, options);
        const TerritoryMetrics &core = engine->territory(tid(0));
        QVERIFY2(std::fabs(core.areaKm2 - 2088.0) / 2088.0 < 0.03, qPrintable(QString::number(core.areaKm2)));
        QNEAR(core.areaKm2, project.units().unit(fulton).areaKm2 + project.units().unit(dekalb).areaKm2);
        // Population from the sample's place aggregation.
        QCOMPARE(core.attributes[0].sum, 947197.0 + 453689.0);
        // Dissolved perimeter = both perimeters − twice their shared boundary.
        double shared = 0.0;
        const auto row = project.adjacency().neighbours(fulton);
        for (std::size_t k = 0; k < row.size(); ++k)
            if (row[k] == dekalb)
                shared = project.adjacency().sharedLengths(fulton)[k];
        QVERIFY(shared > 10.0);
        const double expected = geometry::perimeterKm(*project.units().unit(fulton).geometry)
                                + geometry::perimeterKm(*project.units().unit(dekalb).geometry) - 2 * shared;
        QVERIFY(near(core.perimeterKm, expected, 1e-6));
        QNEAR(core.polsbyPopper, 4 * std::numbers::pi * core.areaKm2 / (expected * expected));
        // The outline built from ring edges measures the same boundary.
        const TerritoryOutlineBuilder builder(project.units());
        const auto outlines = builder.build(engine->alignment(), 2);
        QCOMPARE(outlines[0].rings.size(), std::size_t(1));
        QVERIFY2(std::fabs(outlineLength(outlines[0]) - core.perimeterKm) / core.perimeterKm < 0.01,
                 qPrintable(QString::number(outlineLength(outlines[0]))));
        QCOMPARE(core.cutEdges, project.adjacency().degree(fulton) + project.adjacency().degree(dekalb) - 2);
        QCOMPARE(core.pieces, std::size_t(1));
        QNEAR(core.boundaryKm, engine->plan().boundaryKm);
    }

    void incrementalEqualsFullOnTheSample()
    {
        const Project project = loadSample();
        QVERIFY(!project.scenarios().empty());
        const Scenario &plan = project.scenarios().front();
        const Scenario baseline = plan;
        auto engine = makeEngine(project, plan, MetricOptions{}, &baseline);
        QCOMPARE(engine->plan().unitsMoved, std::size_t(0));
        randomMoves(project, *engine, &baseline, 2000, 20, 19);
        QVERIFY(engine->plan().unitsMoved > 0);
    }

    void incrementalEqualsFullOnTheNationalPlan()
    {
        // The generated European case (~36,000 units, 1,000,000 accounts, 500
        // territories); generated, not committed, so skipped when absent.
        const std::string path = TESSERA_SOURCE_DIR "/generated/europe/europe.tessera";
        if (!std::ifstream(path))
            QSKIP("generated/europe/europe.tessera not built");
        auto store = ProjectStore::open(path, ProjectStore::OpenMode::ReadOnly);
        QVERIFY2(store.isOk(), store.isOk() ? "" : store.error().toString().c_str());
        auto project = (*store)->load();
        QVERIFY(project.isOk());
        QVERIFY(!project->scenarios().empty());
        const Scenario baseline = project->scenarios().front();
        auto engine = makeEngine(*project, baseline, MetricOptions{}, &baseline);
        randomMoves(*project, *engine, &baseline, 3000, 150, 23, false);
        // And once against an engine built from nothing.
        const auto full = recomputed(*project, *engine, &baseline);
        QVERIFY(full->territories() == engine->territories());
        QVERIFY(full->plan() == engine->plan());
    }

    void cliPrintsTheDocumentedJson()
    {
        QProcess cli;
        cli.start(QStringLiteral(TESSERA_CLI_PATH),
                  {"metrics", SamplePath, "--json", "--attributes", "accounts,unit:population"});
        QVERIFY(cli.waitForFinished(60000));
        QCOMPARE(cli.exitCode(), 0);
        const QJsonObject out = QJsonDocument::fromJson(cli.readAllStandardOutput()).object();
        const QJsonArray territories = out["territories"].toArray();
        QCOMPARE(territories.size(), 12);
        for (const QString key : {"name", "rep", "units", "accounts", "attributes", "workload", "compactness",
                                  "boundary", "pieces", "cut_off_units"})
            QVERIFY2(territories[0].toObject().contains(key), qPrintable(key));
        const QJsonObject first = territories[0].toObject();
        QVERIFY(first["attributes"].toObject()["unit:population"].toObject().contains("deviation"));
        QVERIFY(first["workload"].toObject().contains("workload_hours"));
        QVERIFY(first["compactness"].toObject().contains("polsby_popper"));
        // The same figures as the engine computes in process.
        const Project project = loadSample();
        MetricOptions options;
        options.attributes = {"accounts", "unit:population"};
        auto engine = makeEngine(project, project.scenarios().front(), options);
        const QJsonObject plan = out["plan"].toObject();
        QCOMPARE(plan["cut_edges"].toInt(), static_cast<int>(engine->plan().cutEdges));
        QCOMPARE(plan["contiguous"].toBool(), engine->plan().contiguous);
        QVERIFY(plan["disruption"].isNull());
        QCOMPARE(plan["attributes"].toObject()["accounts"].toObject()["total"].toDouble(), 4000.0);
        QCOMPARE(territories[3].toObject()["units"].toInt(), static_cast<int>(engine->territory(tid(3)).unitCount));

        // Bad input: a one-line error naming the file, non-zero exit.
        cli.start(QStringLiteral(TESSERA_CLI_PATH), {"metrics", SamplePath, "--scenario", "No such plan"});
        QVERIFY(cli.waitForFinished(60000));
        QVERIFY(cli.exitCode() != 0);
        const QString error = QString::fromUtf8(cli.readAllStandardError());
        QVERIFY2(error.contains("southeast.tessera") && error.contains("No such plan"), qPrintable(error));
        cli.start(QStringLiteral(TESSERA_CLI_PATH), {"metrics", SamplePath, "--attributes", "nonexistent"});
        QVERIFY(cli.waitForFinished(60000));
        QVERIFY(cli.exitCode() != 0);
        QVERIFY(QString::fromUtf8(cli.readAllStandardError()).contains("nonexistent"));
    }
};

QTEST_GUILESS_MAIN(TestMetrics)
#include "tst_metrics.moc"
