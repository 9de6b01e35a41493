#pragma once

#include "ui/tools/abstracttool.h"

#include <QRectF>

namespace tessera::ui {

/// Drag a rectangle: selects the units whose centre lies inside it (Shift adds, Ctrl toggles).
class RectangleSelectTool : public AbstractTool {
    Q_OBJECT
public:
    explicit RectangleSelectTool(QObject *parent = nullptr);
    void mousePressed(const MapMouseEvent &event) override;
    void mouseMoved(const MapMouseEvent &event) override;
    void mouseReleased(const MapMouseEvent &event) override;
    bool keyPressed(QKeyEvent *event) override;
    void paintOverlay(QPainter &painter) override;

private:
    bool mDragging = false;
    QPointF mStartMap;
    QPointF mEndMap;
};

} // namespace tessera::ui
