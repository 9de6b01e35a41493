#pragma once

#include "core/io/exporter.h"

#include <memory>
#include <string>
#include <vector>

namespace tessera::io {

/// Every data format a plan can be written to: GeoPackage, Shapefile,
/// GeoJSON, KML (GDAL), CSV and XLSX. Slides (PNG, SVG, PDF, PPTX) need
/// painting and live on the Qt side.
const std::vector<std::unique_ptr<Exporter>> &exporters();

/// The exporter whose key() is \a key ("gpkg"), or nullptr.
const Exporter *findExporter(const std::string &key);

/// The first exporter whose extensions match \a path, or nullptr.
const Exporter *exporterForFile(const std::string &path);

/// A Qt file-dialog filter: one entry per exporter, then "All files (*)".
std::string exportDialogFilter();

/// Parses "territories", "units" or "accounts" (also comma-separated
/// lists) into ExportContent bits; 0 for an unknown word.
unsigned parseExportContents(const std::string &text);

} // namespace tessera::io
