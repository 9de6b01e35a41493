// Routing: the VRPTW engine against brute force on tiny instances (both
// objectives), the independent checker, determinism, cancellation, the
// Solomon reader, the rep planner (opening hours, lunch, working hours,
// visits on different days, reasons for unfitted visits), the travel-matrix
// import and the route command.
#include "core/problemsink.h"
#include "core/routing/repplanexporter.h"
#include "core/routing/repplanner.h"
#include "core/routing/routingproblem.h"
#include "core/routing/solomonreader.h"
#include "core/routing/solutionchecker.h"
#include "core/routing/travelmatrixtable.h"
#include "core/routing/vrptwsolver.h"

#include <QtTest>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <limits>
#include <numeric>
#include <random>
#include <set>

using namespace tessera;

namespace {

/// A random tiny VRPTW in Solomon's style; every customer can be served alone.
RoutingProblem randomProblem(std::uint64_t seed, int customers)
{
    std::mt19937_64 rng(seed);
    std::vector<double> xs{25.0}, ys{25.0};
    RoutingProblem problem;
    RoutingNode depot;
    depot.key = "0";
    depot.windows.push_back({0.0, 200.0});
    problem.nodes.push_back(depot);
    for (int c = 1; c <= customers; ++c) {
        xs.push_back(double(rng() % 51));
        ys.push_back(double(rng() % 51));
    }
    const int n = customers + 1;
    problem.travel.resize(std::size_t(n) * n);
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < n; ++j)
            problem.travel[std::size_t(i) * n + j] = std::hypot(xs[i] - xs[j], ys[i] - ys[j]);
    for (int c = 1; c <= customers; ++c) {
        RoutingNode node;
        node.key = std::to_string(c);
        node.demand = double(1 + rng() % 5);
        node.service = 5.0;
        const double earliest = problem.time(0, c);
        const double latest = 200.0 - node.service - problem.time(c, 0);
        const double open = earliest + double(rng() % 60);
        const double close = std::min(latest, open + 20.0 + double(rng() % 60));
        node.windows.push_back({std::min(open, close), close});
        problem.nodes.push_back(node);
    }
    problem.capacity = 12.0;
    problem.maxVehicles = customers;
    return problem;
}

/// Travel of one route, or infinity when it breaks a window or the capacity
/// (written for the test, sharing nothing with the engine).
double routeTravel(const RoutingProblem &problem, const std::vector<int> &route)
{
    double clock = problem.nodes[0].windows[0].open, travel = 0.0, load = 0.0;
    int at = 0;
    for (int node : route) {
        travel += problem.time(at, node);
        clock = std::max(clock + problem.time(at, node), problem.nodes[node].windows[0].open);
        if (clock > problem.nodes[node].windows[0].close + 1e-9)
            return std::numeric_limits<double>::infinity();
        clock += problem.nodes[node].service;
        load += problem.nodes[node].demand;
        at = node;
    }
    travel += problem.time(at, 0);
    if (clock + problem.time(at, 0) > problem.nodes[0].windows[0].close + 1e-9 || load > problem.capacity + 1e-9)
        return std::numeric_limits<double>::infinity();
    return travel;
}

/// Optimum by enumeration of every customer order and every cut into routes:
/// {fewest routes, travel} for the vehicles objective, {routes, least travel} for distance.
std::pair<int, double> bruteForce(const RoutingProblem &problem, bool vehiclesFirst)
{
    const int customers = int(problem.customerCount());
    std::vector<int> order(customers);
    std::iota(order.begin(), order.end(), 1);
    std::pair<int, double> best{std::numeric_limits<int>::max(), std::numeric_limits<double>::infinity()};
    do {
        for (unsigned mask = 0; mask < (1u << (customers - 1)); ++mask) {
            double travel = 0.0;
            int routes = 0;
            std::vector<int> route;
            for (int k = 0; k < customers && std::isfinite(travel); ++k) {
                route.push_back(order[k]);
                if (k == customers - 1 || (mask >> k) & 1u) {
                    travel += routeTravel(problem, route);
                    ++routes;
                    route.clear();
                }
            }
            if (!std::isfinite(travel))
                continue;
            const bool better = vehiclesFirst ? std::make_pair(routes, travel) < best : travel < best.second;
            if (better)
                best = {routes, travel};
        }
    } while (std::next_permutation(order.begin(), order.end()));
    return best;
}

