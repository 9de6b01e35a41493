// Plan operations: the one territory palette, removing/merging/renumbering
// territories, applying an optimizer result to a scenario, and the optimizer
// problem of a scenario with centres at the reps' homes (on a small grid and
// on the committed south-east sample).
#include "core/geometry/unitindex.h"
#include "core/io/planimporter.h"
#include "core/model/project.h"
#include "core/optimizer/homelabelling.h"
#include "core/optimizer/optimizerresult.h"
#include "core/optimizer/territoryoptimizer.h"
#include "core/plan/optimizedplan.h"
#include "core/plan/palette.h"
#include "core/plan/planproblem.h"
#include "core/plan/territoryrenumbering.h"
#include "core/store/projectstore.h"

#include <QtTest>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <numeric>
#include <set>
#include <sstream>

using namespace tessera;

namespace {

constexpr double Step = 0.1; // grid cell size in degrees

UnitId uid(int i) { return UnitId(i); }
TerritoryId tid(int i) { return TerritoryId(i); }

MultiPolygon square(double lon, double lat, double size)
{
    Polygon p;
    p.outer.points = {{lon, lat}, {lon + size, lat}, {lon + size, lat + size}, {lon, lat + size}, {lon, lat}};
    return MultiPolygon{{p}};
}

/// cols × rows squares of Step degrees from (0, 0), rook adjacency, a
/// population of 1 per unit, unit i = row·cols + col.
Project gridProject(int cols, int rows)
{
    Project project;
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c) {
            Unit unit;
            unit.key = "u" + std::to_string(r * cols + c);
            unit.name = unit.key;
            unit.geometry = std::make_shared<MultiPolygon>(square(c * Step, r * Step, Step));
            unit.centroid = LonLat{(c + 0.5) * Step, (r + 0.5) * Step};
            project.units().add(std::move(unit));
        }
    std::vector<AdjacencyEdge> edges;
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c) {
            const int i = r * cols + c;
            if (c + 1 < cols)
                edges.push_back({uid(i), uid(i + 1), 10.0});
            if (r + 1 < rows)
                edges.push_back({uid(i), uid(i + cols), 10.0});
        }
    project.setAdjacency(AdjacencyGraph(static_cast<std::size_t>(cols * rows), std::move(edges)));
    AttributeTable &table = project.units().attributes();
    table.resize(static_cast<std::size_t>(cols * rows));
    const int population = table.addColumn("population");
    for (int i = 0; i < cols * rows; ++i)
        table.setValue(static_cast<std::size_t>(i), population, 1.0);
    return project;
}

RepId addRep(Project &project, const std::string &name, LonLat home)
{
    Rep rep;
    rep.key = name;
    rep.name = name;
    rep.home = home;
    return project.addRep(rep);
}

/// Four territories A..D over 8 units (unit i in territory i / 2), unit 5
/// locked, account overrides to B and D.
Scenario fourTerritories()
{
    Scenario s;
    s.name = "four";
    for (const char *name : {"A", "B", "C", "D"}) {
        Territory t;
        t.name = name;
        t.color = palette::territoryColor(s.territories.size());
        t.rep = RepId(static_cast<std::int32_t>(s.territories.size()));
        s.addTerritory(t);
    }
    s.alignment = Alignment(8);
    for (int u = 0; u < 8; ++u)
        s.alignment.assign(uid(u), tid(u / 2));
    s.alignment.setLocked(uid(5), true);
    s.alignment.setAccountOverride(AccountId(0), tid(1));
    s.alignment.setAccountOverride(AccountId(1), tid(3));
    return s;
}

std::vector<std::string> namesOf(const Scenario &s)
{
    std::vector<std::string> out;
    for (const Territory &t : s.territories)
        out.push_back(t.name);
    return out;
}

std::vector<int> territoriesOf(const Scenario &s)
{
    std::vector<int> out;
    for (TerritoryId t : s.alignment.unitTerritories())
        out.push_back(t.value());
    return out;
}

Project loadSample()
{
    auto store = ProjectStore::open(TESSERA_SOURCE_DIR "/resources/samples/southeast.tessera", ProjectStore::OpenMode::ReadOnly);
    if (!store)
        qFatal("sample: %s", store.error().toString().c_str());
    auto project = (*store)->load();
    if (!project)
        qFatal("sample: %s", project.error().toString().c_str());
    return std::move(project).value();
}

