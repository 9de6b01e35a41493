#include "core/io/unitimporter.h"

#include "core/valuelimits.h"

#include "core/geometry/antimeridian.h"
#include "core/geometry/measure.h"
#include "core/geometry/polygonrepair.h"
#include "core/io/crsdomain.h"
#include "core/io/csvreader.h"
#include "core/io/gdalsupport.h"
#include "core/model/unitlayer.h"
#include "core/problemsink.h"

#include <cpl_conv.h>
#include <cpl_error.h>
#include <gdal_priv.h>
#include <ogr_geometry.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <cmath>
#include <filesystem>
#include <memory>
#include <unordered_map>

namespace tessera::io {

namespace {

Result<DatasetPtr> openDataset(const std::string &path)
{
    ensureGdal();
    std::error_code ec;
    if (!std::filesystem::exists(path, ec))
        return makeError(ErrorCode::NotFound, "the file does not exist", path);
    QuietGdal quiet;
    DatasetPtr dataset(static_cast<GDALDataset *>(
        GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr)));
    if (!dataset) {
        std::string message = "not a vector data source GDAL can read";
        const std::string detail = CPLGetLastErrorMsg();
        if (!detail.empty())
            message += " (" + detail + ")";
        return makeError(ErrorCode::InvalidInput, message, path);
    }
    if (dataset->GetLayerCount() == 0)
        return makeError(ErrorCode::InvalidInput, "the file holds no vector layer", path);
    return dataset;
}

bool isPolygonalType(OGRwkbGeometryType type)
{
    const OGRwkbGeometryType flat = wkbFlatten(type);
    return flat == wkbPolygon || flat == wkbMultiPolygon || flat == wkbCurvePolygon || flat == wkbMultiSurface
           || flat == wkbPolyhedralSurface || flat == wkbTIN;
}

bool geometryHasPolygon(const OGRGeometry *geometry)
{
    if (!geometry)
        return false;
    if (isPolygonalType(geometry->getGeometryType()))
        return true;
    if (wkbFlatten(geometry->getGeometryType()) == wkbGeometryCollection) {
        const auto *collection = geometry->toGeometryCollection();
        for (int i = 0; i < collection->getNumGeometries(); ++i)
            if (geometryHasPolygon(collection->getGeometryRef(i)))
                return true;
    }
    return false;
}

/// Declared polygon layers are polygonal; undeclared ones ("Unknown",
/// TopoJSON's usual answer) are judged by their first features.
bool layerIsPolygonal(OGRLayer *layer)
{
    const OGRwkbGeometryType declared = wkbFlatten(layer->GetGeomType());
    if (isPolygonalType(declared))
        return true;
    if (declared != wkbUnknown && declared != wkbGeometryCollection)
        return false;
    layer->ResetReading();
    bool polygonal = false;
    int looked = 0;
    while (looked < 20) {
        std::unique_ptr<OGRFeature> feature(layer->GetNextFeature());
        if (!feature)
            break;
        if (const OGRGeometry *geometry = feature->GetGeometryRef()) {
            ++looked;
            if (geometryHasPolygon(geometry)) {
                polygonal = true;
                break;
            }
        }
    }
    layer->ResetReading();
    return polygonal;
}

std::string crsName(const OGRSpatialReference *srs)
{
    if (!srs)
        return {};
    const char *authority = srs->GetAuthorityName(nullptr);
    const char *code = srs->GetAuthorityCode(nullptr);
    if (authority && code)
        return std::string(authority) + ":" + code;
    const char *name = srs->GetName();
    return name ? name : "custom";
}

FieldInfo::Type fieldType(OGRFieldType type)
{
    switch (type) {
    case OFTInteger:
    case OFTInteger64:
        return FieldInfo::Type::Integer;
    case OFTReal:
        return FieldInfo::Type::Real;
    case OFTString:
        return FieldInfo::Type::String;
    default:
        return FieldInfo::Type::Other;
    }
}

LayerInfo describeLayer(OGRLayer *layer)
{
    LayerInfo info;
    info.name = layer->GetName();
    info.geometryType = OGRGeometryTypeToName(layer->GetGeomType());
    info.isPolygon = layerIsPolygonal(layer);
    info.featureCount = layer->GetFeatureCount(FALSE);
    info.crs = crsName(layer->GetSpatialRef());
    const OGRFeatureDefn *definition = layer->GetLayerDefn();
    for (int i = 0; i < definition->GetFieldCount(); ++i) {
        const OGRFieldDefn *field = definition->GetFieldDefn(i);
        info.fields.push_back(FieldInfo{field->GetNameRef(), fieldType(field->GetType()), field->GetWidth()});
    }
    return info;
}

std::string joinedFieldNames(const OGRFeatureDefn *definition)
{
    std::string out;
    for (int i = 0; i < definition->GetFieldCount(); ++i) {
        if (i)
            out += ", ";
        out += definition->GetFieldDefn(i)->GetNameRef();
    }
    return out.empty() ? "none" : out;
}

/// Field index by exact name, then case-insensitively; -1 when absent.
int findField(const OGRFeatureDefn *definition, const std::string &name)
{
    for (int i = 0; i < definition->GetFieldCount(); ++i)
        if (name == definition->GetFieldDefn(i)->GetNameRef())
            return i;
    const std::string wanted = normalizedName(name);
    for (int i = 0; i < definition->GetFieldCount(); ++i)
        if (normalizedName(definition->GetFieldDefn(i)->GetNameRef()) == wanted)
            return i;
    return -1;
}

/// Closes the ring, drops repeated points and orients it (counter-clockwise
/// when \a outer). Returns false for a ring with no area left.
bool normaliseRing(Ring &ring, bool outer)
{
    std::vector<LonLat> &p = ring.points;
    p.erase(std::unique(p.begin(), p.end()), p.end());
    if (!p.empty() && !(p.front() == p.back()))
        p.push_back(p.front());
    if (p.size() < 4)
        return false;
    const double area = geometry::signedAreaDeg2(ring);
    if (area == 0.0)
        return false;
    if ((area > 0.0) != outer)
        std::reverse(p.begin(), p.end());
    return true;
}

Ring toRing(const OGRLinearRing *ring)
{
    Ring out;
    if (!ring)
        return out;
    out.points.reserve(static_cast<std::size_t>(ring->getNumPoints()));
    for (int i = 0; i < ring->getNumPoints(); ++i)
        out.points.push_back(LonLat{ring->getX(i), ring->getY(i)});
    return out;
}

/// Appends every polygon of \a geometry to \a shape; counts parts that are
/// not polygons (points, lines) in \a otherParts.
void appendPolygons(const OGRGeometry *geometry, MultiPolygon &shape, int &otherParts)
{
    if (!geometry || geometry->IsEmpty())
        return;
    const OGRwkbGeometryType flat = wkbFlatten(geometry->getGeometryType());
    if (flat == wkbPolygon) {
        const OGRPolygon *polygon = geometry->toPolygon();
        Polygon out;
        out.outer = toRing(polygon->getExteriorRing());
        if (!normaliseRing(out.outer, true))
            return;
        for (int i = 0; i < polygon->getNumInteriorRings(); ++i) {
            Ring hole = toRing(polygon->getInteriorRing(i));
            if (normaliseRing(hole, false))
                out.holes.push_back(std::move(hole));
        }
        shape.polygons.push_back(std::move(out));
    } else if (flat == wkbMultiPolygon || flat == wkbGeometryCollection || flat == wkbMultiSurface
               || flat == wkbPolyhedralSurface || flat == wkbTIN) {
        if (flat == wkbPolyhedralSurface || flat == wkbTIN) {
            std::unique_ptr<OGRGeometry> linear(OGRGeometryFactory::forceToMultiPolygon(geometry->clone()));
            appendPolygons(linear.get(), shape, otherParts);
            return;
        }
        const auto *collection = geometry->toGeometryCollection();
        for (int i = 0; i < collection->getNumGeometries(); ++i)
            appendPolygons(collection->getGeometryRef(i), shape, otherParts);
    } else if (flat == wkbCurvePolygon) {
        std::unique_ptr<OGRGeometry> linear(geometry->getLinearGeometry());
        appendPolygons(linear.get(), shape, otherParts);
    } else {
        ++otherParts;
    }
}

void report(ProblemSink *sink, Problem::Severity severity, const std::string &file, long index,
            const std::string &featureId, std::string message, const std::string &column = {})
{
    if (!sink)
        return;
    // Features are not lines: the index goes into the message ("feature #12")
    // so "file:12:" is never read as a line number.
    Problem problem;
    problem.severity = severity;
    problem.file = file;
    problem.featureId = featureId;
    problem.column = column;
    problem.message = std::move(message);
    if (index > 0)
        problem.message += " (feature #" + std::to_string(index) + ")";
    sink->report(problem);
}

std::string fieldText(const OGRFeature &feature, int field, const OGRFieldDefn *definition, int idWidth)
{
    std::string text = feature.GetFieldAsString(field);
    const OGRFieldType type = definition->GetType();
    if ((type == OFTInteger || type == OFTInteger64) && idWidth > 0) {
        const bool negative = !text.empty() && text.front() == '-';
        const std::size_t digits = text.size() - (negative ? 1 : 0);
        if (digits < static_cast<std::size_t>(idWidth))
            text.insert(negative ? 1 : 0, static_cast<std::size_t>(idWidth) - digits, '0');
    }
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos)
        return {};
    const auto last = text.find_last_not_of(" \t\r\n");
    return text.substr(first, last - first + 1);
}

} // namespace

