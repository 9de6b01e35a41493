#pragma once

#include "core/io/exporter.h"

namespace tessera::io {

/// Comma-separated text, UTF-8, quoted where needed: accounts in CRM form,
/// units as the plan CSV that importPlan() reads back, or territory figures.
class CsvExporter : public Exporter {
public:
    std::string name() const override { return "CSV"; }
    std::string key() const override { return "csv"; }
    std::vector<std::string> extensions() const override { return {"csv"}; }
    unsigned contents() const override;
    unsigned defaultContents() const override { return static_cast<unsigned>(ExportContent::Accounts); }

protected:
    Result<ExportStats> writeStaged(const ExportSource &source, unsigned contents, const std::string &path,
                                    Feedback *feedback) const override;
};

} // namespace tessera::io