RoutingOptions budget(long long iterations, std::uint64_t seed = 1)
{
    RoutingOptions options;
    options.timeLimitSeconds = 0.0;
    options.maxIterations = iterations;
    options.seed = seed;
    return options;
}

LonLat offset(const LonLat &from, double eastKm, double northKm)
{
    return {from.lon + eastKm / (111.32 * std::cos(from.lat * M_PI / 180.0)), from.lat + northKm / 110.57};
}

struct Run {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run runCli(const QStringList &arguments)
{
    QProcess process;
    process.start(QStringLiteral(TESSERA_CLI_PATH), arguments);
    Run run;
    if (!process.waitForFinished(120000) || process.exitStatus() != QProcess::NormalExit)
        return run;
    run.exitCode = process.exitCode();
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

} // namespace

class TestRouting : public QObject {
    Q_OBJECT

private slots:
    void distanceOptimumMatchesEnumeration()
    {
        for (std::uint64_t seed = 1; seed <= 6; ++seed) {
            const RoutingProblem problem = randomProblem(seed, 7);
            const auto optimum = bruteForce(problem, false);
            QVERIFY(std::isfinite(optimum.second));
            auto solution = VrptwSolver(problem, budget(3000, seed)).solve();
            QVERIFY2(solution.isOk(), solution.isOk() ? "" : solution.error().toString().c_str());
            const CheckReport report = SolutionChecker(problem).check(*solution);
            QVERIFY2(report.feasible, report.violations.empty() ? "" : report.violations.front().c_str());
            QVERIFY2(std::abs(report.travel - optimum.second) < 1e-6,
                     qPrintable(QString("seed %1: %2 vs optimum %3").arg(seed).arg(report.travel).arg(optimum.second)));
        }
    }

    void vehiclesOptimumMatchesEnumeration()
    {
        for (std::uint64_t seed = 11; seed <= 16; ++seed) {
            const RoutingProblem problem = randomProblem(seed, 7);
            const auto optimum = bruteForce(problem, true);
            RoutingOptions options = budget(3000, seed);
            options.objective = RoutingObjective::Vehicles;
            auto solution = VrptwSolver(problem, options).solve();
            QVERIFY(solution.isOk());
            const CheckReport report = SolutionChecker(problem).check(*solution);
            QVERIFY(report.feasible);
            QCOMPARE(report.vehicles, optimum.first);
            QVERIFY2(std::abs(report.travel - optimum.second) < 1e-6,
                     qPrintable(QString("seed %1: %2 vs optimum %3").arg(seed).arg(report.travel).arg(optimum.second)));
        }
    }

    void checkerCatchesEveryBrokenRule()
    {
        RoutingProblem problem = randomProblem(3, 4);
        problem.nodes[2].group = 7;
        problem.nodes[3].group = 7;
        SolutionChecker checker(problem);
        RoutingSolution missing;
        missing.routes = {{1}, {2}, {4}};
        QVERIFY(!checker.check(missing).feasible);
        QVERIFY(checker.check(missing, false).violations.front().find("missing") != std::string::npos);
        RoutingSolution twice;
        twice.routes = {{1, 2}, {2}, {3}, {4}};
        QVERIFY(!checker.check(twice).feasible);
        RoutingSolution grouped;
        grouped.routes = {{1}, {2, 3}, {4}};
        bool groupReported = false;
        for (const std::string &line : checker.check(grouped).violations)
            groupReported = groupReported || line.find("group") != std::string::npos;
        QVERIFY(groupReported);
        RoutingSolution heavy;
        heavy.routes = {{1}, {2}, {3}, {4}};
        problem.capacity = 0.5;
        bool capacityReported = false;
        for (const std::string &line : SolutionChecker(problem).check(heavy).violations)
            capacityReported = capacityReported || line.find("capacity") != std::string::npos;
        QVERIFY(capacityReported);
        problem.capacity = 100.0;
        problem.nodes[1].windows = {{0.0, 0.0}}; // cannot be reached by time 0
        bool windowReported = false;
        for (const std::string &line : SolutionChecker(problem).check(heavy).violations)
            windowReported = windowReported || line.find("time window") != std::string::npos;
        QVERIFY(windowReported);
        RoutingSolution unassigned;
        unassigned.routes = {{2}, {3}, {4}};
        unassigned.unassigned = {1};
        QVERIFY(SolutionChecker(problem).check(unassigned, true).feasible);
        QVERIFY(!SolutionChecker(problem).check(unassigned, false).feasible);
    }

