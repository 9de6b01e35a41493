#include "core/problemsink.h"

#include <algorithm>

namespace tessera {

std::string Problem::toString() const
{
    std::string out;
    if (!file.empty()) {
        out += file;
        if (line > 0)
            out += ":" + std::to_string(line);
        out += ": ";
    } else if (line > 0) {
        out += "line " + std::to_string(line) + ": ";
    }
    if (!column.empty())
        out += "column '" + column + "': ";
    if (!featureId.empty())
        out += "feature '" + featureId + "': ";
    out += message;
    return out;
}

int CollectingProblemSink::count(Problem::Severity severity) const
{
    return static_cast<int>(std::count_if(mProblems.begin(), mProblems.end(),
                                          [severity](const Problem &p) { return p.severity == severity; }));
}

} // namespace tessera
