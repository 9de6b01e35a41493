#pragma once

#include "core/feedback.h"
#include "core/io/csvreader.h"
#include "core/io/importstats.h"
#include "core/io/planimporter.h"
#include "core/model/rep.h"
#include "core/model/scenario.h"
#include "core/result.h"

#include <vector>

namespace tessera {
class AccountLayer;
class ProblemSink;
}

namespace tessera::io {

/// Whether \a table is an account plan: it has the account id column
/// \a options names, or an `account_id` / `account` column.
bool isAccountPlan(const CsvTable &table, const PlanImportOptions &options);

/// Reads an account → rep plan into \a scenario. Each row names an account and
/// its territory (column `territory`) or, without one, its rep (the territory
/// is then named after the rep). Each unit joins the territory serving most
/// of its accounts (the first one read on a tie); accounts served by another
/// territory than their unit's become account overrides, so every account is
/// served as the file says. Unknown account ids, accounts listed twice and
/// rows naming neither a territory nor a known rep are reported with file,
/// line and column and skipped.
Result<ImportStats> importAccountPlan(const CsvTable &table, const PlanImportOptions &options,
                                      const AccountLayer &accounts, std::size_t unitCount,
                                      const std::vector<Rep> &reps, Scenario &scenario, ProblemSink *sink = nullptr,
                                      Feedback *feedback = nullptr);

} // namespace tessera::io
