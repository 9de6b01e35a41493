#include "core/optimizer/distancematrix.h"

#include "core/geometry/measure.h"

#include <cmath>
#include <limits>

namespace tessera {

DistanceMatrix::DistanceMatrix(std::size_t rows, std::size_t columns, double fill)
    : mRows(rows), mColumns(columns), mValues(rows * columns, fill)
{
}

bool DistanceMatrix::isIntegral() const
{
    for (double value : mValues) {
        if (value != std::floor(value))
            return false;
    }
    return true;
}

Result<DistanceMatrix> DistanceMatrix::fromEdges(std::size_t vertices, const std::vector<Edge> &edges)
{
    if (vertices == 0)
        return makeError(ErrorCode::InvalidArgument, "graph has no vertex");
    const double infinity = std::numeric_limits<double>::infinity();
    DistanceMatrix matrix(vertices, vertices, infinity);
    for (std::size_t i = 0; i < vertices; ++i)
        matrix.set(i, i, 0.0);
    for (std::size_t e = 0; e < edges.size(); ++e) {
        const Edge &edge = edges[e];
        if (edge.from >= vertices || edge.to >= vertices)
            return makeError(ErrorCode::InvalidInput, "edge " + std::to_string(e + 1) + " names a vertex out of range");
        if (edge.cost < 0.0 || !std::isfinite(edge.cost))
            return makeError(ErrorCode::InvalidInput, "edge " + std::to_string(e + 1) + " has a negative or invalid cost");
        if (edge.from == edge.to)
            continue;
        matrix.set(edge.from, edge.to, edge.cost); // last occurrence wins
        matrix.set(edge.to, edge.from, edge.cost);
    }
    const std::size_t n = vertices;
    double *d = matrix.mValues.data();
    for (std::size_t k = 0; k < n; ++k) {
        const double *rowK = d + k * n;
        for (std::size_t i = 0; i < n; ++i) {
            double *rowI = d + i * n;
            const double dik = rowI[k];
            if (dik == infinity)
                continue;
            for (std::size_t j = 0; j < n; ++j) {
                const double through = dik + rowK[j];
                if (through < rowI[j])
                    rowI[j] = through;
            }
        }
    }
    for (std::size_t i = 0; i < n * n; ++i) {
        if (d[i] == infinity)
            return makeError(ErrorCode::InvalidInput,
                             "graph is disconnected (vertex " + std::to_string(i / n + 1) + " cannot reach vertex "
                                 + std::to_string(i % n + 1) + ")");
    }
    return matrix;
}

DistanceMatrix DistanceMatrix::fromPoints(const std::vector<Point> &customers, const std::vector<Point> &sites,
                                          bool floorDistances)
{
    DistanceMatrix matrix(customers.size(), sites.size());
    for (std::size_t i = 0; i < customers.size(); ++i) {
        for (std::size_t j = 0; j < sites.size(); ++j) {
            const double dx = customers[i].x - sites[j].x;
            const double dy = customers[i].y - sites[j].y;
            double distance = std::sqrt(dx * dx + dy * dy);
            if (floorDistances)
                distance = std::floor(distance);
            matrix.set(i, j, distance);
        }
    }
    return matrix;
}

DistanceMatrix DistanceMatrix::fromLonLat(const std::vector<LonLat> &customers, const std::vector<LonLat> &sites)
{
    DistanceMatrix matrix(customers.size(), sites.size());
    for (std::size_t i = 0; i < customers.size(); ++i) {
        for (std::size_t j = 0; j < sites.size(); ++j)
            matrix.set(i, j, geometry::distanceKm(customers[i], sites[j]));
    }
    return matrix;
}

} // namespace tessera
