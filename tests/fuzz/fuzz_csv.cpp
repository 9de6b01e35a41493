// libFuzzer target: the CSV reader and the importers built on it (points,
// accounts, reps). Any crash, sanitizer report or hang is a finding.
#include "fuzzinput.h"

#include "core/io/accountimporter.h"
#include "core/io/csvreader.h"
#include "core/io/pointsreader.h"
#include "core/io/repimporter.h"
#include "core/model/accountlayer.h"
#include "core/problemsink.h"

#include <cmath>
#include <cstdlib>
#include <string_view>

using namespace tessera;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char *>(data), size);
    CollectingProblemSink sink;
    auto table = io::parseCsv(text, "fuzz.csv");
    if (table) {
        AccountLayer accounts;
        (void)io::importAccounts(*table, {}, accounts, &sink);
        std::vector<Rep> reps;
        (void)io::importReps(*table, {}, reps, &sink);
    }
    const std::string path = fuzz::scratchFile(data, size, ".csv");
    io::PointsReadOptions options;
    options.idColumn.clear();
    auto points = io::readPointsCsv(path, options, &sink);
    if (points)
        for (const LonLat &p : points->positions)
            if (!std::isfinite(p.lon) || !std::isfinite(p.lat) || std::abs(p.lon) > 180 || std::abs(p.lat) > 90)
                std::abort(); // a position the reader promised to refuse
    return 0;
}
