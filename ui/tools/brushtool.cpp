#include "ui/tools/brushtool.h"

#include "ui/canvas/mapcanvas.h"
#include "ui/canvas/preparedgeometry.h"
#include "ui/commands/assignunitscommand.h"
#include "ui/document/document.h"

#include <QKeyEvent>
#include <QPainter>
#include <QUndoStack>

namespace tessera::ui {

BrushTool::BrushTool(QObject *parent) : AbstractTool(tr("Brush"), EditTool, parent)
{
    setCursor(Qt::BlankCursor);
    setStatusText(tr("Drag to paint units into the current territory; [ and ] change the size"));
}

void BrushTool::mousePressed(const MapMouseEvent &event)
{
    if (event.button != Qt::LeftButton || !document())
        return;
    if (!document()->isValidTerritory(document()->currentTerritory())) {
        emit message(tr("Choose a territory to paint with first (click it in the territory list)"));
        return;
    }
    mPainting = true;
    static int strokes = 0;
    mStroke = ++strokes;
    mLockedSkipped.clear();
    paintAt(event.map);
}

void BrushTool::mouseMoved(const MapMouseEvent &event)
{
    mHasCursor = true;
    mCursor = event.screen;
    if (mPainting)
        paintAt(event.map);
    if (canvas())
        canvas()->updateOverlay();
}

void BrushTool::mouseReleased(const MapMouseEvent &event)
{
    if (!mPainting || event.button != Qt::LeftButton)
        return;
    mPainting = false;
    mStroke = 0;
    if (!mLockedSkipped.empty())
        emit message(tr("%n locked unit(s) kept their territory", nullptr, static_cast<int>(mLockedSkipped.size())));
}

void BrushTool::mouseLeft()
{
    mHasCursor = false;
    if (canvas())
        canvas()->updateOverlay();
}

bool BrushTool::keyPressed(QKeyEvent *event)
{
    if (event->key() == Qt::Key_BracketLeft) {
        mRadius = std::max(2.0, mRadius / 1.25);
    } else if (event->key() == Qt::Key_BracketRight) {
        mRadius = std::min(200.0, mRadius * 1.25);
    } else {
        return false;
    }
    canvas()->updateOverlay();
    return true;
}

void BrushTool::paintAt(QPointF map)
{
    if (!canvas() || !canvas()->geometry() || !document())
        return;
    const auto units = canvas()->geometry()->unitsInDisc(map, mRadius * canvas()->metersPerPixel());
    for (UnitId unit : units)
        if (document()->isLocked(unit))
            mLockedSkipped.insert(unit);
    auto command = AssignUnitsCommand::create(document(), units, document()->currentTerritory(), nullptr, mStroke);
    if (command)
        document()->undoStack()->push(command.release());
}

void BrushTool::paintOverlay(QPainter &painter)
{
    if (!mHasCursor)
        return;
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(QColor(0, 0, 0, 200), 1.5));
    painter.setBrush(QColor(255, 255, 255, 50));
    painter.drawEllipse(mCursor, mRadius, mRadius);
    painter.restore();
}

} // namespace tessera::ui
