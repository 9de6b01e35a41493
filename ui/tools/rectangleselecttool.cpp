#include "ui/tools/rectangleselecttool.h"

#include "ui/canvas/mapcanvas.h"
#include "ui/canvas/preparedgeometry.h"
#include "ui/document/document.h"
#include "ui/tools/selectionmodifier.h"

#include <QKeyEvent>
#include <QPainter>

namespace tessera::ui {

RectangleSelectTool::RectangleSelectTool(QObject *parent) : AbstractTool(tr("Rectangle Select"), NoFlags, parent)
{
    setCursor(Qt::CrossCursor);
    setStatusText(tr("Drag a rectangle to select units; Shift adds, Ctrl toggles"));
}

void RectangleSelectTool::mousePressed(const MapMouseEvent &event)
{
    if (event.button != Qt::LeftButton)
        return;
    mDragging = true;
    mStartMap = mEndMap = event.map;
}

void RectangleSelectTool::mouseMoved(const MapMouseEvent &event)
{
    if (!mDragging)
        return;
    mEndMap = event.map;
    canvas()->updateOverlay();
}

void RectangleSelectTool::mouseReleased(const MapMouseEvent &event)
{
    if (!mDragging || event.button != Qt::LeftButton)
        return;
    mDragging = false;
    mEndMap = event.map;
    if (canvas() && canvas()->geometry() && document()) {
        const QRectF rect = QRectF(mStartMap, mEndMap).normalized();
        applySelection(*document(), canvas()->geometry()->unitsInRect(rect), event.modifiers);
    }
    canvas()->updateOverlay();
}

bool RectangleSelectTool::keyPressed(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Escape && mDragging) {
        mDragging = false;
        canvas()->updateOverlay();
        return true;
    }
    return false;
}

void RectangleSelectTool::paintOverlay(QPainter &painter)
{
    if (!mDragging || !canvas())
        return;
    const QRectF r = QRectF(canvas()->toScreen(mStartMap), canvas()->toScreen(mEndMap)).normalized();
    painter.save();
    painter.setPen(QPen(QColor(0, 70, 160), 1.5, Qt::DashLine));
    painter.setBrush(QColor(0, 70, 160, 40));
    painter.drawRect(r);
    painter.restore();
}

} // namespace tessera::ui
