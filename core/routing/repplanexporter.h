#pragma once

#include "core/result.h"
#include "core/routing/repplan.h"

#include <string>
#include <vector>

namespace tessera {

/// Text exports of rep plans: CSV (one row per visit), GPX (one route per rep
/// and day, home to home) and iCalendar (one event per visit, floating local
/// times, days counted in working days from a first date, weekends skipped).
class RepPlanExporter {
public:
    static std::string csv(const std::vector<RepPlan> &plans);
    static std::string gpx(const std::vector<RepPlan> &plans);
    /// \a firstDay as YYYY-MM-DD; InvalidArgument when it is not a date.
    static Result<std::string> icalendar(const std::vector<RepPlan> &plans, const std::string &firstDay);
    /// "08:05" for 485 minutes.
    static std::string clock(double minutes);
    /// Parses "HH:MM" into minutes after midnight.
    static Result<double> parseClock(const std::string &text);
};

} // namespace tessera
