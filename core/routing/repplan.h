#pragma once

#include "core/model/geo.h"
#include "core/model/ids.h"
#include "core/routing/routingproblem.h"

#include <string>
#include <vector>

namespace tessera {

/// One account's visits asked for in a horizon: the planner's input.
struct VisitRequest {
    AccountId account;
    std::string key;
    std::string name;
    LonLat location;
    int visits = 1;                  ///< visits in the horizon (on different days)
    double minutes = 45.0;           ///< length of one visit
    std::vector<TimeWindow> opening; ///< start-of-visit windows, minutes of the day; empty = working hours
    double priority = 1.0;
};

/// One stop of a planned day. Times in minutes after midnight.
struct PlannedVisit {
    AccountId account;
    std::string key;
    std::string name;
    LonLat location;
    double arrival = 0.0;
    double wait = 0.0;
    double start = 0.0;
    double departure = 0.0;
    double driveMinutes = 0.0; ///< from the previous stop (or home)
    double driveKm = 0.0;
};

struct PlannedDay {
    int day = 0; ///< 0-based
    std::vector<PlannedVisit> visits;
    double leaveHome = 0.0;
    double returnHome = 0.0;
    double driveMinutes = 0.0; ///< home to home
    double driveKm = 0.0;
    double visitMinutes = 0.0;
    double idleMinutes = 0.0;  ///< waiting at accounts before they open
};

/// A visit the plan could not place, and why.
struct UnfittedVisit {
    AccountId account;
    std::string key;
    std::string name;
    int visits = 1;
    std::string reason;
};

/// A rep's horizon plan with totals and the nearest-neighbour baseline.
struct RepPlan {
    RepId rep;
    std::string repKey;
    std::string repName;
    LonLat home;
    std::vector<PlannedDay> days;
    std::vector<UnfittedVisit> unfitted;
    int visits = 0;
    double driveMinutes = 0.0;
    double driveKm = 0.0;
    double visitMinutes = 0.0;
    double idleMinutes = 0.0;
    /// The same visits made day by day in nearest-neighbour order from home
    /// (within working hours and opening hours, days added past the horizon
    /// until every visit is made): its drive time, visits and days.
    double baselineDriveMinutes = 0.0;
    int baselineVisits = 0;
    int baselineDays = 0;
    bool feasible = true; ///< the independent checker's verdict on the routes
    std::vector<std::string> violations;
    double seconds = 0.0;
};

} // namespace tessera
