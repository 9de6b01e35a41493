#pragma once

#include "core/health/healthrule.h"
#include "core/model/kpisnapshot.h"
#include "core/model/scenario.h"

#include <vector>

namespace tessera {

class Project;

/// The figure of a KPI rule (kind KpiBelow on snapshot columns, "kpi:NAME"
/// over "accounts" or over another "kpi:" column) per territory of
/// \a scenario, as it stood on \a snapshot: the same ratio HealthCheck takes
/// on the latest snapshot, for trends ("0.82, down from 0.91 on 2026-09-30").
/// Index = territory id; NaN where the territory has no such figure. Empty
/// when the rule does not read snapshot columns or \a snapshot lacks them.
std::vector<double> kpiOnSnapshot(const Project &project, const Scenario &scenario, const HealthRule &rule,
                                  const KpiSnapshot &snapshot);

} // namespace tessera
