#include "core/io/vectorexporter.h"

#include "core/io/assignmenttable.h"
#include "core/io/figuretable.h"
#include "core/io/gdalsupport.h"
#include "core/metrics/metricsengine.h"
#include "core/metrics/territoryoutlinebuilder.h"
#include "core/model/project.h"

#include <cpl_string.h>
#include <ogr_geometry.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <cmath>
#include <filesystem>
#include <memory>

namespace tessera::io {

namespace {

constexpr unsigned bit(ExportContent content) { return static_cast<unsigned>(content); }

std::string gdalMessage(const std::string &what)
{
    const std::string detail = CPLGetLastErrorMsg();
    return detail.empty() ? what : what + " (" + detail + ")";
}

OGRLinearRing *toOgrRing(const Ring &ring)
{
    auto *out = new OGRLinearRing;
    out->setNumPoints(static_cast<int>(ring.points.size()), false);
    for (std::size_t i = 0; i < ring.points.size(); ++i)
        out->setPoint(static_cast<int>(i), ring.points[i].lon, ring.points[i].lat);
    out->closeRings();
    return out;
}

std::unique_ptr<OGRMultiPolygon> toOgr(const MultiPolygon &shape)
{
    auto out = std::make_unique<OGRMultiPolygon>();
    for (const Polygon &polygon : shape.polygons) {
        auto *p = new OGRPolygon;
        p->addRingDirectly(toOgrRing(polygon.outer));
        for (const Ring &hole : polygon.holes)
            p->addRingDirectly(toOgrRing(hole));
        out->addGeometryDirectly(p);
    }
    return out;
}

/// Always a MultiPolygon, so every feature of the layer has one type.
std::unique_ptr<OGRGeometry> asMultiPolygon(std::unique_ptr<OGRGeometry> geometry)
{
    if (!geometry)
        return geometry;
    const OGRwkbGeometryType type = wkbFlatten(geometry->getGeometryType());
    if (type == wkbMultiPolygon)
        return geometry;
    if (type == wkbPolygon) {
        auto multi = std::make_unique<OGRMultiPolygon>();
        multi->addGeometryDirectly(geometry.release());
        return multi;
    }
    // A collection (MakeValid may return one): keep its polygonal parts.
    auto multi = std::make_unique<OGRMultiPolygon>();
    if (auto *collection = dynamic_cast<OGRGeometryCollection *>(geometry.get()))
        for (int i = 0; i < collection->getNumGeometries(); ++i) {
            const OGRGeometry *part = collection->getGeometryRef(i);
            if (wkbFlatten(part->getGeometryType()) == wkbPolygon)
                multi->addGeometry(part);
            else if (wkbFlatten(part->getGeometryType()) == wkbMultiPolygon)
                for (const OGRPolygon *p : *part->toMultiPolygon())
                    multi->addGeometry(p);
        }
    return multi;
}

/// The dissolved shape of one territory: its outline rings, holes placed in
/// their shells by GDAL. Where the outline did not close (units that do not
/// share vertices) or came out invalid, the territory's unit polygons are
/// unioned instead.
std::unique_ptr<OGRGeometry> dissolvedShape(const TerritoryOutline &outline, const Project &project,
                                            const std::vector<UnitId> &units)
{
    if (units.empty())
        return nullptr;
    if (outline.openLines.empty() && !outline.rings.empty()) {
        std::vector<OGRGeometry *> rings;
        for (const Ring &ring : outline.rings) {
            auto *polygon = new OGRPolygon;
            polygon->addRingDirectly(toOgrRing(ring));
            rings.push_back(polygon);
        }
        int valid = 0;
        const char *options[] = {"METHOD=ONLY_CCW", nullptr};
        std::unique_ptr<OGRGeometry> shape(OGRGeometryFactory::organizePolygons(
            rings.data(), static_cast<int>(rings.size()), &valid, options));
        if (shape && shape->IsValid())
            return asMultiPolygon(std::move(shape));
    }
    OGRMultiPolygon pieces;
    for (UnitId id : units)
        if (const auto &geometry = project.units().unit(id).geometry)
            for (const OGRPolygon *p : *toOgr(*geometry))
                pieces.addGeometry(p);
    std::unique_ptr<OGRGeometry> unioned(pieces.UnionCascaded());
    if (unioned && !unioned->IsValid())
        unioned.reset(unioned->MakeValid());
    return asMultiPolygon(std::move(unioned));
}

class LayerWriter {
public:
    LayerWriter(GDALDataset &dataset, const std::string &driver) : mDataset(dataset), mDriver(driver)
    {
        mSrs.importFromEPSG(4326);
        mSrs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    }