/// A new plan of the sample's first scenario with the GUI's and the CLI's
/// defaults (its territory count, population ±5 %, contiguity, seed 1).
struct SamplePlan {
    Scenario before;
    Scenario after;
    plan::ScenarioProblem built;
    OptimizerOptions options;
    OptimizerResult result;
};

SamplePlan optimizeSample(const Project &project, plan::CentrePlacement placement)
{
    SamplePlan out;
    out.before = project.scenarios().front();
    out.options.territories = static_cast<int>(out.before.territories.size());
    out.options.balance = {{0, 0.05}};
    // The work budget alone ends the run, so slow builds (sanitizers) give the same plan.
    out.options.timeLimitSeconds = 0;
    auto built = plan::scenarioProblem(project, out.before, {"population"}, out.options, placement);
    if (!built)
        qFatal("problem: %s", built.error().toString().c_str());
    out.built = std::move(*built);
    auto result = optimizeTerritories(out.built.problem, out.options);
    if (!result)
        qFatal("optimize: %s", result.error().toString().c_str());
    out.result = std::move(*result);
    auto applied = plan::applyOptimizerResult(out.before, out.result, out.options.territories);
    if (!applied)
        qFatal("apply: %s", applied.error().toString().c_str());
    out.after = std::move(*applied);
    return out;
}

} // namespace

class TestPlan : public QObject {
    Q_OBJECT

private slots:
    void paletteIsColourBlindSafeAndDistinct()
    {
        const std::vector<std::uint32_t> &colors = palette::territoryColors();
        QCOMPARE(colors.front(), 0xE69F00u);   // Okabe-Ito orange first
        QCOMPARE(colors[6], 0xCC79A7u);        // the last Okabe-Ito colour ...
        QCOMPARE(colors[7], 0x4E79A7u);        // ... then Tableau 10
        QCOMPARE(std::set<std::uint32_t>(colors.begin(), colors.end()).size(), colors.size());
        for (std::size_t i = 0; i < 2 * colors.size() + 3; ++i)
            QCOMPARE(palette::territoryColor(i), colors[i % colors.size()]);
        // A new territory takes the least used colour, the first on a tie.
        QCOMPARE(palette::nextColor({}), colors[0]);
        QCOMPARE(palette::nextColor({colors[0], colors[1]}), colors[2]);
        std::vector<std::uint32_t> all(colors.begin(), colors.end());
        all.push_back(colors[0]);
        QCOMPARE(palette::nextColor(all), colors[1]);
    }

    void paletteIsTheOnlyOne()
    {
        // Every territory colour in the product comes from core/plan/palette:
        // no other source file spells the palette's colours.
        namespace fs = std::filesystem;
        const fs::path root(TESSERA_SOURCE_DIR);
        std::vector<std::string> spelled;
        for (const char *folder : {"core", "ui", "app"})
            for (const fs::directory_entry &entry : fs::recursive_directory_iterator(root / folder)) {
                const std::string ext = entry.path().extension().string();
                if (!entry.is_regular_file() || (ext != ".cpp" && ext != ".h"))
                    continue;
                std::ifstream in(entry.path());
                const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
                // Okabe-Ito sky blue and Tableau blue, in any case.
                std::string lower = text;
                std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
                if (lower.find("56b4e9") != std::string::npos || lower.find("4e79a7") != std::string::npos)
                    spelled.push_back(fs::relative(entry.path(), root).string());
            }
        QCOMPARE(spelled, (std::vector<std::string>{"core/plan/palette.cpp"}));
    }

