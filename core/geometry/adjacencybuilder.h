#pragma once

#include "core/feedback.h"
#include "core/geometry/unittopology.h"
#include "core/model/adjacencygraph.h"
#include "core/model/unitlayer.h"
#include "core/result.h"

namespace tessera::geometry {

/// How unit boundaries are matched for adjacency.
struct AdjacencyOptions {
    /// The topology's snapping tolerance (degrees, 1e-7 to 1; see
    /// DefaultSnapToleranceDeg): vertices closer than this on both axes are one,
    /// and boundary edges that run along each other within it (a T-junction, a
    /// sliver, a gap) count as shared. TopoJSON-derived layers and generated
    /// Voronoi cells need the default. Larger values close wider gaps between
    /// neighbours but may join units that only come close. Cost: none.
    double snapToleranceDeg = DefaultSnapToleranceDeg;
    /// Also treat units that only touch at a point as neighbours (queen
    /// adjacency). Off = rook adjacency, which territory design usually wants.
    bool includePointContacts = false;
};

/// Unit adjacency read off a built topology: units on the two sides of an
/// arc, plus its loose contacts, are rook neighbours; each edge carries the
/// shared length in km (great-circle, summed over the shared arcs and loose
/// contacts). With \a includePointContacts, units meeting only at a junction
/// vertex become neighbours with a shared length of 0. Units without rings
/// become islands. Linear in the number of arcs plus a sort.
AdjacencyGraph buildAdjacency(const UnitTopology &topology, bool includePointContacts = false);

/// Builds the topology of \a units with options.snapToleranceDeg and reads
/// the adjacency off it (about 0.1 s of CPU for 35,000 Voronoi cells). Fails
/// only for a tolerance out of range (InvalidArgument) or when cancelled.
Result<AdjacencyGraph> buildAdjacency(const UnitLayer &units, const AdjacencyOptions &options = {},
                                      Feedback *feedback = nullptr);

} // namespace tessera::geometry
