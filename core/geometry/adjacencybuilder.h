#pragma once

#include "core/feedback.h"
#include "core/model/adjacencygraph.h"
#include "core/model/unitlayer.h"
#include "core/result.h"

namespace tessera::geometry {

/// How unit boundaries are matched. Source layers rarely share vertices
/// bit-for-bit: slivers and gaps up to snapToleranceDeg are closed by snapping.
struct AdjacencyOptions {
    /// Vertices closer than this on both axes (degrees; 1e-6 ≈ 0.1 m) are
    /// treated as one, and boundary edges that run along each other within it
    /// (a T-junction, a sliver, a gap) count as shared. Allowed range 1e-7 to
    /// 1; TopoJSON-derived layers and generated Voronoi cells need the default.
    /// Larger values close wider gaps between neighbours but may join units
    /// that only come close. Cost: none.
    double snapToleranceDeg = 1e-6;
    /// Also treat units that only touch at a point as neighbours (queen
    /// adjacency). Off = rook adjacency, which territory design usually wants.
    bool includePointContacts = false;
};

/// Builds unit adjacency from shared boundaries; each edge carries the
/// shared length in km (great-circle, summed over the shared edges). Vertices
/// are snapped on a hash grid and boundary edges matched in a hash table, so
/// the cost is linear in the number of vertices (about 0.1 s of CPU for
/// 35,000 Voronoi cells). Units without geometry become islands. Fails only
/// for a tolerance out of range (InvalidArgument) or when cancelled.
Result<AdjacencyGraph> buildAdjacency(const UnitLayer &units, const AdjacencyOptions &options = {},
                                      Feedback *feedback = nullptr);

} // namespace tessera::geometry
