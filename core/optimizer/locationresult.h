#pragma once

#include <cstddef>
#include <ostream>
#include <string>
#include <vector>

namespace tessera {

/// Why a location solve stopped.
enum class LocationStop {
    ProvenOptimal,   ///< the lower bound meets the objective (gap closed)
    WorkBudget,      ///< the iteration / node budget was used up (deterministic)
    TimeLimit,       ///< the wall-clock safety stop fired (result may vary run to run)
    Converged        ///< the search found no further improvement within its rules
};

const char *locationStopName(LocationStop stop);

/// The answer to a LocationProblem.
struct LocationResult {
    /// Chosen site indices (columns of the distance matrix), ascending.
    std::vector<std::size_t> sites;
    /// Site index per customer.
    std::vector<std::size_t> assignment;
    /// sum_i weight_i * d(i, assignment_i).
    double objective = 0.0;
    /// A valid lower bound on the optimum (Lagrangian or LP/MIP bound).
    double lowerBound = 0.0;
    /// (objective - lowerBound) / objective, 0 when proven optimal.
    double gap = 0.0;
    /// Wall-clock seconds spent.
    double seconds = 0.0;
    LocationStop stop = LocationStop::Converged;
    /// Which method produced the bound ("lagrangian", "lagrangian-knapsack", "mip", ...).
    std::string boundMethod;
    /// Search statistics.
    std::size_t iterations = 0;  ///< VNS / improvement iterations
    std::size_t swaps = 0;       ///< applied site swaps
    std::size_t mipNodes = 0;    ///< branch-and-bound nodes (exact path)

    bool isProvenOptimal() const { return stop == LocationStop::ProvenOptimal; }

    friend std::ostream &operator<<(std::ostream &out, const LocationResult &r)
    {
        return out << "LocationResult{objective=" << r.objective << ", lowerBound=" << r.lowerBound
                   << ", gap=" << r.gap << ", sites=" << r.sites.size() << ", stop=" << locationStopName(r.stop)
                   << '}';
    }
};

} // namespace tessera
