#pragma once

#include <QRectF>

namespace tessera::ui {

/// Inclusive overlap test that, unlike QRectF::intersects, accepts
/// degenerate (zero width or height) boxes such as a straight border piece.
inline bool overlaps(const QRectF &a, const QRectF &b)
{
    return a.left() <= b.right() && b.left() <= a.right() && a.top() <= b.bottom() && b.top() <= a.bottom();
}

} // namespace tessera::ui
