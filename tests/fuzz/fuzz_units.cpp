// libFuzzer target: unit import through GDAL from a GeoJSON (or TopoJSON,
// which GDAL's GeoJSON driver also reads) document.
#include "fuzzinput.h"

#include "core/io/unitimporter.h"
#include "core/model/unitlayer.h"
#include "core/problemsink.h"

#include <cmath>
#include <cstdlib>

using namespace tessera;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string path = fuzz::scratchFile(data, size, ".geojson");
    UnitLayer units;
    CollectingProblemSink sink;
    auto stats = io::importUnits(path, {}, units, &sink);
    if (stats)
        for (const Unit &unit : units.units())
            if (!std::isfinite(unit.centroid.lon) || !std::isfinite(unit.centroid.lat) || !std::isfinite(unit.areaKm2))
                std::abort(); // a unit the importer promised to refuse
    return 0;
}