    void sameSeedSameRoutes()
    {
        const RoutingProblem problem = randomProblem(42, 25);
        auto first = VrptwSolver(problem, budget(1500, 9)).solve();
        auto second = VrptwSolver(problem, budget(1500, 9)).solve();
        QVERIFY(first.isOk() && second.isOk());
        QCOMPARE(first->routes, second->routes);
        QCOMPARE(first->travel, second->travel);
    }

    void cancelStopsTheSearch()
    {
        const RoutingProblem problem = randomProblem(5, 25);
        Feedback feedback;
        int reports = 0;
        feedback.setProgressCallback([&](double, std::string_view) {
            if (++reports == 2)
                feedback.cancel();
        });
        auto solution = VrptwSolver(problem, budget(100000000)).solve(&feedback);
        QVERIFY(!solution.isOk());
        QCOMPARE(solution.error().code, ErrorCode::Cancelled);
    }

    void solomonReaderNamesTheBadLine()
    {
        const std::string good = "T1\n\nVEHICLE\nNUMBER CAPACITY\n 2 10\n\nCUSTOMER\nCUST NO. X Y\n\n"
                                 "0 0 0 0 0 100 0\n1 3 4 5 0 50 2\n2 6 8 5 0 60 2\n";
        auto problem = SolomonReader::parse(good, "t1.txt");
        QVERIFY(problem.isOk());
        QCOMPARE(problem->customerCount(), std::size_t(2));
        QCOMPARE(problem->maxVehicles, 2);
        QCOMPARE(problem->time(0, 1), 5.0);
        const std::string bad = "T1\nVEHICLE\n 2 10\nCUSTOMER\n0 0 0 0 0 100 0\n1 3 4 5 0 50\n";
        auto broken = SolomonReader::parse(bad, "t1.txt");
        QVERIFY(!broken.isOk());
        QVERIFY(broken.error().context == "t1.txt:6");
        const std::string backwards = "T1\nVEHICLE\n 2 10\nCUSTOMER\n0 0 0 0 0 100 0\n1 3 4 5 60 50 2\n";
        QVERIFY(!SolomonReader::parse(backwards, "t1.txt").isOk());
    }

