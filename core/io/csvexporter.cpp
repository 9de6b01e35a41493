#include "core/io/csvexporter.h"

#include "core/io/assignmenttable.h"
#include "core/io/figuretable.h"

#include <cstring>
#include <fstream>

namespace tessera::io {

namespace {

/// RFC 4180 quoting: a field with a comma, quote or line break is quoted,
/// inner quotes doubled.
void writeField(std::ostream &out, const std::string &field)
{
    if (field.find_first_of(",\"\r\n") == std::string::npos) {
        out << field;
        return;
    }
    out << '"';
    for (char c : field) {
        if (c == '"')
            out << '"';
        out << c;
    }
    out << '"';
}

void writeRow(std::ostream &out, const std::vector<std::string> &fields)
{
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (i)
            out << ',';
        writeField(out, fields[i]);
    }
    out << "\r\n";
}

} // namespace

unsigned CsvExporter::contents() const
{
    return static_cast<unsigned>(ExportContent::Territories) | static_cast<unsigned>(ExportContent::Units)
           | static_cast<unsigned>(ExportContent::Accounts);
}

Result<ExportStats> CsvExporter::writeStaged(const ExportSource &source, unsigned contents, const std::string &path,
                                             Feedback *feedback) const
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out)
        return makeError(ErrorCode::IoError, std::string("cannot create the file (") + std::strerror(errno) + ")", path);
    ExportStats stats;
    const auto content = static_cast<ExportContent>(contents);
    if (content == ExportContent::Territories) {
        const FigureTable table = FigureTable::build(source.project, source.metrics);
        std::vector<std::string> header;
        for (const FigureColumn &column : table.columns())
            header.push_back(column.key);
        writeRow(out, header);
        for (std::size_t r = 0; r < table.rowCount(); ++r) {
            std::vector<std::string> row;
            for (std::size_t c = 0; c < table.columns().size(); ++c)
                row.push_back(table.formatted(r, c));
            writeRow(out, row);
            ++stats.features;
        }
    } else {
        const AssignmentTable table = AssignmentTable::build(source, content, false);
        writeRow(out, table.columns());
        for (std::size_t r = 0; r < table.rowCount(); ++r) {
            if ((r & 4095) == 0 && isCancelled(feedback))
                return makeError(ErrorCode::Cancelled, "export cancelled", path);
            writeRow(out, table.row(r));
            ++stats.features;
        }
    }
    stats.layers.push_back(exportContentName(content));
    out.flush();
    if (!out)
        return makeError(ErrorCode::IoError, "writing failed (disk full?)", path);
    return stats;
}

} // namespace tessera::io
