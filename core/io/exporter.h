#pragma once

#include "core/feedback.h"
#include "core/result.h"

#include <cstddef>
#include <ostream>
#include <string>
#include <vector>

namespace tessera {
class MetricsEngine;
class Project;
struct Scenario;
} // namespace tessera

namespace tessera::io {

/// What an export writes (bit flags, so a format can declare several).
enum class ExportContent : unsigned {
    Territories = 1, ///< one row or feature per territory with its figures
    Units = 2,       ///< one row or feature per unit with its territory and rep (in CSV: the plan import reads)
    Accounts = 4     ///< one row or point per account with its territory and rep (the CRM form)
};

/// "territories", "units" or "accounts".
const char *exportContentName(ExportContent content);

/// The plan to export: the project, one of its scenarios and a metrics
/// engine built for that scenario, which supplies every figure written.
struct ExportSource {
    const Project &project;
    const Scenario &scenario;
    const MetricsEngine &metrics;
};

/// What one export wrote.
struct ExportStats {
    std::size_t features = 0; ///< features or data rows written (all layers or sheets)
    std::vector<std::string> layers; ///< layer or sheet names, in writing order

    friend std::ostream &operator<<(std::ostream &out, const ExportStats &s)
    {
        return out << s.features << " rows in " << s.layers.size() << " layer(s)";
    }
};

/// One file format a plan can be written to (Tiled's FileFormat idea, no Qt):
/// it declares its name, extensions and what it can write; write() produces
/// the whole file or nothing (it writes aside, then renames into place).
class Exporter {
public:
    virtual ~Exporter() = default;

    /// Shown to the user, e.g. "GeoPackage".
    virtual std::string name() const = 0;
    /// Short key for the command line, e.g. "gpkg".
    virtual std::string key() const = 0;
    /// Lower case, without the dot; the first is the default.
    virtual std::vector<std::string> extensions() const = 0;
    /// ExportContent bits the format can write.
    virtual unsigned contents() const = 0;
    /// ExportContent bits written when the caller does not choose.
    virtual unsigned defaultContents() const = 0;
    /// Whether one file can hold several contents at once (layers, sheets).
    virtual bool holdsSeveral() const { return false; }

    bool can(ExportContent content) const { return contents() & static_cast<unsigned>(content); }
    /// Whether \a path has one of the extensions (case-insensitive).
    bool supportsFile(const std::string &path) const;
    /// "GeoPackage (*.gpkg)".
    std::string nameFilter() const;

    /// Writes \a contents (ExportContent bits, all supported; several only
    /// when holdsSeveral()) of \a source to \a path, replacing an existing
    /// file. On failure nothing is left at \a path that was not there before.
    Result<ExportStats> write(const ExportSource &source, unsigned contents, const std::string &path,
                              Feedback *feedback = nullptr) const;

protected:
    /// Writes to \a path, a fresh name in a staging folder next to the target.
    virtual Result<ExportStats> writeStaged(const ExportSource &source, unsigned contents, const std::string &path,
                                            Feedback *feedback) const = 0;
};

} // namespace tessera::io
