#include "ui/tools/abstracttool.h"

#include "ui/canvas/mapcanvas.h"

#include <QKeyEvent>

namespace tessera::ui {

AbstractTool::AbstractTool(const QString &name, Flags flags, QObject *parent)
    : QObject(parent), mName(name), mFlags(flags), mCursor(Qt::ArrowCursor)
{
}

void AbstractTool::activate(MapCanvas *canvas)
{
    mCanvas = canvas;
}

void AbstractTool::deactivate()
{
    if (mCanvas)
        mCanvas->updateOverlay();
    mCanvas = nullptr;
}

bool AbstractTool::keyPressed(QKeyEvent *event)
{
    Q_UNUSED(event)
    return false;
}

Document *AbstractTool::document() const
{
    return mCanvas ? mCanvas->document() : nullptr;
}

void AbstractTool::setStatusText(const QString &text)
{
    if (text == mStatusText)
        return;
    mStatusText = text;
    emit statusTextChanged(text);
}

} // namespace tessera::ui
