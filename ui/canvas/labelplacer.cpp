#include "ui/canvas/labelplacer.h"

#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace tessera::ui {

LabelPlacer::LabelPlacer(const QRectF &area, double cellSize)
    : mArea(area), mCell(cellSize), mColumns(std::max(1, static_cast<int>(std::ceil(area.width() / cellSize)))),
      mRows(std::max(1, static_cast<int>(std::ceil(area.height() / cellSize)))),
      mCells(static_cast<std::size_t>(mColumns * mRows))
{
}

template<typename Visit>
void LabelPlacer::forCells(const QRectF &box, Visit visit)
{
    const int x0 = std::clamp(static_cast<int>((box.left() - mArea.left()) / mCell), 0, mColumns - 1);
    const int x1 = std::clamp(static_cast<int>((box.right() - mArea.left()) / mCell), 0, mColumns - 1);
    const int y0 = std::clamp(static_cast<int>((box.top() - mArea.top()) / mCell), 0, mRows - 1);
    const int y1 = std::clamp(static_cast<int>((box.bottom() - mArea.top()) / mCell), 0, mRows - 1);
    for (int y = y0; y <= y1; ++y)
        for (int x = x0; x <= x1; ++x)
            visit(mCells[static_cast<std::size_t>(y * mColumns + x)]);
}

bool LabelPlacer::tryPlace(const QRectF &box)
{
    if (!mArea.contains(box))
        return false;
    bool free = true;
    forCells(box, [&](const std::vector<QRectF> &cell) {
        if (free && std::any_of(cell.begin(), cell.end(), [&](const QRectF &r) { return r.intersects(box); }))
            free = false;
    });
    if (free)
        reserve(box);
    return free;
}

void LabelPlacer::reserve(const QRectF &box)
{
    forCells(box, [&](std::vector<QRectF> &cell) { cell.push_back(box); });
}

void drawHaloText(QPainter &painter, QPointF baseline, const QString &text, const QColor &color)
{
    QPainterPath path;
    path.addText(baseline, painter.font(), text);
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setBrush(Qt::NoBrush);
    painter.setPen(QPen(QColor(255, 255, 255, 220), 3.0, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    painter.drawPath(path);
    painter.setPen(Qt::NoPen);
    painter.setBrush(color);
    painter.drawPath(path);
    painter.restore();
}

} // namespace tessera::ui
