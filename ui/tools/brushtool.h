#pragma once

#include "core/model/ids.h"
#include "ui/tools/abstracttool.h"

#include <set>

namespace tessera::ui {

/// Paints units into the current territory while dragging; one brush stroke
/// is one undo step. [ and ] change the brush size. Locked units are kept.
class BrushTool : public AbstractTool {
    Q_OBJECT
public:
    explicit BrushTool(QObject *parent = nullptr);
    void mousePressed(const MapMouseEvent &event) override;
    void mouseMoved(const MapMouseEvent &event) override;
    void mouseReleased(const MapMouseEvent &event) override;
    void mouseLeft() override;
    bool keyPressed(QKeyEvent *event) override;
    void paintOverlay(QPainter &painter) override;

    double radiusPixels() const { return mRadius; }

private:
    void paintAt(QPointF map);

    double mRadius = 12.0;
    bool mPainting = false;
    bool mHasCursor = false;
    QPointF mCursor; ///< widget pixels
    int mStroke = 0;
    std::set<UnitId> mLockedSkipped; ///< locked units the current stroke passed over
};

} // namespace tessera::ui
