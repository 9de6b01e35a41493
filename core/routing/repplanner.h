#pragma once

#include "core/feedback.h"
#include "core/result.h"
#include "core/routing/repplan.h"
#include "core/routing/repplanoptions.h"

#include <string>
#include <vector>

namespace tessera {

class Project;
struct Scenario;
class TravelMatrixTable;

/// Plans a rep's working days: which accounts on which day, in which order,
/// with arrival, wait and departure times.
///
/// The whole horizon is one routing problem solved by VrptwSolver: one route
/// per day, all from the rep's home and back within working hours; an account
/// due k times becomes k visits that may not share a day. Each visit starts in
/// the account's opening hours, and no visit overlaps the lunch break. Visits
/// that do not fit stay out, the higher priority ones served first, and are
/// listed with the reason. The routes are verified by SolutionChecker.
class RepPlanner {
public:
    explicit RepPlanner(RepPlanOptions options) : mOptions(std::move(options)) {}

    /// Road times from a CSV matrix instead of the travel model; pairs missing
    /// from it fall back to the model. Borrowed: must outlive the planner's calls.
    void setTravelMatrix(const TravelMatrixTable *matrix) { mMatrix = matrix; }

    /// The accounts of \a rep's territories in \a scenario and the visits each
    /// is due in the planned horizon (see RepPlanOptions::horizonIndex).
    Result<std::vector<VisitRequest>> requests(const Project &project, const Scenario &scenario, RepId rep) const;

    /// Plans \a rep's horizon in \a scenario.
    Result<RepPlan> plan(const Project &project, const Scenario &scenario, RepId rep, Feedback *feedback = nullptr) const;

    /// Plans a horizon for a rep living at \a home (\a homeKey names home in
    /// the travel matrix).
    Result<RepPlan> plan(const std::string &homeKey, const LonLat &home, const std::vector<VisitRequest> &requests,
                         Feedback *feedback = nullptr) const;

private:
    Result<void> validate() const;

    RepPlanOptions mOptions;
    const TravelMatrixTable *mMatrix = nullptr;
};

} // namespace tessera