    void repPlanKeepsHoursLunchOpeningAndDays()
    {
        const LonLat home{-84.39, 33.75};
        std::vector<VisitRequest> requests;
        std::mt19937_64 rng(4);
        for (int a = 0; a < 16; ++a) {
            VisitRequest request;
            request.account = AccountId(a);
            request.key = "A" + std::to_string(a);
            request.name = "Account " + std::to_string(a);
            request.location = offset(home, double(rng() % 60) - 30.0, double(rng() % 60) - 30.0);
            request.minutes = 30.0 + double(rng() % 4) * 15.0;
            request.visits = a < 3 ? 2 : a == 3 ? 3 : 1;
            if (a == 4)
                request.opening = {{14 * 60.0, 15 * 60.0}};
            if (a == 5)
                request.opening = {{6 * 60.0, 7 * 60.0}}; // closed during working hours
            requests.push_back(request);
        }
        RepPlanOptions options;
        options.days = 3;
        options.lunchStart = 12 * 60.0;
        options.lunchEnd = 12 * 60.0 + 30.0;
        options.routing = budget(1500);
        auto plan = RepPlanner(options).plan("HOME", home, requests);
        QVERIFY2(plan.isOk(), plan.isOk() ? "" : plan.error().toString().c_str());
        QVERIFY(plan->feasible);
        QCOMPARE(int(plan->days.size()), 3);
        std::map<std::string, int> planned;
        for (const PlannedDay &day : plan->days) {
            std::set<std::string> today;
            QVERIFY(day.leaveHome >= options.dayStart - 1e-9);
            QVERIFY(day.returnHome <= options.dayEnd + 1e-9);
            double clock = day.leaveHome;
            for (const PlannedVisit &visit : day.visits) {
                QVERIFY2(today.insert(visit.key).second, "an account twice on one day");
                ++planned[visit.key];
                QVERIFY(visit.arrival >= clock - 1e-9);
                QVERIFY(visit.start >= visit.arrival - 1e-9);
                // no visit overlaps lunch
                QVERIFY(visit.departure <= options.lunchStart + 1e-9 || visit.start >= options.lunchEnd - 1e-9);
                if (visit.key == "A4")
                    QVERIFY(visit.start >= 14 * 60.0 - 1e-9 && visit.start <= 15 * 60.0 + 1e-9);
                clock = visit.departure;
            }
        }
        QVERIFY(planned.count("A5") == 0);
        int unfitted = 0;
        bool a5Explained = false;
        for (const UnfittedVisit &u : plan->unfitted) {
            unfitted += u.visits;
            a5Explained = a5Explained || (u.key == "A5" && u.reason.find("opening hours") != std::string::npos);
        }
        QVERIFY(a5Explained);
        int asked = 0;
        for (const VisitRequest &r : requests)
            asked += r.visits;
        QCOMPARE(plan->visits + unfitted, asked);
        QVERIFY(plan->baselineDriveMinutes >= plan->driveMinutes - 1e-6);

        // more work than the days hold: some visits stay out, with the reason
        options.days = 1;
        auto short_ = RepPlanner(options).plan("HOME", home, requests);
        QVERIFY(short_.isOk() && short_->feasible);
        bool noRoom = false;
        for (const UnfittedVisit &u : short_->unfitted)
            noRoom = noRoom || u.reason.find("no room") != std::string::npos || u.reason.find("horizon") != std::string::npos;
        QVERIFY(noRoom);
    }

    void travelMatrixImportNamesBadLines()
    {
        const std::string text = "from,to,minutes,km\n"
                                 "H,A,10,8\n"
                                 "H,B,abc,3\n"
                                 "A,B,5\n"
                                 ",B,4\n"
                                 "A,H,-1\n"
                                 "B,H,12,x\n"
                                 "B,A,6\n"
                                 "A,H,9\n"
                                 "B,H,12\n"
                                 "H,B,11\n";
        CollectingProblemSink sink;
        auto matrix = TravelMatrixTable::parse(text, "roads.csv", &sink);
        QVERIFY(matrix.isOk());
        std::vector<long> lines;
        for (const Problem &problem : sink.problems()) {
            lines.push_back(problem.line);
            QCOMPARE(problem.file, std::string("roads.csv"));
        }
        QCOMPARE(lines, (std::vector<long>{3, 5, 6, 7}));
        QCOMPARE(matrix->find("H", "B")->minutes, 11.0);
        QVERIFY(matrix->find("B", "B") == nullptr);
        QVERIFY(!TravelMatrixTable::parse("a,b\n1,2\n", "x.csv", &sink).isOk());

        // the planner drives by the matrix: H->B->A->H = 11 + 6 + 9 beats H->A->B->H = 10 + 5 + 12
        const LonLat home{-84.39, 33.75};
        std::vector<VisitRequest> requests(2);
        requests[0].key = "A";
        requests[0].location = offset(home, 5, 0);
        requests[1].key = "B";
        requests[1].location = offset(home, 0, 5);
        RepPlanOptions options;
        options.days = 1;
        options.routing = budget(200);
        RepPlanner planner(options);
        planner.setTravelMatrix(&*matrix);
        auto plan = planner.plan("H", home, requests);
        QVERIFY(plan.isOk() && plan->feasible);
        QCOMPARE(plan->visits, 2);
        QCOMPARE(plan->driveMinutes, 26.0);
        QCOMPARE(plan->days[0].visits[0].key, std::string("B"));
    }

