#pragma once

#include "core/model/geo.h"
#include "core/result.h"

#include <cstddef>
#include <string>
#include <vector>

namespace tessera {

/// A dense rows x columns cost matrix: rows are customers (demand points),
/// columns are candidate sites. Row-major doubles; n = 1,000 costs 8 MB.
class DistanceMatrix {
public:
    DistanceMatrix() = default;
    DistanceMatrix(std::size_t rows, std::size_t columns, double fill = 0.0);

    std::size_t rows() const { return mRows; }
    std::size_t columns() const { return mColumns; }
    bool isEmpty() const { return mRows == 0 || mColumns == 0; }

    double at(std::size_t row, std::size_t column) const { return mValues[row * mColumns + column]; }
    void set(std::size_t row, std::size_t column, double value) { mValues[row * mColumns + column] = value; }
    const double *row(std::size_t index) const { return mValues.data() + index * mColumns; }

    /// True when every entry is a whole number (objective values are then integers
    /// and a lower bound may be rounded up).
    bool isIntegral() const;

    /// One undirected edge i-j with cost c; vertices are 0-based.
    struct Edge {
        std::size_t from = 0;
        std::size_t to = 0;
        double cost = 0.0;
    };

    /// All-pairs shortest paths on a graph of \a vertices: c(i,i) = 0, edges are
    /// applied in order so a repeated pair takes its LAST cost (OR-Library's rule),
    /// then Floyd-Warshall. Fails when the graph is disconnected or a vertex index
    /// is out of range.
    static Result<DistanceMatrix> fromEdges(std::size_t vertices, const std::vector<Edge> &edges);

    /// Planar points, Euclidean distances; \a floorDistances rounds each one down
    /// to an integer (the OR-Library pmedcap1 convention).
    struct Point {
        double x = 0.0;
        double y = 0.0;
    };
    static DistanceMatrix fromPoints(const std::vector<Point> &customers, const std::vector<Point> &sites,
                                     bool floorDistances = false);

    /// Great-circle distances in kilometres (geometry::distanceKm).
    static DistanceMatrix fromLonLat(const std::vector<LonLat> &customers, const std::vector<LonLat> &sites);

private:
    std::size_t mRows = 0;
    std::size_t mColumns = 0;
    std::vector<double> mValues;
};

} // namespace tessera
