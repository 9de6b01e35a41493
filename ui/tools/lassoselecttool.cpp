#include "ui/tools/lassoselecttool.h"

#include "ui/canvas/mapcanvas.h"
#include "ui/canvas/preparedgeometry.h"
#include "ui/document/document.h"
#include "ui/tools/selectionmodifier.h"

#include <QKeyEvent>
#include <QPainter>

namespace tessera::ui {

LassoSelectTool::LassoSelectTool(QObject *parent) : AbstractTool(tr("Lasso Select"), NoFlags, parent)
{
    setCursor(Qt::CrossCursor);
    setStatusText(tr("Draw around units to select them; Shift adds, Ctrl toggles"));
}

void LassoSelectTool::mousePressed(const MapMouseEvent &event)
{
    if (event.button != Qt::LeftButton)
        return;
    mDrawing = true;
    mPath.clear();
    mPath.append(event.map);
}

void LassoSelectTool::mouseMoved(const MapMouseEvent &event)
{
    if (!mDrawing)
        return;
    mPath.append(event.map);
    canvas()->updateOverlay();
}

void LassoSelectTool::mouseReleased(const MapMouseEvent &event)
{
    if (!mDrawing || event.button != Qt::LeftButton)
        return;
    mDrawing = false;
    mPath.append(event.map);
    if (canvas() && canvas()->geometry() && document() && mPath.size() >= 3)
        applySelection(*document(), canvas()->geometry()->unitsInPolygon(mPath), event.modifiers);
    mPath.clear();
    canvas()->updateOverlay();
}

bool LassoSelectTool::keyPressed(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Escape && mDrawing) {
        mDrawing = false;
        mPath.clear();
        canvas()->updateOverlay();
        return true;
    }
    return false;
}

void LassoSelectTool::paintOverlay(QPainter &painter)
{
    if (!mDrawing || mPath.size() < 2 || !canvas())
        return;
    QPolygonF screen;
    for (const QPointF &p : mPath)
        screen.append(canvas()->toScreen(p));
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(QColor(0, 70, 160), 1.5, Qt::DashLine));
    painter.setBrush(QColor(0, 70, 160, 40));
    painter.drawPolygon(screen);
    painter.restore();
}

} // namespace tessera::ui
