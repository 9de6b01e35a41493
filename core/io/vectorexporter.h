#pragma once

#include "core/io/exporter.h"

namespace tessera::io {

/// A GDAL vector format (GeoPackage, Shapefile, GeoJSON, KML) in WGS84:
/// dissolved territories (one feature per territory, its figures as fields,
/// rep name), units with their territory and rep, accounts as points.
class VectorExporter : public Exporter {
public:
    /// \a driver is the GDAL driver name ("GPKG", "ESRI Shapefile", "GeoJSON", "KML").
    VectorExporter(std::string name, std::string key, std::string driver, std::vector<std::string> extensions,
                   bool holdsSeveral);

    std::string name() const override { return mName; }
    std::string key() const override { return mKey; }
    std::vector<std::string> extensions() const override { return mExtensions; }
    unsigned contents() const override;
    unsigned defaultContents() const override { return static_cast<unsigned>(ExportContent::Territories); }
    bool holdsSeveral() const override { return mHoldsSeveral; }

protected:
    Result<ExportStats> writeStaged(const ExportSource &source, unsigned contents, const std::string &path,
                                    Feedback *feedback) const override;

private:
    std::string mName;
    std::string mKey;
    std::string mDriver;
    std::vector<std::string> mExtensions;
    bool mHoldsSeveral;
};

} // namespace tessera::io
