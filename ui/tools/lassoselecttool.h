#pragma once

#include "ui/tools/abstracttool.h"

#include <QPolygonF>

namespace tessera::ui {

/// Draw a free-hand lasso: selects the units whose centre lies inside it
/// (Shift adds, Ctrl toggles).
class LassoSelectTool : public AbstractTool {
    Q_OBJECT
public:
    explicit LassoSelectTool(QObject *parent = nullptr);
    void mousePressed(const MapMouseEvent &event) override;
    void mouseMoved(const MapMouseEvent &event) override;
    void mouseReleased(const MapMouseEvent &event) override;
    bool keyPressed(QKeyEvent *event) override;
    void paintOverlay(QPainter &painter) override;

private:
    bool mDrawing = false;
    QPolygonF mPath; ///< Mercator
};

} // namespace tessera::ui
