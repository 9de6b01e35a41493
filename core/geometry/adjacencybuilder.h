#pragma once

#include "core/feedback.h"
#include "core/model/adjacencygraph.h"
#include "core/model/unitlayer.h"
#include "core/result.h"

namespace tessera::geometry {

/// How unit boundaries are matched. Source layers rarely share vertices
/// bit-for-bit: slivers and gaps up to snapToleranceDeg are closed by snapping.
struct AdjacencyOptions {
    /// Vertices closer than this (degrees; 1e-6 ≈ 0.1 m) are treated as one.
    /// Larger values close wider gaps between neighbours but may join units
    /// that only come close. Cost: none.
    double snapToleranceDeg = 1e-6;
    /// Also treat units that only touch at a point as neighbours (queen
    /// adjacency). Off = rook adjacency, which territory design usually wants.
    bool includePointContacts = false;
};

/// Builds unit adjacency from shared boundaries; each edge carries the
/// shared length in km. Linear in the number of vertices.
Result<AdjacencyGraph> buildAdjacency(const UnitLayer &units, const AdjacencyOptions &options = {},
                                      Feedback *feedback = nullptr);

} // namespace tessera::geometry