    void exportsCarryEveryVisit()
    {
        RepPlan plan;
        plan.repKey = "R1";
        plan.repName = "Ann, \"the\" rep";
        PlannedDay day;
        day.day = 1;
        PlannedVisit visit;
        visit.key = "A1";
        visit.name = "Shop & Co";
        visit.start = 9 * 60.0;
        visit.departure = 9 * 60.0 + 45.0;
        day.visits.push_back(visit);
        plan.days.push_back(day);
        const std::string csv = RepPlanExporter::csv({plan});
        QVERIFY(csv.find("R1,2,1,A1,Shop & Co") != std::string::npos);
        const std::string gpx = RepPlanExporter::gpx({plan});
        QVERIFY(gpx.find("Shop &amp; Co") != std::string::npos);
        auto ics = RepPlanExporter::icalendar({plan}, "2027-01-08"); // a Friday: day 2 is Monday 11th
        QVERIFY(ics.isOk());
        QVERIFY(ics->find("DTSTART:20270111T090000") != std::string::npos);
        QVERIFY(ics->find("DTEND:20270111T094500") != std::string::npos);
        QVERIFY(!RepPlanExporter::icalendar({plan}, "2027-02-30").isOk());
        QCOMPARE(RepPlanExporter::parseClock("08:30").value(), 510.0);
        QVERIFY(!RepPlanExporter::parseClock("8h").isOk());
    }

    void routeCommandSolvesSolomonAndPlansTheSample()
    {
        QTemporaryDir dir;
        const QString instance = dir.filePath("tiny.txt");
        {
            std::ofstream out(instance.toStdString());
            out << "TINY\n\nVEHICLE\nNUMBER     CAPACITY\n  3         10\n\nCUSTOMER\n"
                   "CUST NO.  XCOORD.   YCOORD.    DEMAND   READY TIME   DUE DATE   SERVICE TIME\n\n"
                   "    0      0      0      0      0    200      0\n"
                   "    1     10      0      4      0    100      5\n"
                   "    2     10     10      4      0    100      5\n"
                   "    3      0     10      4      0    100      5\n"
                   "    4     -5     -5      4      0    100      5\n";
        }
        const QString routes = dir.filePath("routes.csv");
        Run run = runCli({"route", "--solomon", instance, "--iterations", "300", "--time-limit", "0", "--json",
                          "--out", routes});
        QCOMPARE(run.exitCode, 0);
        const QJsonObject json = QJsonDocument::fromJson(run.out).object();
        QCOMPARE(json["feasible"].toBool(), true);
        QCOMPARE(json["vehicles"].toInt(), 2);
        QVERIFY(json.contains("distance") && json.contains("seconds"));
        QFile file(routes);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QStringList lines = QString::fromUtf8(file.readAll()).trimmed().split('\n');
        QCOMPARE(lines.front(), QString("route,position,customer"));
        QCOMPARE(lines.size(), 5);

        QCOMPARE(runCli({"route", "--solomon", instance, "--objective", "fastest"}).exitCode, 2);
        QCOMPARE(runCli({"route"}).exitCode, 2);
        QCOMPARE(runCli({"route", "--solomon", dir.filePath("absent.txt")}).exitCode, 1);

        const QString sample = QStringLiteral(TESSERA_SOURCE_DIR "/resources/samples/southeast.tessera");
        const QString plan = dir.filePath("plan.csv");
        run = runCli({"route", sample, "--rep", "R02", "--days", "3", "--lunch", "12:00-12:30", "--iterations", "300",
                      "--time-limit", "0", "--json", "--out", plan, "--ics", dir.filePath("plan.ics"), "--date",
                      "2027-01-04"});
        QCOMPARE(run.exitCode, 0);
        const QJsonObject planJson = QJsonDocument::fromJson(run.out).object();
        QCOMPARE(planJson["feasible"].toBool(), true);
        const QJsonArray reps = planJson["reps"].toArray();
        QCOMPARE(reps.size(), 1);
        QCOMPARE(reps[0].toObject()["days"].toArray().size(), 3);
        QVERIFY(reps[0].toObject()["totals"].toObject()["visits"].toInt() > 0);
        QVERIFY(QFile::exists(plan) && QFile::exists(dir.filePath("plan.ics")));
        QCOMPARE(runCli({"route", sample, "--rep", "NOBODY"}).exitCode, 1);
        QCOMPARE(runCli({"route", sample, "--lunch", "noon"}).exitCode, 2);
    }
};

QTEST_GUILESS_MAIN(TestRouting)
#include "tst_routing.moc"
