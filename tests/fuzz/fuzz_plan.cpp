// libFuzzer target: the plan importer and the adjacency reader, against a
// small fixed unit layer (ids 1..4) and two reps.
#include "fuzzinput.h"

#include "core/io/adjacencyreader.h"
#include "core/io/planimporter.h"
#include "core/model/unitlayer.h"
#include "core/problemsink.h"

#include <string_view>

using namespace tessera;

namespace {

const UnitLayer &fixedUnits()
{
    static const UnitLayer units = [] {
        UnitLayer layer;
        for (int i = 1; i <= 4; ++i) {
            Unit unit;
            unit.key = std::to_string(i);
            unit.name = "Unit " + unit.key;
            unit.centroid = {double(i), double(i)};
            layer.add(unit);
        }
        return layer;
    }();
    return units;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const UnitLayer &units = fixedUnits();
    CollectingProblemSink sink;
    const std::string_view text(reinterpret_cast<const char *>(data), size);
    if (auto table = io::parseCsv(text, "plan.csv")) {
        std::vector<Rep> reps(2);
        reps[0].id = RepId(0);
        reps[0].name = "Ann";
        reps[1].id = RepId(1);
        reps[1].name = "Bob";
        Scenario scenario;
        (void)io::importPlan(*table, {}, units, reps, scenario, &sink);
    }
    std::vector<std::string> keys;
    for (const Unit &unit : units.units())
        keys.push_back(unit.key);
    (void)io::readAdjacencyCsv(fuzz::scratchFile(data, size, ".csv"), keys, &sink);
    return 0;
}
