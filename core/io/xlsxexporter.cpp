#include "core/io/xlsxexporter.h"

#include "core/io/assignmenttable.h"
#include "core/io/figuretable.h"

#include <xlsxwriter.h>

#include <algorithm>
#include <cmath>
#include <memory>

namespace tessera::io {

namespace {

constexpr unsigned bit(ExportContent content) { return static_cast<unsigned>(content); }

struct WorkbookCloser {
    void operator()(lxw_workbook *workbook) const { workbook_close(workbook); }
};

struct Formats {
    lxw_format *header = nullptr;
    lxw_format *text = nullptr;
    std::vector<lxw_format *> decimals; ///< index = digits after the point
};

Formats makeFormats(lxw_workbook *workbook)
{
    Formats f;
    f.header = workbook_add_format(workbook);
    format_set_bold(f.header);
    format_set_num_format(f.header, "@");
    f.text = workbook_add_format(workbook);
    format_set_num_format(f.text, "@"); // stays text when edited in Excel
    for (const char *pattern : {"#,##0", "#,##0.0", "#,##0.00", "#,##0.000"}) {
        lxw_format *format = workbook_add_format(workbook);
        format_set_num_format(format, pattern);
        f.decimals.push_back(format);
    }
    return f;
}

void writeAssignments(lxw_worksheet *sheet, const AssignmentTable &table, const Formats &formats)
{
    for (std::size_t c = 0; c < table.columns().size(); ++c) {
        worksheet_write_string(sheet, 0, static_cast<lxw_col_t>(c), table.columns()[c].c_str(), formats.header);
        worksheet_set_column(sheet, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), c % 2 ? 28 : 14,
                             formats.text);
    }
    for (std::size_t r = 0; r < table.rowCount(); ++r) {
        const std::vector<std::string> &row = table.row(r);
        for (std::size_t c = 0; c < row.size(); ++c)
            worksheet_write_string(sheet, static_cast<lxw_row_t>(r + 1), static_cast<lxw_col_t>(c), row[c].c_str(),
                                   formats.text);
    }
    worksheet_freeze_panes(sheet, 1, 0);
    worksheet_autofilter(sheet, 0, 0, static_cast<lxw_row_t>(table.rowCount()),
                         static_cast<lxw_col_t>(table.columns().size() - 1));
}

void writeFigures(lxw_worksheet *sheet, const FigureTable &table, const Formats &formats)
{
    for (std::size_t c = 0; c < table.columns().size(); ++c) {
        const FigureColumn &column = table.columns()[c];
        worksheet_write_string(sheet, 0, static_cast<lxw_col_t>(c), column.label.c_str(), formats.header);
        worksheet_set_column(sheet, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c),
                             std::clamp<double>(static_cast<double>(column.label.size()) + 2, 10, 30), nullptr);
    }
    for (std::size_t r = 0; r < table.rowCount(); ++r)
        for (std::size_t c = 0; c < table.columns().size(); ++c) {
            const FigureColumn &column = table.columns()[c];
            const auto row = static_cast<lxw_row_t>(r + 1);
            const auto col = static_cast<lxw_col_t>(c);
            if (column.kind == FigureColumn::Kind::Text) {
                worksheet_write_string(sheet, row, col, table.text(r, c).c_str(), formats.text);
                continue;
            }
            const double value = table.number(r, c);
            if (!std::isfinite(value))
                continue; // undefined: a blank cell, never "nan"
            const int digits = column.kind == FigureColumn::Kind::Integer ? 0 : std::clamp(column.decimals, 0, 3);
            worksheet_write_number(sheet, row, col, value, formats.decimals[static_cast<std::size_t>(digits)]);
        }
    worksheet_freeze_panes(sheet, 1, 1);
}

} // namespace

unsigned XlsxExporter::contents() const
{
    return bit(ExportContent::Territories) | bit(ExportContent::Units) | bit(ExportContent::Accounts);
}

unsigned XlsxExporter::defaultContents() const
{
    return bit(ExportContent::Accounts) | bit(ExportContent::Territories);
}

Result<ExportStats> XlsxExporter::writeStaged(const ExportSource &source, unsigned contents, const std::string &path,
                                              Feedback *feedback) const
{
    lxw_workbook_options options{};
    options.constant_memory = LXW_FALSE;
    options.tmpdir = nullptr;
    std::unique_ptr<lxw_workbook, WorkbookCloser> workbook(workbook_new_opt(path.c_str(), &options));
    if (!workbook)
        return makeError(ErrorCode::IoError, "cannot create the workbook", path);
    const Formats formats = makeFormats(workbook.get());
    ExportStats stats;
    for (ExportContent content : {ExportContent::Accounts, ExportContent::Units}) {
        if (!(contents & bit(content)))
            continue;
        const char *title = content == ExportContent::Accounts ? "Accounts" : "Units";
        const AssignmentTable table = AssignmentTable::build(source, content);
        writeAssignments(workbook_add_worksheet(workbook.get(), title), table, formats);
        stats.features += table.rowCount();
        stats.layers.push_back(title);
        if (isCancelled(feedback))
            return makeError(ErrorCode::Cancelled, "export cancelled", path);
    }
    if (contents & bit(ExportContent::Territories)) {
        const FigureTable table = FigureTable::build(source.project, source.metrics);
        writeFigures(workbook_add_worksheet(workbook.get(), "Territories"), table, formats);
        stats.features += table.rowCount();
        stats.layers.push_back("Territories");
    }
    const lxw_error error = workbook_close(workbook.release());
    if (error != LXW_NO_ERROR)
        return makeError(ErrorCode::IoError, std::string("writing the workbook failed (") + lxw_strerror(error) + ")",
                         path);
    return stats;
}

} // namespace tessera::io
