#include "core/io/auditworkbook.h"

#include "core/health/fairnessaudit.h"
#include "core/io/audittable.h"
#include "core/io/stagedoutput.h"

#include <xlsxwriter.h>

#include <cmath>

namespace tessera::io {

namespace {

/// A figure cell; undefined figures stay blank, never "nan".
void writeFigure(lxw_worksheet *sheet, lxw_row_t row, lxw_col_t col, double value, lxw_format *format)
{
    if (std::isfinite(value))
        worksheet_write_number(sheet, row, col, value, format);
}

void writeReps(lxw_worksheet *sheet, const AuditTable &table, lxw_format *header, lxw_format *text,
               lxw_format *figure)
{
    for (std::size_t c = 0; c < table.columns().size(); ++c) {
        const FigureColumn &column = table.columns()[c];
        worksheet_write_string(sheet, 0, static_cast<lxw_col_t>(c), column.label.c_str(), header);
        worksheet_set_column(sheet, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c),
                             static_cast<double>(column.label.size()) + 3, nullptr);
    }
    for (std::size_t r = 0; r < table.rowCount(); ++r)
        for (std::size_t c = 0; c < table.columns().size(); ++c) {
            const auto row = static_cast<lxw_row_t>(r + 1);
            const auto col = static_cast<lxw_col_t>(c);
            if (table.columns()[c].kind == FigureColumn::Kind::Text)
                worksheet_write_string(sheet, row, col, table.text(r, c).c_str(), text);
            else
                writeFigure(sheet, row, col, table.number(r, c), figure);
        }
    worksheet_freeze_panes(sheet, 1, 2);
}

void writeLorenz(lxw_worksheet *sheet, const FairnessAudit &audit, lxw_format *header, lxw_format *figure)
{
    const struct {
        const char *name;
        const std::vector<std::pair<double, double>> &points;
    } curves[] = {{"potential", audit.potentialLorenz},
                  {"potential (baseline)", audit.baselinePotentialLorenz},
                  {"workload", audit.workloadLorenz},
                  {"workload (baseline)", audit.baselineWorkloadLorenz}};
    lxw_col_t col = 0;
    for (const auto &curve : curves) {
        const std::string name = curve.name;
        worksheet_write_string(sheet, 0, col, ("Reps share: " + name).c_str(), header);
        worksheet_write_string(sheet, 0, col + 1, ("Total share: " + name).c_str(), header);
        worksheet_set_column(sheet, col, col + 1, 24, nullptr);
        for (std::size_t i = 0; i < curve.points.size(); ++i) {
            writeFigure(sheet, static_cast<lxw_row_t>(i + 1), col, curve.points[i].first, figure);
            writeFigure(sheet, static_cast<lxw_row_t>(i + 1), col + 1, curve.points[i].second, figure);
        }
        col += 2;
    }
}

} // namespace

Result<void> writeAuditWorkbook(const Project &project, const std::string &scenarioName,
                                const std::string &baselineName, const FairnessAudit &audit, const std::string &path)
{
    auto staged = StagedOutput::create(path);
    if (!staged)
        return staged.error();
    lxw_workbook *workbook = workbook_new(staged->path().c_str());
    if (!workbook)
        return makeError(ErrorCode::IoError, "cannot create the workbook", path);
    lxw_format *header = workbook_add_format(workbook);
    format_set_bold(header);
    lxw_format *text = workbook_add_format(workbook);
    format_set_num_format(text, "@");
    lxw_format *figure = workbook_add_format(workbook);
    format_set_num_format(figure, "#,##0.###");

    const AuditTable table = AuditTable::build(project, audit);
    writeReps(workbook_add_worksheet(workbook, "Reps"), table, header, text, figure);

    lxw_worksheet *spread = workbook_add_worksheet(workbook, "Spread");
    const std::string now = "Now: " + scenarioName, before = "Baseline: " + baselineName;
    worksheet_write_string(spread, 0, 0, "Across reps", header);
    worksheet_write_string(spread, 0, 1, now.c_str(), header);
    worksheet_write_string(spread, 0, 2, before.c_str(), header);
    worksheet_set_column(spread, 0, 0, 20, nullptr);
    worksheet_set_column(spread, 1, 2, 28, nullptr);
    lxw_format *ratio = workbook_add_format(workbook);
    format_set_num_format(ratio, "0.000");
    for (std::size_t i = 0; i < table.spread().size(); ++i) {
        const AuditSpreadRow &row = table.spread()[i];
        const auto r = static_cast<lxw_row_t>(i + 1);
        worksheet_write_string(spread, r, 0, row.label.c_str(), nullptr);
        writeFigure(spread, r, 1, row.now, ratio);
        writeFigure(spread, r, 2, row.baseline, ratio);
    }
    writeLorenz(workbook_add_worksheet(workbook, "Lorenz"), audit, header, ratio);

    const lxw_error error = workbook_close(workbook);
    if (error != LXW_NO_ERROR)
        return makeError(ErrorCode::IoError, std::string("writing the workbook failed (") + lxw_strerror(error) + ")",
                         path);
    return staged->commit();
}

} // namespace tessera::io
