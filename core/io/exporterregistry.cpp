#include "core/io/exporterregistry.h"

#include "core/io/csvexporter.h"
#include "core/io/csvreader.h"
#include "core/io/vectorexporter.h"
#include "core/io/xlsxexporter.h"

#include <sstream>

namespace tessera::io {

const std::vector<std::unique_ptr<Exporter>> &exporters()
{
    static const std::vector<std::unique_ptr<Exporter>> list = [] {
        std::vector<std::unique_ptr<Exporter>> out;
        out.push_back(std::make_unique<VectorExporter>("GeoPackage", "gpkg", "GPKG", std::vector<std::string>{"gpkg"},
                                                       true));
        out.push_back(std::make_unique<VectorExporter>("ESRI Shapefile", "shp", "ESRI Shapefile",
                                                       std::vector<std::string>{"shp"}, false));
        out.push_back(std::make_unique<VectorExporter>("GeoJSON", "geojson", "GeoJSON",
                                                       std::vector<std::string>{"geojson", "json"}, false));
        out.push_back(
            std::make_unique<VectorExporter>("KML", "kml", "KML", std::vector<std::string>{"kml"}, true));
        out.push_back(std::make_unique<CsvExporter>());
        out.push_back(std::make_unique<XlsxExporter>());
        return out;
    }();
    return list;
}

const Exporter *findExporter(const std::string &key)
{
    const std::string wanted = normalizedName(key);
    for (const auto &exporter : exporters())
        if (exporter->key() == wanted)
            return exporter.get();
    return nullptr;
}

const Exporter *exporterForFile(const std::string &path)
{
    for (const auto &exporter : exporters())
        if (exporter->supportsFile(path))
            return exporter.get();
    return nullptr;
}

std::string exportDialogFilter()
{
    std::string out;
    for (const auto &exporter : exporters())
        out += exporter->nameFilter() + ";;";
    return out + "All files (*)";
}

unsigned parseExportContents(const std::string &text)
{
    unsigned bits = 0;
    std::stringstream stream(text);
    std::string word;
    while (std::getline(stream, word, ',')) {
        word = normalizedName(word);
        bool known = false;
        for (ExportContent content : {ExportContent::Territories, ExportContent::Units, ExportContent::Accounts})
            if (word == exportContentName(content)) {
                bits |= static_cast<unsigned>(content);
                known = true;
            }
        if (!known)
            return 0;
    }
    return bits;
}

} // namespace tessera::io
