#pragma once

#include "core/feedback.h"
#include "core/model/geo.h"
#include "core/model/ids.h"

#include <QPainterPath>
#include <QPolygonF>
#include <QRectF>

#include <array>
#include <memory>
#include <vector>

namespace tessera::geometry {
class UnitTopology;
}

namespace tessera::ui {

/// One unit drawn at one zoom band: closed rings in Mercator metres. Units
/// with holes also carry a ready QPainterPath (odd-even fill).
struct PreparedShape {
    std::vector<QPolygonF> rings;
    QPainterPath path; ///< only set when the shape has holes
};

/// A piece of boundary shared by two units (or on the outer edge of the
/// layer, right invalid): one arc of the unit topology. Territory borders are
/// the arcs whose two sides belong to different territories.
struct BoundaryArc {
    UnitId left;
    UnitId right;
};

/// Unit geometry made ready for drawing, built once per project off the GUI
/// thread and then only read (shared as shared_ptr<const>): core's unit
/// topology (geometry::UnitTopology) projected to Web Mercator, each arc
/// simplified once per zoom band (so neighbours stay gap-free at every band)
/// and unit shapes rebuilt from the arcs, with bounds, label points and a grid
/// index for picking. Nothing in it knows about pixels. Arc indices are the
/// topology's.
class PreparedGeometry {
public:
    static constexpr int BandCount = 6;

    /// Builds from the units' WGS84 shapes (index = unit id); null shapes are empty.
    /// Returns null when cancelled through \a feedback.
    static std::shared_ptr<const PreparedGeometry>
    build(const std::vector<std::shared_ptr<const MultiPolygon>> &shapes, Feedback *feedback = nullptr);

    /// Simplification tolerance of \a band in Mercator metres (band 0 = exact).
    static double bandTolerance(int band);
    /// The coarsest band whose error stays under half a pixel at \a metersPerPixel.
    static int bandFor(double metersPerPixel);

    std::size_t unitCount() const { return mBounds.size(); }
    QRectF extent() const { return mExtent; }
    const QRectF &bounds(UnitId unit) const { return mBounds[index(unit)]; }
    /// Where a unit's label and hover info go: the centroid of its largest ring.
    QPointF labelPoint(UnitId unit) const { return mLabelPoints[index(unit)]; }
    const PreparedShape &shape(UnitId unit, int band) const { return mShapes[static_cast<std::size_t>(band)][index(unit)]; }

    /// The topology the arcs come from (for territory outlines and export).
    const std::shared_ptr<const geometry::UnitTopology> &topology() const { return mTopology; }
    const std::vector<BoundaryArc> &arcs() const { return mArcs; }
    const QPolygonF &arcLine(std::size_t arc, int band) const { return mArcLines[static_cast<std::size_t>(band)][arc]; }
    const QRectF &arcBounds(std::size_t arc) const { return mArcBounds[arc]; }

    /// The unit whose exact shape contains \a map (Mercator), or invalid.
    UnitId unitAt(QPointF map) const;
    /// Units whose label point lies inside \a polygon (Mercator).
    std::vector<UnitId> unitsInPolygon(const QPolygonF &polygon) const;
    /// Units whose label point lies inside \a rect (Mercator).
    std::vector<UnitId> unitsInRect(const QRectF &rect) const;
    /// Units whose bounds intersect \a rect.
    std::vector<UnitId> unitsIntersecting(const QRectF &rect) const;
    /// Units under a disc (label point within \a radius, or containing the centre).
    std::vector<UnitId> unitsInDisc(QPointF center, double radius) const;

private:
    static std::size_t index(UnitId unit) { return static_cast<std::size_t>(unit.value()); }
    void buildGrid();
    template<typename Visit>
    void forCells(const QRectF &rect, Visit visit) const;

    std::shared_ptr<const geometry::UnitTopology> mTopology;
    QRectF mExtent;
    std::vector<QRectF> mBounds;
    std::vector<QPointF> mLabelPoints;
    std::array<std::vector<PreparedShape>, BandCount> mShapes;
    std::vector<BoundaryArc> mArcs;
    std::vector<QRectF> mArcBounds;
    std::array<std::vector<QPolygonF>, BandCount> mArcLines;

    int mGridColumns = 0;
    int mGridRows = 0;
    std::vector<std::vector<std::int32_t>> mGrid;
};

} // namespace tessera::ui
