#include "core/io/importformat.h"

#include "core/io/csvreader.h"

namespace tessera::io {

namespace {

constexpr unsigned bits(ImportCapability capability) { return static_cast<unsigned>(capability); }

} // namespace

bool ImportFormat::supportsFile(const std::string &path) const
{
    const std::string lower = normalizedName(path);
    for (const std::string &extension : extensions) {
        const std::string suffix = "." + extension;
        if (lower.size() > suffix.size() && lower.compare(lower.size() - suffix.size(), suffix.size(), suffix) == 0)
            return true;
    }
    return false;
}

std::string ImportFormat::nameFilter() const
{
    std::string out = name + " (";
    for (std::size_t i = 0; i < extensions.size(); ++i)
        out += (i ? " *." : "*.") + extensions[i];
    return out + ")";
}

const std::vector<ImportFormat> &importFormats()
{
    static const std::vector<ImportFormat> formats = {
        {"GeoJSON", {"geojson", "json"}, bits(ImportCapability::Units)},
        {"TopoJSON", {"topojson"}, bits(ImportCapability::Units)},
        {"ESRI Shapefile", {"shp", "shp.zip"}, bits(ImportCapability::Units)},
        {"GeoPackage", {"gpkg"}, bits(ImportCapability::Units)},
        {"KML", {"kml", "kmz"}, bits(ImportCapability::Units)},
        {"FlatGeobuf", {"fgb"}, bits(ImportCapability::Units)},
        {"CSV", {"csv", "tsv", "txt"},
         bits(ImportCapability::Accounts) | bits(ImportCapability::Reps) | bits(ImportCapability::Plan)},
    };
    return formats;
}

const ImportFormat *findImportFormat(const std::string &path, ImportCapability capability)
{
    for (const ImportFormat &format : importFormats())
        if (format.can(capability) && format.supportsFile(path))
            return &format;
    return nullptr;
}

std::string importDialogFilter(ImportCapability capability)
{
    std::string all;
    std::string each;
    for (const ImportFormat &format : importFormats()) {
        if (!format.can(capability))
            continue;
        for (const std::string &extension : format.extensions)
            all += (all.empty() ? "*." : " *.") + extension;
        each += format.nameFilter() + ";;";
    }
    return "All supported (" + all + ");;" + each + "All files (*)";
}

} // namespace tessera::io
