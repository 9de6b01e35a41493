#pragma once

#include "core/metrics/metricoptions.h"
#include "core/routing/routingoptions.h"

#include <string>

namespace tessera {

/// How a rep's horizon is planned. Times are minutes after midnight.
struct RepPlanOptions {
    /// Working days in the horizon; each is one route from home and back.
    int days = 5;
    double dayStart = 8 * 60.0;
    double dayEnd = 17 * 60.0;
    /// Most working minutes a day (leaving home to coming back); 0 = dayEnd - dayStart.
    double maxDayMinutes = 0.0;
    /// Lunch break kept free of visits (no visit overlaps it); lunchEnd <= lunchStart = none.
    double lunchStart = 0.0;
    double lunchEnd = 0.0;
    /// Visit length when the account has no workload figure.
    double defaultVisitMinutes = 45.0;
    /// Working days the visit frequency attribute counts over (220: visits per
    /// year; 20: per four weeks; 5: per week).
    double frequencyPeriodDays = 220.0;
    /// Which horizon of the period is planned (0 = the first): an account due
    /// f times per period gets its visits spread evenly over the period's horizons.
    int horizonIndex = 0;
    /// Account columns: visits per period, work hours per period (visit length =
    /// hours / visits), opening and closing hour (e.g. 9.5 = 09:30), priority.
    std::string frequencyAttribute = "visit_frequency";
    std::string workloadAttribute = "workload_hours";
    std::string opensAttribute = "opens";
    std::string closesAttribute = "closes";
    std::string priorityAttribute = "priority";
    /// The travel model (great-circle distance x circuity / speed), shared with the metrics.
    MetricOptions travel;
    /// The daily routing search (time limit or iteration budget, seed).
    RoutingOptions routing;
};

} // namespace tessera
