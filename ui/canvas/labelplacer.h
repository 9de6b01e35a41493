#pragma once

#include <QColor>
#include <QPointF>
#include <QRectF>
#include <QString>

#include <vector>

class QPainter;

namespace tessera::ui {

/// Greedy label placement: a label is drawn only when its box overlaps no
/// box placed before it (callers offer labels by decreasing priority). A
/// coarse grid keeps the test fast with thousands of labels.
class LabelPlacer {
public:
    explicit LabelPlacer(const QRectF &area, double cellSize = 64.0);
    /// Reserves \a box and returns true when it is free and inside the area.
    bool tryPlace(const QRectF &box);
    /// Reserves \a box unconditionally (e.g. legend, scale bar).
    void reserve(const QRectF &box);

private:
    template<typename Visit>
    void forCells(const QRectF &box, Visit visit);

    QRectF mArea;
    double mCell;
    int mColumns;
    int mRows;
    std::vector<std::vector<QRectF>> mCells;
};

/// Draws \a text at \a baseline with a white halo, readable over any fill.
void drawHaloText(QPainter &painter, QPointF baseline, const QString &text, const QColor &color);

} // namespace tessera::ui
