#include "ui/tools/pickpointtool.h"

#include "ui/canvas/webmercator.h"

#include <QKeyEvent>

namespace tessera::ui {

PickPointTool::PickPointTool(QObject *parent) : AbstractTool(tr("Pick a Point"), NoFlags, parent)
{
    setCursor(Qt::CrossCursor);
    setStatusText(tr("Click the map to pick a point, Esc to cancel"));
}

void PickPointTool::activate(MapCanvas *canvas)
{
    AbstractTool::activate(canvas);
    mWaiting = true;
}

void PickPointTool::deactivate()
{
    AbstractTool::deactivate();
    mWaiting = false;
    emit deactivated();
}

void PickPointTool::mousePressed(const MapMouseEvent &event)
{
    if (event.button != Qt::LeftButton || !mWaiting)
        return;
    mWaiting = false;
    emit picked(mercator::unproject(event.map));
}

bool PickPointTool::keyPressed(QKeyEvent *event)
{
    if (event->key() != Qt::Key_Escape || !mWaiting)
        return false;
    mWaiting = false;
    emit cancelled();
    return true;
}

} // namespace tessera::ui
