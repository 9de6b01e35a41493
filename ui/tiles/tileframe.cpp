#include "ui/tiles/tileframe.h"

#include <QFontMetricsF>
#include <QPainter>

#include <algorithm>

namespace tessera::ui {

void TileFrame::paint(QPainter &painter) const
{
    if (!mPieces.empty()) {
        painter.save();
        painter.setRenderHint(QPainter::SmoothPixmapTransform, true);
        for (const Piece &piece : mPieces) {
            if (piece.source.isNull())
                painter.drawImage(piece.target, piece.image);
            else
                painter.drawImage(piece.target, piece.image, piece.source);
        }
        painter.restore();
    }
    if (mAttribution.isEmpty() || mSize.isEmpty())
        return;
    painter.save();
    QFont font = painter.font();
    if (font.pointSizeF() > 0)
        font.setPointSizeF(std::max(7.0, font.pointSizeF() * 0.85));
    painter.setFont(font);
    const QFontMetricsF metrics(font);
    const double padding = 3.0;
    const QString shown = metrics.elidedText(mAttribution, Qt::ElideLeft, std::max(20.0, mSize.width() - 4 * padding));
    const double width = metrics.horizontalAdvance(shown) + 2 * padding;
    const double height = metrics.height() + padding;
    const QRectF box(mSize.width() - width, mSize.height() - height, width, height);
    painter.fillRect(box, QColor(255, 255, 255, 200));
    painter.setPen(QColor(50, 50, 50));
    painter.drawText(box, Qt::AlignCenter, shown);
    painter.restore();
}

} // namespace tessera::ui
