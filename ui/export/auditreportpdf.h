#pragma once

#include "core/result.h"

#include <QString>

namespace tessera {
struct FairnessAudit;
class Project;
} // namespace tessera

namespace tessera::ui {

/// The fairness audit as a PDF report (QPdfWriter, A4 landscape): the plans
/// compared, per rep figures now and in the baseline, the spread table
/// (max/min, CV and Gini of potential and workload, both plans) and the
/// Lorenz curves of potential and workload. The figures and their labels are
/// io::AuditTable's, the same as in the workbook. Written aside and moved
/// into place: on failure nothing is left at \a path.
class AuditReportPdf {
public:
    static Result<void> write(const Project &project, const QString &scenarioName, const QString &baselineName,
                              const FairnessAudit &audit, const QString &path);
};

} // namespace tessera::ui
