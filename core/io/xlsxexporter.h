#pragma once

#include "core/io/exporter.h"

namespace tessera::io {

/// An Excel workbook (libxlsxwriter): an "Accounts" sheet in CRM form, a
/// "Units" sheet (the plan) and a "Territories" sheet of figures, whichever
/// are asked for. Ids and names are text cells, so "01001" keeps its zero;
/// figures are numbers, undefined ones blank.
class XlsxExporter : public Exporter {
public:
    std::string name() const override { return "Excel workbook"; }
    std::string key() const override { return "xlsx"; }
    std::vector<std::string> extensions() const override { return {"xlsx"}; }
    unsigned contents() const override;
    unsigned defaultContents() const override;
    bool holdsSeveral() const override { return true; }

protected:
    Result<ExportStats> writeStaged(const ExportSource &source, unsigned contents, const std::string &path,
                                    Feedback *feedback) const override;
};

} // namespace tessera::io