Result<std::vector<LayerInfo>> listLayers(const std::string &path)
{
    auto dataset = openDataset(path);
    if (!dataset)
        return dataset.error();
    QuietGdal quiet;
    std::vector<LayerInfo> layers;
    for (int i = 0; i < (*dataset)->GetLayerCount(); ++i)
        layers.push_back(describeLayer((*dataset)->GetLayer(i)));
    return layers;
}

Result<ImportStats> importUnits(const std::string &path, const UnitImportOptions &options, UnitLayer &units,
                                ProblemSink *sink, Feedback *feedback)
{
    auto opened = openDataset(path);
    if (!opened)
        return opened.error();
    GDALDataset &dataset = **opened;
    QuietGdal quiet;

    // Layer.
    OGRLayer *layer = nullptr;
    if (!options.layer.empty()) {
        layer = dataset.GetLayerByName(options.layer.c_str());
        if (!layer) {
            std::string names;
            for (int i = 0; i < dataset.GetLayerCount(); ++i)
                names += std::string(i ? ", " : "") + dataset.GetLayer(i)->GetName();
            return makeError(ErrorCode::NotFound, "no layer '" + options.layer + "' (layers: " + names + ")", path);
        }
        if (!layerIsPolygonal(layer))
            return makeError(ErrorCode::InvalidInput,
                             "layer '" + options.layer + "' holds no polygons ("
                                 + OGRGeometryTypeToName(layer->GetGeomType()) + ")",
                             path);
    } else {
        for (int i = 0; i < dataset.GetLayerCount() && !layer; ++i)
            if (layerIsPolygonal(dataset.GetLayer(i)))
                layer = dataset.GetLayer(i);
        if (!layer)
            return makeError(ErrorCode::InvalidInput, "the file has no polygon layer", path);
    }
    const std::string layerName = layer->GetName();
    const OGRFeatureDefn *definition = layer->GetLayerDefn();

    // Fields.
    int idField = -1;
    if (!options.idField.empty()) {
        idField = findField(definition, options.idField);
        if (idField < 0)
            return makeError(ErrorCode::NotFound,
                             "layer '" + layerName + "' has no field '" + options.idField
                                 + "' (fields: " + joinedFieldNames(definition) + ")",
                             path);
    } else {
        idField = findField(definition, "id");
    }
    int nameField = -1;
    if (!options.nameField.empty()) {
        nameField = findField(definition, options.nameField);
        if (nameField < 0)
            return makeError(ErrorCode::NotFound,
                             "layer '" + layerName + "' has no field '" + options.nameField
                                 + "' (fields: " + joinedFieldNames(definition) + ")",
                             path);
    } else {
        nameField = findField(definition, "name");
    }
    if (idField >= 0) {
        const OGRFieldType type = definition->GetFieldDefn(idField)->GetType();
        if ((type == OFTInteger || type == OFTInteger64) && options.idWidth <= 0)
            report(sink, Problem::Severity::Info, path, 0, {},
                   "the id field is stored as a number, so ids are plain decimals and any leading zeros of the "
                   "original codes are gone (set an id width to pad them)",
                   definition->GetFieldDefn(idField)->GetNameRef());
    }

    std::vector<int> attributeFields;
    if (options.attributeFields) {
        for (const std::string &name : *options.attributeFields) {
            const int index = findField(definition, name);
            if (index < 0)
                return makeError(ErrorCode::NotFound,
                                 "layer '" + layerName + "' has no field '" + name
                                     + "' (fields: " + joinedFieldNames(definition) + ")",
                                 path);
            const OGRFieldType type = definition->GetFieldDefn(index)->GetType();
            if (type != OFTInteger && type != OFTInteger64 && type != OFTReal && type != OFTString)
                return makeError(ErrorCode::InvalidInput, "field '" + name + "' is not numeric", path);
            attributeFields.push_back(index);
        }
    } else {
        // KML drivers add styling fields (tessellate, extrude, ...) to every
        // layer; they are not attributes of the units.
        const std::string driver = dataset.GetDriver() ? dataset.GetDriver()->GetDescription() : "";
        const bool kml = driver == "KML" || driver == "LIBKML";
        for (int i = 0; i < definition->GetFieldCount(); ++i) {
            const OGRFieldType type = definition->GetFieldDefn(i)->GetType();
            const std::string name = normalizedName(definition->GetFieldDefn(i)->GetNameRef());
            if (kml && (name == "tessellate" || name == "extrude" || name == "visibility" || name == "draworder"))
                continue;
            if (i != idField && i != nameField && (type == OFTInteger || type == OFTInteger64 || type == OFTReal))
                attributeFields.push_back(i);
        }
    }

    // Coordinate transformation to WGS84 longitude/latitude.
    OGRSpatialReference target;
    target.SetWellKnownGeogCS("WGS84");
    target.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    // An assumed CRS overrides the declared one: files that declare the wrong
    // CRS are common (degrees labelled EPSG:3857).
    const OGRSpatialReference *declared = layer->GetSpatialRef();
    const bool assumed = !options.assumedCrs.empty();
    std::unique_ptr<OGRSpatialReference> source;
    if (assumed) {
        source = std::make_unique<OGRSpatialReference>();
        if (source->SetFromUserInput(options.assumedCrs.c_str()) != OGRERR_NONE)
            return makeError(ErrorCode::InvalidArgument, "unknown coordinate reference system '" + options.assumedCrs + "'",
                             path);
    } else if (declared) {
        source.reset(declared->Clone());
    }
    std::unique_ptr<OGRCoordinateTransformation> transform;
    if (source) {
        // A declared CRS keeps the driver's axis mapping (how the file stores
        // coordinates); an assumed one is read as x = easting/longitude.
        if (assumed)
            source->SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        if (!source->IsSame(&target)
            || source->GetDataAxisToSRSAxisMapping() != target.GetDataAxisToSRSAxisMapping()) {
            transform.reset(OGRCreateCoordinateTransformation(source.get(), &target));
            if (!transform)
                return makeError(ErrorCode::InvalidInput,
                                 "cannot transform the layer's coordinate system (" + crsName(source.get())
                                     + ") to WGS84: " + CPLGetLastErrorMsg(),
                                 path);
        }
        OGREnvelope extent;
        if (layer->GetExtent(&extent, TRUE) == OGRERR_NONE)
            if (const auto implausible = checkCrsDomain(*source, transform.get(), extent))
                return makeError(ErrorCode::InvalidInput,
                                 "layer '" + layerName + "': " + *implausible + " (" + describeExtent(extent) + ", "
                                     + (assumed ? "assumed" : "declared") + " CRS " + crsName(source.get())
                                     + "); if the coordinates are in another CRS, import again with --assume-crs "
                                       "CRS, e.g. --assume-crs EPSG:4326 for longitude/latitude degrees",
                                 path);
    }
    if (assumed && declared && !declared->IsSame(source.get()))
        report(sink, Problem::Severity::Warning, path, 0, {},
               "layer '" + layerName + "' declares " + crsName(declared) + "; read as " + crsName(source.get())
                   + " as assumed");

    UnitLayer out;
    AttributeTable &table = out.attributes();
    std::vector<int> columns;
    for (int field : attributeFields)
        columns.push_back(table.addColumn(definition->GetFieldDefn(field)->GetNameRef()));
    std::vector<std::size_t> missingValues(attributeFields.size(), 0);
    std::unordered_map<std::string, long> firstIndexOfKey;

    ImportStats stats;
    const GIntBig total = layer->GetFeatureCount(FALSE);
    layer->ResetReading();
    long index = 0;
    while (true) {
        std::unique_ptr<OGRFeature> feature(layer->GetNextFeature());
        if (!feature)
            break;
        ++index;
        ++stats.read;
        if ((index & 255) == 0) {
            if (isCancelled(feedback))
                return makeError(ErrorCode::Cancelled, "import cancelled", path);
            if (total > 0)
                reportProgress(feedback, double(index) / double(total), "reading units");
        }
        auto skip = [&](std::string key, std::string message, std::string column = {}) {
            ++stats.skipped;
            report(sink, Problem::Severity::Error, path, index, key, message + "; feature skipped", column);
        };

        std::string key;
        if (idField >= 0) {
            if (!feature->IsFieldSetAndNotNull(idField)) {
                skip({}, "the feature has no id", definition->GetFieldDefn(idField)->GetNameRef());
                continue;
            }
            key = fieldText(*feature, idField, definition->GetFieldDefn(idField), options.idWidth);
            if (key.empty()) {
                skip({}, "the feature has an empty id", definition->GetFieldDefn(idField)->GetNameRef());
                continue;
            }
        } else {
            key = feature->GetFID() == OGRNullFID ? std::to_string(index) : std::to_string(feature->GetFID());
        }
        if (const auto it = firstIndexOfKey.find(key); it != firstIndexOfKey.end()) {
            skip(key, "duplicate id (first used by feature " + std::to_string(it->second) + ")");
            continue;
        }

        const OGRGeometry *geometry = feature->GetGeometryRef();
        if (!geometry || geometry->IsEmpty()) {
            skip(key, "the feature has no geometry");
            continue;
        }
        if (!geometryHasPolygon(geometry)) {
            skip(key, std::string("the geometry is a ") + OGRGeometryTypeToName(geometry->getGeometryType())
                          + ", not a polygon");
            continue;
        }

        std::unique_ptr<OGRGeometry> work(geometry->clone());
        bool repaired = false;
        bool needsFallbackRepair = false;
        std::string invalidReason;
        CPLErrorReset();
        if (!work->IsValid()) {
            invalidReason = CPLGetLastErrorMsg();
            if (invalidReason.empty())
                invalidReason = "self-intersecting or badly nested rings";
            if (!options.repairInvalid) {
                skip(key, "invalid polygon (" + invalidReason + ")");
                continue;
            }
            std::unique_ptr<OGRGeometry> fixed(work->MakeValid());
            if (fixed && !fixed->IsEmpty() && geometryHasPolygon(fixed.get()))
                work = std::move(fixed);
            else
                needsFallbackRepair = true;
            repaired = true;
        }
        if (transform && work->transform(transform.get()) != OGRERR_NONE) {
            skip(key, "the geometry cannot be transformed to WGS84");
            continue;
        }

        auto shape = std::make_shared<MultiPolygon>();
        int otherParts = 0;
        appendPolygons(work.get(), *shape, otherParts);
        if (!shape->hasFiniteCoordinates()) {
            skip(key, "the geometry has coordinates that are not numbers (NaN or infinite)");
            continue;
        }
        // Longitudes up to 360 are the extended longitudes of shapes crossing
        // 180° (170 .. 190) or the 0 .. 360 convention; unwrapAntimeridian
        // stores them in the one convention of the project.
        BoundingBox raw;
        for (const Polygon &polygon : shape->polygons) {
            for (const LonLat &p : polygon.outer.points)
                raw.expand(p);
            for (const Ring &hole : polygon.holes)
                for (const LonLat &p : hole.points)
                    raw.expand(p);
        }
        if (raw.isValid() && (raw.minLon < -180.0 || raw.maxLon > 360.0 || raw.minLat < -90.0 || raw.maxLat > 90.0)) {
            skip(key, source ? "the coordinates fall outside longitude/latitude after reprojection"
                             : "the coordinates are not longitude/latitude degrees; the layer declares no "
                               "coordinate system, so give the one it uses");
            continue;
        }
        // Only after the checks: the fallback repair's exact arithmetic
        // overflows on coordinates far outside the world.
        if (needsFallbackRepair) {
            const geometry::RepairReport repairReport = geometry::repair(*shape);
            (void)repairReport;
        }
        geometry::unwrapAntimeridian(*shape);
        if (shape->isEmpty()) {
            skip(key, repaired ? "invalid polygon (" + invalidReason + ") could not be repaired"
                               : "the polygon has no area");
            continue;
        }
        if (repaired)
            report(sink, Problem::Severity::Warning, path, index, key,
                   "invalid polygon (" + invalidReason + ") repaired");
        if (otherParts > 0 && !repaired) // a repair's collapsed slivers are part of the repair
            report(sink, Problem::Severity::Warning, path, index, key,
                   std::to_string(otherParts) + " non-polygon part(s) of the geometry were dropped");

        Unit unit;
        unit.key = key;
        unit.name = nameField >= 0 && feature->IsFieldSetAndNotNull(nameField) ? feature->GetFieldAsString(nameField)
                                                                               : key;
        unit.centroid = geometry::centroid(*shape);
        unit.areaKm2 = geometry::areaKm2(*shape);
        unit.geometry = std::move(shape);
        const UnitId id = out.add(std::move(unit));
        firstIndexOfKey.emplace(key, index);
        for (std::size_t a = 0; a < attributeFields.size(); ++a) {
            const int field = attributeFields[a];
            double value = 0.0;
            if (!feature->IsFieldSetAndNotNull(field)) {
                ++missingValues[a];
            } else if (definition->GetFieldDefn(field)->GetType() == OFTString) {
                const auto number = parseNumber(feature->GetFieldAsString(field));
                if (number)
                    value = *number;
                else
                    ++missingValues[a];
            } else {
                value = feature->GetFieldAsDouble(field);
            }
            if (!isAcceptedValue(value)) {
                report(sink, Problem::Severity::Warning, path, index, key,
                       std::string(definition->GetFieldDefn(field)->GetNameRef()) + ": " + outOfRangeMessage(value)
                           + "; stored as 0");
                value = 0.0;
            }
            table.setValue(static_cast<std::size_t>(id.value()), columns[a], value);
        }
        ++stats.imported;
        if (repaired)
            ++stats.repaired;
    }

    for (std::size_t a = 0; a < attributeFields.size(); ++a)
        if (missingValues[a] > 0)
            report(sink, Problem::Severity::Warning, path, 0, {},
                   std::to_string(missingValues[a]) + " unit(s) have no numeric value; stored as 0",
                   definition->GetFieldDefn(attributeFields[a])->GetNameRef());
    if (!source)
        report(sink, Problem::Severity::Info, path, 0, {},
               "layer '" + layerName + "' declares no coordinate system; read as WGS84 longitude/latitude");
    {
        std::string chosen = "layer '" + layerName + "' (" + (source ? crsName(source.get()) : "WGS84 assumed")
                             + "): id " + (idField >= 0 ? "'" + std::string(definition->GetFieldDefn(idField)->GetNameRef()) + "'" : "from the feature id")
                             + ", name " + (nameField >= 0 ? "'" + std::string(definition->GetFieldDefn(nameField)->GetNameRef()) + "'" : "= id")
                             + ", attributes: ";
        for (std::size_t a = 0; a < attributeFields.size(); ++a)
            chosen += (a ? ", " : "") + std::string(definition->GetFieldDefn(attributeFields[a])->GetNameRef());
        report(sink, Problem::Severity::Info, path, 0, {}, chosen + (attributeFields.empty() ? "none" : ""));
    }
    if (stats.imported == 0)
        return makeError(ErrorCode::InvalidInput,
                         "no unit could be imported from layer '" + layerName + "' (" + std::to_string(stats.read)
                             + " features read, " + std::to_string(stats.skipped) + " skipped)",
                         path);
    reportProgress(feedback, 1.0, "reading units");
    units = std::move(out);
    return stats;
}

} // namespace tessera::io
