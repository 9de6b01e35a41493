#include "core/optimizer/locationresult.h"

namespace tessera {

const char *locationStopName(LocationStop stop)
{
    switch (stop) {
    case LocationStop::ProvenOptimal: return "proven-optimal";
    case LocationStop::WorkBudget: return "work-budget";
    case LocationStop::TimeLimit: return "time-limit";
    case LocationStop::Converged: return "converged";
    }
    return "unknown";
}

} // namespace tessera
