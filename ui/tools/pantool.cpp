#include "ui/tools/pantool.h"

namespace tessera::ui {

PanTool::PanTool(QObject *parent) : AbstractTool(tr("Pan"), AllowsPanDrag, parent)
{
    setCursor(Qt::OpenHandCursor);
    setStatusText(tr("Drag to pan, wheel to zoom, double-click to zoom in"));
}

} // namespace tessera::ui
