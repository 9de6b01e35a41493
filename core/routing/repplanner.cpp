#include "core/routing/repplanner.h"

#include "core/geometry/measure.h"
#include "core/model/project.h"
#include "core/routing/routeset.h"
#include "core/routing/solutionchecker.h"
#include "core/routing/travelmatrixtable.h"
#include "core/routing/vrptwsolver.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <numeric>

namespace tessera {

namespace {

double dayClose(const RepPlanOptions &options)
{
    return options.maxDayMinutes > 0.0 ? std::min(options.dayEnd, options.dayStart + options.maxDayMinutes)
                                       : options.dayEnd;
}

/// Start-of-visit windows within working hours that keep the visit clear of lunch.
std::vector<TimeWindow> visitWindows(const VisitRequest &request, const RepPlanOptions &options)
{
    std::vector<TimeWindow> base = request.opening;
    if (base.empty())
        base.push_back({options.dayStart, options.dayEnd});
    std::vector<TimeWindow> result;
    const bool lunch = options.lunchEnd > options.lunchStart;
    for (TimeWindow window : base) {
        window.open = std::max(window.open, options.dayStart);
        window.close = std::min(window.close, dayClose(options) - request.minutes);
        if (window.open > window.close)
            continue;
        if (!lunch) {
            result.push_back(window);
            continue;
        }
        const TimeWindow before{window.open, std::min(window.close, options.lunchStart - request.minutes)};
        const TimeWindow after{std::max(window.open, options.lunchEnd), window.close};
        if (before.open <= before.close)
            result.push_back(before);
        if (after.open <= after.close)
            result.push_back(after);
    }
    std::sort(result.begin(), result.end(), [](const TimeWindow &a, const TimeWindow &b) { return a.open < b.open; });
    return result;
}

} // namespace

Result<void> RepPlanner::validate() const
{
    const RepPlanOptions &o = mOptions;
    if (o.days < 1 || o.days > 366)
        return makeError(ErrorCode::InvalidArgument, "the horizon needs 1 to 366 days", "days");
    if (!(o.dayStart >= 0.0 && o.dayStart < o.dayEnd && o.dayEnd <= 24 * 60.0))
        return makeError(ErrorCode::InvalidArgument, "the working day must start before it ends, within 00:00-24:00",
                         "working hours");
    if (o.lunchEnd > o.lunchStart && (o.lunchStart < o.dayStart || o.lunchEnd > o.dayEnd))
        return makeError(ErrorCode::InvalidArgument, "the lunch break must lie within working hours", "lunch");
    if (!(o.maxDayMinutes >= 0.0) || !(o.defaultVisitMinutes > 0.0) || !(o.frequencyPeriodDays > 0.0)
        || o.horizonIndex < 0)
        return makeError(ErrorCode::InvalidArgument,
                         "maximum hours, visit length and frequency period must be positive", "options");
    if (!(o.travel.averageSpeedKmh > 0.0) || !(o.travel.circuityFactor > 0.0))
        return makeError(ErrorCode::InvalidArgument, "speed and circuity must be > 0", "travel model");
    return {};
}

Result<std::vector<VisitRequest>> RepPlanner::requests(const Project &project, const Scenario &scenario,
                                                       RepId rep) const
{
    if (auto valid = validate(); !valid)
        return valid.error();
    const AccountLayer &accounts = project.accounts();
    const AttributeTable &table = accounts.attributes();
    const int frequencyColumn = table.columnIndex(mOptions.frequencyAttribute);
    const int workloadColumn = table.columnIndex(mOptions.workloadAttribute);
    const int opensColumn = table.columnIndex(mOptions.opensAttribute);
    const int closesColumn = table.columnIndex(mOptions.closesAttribute);
    const int priorityColumn = table.columnIndex(mOptions.priorityAttribute);
    auto value = [&](int column, std::size_t row) {
        const double v = column >= 0 ? table.value(row, column) : std::nan("");
        return std::isfinite(v) ? v : std::nan("");
    };
    const auto &overrides = scenario.alignment.accountOverrides();
    std::vector<VisitRequest> result;
    const double share = mOptions.days / mOptions.frequencyPeriodDays;
    const double golden = 0.6180339887498949;
    for (const Account &account : accounts.accounts()) {
        TerritoryId territory;
        if (const auto it = overrides.find(account.id); it != overrides.end())
            territory = it->second;
        else if (account.unit.isValid() && static_cast<std::size_t>(account.unit.value()) < scenario.alignment.unitCount())
            territory = scenario.alignment.territoryOf(account.unit);
        if (!territory.isValid() || static_cast<std::size_t>(territory.value()) >= scenario.territories.size()
            || scenario.territories[territory.value()].rep != rep)
            continue;
        const std::size_t row = static_cast<std::size_t>(account.id.value());
        double frequency = value(frequencyColumn, row);
        if (std::isnan(frequency))
            frequency = mOptions.travel.defaultVisitsPerPeriod;
        frequency = std::max(0.0, frequency);
        // visits spread evenly over the period's horizons, each account with its own phase
        const double expected = frequency * share;
        const double phase = std::fmod((row + 1) * golden, 1.0);
        const int visits = static_cast<int>(std::floor(expected * (mOptions.horizonIndex + 1) + phase)
                                            - std::floor(expected * mOptions.horizonIndex + phase));
        if (visits <= 0)
            continue;
        VisitRequest request;
        request.account = account.id;
        request.key = account.key;
        request.name = account.name;
        request.location = account.location;
        request.visits = visits;
        const double hours = value(workloadColumn, row);
        request.minutes = frequency > 0.0 && hours > 0.0 ? hours / frequency * 60.0 : mOptions.defaultVisitMinutes;
        const double opens = value(opensColumn, row), closes = value(closesColumn, row);
        if (!std::isnan(opens) && !std::isnan(closes) && closes > opens)
            request.opening.push_back({opens * 60.0, closes * 60.0});
        const double priority = value(priorityColumn, row);
        request.priority = priority > 0.0 ? priority : 1.0;
        result.push_back(std::move(request));
    }
    return result;
}

Result<RepPlan> RepPlanner::plan(const Project &project, const Scenario &scenario, RepId rep, Feedback *feedback) const
{
    if (!rep.isValid() || static_cast<std::size_t>(rep.value()) >= project.reps().size())
        return makeError(ErrorCode::NotFound, "no such rep");
    const Rep &person = project.reps()[rep.value()];
    auto wanted = requests(project, scenario, rep);
    if (!wanted)
        return wanted.error();
    auto result = plan(person.key, person.home, *wanted, feedback);
    if (!result)
        return result.error();
    result->rep = rep;
    result->repKey = person.key;
    result->repName = person.name;
    return result;
}

Result<RepPlan> RepPlanner::plan(const std::string &homeKey, const LonLat &home,
                                 const std::vector<VisitRequest> &requests, Feedback *feedback) const
{
    if (auto valid = validate(); !valid)
        return valid.error();
    const auto begin = std::chrono::steady_clock::now();
    const RepPlanOptions &o = mOptions;
    RepPlan plan;
    plan.repKey = homeKey;
    plan.home = home;

    // places: home, then one per request; nodes: home, then one per visit
    RoutingProblem problem;
    RoutingNode depot;
    depot.key = homeKey;
    depot.windows.push_back({o.dayStart, dayClose(o)});
    problem.nodes.push_back(depot);
    std::vector<int> requestOfNode{-1};
    for (std::size_t r = 0; r < requests.size(); ++r) {
        const VisitRequest &request = requests[r];
        if (!(request.minutes > 0.0) || !std::isfinite(request.minutes) || request.visits < 1)
            return makeError(ErrorCode::InvalidInput, "a visit needs a length > 0 and at least one visit", request.key);
        int visits = request.visits;
        if (visits > o.days) {
            plan.unfitted.push_back({request.account, request.key, request.name, visits - o.days,
                                     "due " + std::to_string(visits) + " times, the horizon has "
                                         + std::to_string(o.days) + " days"});
            visits = o.days;
        }
        const std::vector<TimeWindow> windows = visitWindows(request, o);
        if (windows.empty()) {
            plan.unfitted.push_back({request.account, request.key, request.name, visits,
                                     "its opening hours leave no time for the visit within working hours"
                                     " outside lunch"});
            continue;
        }
        for (int v = 0; v < visits; ++v) {
            RoutingNode node;
            node.key = request.key;
            node.service = request.minutes;
            node.windows = windows;
            node.group = visits > 1 ? static_cast<int>(r) : -1;
            node.priority = request.priority;
            problem.nodes.push_back(node);
            requestOfNode.push_back(static_cast<int>(r));
        }
    }
    const std::size_t n = problem.nodes.size();
    problem.travel.assign(n * n, 0.0);
    problem.distance.assign(n * n, 0.0);
    problem.maxVehicles = o.days;
    const double kmToMinutes = 60.0 / o.travel.averageSpeedKmh;
    auto location = [&](int node) { return node == 0 ? home : requests[requestOfNode[node]].location; };
    auto key = [&](int node) { return node == 0 ? homeKey : requests[requestOfNode[node]].key; };
    for (std::size_t i = 0; i < n; ++i) {
        for (std::size_t j = 0; j < n; ++j) {
            if (i == j || (i > 0 && j > 0 && requestOfNode[i] == requestOfNode[j]))
                continue;
            const double km = geometry::distanceKm(location(int(i)), location(int(j))) * o.travel.circuityFactor;
            double minutes = km * kmToMinutes, roadKm = km;
            if (mMatrix) {
                if (const TravelMatrixTable::Entry *entry = mMatrix->find(key(int(i)), key(int(j)))) {
                    minutes = entry->minutes;
                    roadKm = entry->km >= 0.0 ? entry->km : km;
                }
            }
            problem.travel[i * n + j] = minutes;
            problem.distance[i * n + j] = roadKm;
        }
    }

    RoutingSolution solution;
    if (n > 1) {
        auto solved = VrptwSolver(problem, o.routing).solve(feedback);
        if (!solved)
            return solved.error();
        solution = std::move(*solved);
    }
    const CheckReport report = SolutionChecker(problem).check(solution, true);
    plan.feasible = report.feasible;
    plan.violations = report.violations;

    // days in sweep order around home
    std::vector<std::size_t> order(report.schedules.size());
    std::iota(order.begin(), order.end(), 0);
    auto angle = [&](std::size_t r) {
        double x = 0, y = 0;
        for (const ScheduledStop &stop : report.schedules[r].stops) {
            x += location(stop.node).lon - home.lon;
            y += location(stop.node).lat - home.lat;
        }
        return std::atan2(y, x);
    };
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return angle(a) < angle(b); });
    for (int d = 0; d < o.days; ++d) {
        PlannedDay day;
        day.day = d;
        day.leaveHome = day.returnHome = o.dayStart;
        if (static_cast<std::size_t>(d) < order.size()) {
            const RouteSchedule &schedule = report.schedules[order[d]];
            // leave home as late as the first visit allows: no wait at the first stop
            const int first = schedule.stops.front().node;
            day.leaveHome = std::max(o.dayStart, schedule.stops.front().start - problem.time(0, first));
            int previous = 0;
            double clock = day.leaveHome;
            for (std::size_t k = 0; k < schedule.stops.size(); ++k) {
                const ScheduledStop &stop = schedule.stops[k];
                const VisitRequest &request = requests[requestOfNode[stop.node]];
                PlannedVisit visit;
                visit.account = request.account;
                visit.key = request.key;
                visit.name = request.name;
                visit.location = request.location;
                visit.driveMinutes = problem.time(previous, stop.node);
                visit.driveKm = problem.dist(previous, stop.node);
                visit.arrival = k == 0 ? clock + visit.driveMinutes : stop.arrival;
                visit.start = stop.start;
                visit.wait = visit.start - visit.arrival;
                visit.departure = stop.departure;
                day.driveMinutes += visit.driveMinutes;
                day.driveKm += visit.driveKm;
                day.visitMinutes += visit.departure - visit.start;
                // waiting through lunch is the lunch break, not idle time
                const double lunchOverlap = o.lunchEnd > o.lunchStart
                                                ? std::max(0.0, std::min(visit.start, o.lunchEnd)
                                                                    - std::max(visit.arrival, o.lunchStart))
                                                : 0.0;
                day.idleMinutes += visit.wait - lunchOverlap;
                day.visits.push_back(std::move(visit));
                previous = stop.node;
                clock = stop.departure;
            }
            day.driveMinutes += problem.time(previous, 0);
            day.driveKm += problem.dist(previous, 0);
            day.returnHome = schedule.returnDepot;
        }
        plan.visits += static_cast<int>(day.visits.size());
        plan.driveMinutes += day.driveMinutes;
        plan.driveKm += day.driveKm;
        plan.visitMinutes += day.visitMinutes;
        plan.idleMinutes += day.idleMinutes;
        plan.days.push_back(std::move(day));
    }

    // unserved visits, one line per account, with the reason
    std::vector<int> missed(requests.size(), 0);
    for (int node : solution.unassigned)
        ++missed[requestOfNode[node]];
    RouteSet probe(problem);
    probe.openRoute();
    for (std::size_t r = 0; r < requests.size(); ++r) {
        if (missed[r] == 0)
            continue;
        int node = 1;
        while (requestOfNode[node] != static_cast<int>(r))
            ++node;
        const bool alone = probe.insertionDelta(0, 0, node) != RouteSet::Infeasible;
        plan.unfitted.push_back({requests[r].account, requests[r].key, requests[r].name, missed[r],
                                 alone ? "no room left in the " + std::to_string(o.days) + " working days"
                                       : "cannot be reached from home, visited and left within working hours"
                                         " and opening hours"});
    }

    // baseline: the same visits, day by day, nearest next from home
    std::vector<char> pending(n, 0);
    for (const auto &route : solution.routes)
        for (int node : route)
            pending[node] = 1;
    // the baseline keeps going past the horizon until every visit is made
    int remaining = static_cast<int>(std::count(pending.begin(), pending.end(), 1));
    for (int d = 0; remaining > 0; ++d) {
        std::vector<int> groupsToday;
        int at = 0;
        double clock = o.dayStart;
        int today = 0;
        for (;;) {
            int next = -1;
            double nextStart = 0.0;
            for (std::size_t u = 1; u < n; ++u) {
                if (!pending[u])
                    continue;
                const int group = problem.nodes[u].group;
                if (group >= 0 && std::find(groupsToday.begin(), groupsToday.end(), group) != groupsToday.end())
                    continue;
                const double start = probe.earliestStart(int(u), clock + problem.time(at, int(u)));
                if (start == RouteSet::Infeasible
                    || start + problem.nodes[u].service + problem.time(int(u), 0) > dayClose(o) + 1e-9)
                    continue;
                if (next < 0 || problem.time(at, int(u)) < problem.time(at, next)) {
                    next = int(u);
                    nextStart = start;
                }
            }
            if (next < 0)
                break;
            plan.baselineDriveMinutes += problem.time(at, next);
            ++plan.baselineVisits;
            ++today;
            --remaining;
            pending[next] = 0;
            if (problem.nodes[next].group >= 0)
                groupsToday.push_back(problem.nodes[next].group);
            clock = nextStart + problem.nodes[next].service;
            at = next;
        }
        plan.baselineDriveMinutes += problem.time(at, 0);
        plan.baselineDays = d + 1;
        if (today == 0)
            break; // cannot happen for visits the plan made; a guard against looping
    }
    plan.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
    return plan;
}

} // namespace tessera
