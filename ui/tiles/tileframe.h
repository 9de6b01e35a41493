#pragma once

#include <QImage>
#include <QRectF>
#include <QSize>
#include <QString>

#include <vector>

class QPainter;

namespace tessera::ui {

/// What a TileLayer draws for one view: the tile images (shared copies, so
/// cheap) with where each goes on screen, and the attribution. A value type
/// made on the GUI thread by TileLayer::frame(); paint() may run on any
/// thread, e.g. inside a render job drawing the canvas's layers off the GUI thread.
class TileFrame {
public:
    /// One image, or the part \c source of it, drawn into \c target (widget pixels).
    struct Piece {
        QImage image;
        QRectF source; ///< the whole image when null
        QRectF target;
    };

    TileFrame() = default;
    TileFrame(QSize size, std::vector<Piece> pieces, QString attribution)
        : mSize(size), mPieces(std::move(pieces)), mAttribution(std::move(attribution))
    {
    }

    QSize size() const { return mSize; }
    const std::vector<Piece> &pieces() const { return mPieces; }
    /// Empty when the attribution is not to be drawn.
    const QString &attribution() const { return mAttribution; }
    bool isEmpty() const { return mPieces.empty() && mAttribution.isEmpty(); }

    /// Draws the pieces, then the attribution in the bottom-right corner of a \a size() view.
    void paint(QPainter &painter) const;

private:
    QSize mSize;
    std::vector<Piece> mPieces;
    QString mAttribution;
};

} // namespace tessera::ui