    Result<OGRLayer *> create(const std::string &name, OGRwkbGeometryType type, const std::string &path)
    {
        char **options = nullptr;
        if (mDriver == "ESRI Shapefile")
            options = CSLSetNameValue(options, "ENCODING", "UTF-8");
        if (mDriver == "GeoJSON")
            options = CSLSetNameValue(options, "RFC7946", "YES");
        OGRLayer *layer = mDataset.CreateLayer(name.c_str(), &mSrs, type, options);
        CSLDestroy(options);
        if (!layer)
            return makeError(ErrorCode::IoError, gdalMessage("cannot create layer '" + name + "'"), path);
        return layer;
    }

    static Result<void> addField(OGRLayer *layer, const std::string &name, OGRFieldType type, const std::string &path)
    {
        OGRFieldDefn field(name.c_str(), type);
        if (layer->CreateField(&field) != OGRERR_NONE)
            return makeError(ErrorCode::IoError, gdalMessage("cannot create field '" + name + "'"), path);
        return {};
    }

private:
    GDALDataset &mDataset;
    std::string mDriver;
    OGRSpatialReference mSrs;
};

Result<void> addFeature(OGRLayer *layer, OGRFeature &feature, const std::string &path)
{
    if (layer->CreateFeature(&feature) != OGRERR_NONE)
        return makeError(ErrorCode::IoError, gdalMessage("cannot write a feature"), path);
    return {};
}

} // namespace

VectorExporter::VectorExporter(std::string name, std::string key, std::string driver,
                               std::vector<std::string> extensions, bool holdsSeveral)
    : mName(std::move(name)), mKey(std::move(key)), mDriver(std::move(driver)), mExtensions(std::move(extensions)),
      mHoldsSeveral(holdsSeveral)
{
}

unsigned VectorExporter::contents() const
{
    return bit(ExportContent::Territories) | bit(ExportContent::Units) | bit(ExportContent::Accounts);
}

Result<ExportStats> VectorExporter::writeStaged(const ExportSource &source, unsigned contents, const std::string &path,
                                                Feedback *feedback) const
{
    ensureGdal();
    QuietGdal quiet;
    GDALDriver *driver = GetGDALDriverManager()->GetDriverByName(mDriver.c_str());
    if (!driver)
        return makeError(ErrorCode::Internal, "GDAL has no " + mDriver + " driver", path);
    char **options = nullptr;
    if (mDriver == "KML")
        options = CSLSetNameValue(options, "NameField", "name");
    DatasetPtr dataset(driver->Create(path.c_str(), 0, 0, 0, GDT_Unknown, options));
    CSLDestroy(options);
    if (!dataset)
        return makeError(ErrorCode::IoError, gdalMessage("cannot create the file"), path);
    LayerWriter writer(*dataset, mDriver);
    const bool single = !mHoldsSeveral;
    const std::string stem = std::filesystem::path(path).stem().string();
    const Project &project = source.project;
    ExportStats stats;

    if (contents & bit(ExportContent::Territories)) {
        const std::string layerName = single ? stem : "territories";
        auto layer = writer.create(layerName, wkbMultiPolygon, path);
        if (!layer)
            return layer.error();
        const FigureTable table = FigureTable::build(project, source.metrics);
        if (mDriver == "KML")
            if (auto r = LayerWriter::addField(*layer, "name", OFTString, path); !r)
                return r.error();
        for (const FigureColumn &column : table.columns()) {
            const OGRFieldType type = column.kind == FigureColumn::Kind::Text      ? OFTString
                                      : column.kind == FigureColumn::Kind::Integer ? OFTInteger64
                                                                                   : OFTReal;
            if (auto r = LayerWriter::addField(*layer, column.key, type, path); !r)
                return r.error();
        }
        // The one place dissolved outlines are built for export.
        const TerritoryOutlineBuilder builder(project.units());
        const std::vector<TerritoryOutline> outlines =
            builder.build(source.metrics.alignment(), source.metrics.territoryCount());
        const OGRFeatureDefn *definition = (*layer)->GetLayerDefn();
        const int offset = mDriver == "KML" ? 1 : 0;
        for (std::size_t r = 0; r < table.rowCount(); ++r) {
            if (isCancelled(feedback))
                return makeError(ErrorCode::Cancelled, "export cancelled", path);
            reportProgress(feedback, 0.8 * static_cast<double>(r) / static_cast<double>(table.rowCount()),
                           "dissolving territories");
            OGRFeature feature(const_cast<OGRFeatureDefn *>(definition));
            if (offset)
                feature.SetField(0, table.text(r, 0).c_str());
            for (std::size_t c = 0; c < table.columns().size(); ++c) {
                const int field = static_cast<int>(c) + offset;
                const FigureColumn &column = table.columns()[c];
                if (column.kind == FigureColumn::Kind::Text) {
                    feature.SetField(field, table.text(r, c).c_str());
                } else if (const double value = table.number(r, c); std::isfinite(value)) {
                    if (column.kind == FigureColumn::Kind::Integer)
                        feature.SetField(field, static_cast<GIntBig>(std::llround(value)));
                    else
                        feature.SetField(field, value);
                } else {
                    feature.SetFieldNull(field);
                }
            }
            const TerritoryId t(static_cast<std::int32_t>(r));
            if (std::unique_ptr<OGRGeometry> shape = dissolvedShape(outlines[r], project, source.metrics.unitsOf(t)))
                feature.SetGeometryDirectly(shape.release());
            if (auto added = addFeature(*layer, feature, path); !added)
                return added.error();
            ++stats.features;
        }
        stats.layers.push_back(layerName);
    }

    for (ExportContent content : {ExportContent::Units, ExportContent::Accounts}) {
        if (!(contents & bit(content)))
            continue;
        const bool accounts = content == ExportContent::Accounts;
        const std::string layerName = single ? stem : exportContentName(content);
        auto layer = writer.create(layerName, accounts ? wkbPoint : wkbMultiPolygon, path);
        if (!layer)
            return layer.error();
        const AssignmentTable table = AssignmentTable::build(source, content);
        const int offset = mDriver == "KML" ? 1 : 0;
        if (offset)
            if (auto r = LayerWriter::addField(*layer, "name", OFTString, path); !r)
                return r.error();
        for (const std::string &column : table.columns())
            if (auto r = LayerWriter::addField(*layer, column, OFTString, path); !r)
                return r.error();
        const OGRFeatureDefn *definition = (*layer)->GetLayerDefn();
        const bool transaction = (*layer)->StartTransaction() == OGRERR_NONE;
        for (std::size_t r = 0; r < table.rowCount(); ++r) {
            if ((r & 1023) == 0 && isCancelled(feedback))
                return makeError(ErrorCode::Cancelled, "export cancelled", path);
            OGRFeature feature(const_cast<OGRFeatureDefn *>(definition));
            const std::vector<std::string> &row = table.row(r);
            if (offset)
                feature.SetField(0, row[1].c_str());
            for (std::size_t c = 0; c < row.size(); ++c)
                feature.SetField(static_cast<int>(c) + offset, row[c].c_str());
            if (accounts) {
                const Account &account = project.accounts().account(AccountId(table.entity(r)));
                feature.SetGeometryDirectly(new OGRPoint(account.location.lon, account.location.lat));
            } else if (const auto &geometry = project.units().unit(UnitId(table.entity(r))).geometry) {
                feature.SetGeometryDirectly(toOgr(*geometry).release());
            }
            if (auto added = addFeature(*layer, feature, path); !added)
                return added.error();
            ++stats.features;
        }
        if (transaction && (*layer)->CommitTransaction() != OGRERR_NONE)
            return makeError(ErrorCode::IoError, gdalMessage("cannot write layer '" + layerName + "'"), path);
        stats.layers.push_back(layerName);
    }
    dataset->FlushCache();
    dataset.reset(); // closes the file: everything is on disk before the rename
    return stats;
}

} // namespace tessera::io
