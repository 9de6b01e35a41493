#include "core/optimizer/homelabelling.h"

#include "core/optimizer/glpkguard.h"
#include "core/optimizer/planevaluation.h"

#include <glpk.h>

#include <algorithm>
#include <cmath>
#include <cstddef>

namespace tessera {

namespace {

struct VertexData {
    int set; ///< 0: a territory, 1: a home
};

struct ArcData {
    double cost;
    int chosen;
};

} // namespace

std::vector<int> labelsByHome(const DistrictingProblem &problem, const OptimizerOptions &options,
                              const std::vector<int> &plan)
{
    const int k = options.territories;
    if (k <= 0 || problem.fixedCentres.size() != static_cast<std::size_t>(k) || plan.size() != problem.unitCount())
        return {};
    // Travel of every territory when served from every home.
    const std::vector<double> weights = districting::travelWeights(problem, options);
    std::vector<double> cost(static_cast<std::size_t>(k) * static_cast<std::size_t>(k), 0.0);
    for (std::size_t i = 0; i < plan.size(); ++i) {
        const int t = plan[i];
        if (t < 0 || t >= k)
            continue;
        for (int h = 0; h < k; ++h)
            cost[static_cast<std::size_t>(t) * static_cast<std::size_t>(k) + static_cast<std::size_t>(h)] +=
                districting::travelCost(options, weights[i], problem.points[i], problem.fixedCentres[static_cast<std::size_t>(h)]);
    }
    // The assignment solver works on integral costs: scale the largest to 1e6.
    const double largest = *std::max_element(cost.begin(), cost.end());
    if (!std::isfinite(largest))
        return {};
    const double scale = largest > 0 ? 1e6 / largest : 1.0;

    std::vector<int> rename;
    // A GLPK failure keeps the labels as they are (an empty renaming).
    const auto solved = glpk::run("matching territories to homes", [&] {
        glp_graph *graph = glp_create_graph(sizeof(VertexData), sizeof(ArcData));
        glp_add_vertices(graph, 2 * k);
        for (int v = 1; v <= 2 * k; ++v)
            static_cast<VertexData *>(graph->v[v]->data)->set = v <= k ? 0 : 1;
        for (int t = 0; t < k; ++t) {
            for (int h = 0; h < k; ++h) {
                glp_arc *arc = glp_add_arc(graph, t + 1, k + h + 1);
                auto *data = static_cast<ArcData *>(arc->data);
                data->cost = std::round(cost[static_cast<std::size_t>(t) * static_cast<std::size_t>(k) + static_cast<std::size_t>(h)] * scale);
                data->chosen = 0;
            }
        }
        double total = 0.0;
        const int status = glp_asnprob_okalg(GLP_ASN_MIN, graph, offsetof(VertexData, set), offsetof(ArcData, cost),
                                             &total, offsetof(ArcData, chosen));
        if (status == 0) {
            rename.assign(static_cast<std::size_t>(k), -1);
            for (int t = 0; t < k; ++t) {
                for (glp_arc *arc = graph->v[t + 1]->out; arc; arc = arc->t_next) {
                    if (static_cast<ArcData *>(arc->data)->chosen)
                        rename[static_cast<std::size_t>(t)] = arc->head->i - k - 1;
                }
            }
        }
        glp_delete_graph(graph);
    });
    if (!solved || std::find(rename.begin(), rename.end(), -1) != rename.end())
        rename.clear();
    return rename;
}

} // namespace tessera
