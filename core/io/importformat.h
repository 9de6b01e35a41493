#pragma once

#include <string>
#include <vector>

namespace tessera::io {

/// What a file format can bring into a project (bit flags).
enum class ImportCapability : unsigned {
    Units = 1,     ///< polygons (GDAL vector sources)
    Accounts = 2,  ///< account points (CSV)
    Reps = 4,      ///< reps (CSV)
    Plan = 8       ///< unit → territory assignments (CSV)
};

/// One importable format, for file dialogs and for routing a dropped file.
/// Reading itself goes through importUnits() (every GDAL vector format, not
/// only these) and the CSV importers.
struct ImportFormat {
    std::string name;                    ///< shown to the user, e.g. "GeoPackage"
    std::vector<std::string> extensions; ///< lower case, without the dot
    unsigned capabilities = 0;           ///< ImportCapability bits

    bool can(ImportCapability capability) const { return capabilities & static_cast<unsigned>(capability); }
    /// Whether \a path has one of the format's extensions (case-insensitive).
    bool supportsFile(const std::string &path) const;
    /// "GeoPackage (*.gpkg)".
    std::string nameFilter() const;
};

/// Every known format: GeoJSON, TopoJSON, Shapefile, GeoPackage, KML/KMZ,
/// FlatGeobuf, CSV.
const std::vector<ImportFormat> &importFormats();

/// The first format able to do \a capability that supports \a path, or nullptr.
const ImportFormat *findImportFormat(const std::string &path, ImportCapability capability);

/// A Qt file-dialog filter for \a capability: "All supported (...);;" then
/// one entry per format, then "All files (*)".
std::string importDialogFilter(ImportCapability capability);

} // namespace tessera::io
