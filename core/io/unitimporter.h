#pragma once

#include "core/feedback.h"
#include "core/io/importstats.h"
#include "core/result.h"

#include <optional>
#include <string>
#include <vector>

namespace tessera {
class UnitLayer;
class ProblemSink;
}

namespace tessera::io {

/// One attribute field of a vector layer.
struct FieldInfo {
    enum class Type { Integer, Real, String, Other };
    std::string name;
    Type type = Type::Other;
    int width = 0;        ///< declared width (Shapefile N(5,0) gives 5); 0 = not declared

    bool isNumeric() const { return type == Type::Integer || type == Type::Real; }
    bool operator==(const FieldInfo &) const = default;
};

/// What a vector source holds, for choosing the layer and fields.
struct LayerInfo {
    std::string name;
    std::string geometryType;  ///< OGR's name, e.g. "Multi Polygon", "Unknown (any)"
    bool isPolygon = false;    ///< declared polygonal, or undeclared with polygon features
    long long featureCount = -1; ///< -1 when the driver cannot tell cheaply
    std::string crs;           ///< "EPSG:4326", the CRS name, or empty when none is declared
    std::vector<FieldInfo> fields;
};

/// How units are read from a GDAL vector source.
struct UnitImportOptions {
    /// Layer name; empty = the first polygon layer of the file.
    std::string layer;
    /// Field holding the unit id; empty = a field called "id" (any case), or
    /// else the feature id (FID) as text. String fields are taken verbatim,
    /// so "02134" keeps its leading zero. Integer fields carry no leading
    /// zeros any more; see idWidth.
    std::string idField;
    /// Field holding the unit name; empty = a field called "name" (any case),
    /// or else the id.
    std::string nameField;
    /// Numeric fields imported as unit attributes; unset = every integer or
    /// real field except the id and name fields.
    std::optional<std::vector<std::string>> attributeFields;
    /// When the id field is integer-typed, pad ids with leading zeros to this
    /// many digits (5 for US county FIPS and ZIP codes); 0 = plain decimal.
    int idWidth = 0;
    /// Repair invalid polygons (GEOS MakeValid through OGR, else the geometry
    /// module's repair); false = report and skip them. Cost: one validity
    /// check per feature.
    bool repairInvalid = true;
    /// CRS of the layer's coordinates, overriding the one the file declares
    /// (anything OGR's SetFromUserInput accepts, e.g. "EPSG:3857"; read as
    /// x = easting/longitude); empty = the declared CRS, or WGS84
    /// longitude/latitude when the layer declares none.
    std::string assumedCrs;
};

/// Lists the layers of \a path (GeoJSON, TopoJSON, Shapefile, GeoPackage,
/// KML or any other GDAL vector format).
Result<std::vector<LayerInfo>> listLayers(const std::string &path);

/// Reads units from \a path into \a units (replacing its content only on
/// success), reprojected to WGS84 with centroid and area computed. Features
/// that are not polygons, have no id, a duplicate id or an unrepairable
/// geometry are reported to \a sink by feature index and id, and skipped.
/// Fatal errors (unreadable file, missing layer or field, unknown CRS, no
/// unit imported, coordinates outside the domain of the layer's CRS, see
/// checkCrsDomain) leave \a units untouched.
Result<ImportStats> importUnits(const std::string &path, const UnitImportOptions &options, UnitLayer &units,
                                ProblemSink *sink = nullptr, Feedback *feedback = nullptr);

} // namespace tessera::io
