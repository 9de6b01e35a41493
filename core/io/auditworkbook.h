#pragma once

#include "core/result.h"

#include <string>

namespace tessera {
struct FairnessAudit;
class Project;
} // namespace tessera

namespace tessera::io {

/// Writes a fairness audit as an Excel workbook (libxlsxwriter): a "Reps"
/// sheet (AuditTable's rows, figures as numbers, undefined ones blank), a
/// "Spread" sheet (max/min, CV and Gini of potential and workload, now and
/// in the baseline) and a "Lorenz" sheet with the curves' points. The file is
/// written aside and moved into place: on failure nothing is left at \a path.
Result<void> writeAuditWorkbook(const Project &project, const std::string &scenarioName,
                                const std::string &baselineName, const FairnessAudit &audit, const std::string &path);

} // namespace tessera::io