    void importedPlanTakesPaletteColours()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("plan.csv").toStdString();
        std::ofstream(path) << "unit_id,territory\nu0,North\nu1,South\nu2,East\n";
        const Project project = gridProject(3, 1);
        Scenario imported;
        auto stats = io::importPlan(path, io::PlanImportOptions{}, project.units(), project.reps(), imported);
        QVERIFY2(stats, stats ? "" : stats.error().toString().c_str());
        QCOMPARE(imported.territories.size(), std::size_t(3));
        for (std::size_t t = 0; t < 3; ++t)
            QCOMPARE(imported.territories[t].color, palette::territoryColor(t));
    }

    void distinctColoursDifferAcrossBorders()
    {
        const Project project = loadSample();
        const Scenario &scenario = project.scenarios().front();
        const std::vector<std::uint32_t> colors = palette::distinctColors(project.adjacency(), scenario);
        QCOMPARE(colors.size(), scenario.territories.size());
        int borders = 0;
        for (const AdjacencyEdge &edge : project.adjacency().edges()) {
            const TerritoryId a = scenario.alignment.territoryOf(edge.a), b = scenario.alignment.territoryOf(edge.b);
            if (!a.isValid() || !b.isValid() || a == b)
                continue;
            ++borders;
            QVERIFY(colors[static_cast<std::size_t>(a.value())] != colors[static_cast<std::size_t>(b.value())]);
        }
        QVERIFY(borders > 0);
    }

    void removeRenumbersLaterTerritories()
    {
        Scenario s = fourTerritories();
        QVERIFY(plan::removeTerritory(s, tid(1)));
        QCOMPARE(namesOf(s), (std::vector<std::string>{"A", "C", "D"}));
        for (std::size_t t = 0; t < s.territories.size(); ++t)
            QCOMPARE(s.territories[t].id, tid(static_cast<int>(t)));
        QCOMPARE(territoriesOf(s), (std::vector<int>{0, 0, -1, -1, 1, 1, 2, 2}));
        QVERIFY(s.alignment.isLocked(uid(5)));
        // The override to B goes with B; the one to D follows D's new id.
        QCOMPARE(s.alignment.accountOverrides(), (std::map<AccountId, TerritoryId>{{AccountId(1), tid(2)}}));
        QCOMPARE(s.territories[2].rep, RepId(3));

        QVERIFY(!plan::removeTerritory(s, tid(3)));
        QVERIFY(!plan::removeTerritory(s, TerritoryId()));
        QCOMPARE(namesOf(s), (std::vector<std::string>{"A", "C", "D"}));
    }

    void mergeMovesUnitsAndOverrides()
    {
        Scenario s = fourTerritories();
        QVERIFY(plan::mergeTerritories(s, tid(1), tid(3)));
        QCOMPARE(namesOf(s), (std::vector<std::string>{"A", "C", "D"}));
        QCOMPARE(territoriesOf(s), (std::vector<int>{0, 0, 2, 2, 1, 1, 2, 2}));
        QCOMPARE(s.alignment.accountOverrides(),
                 (std::map<AccountId, TerritoryId>{{AccountId(0), tid(2)}, {AccountId(1), tid(2)}}));
        // Into a territory before the merged one: its id stays.
        Scenario t = fourTerritories();
        QVERIFY(plan::mergeTerritories(t, tid(2), tid(0)));
        QCOMPARE(territoriesOf(t), (std::vector<int>{0, 0, 1, 1, 0, 0, 2, 2}));
        QCOMPARE(namesOf(t), (std::vector<std::string>{"A", "B", "D"}));

        Scenario u = fourTerritories();
        QVERIFY(!plan::mergeTerritories(u, tid(1), tid(1)));
        QVERIFY(!plan::mergeTerritories(u, tid(1), tid(4)));
        QVERIFY(u == fourTerritories());
    }

    void renumberRoundTrips()
    {
        const Scenario original = fourTerritories();
        Scenario s = original;
        const std::vector<TerritoryId> forward{tid(2), tid(0), tid(3), tid(1)};
        QVERIFY(plan::renumberTerritories(s, forward));
        QCOMPARE(namesOf(s), (std::vector<std::string>{"B", "D", "A", "C"}));
        QCOMPARE(territoriesOf(s), (std::vector<int>{2, 2, 0, 0, 3, 3, 1, 1}));
        std::vector<TerritoryId> back(4);
        for (int t = 0; t < 4; ++t)
            back[static_cast<std::size_t>(forward[static_cast<std::size_t>(t)].value())] = tid(t);
        QVERIFY(plan::renumberTerritories(s, back));
        QVERIFY(s == original);

        // Not a numbering 0..m-1: nothing changes.
        QVERIFY(!plan::renumberTerritories(s, {tid(0), tid(0), tid(1), tid(2)}));
        QVERIFY(!plan::renumberTerritories(s, {tid(0), tid(1), tid(3), TerritoryId()}));
        QVERIFY(!plan::renumberTerritories(s, {tid(0), tid(1)}));
        QVERIFY(s == original);
    }

    void applyResultKeepsTerritoriesByLabel()
    {
        const Scenario before = fourTerritories();
        OptimizerResult result;
        result.territory = {3, 3, 2, 2, 1, 1, 0, 0};
        auto same = plan::applyOptimizerResult(before, result, 4);
        QVERIFY(same);
        QCOMPARE(same->territories, before.territories); // names, reps, colours by label
        QCOMPARE(territoriesOf(*same), result.territory);
        QVERIFY(same->alignment.isLocked(uid(5)));
        QCOMPARE(same->alignment.accountOverrides(), before.alignment.accountOverrides());

        // Fewer territories: the last is dropped with the override to it.
        result.territory = {2, 2, 2, 1, 1, 1, 0, 0};
        auto fewer = plan::applyOptimizerResult(before, result, 3);
        QVERIFY(fewer);
        QCOMPARE(namesOf(*fewer), (std::vector<std::string>{"A", "B", "C"}));
        QCOMPARE(fewer->alignment.accountOverrides(), (std::map<AccountId, TerritoryId>{{AccountId(0), tid(1)}}));

        // More: new ones are named by number, take the least used palette colour, have no rep.
        result.territory = {0, 1, 2, 3, 4, 5, 4, 5};
        auto more = plan::applyOptimizerResult(before, result, 6);
        QVERIFY(more);
        QCOMPARE(namesOf(*more), (std::vector<std::string>{"A", "B", "C", "D", "Territory 5", "Territory 6"}));
        QCOMPARE(more->territories[4].color, palette::territoryColor(4));
        QCOMPARE(more->territories[5].color, palette::territoryColor(5));
        QVERIFY(!more->territories[4].rep.isValid());
        QCOMPARE(more->territories[5].id, tid(5));

        // A result that does not fit changes nothing.
        result.territory = {0, 1, 2};
        QVERIFY(!plan::applyOptimizerResult(before, result, 4));
        result.territory = {0, 1, 2, 3, 4, 0, 0, 0};
        QVERIFY(!plan::applyOptimizerResult(before, result, 4));
    }

    void problemCentresAtRepHomes()
    {
        // 4 × 2 grid, two territories whose reps live in units 0 and 7.
        Project project = gridProject(4, 2);
        Scenario s;
        Territory west{TerritoryId(), "West", 0xE69F00, addRep(project, "Wendy", {0.05, 0.05})};
        Territory east{TerritoryId(), "East", 0x56B4E9, addRep(project, "Ed", {0.35, 0.15})};
        s.addTerritory(west);
        s.addTerritory(east);
        s.alignment = Alignment(8);

        OptimizerOptions options;
        options.territories = 2;
        auto homes = plan::scenarioProblem(project, s, {"population"}, options, plan::CentrePlacement::RepHomes);
        QVERIFY2(homes, homes ? "" : homes.error().toString().c_str());
        QVERIFY(options.centres == CentreMode::Fixed);
        QCOMPARE(homes->homeUnits, (std::vector<UnitId>{uid(0), uid(7)}));
        QCOMPARE(homes->problem.locked[0], 0);
        QCOMPARE(homes->problem.locked[7], 1);
        QCOMPARE(std::count_if(homes->problem.locked.begin(), homes->problem.locked.end(), [](int t) { return t >= 0; }), 2);
        QCOMPARE(homes->problem.fixedCentres[0], homes->problem.points[0]);
        QCOMPARE(homes->problem.fixedCentres[1], homes->problem.points[7]);
        QVERIFY(homes->repsOutside.empty());

        // Free centres: chosen by the optimizer, homes kept for the labels.
        auto free = plan::scenarioProblem(project, s, {"population"}, options, plan::CentrePlacement::Free);
        QVERIFY(free);
        QVERIFY(options.centres == CentreMode::Chosen);
        QVERIFY(free->homeUnits.empty());
        QCOMPARE(free->problem.fixedCentres.size(), std::size_t(2));
        QVERIFY(std::none_of(free->problem.locked.begin(), free->problem.locked.end(), [](int t) { return t >= 0; }));

        // Rebalancing keeps the current centres.
        options.rebalanceFromCurrent = true;
        QVERIFY(plan::scenarioProblem(project, s, {"population"}, options, plan::CentrePlacement::RepHomes));
        QVERIFY(options.centres == CentreMode::Chosen);
        options.rebalanceFromCurrent = false;

        // A third territory without a rep: free centres.
        s.addTerritory(Territory{TerritoryId(), "Middle", 0x009E73, RepId()});
        options.territories = 3;
        auto partial = plan::scenarioProblem(project, s, {"population"}, options, plan::CentrePlacement::RepHomes);
        QVERIFY(partial);
        QVERIFY(options.centres == CentreMode::Chosen);
        QVERIFY(partial->problem.fixedCentres.empty());
        // ... unless the new plan keeps only the first two.
        options.territories = 2;
        QVERIFY(plan::scenarioProblem(project, s, {"population"}, options, plan::CentrePlacement::RepHomes));
        QVERIFY(options.centres == CentreMode::Fixed);

        // Two reps in one unit: only one of them can live inside.
        s.territories[1].rep = addRep(project, "Wanda", {0.06, 0.04});
        auto shared = plan::scenarioProblem(project, s, {"population"}, options, plan::CentrePlacement::RepHomes);
        QVERIFY(shared);
        QCOMPARE(shared->repsOutside, (std::vector<std::string>{"Wanda"}));

        // A unit locked to a territory the new plan does not have.
        s.alignment.assign(uid(3), tid(2));
        s.alignment.setLocked(uid(3), true);
        auto locked = plan::scenarioProblem(project, s, {"population"}, options, plan::CentrePlacement::RepHomes);
        QVERIFY(!locked);
        QVERIFY(locked.error().code == ErrorCode::Infeasible);
        QVERIFY2(locked.error().message.find("unit u3 ") != std::string::npos, locked.error().message.c_str());
        // Rebalancing cannot change the count.
        s.alignment.setLocked(uid(3), false);
        options.rebalanceFromCurrent = true;
        QVERIFY(!plan::scenarioProblem(project, s, {"population"}, options, plan::CentrePlacement::RepHomes));
    }

    void newPlanOnSampleKeepsRepsInside()
    {
        // regressionIssue10: "Mobile" got five counties in Atlanta.
        const Project project = loadSample();
        const SamplePlan run = optimizeSample(project, plan::CentrePlacement::RepHomes);
        QVERIFY(run.options.centres == CentreMode::Fixed);
        QVERIFY(run.result.balanced);
        QVERIFY(run.result.contiguous);
        QCOMPARE(run.after.territories, run.before.territories); // names, reps and colours kept
        const geometry::UnitIndex index(project.units());
        int reps = 0;
        for (const Territory &territory : run.after.territories) {
            if (!territory.rep.isValid())
                continue;
            ++reps;
            const Rep &rep = project.reps()[static_cast<std::size_t>(territory.rep.value())];
            const UnitId home = index.locate(rep.home);
            QVERIFY2(home.isValid(), rep.name.c_str());
            const TerritoryId holder = run.after.alignment.territoryOf(home);
            QVERIFY2(holder == territory.id,
                     qPrintable(QStringLiteral("%1 (rep of %2) lives in %3 of %4")
                                    .arg(QString::fromStdString(rep.name), QString::fromStdString(territory.name),
                                         QString::fromStdString(project.units().units()[static_cast<std::size_t>(home.value())].name),
                                         holder.isValid() ? QString::fromStdString(run.after.territories[static_cast<std::size_t>(holder.value())].name)
                                                          : QStringLiteral("no territory"))));
        }
        QCOMPARE(reps, static_cast<int>(run.after.territories.size()));
    }

    void freeCentresOnSampleGoToNearestReps()
    {
        // With free centres the territories go to the reps by the least total
        // travel from their homes: labelling the final plan again changes nothing.
        const Project project = loadSample();
        const SamplePlan run = optimizeSample(project, plan::CentrePlacement::Free);
        QVERIFY(run.options.centres == CentreMode::Chosen);
        QCOMPARE(run.after.territories, run.before.territories);
        const std::vector<int> plan = run.result.territory;
        std::vector<int> identity(run.after.territories.size());
        std::iota(identity.begin(), identity.end(), 0);
        QCOMPARE(labelsByHome(run.built.problem, run.options, plan), identity);
    }
};

QTEST_GUILESS_MAIN(TestPlan)
#include "tst_plan.moc"
