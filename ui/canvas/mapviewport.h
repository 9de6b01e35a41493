#pragma once

#include <QPointF>
#include <QRectF>
#include <QSize>
#include <QTransform>

namespace tessera::ui {

/// What part of the Mercator plane a widget shows: the centre, the scale in
/// Mercator metres per pixel and the size in device-independent pixels.
/// A value type: render jobs and caches keep a copy of the viewport they drew.
class MapViewport {
public:
    MapViewport() = default;
    MapViewport(QPointF center, double metersPerPixel, QSize size, double devicePixelRatio = 1.0)
        : mCenter(center), mMetersPerPixel(metersPerPixel), mSize(size), mDevicePixelRatio(devicePixelRatio)
    {
    }

    bool isValid() const { return mMetersPerPixel > 0 && !mSize.isEmpty(); }
    QPointF center() const { return mCenter; }
    void setCenter(QPointF center) { mCenter = center; }
    double metersPerPixel() const { return mMetersPerPixel; }
    void setMetersPerPixel(double mpp) { mMetersPerPixel = mpp; }
    QSize size() const { return mSize; }
    void setSize(QSize size) { mSize = size; }
    double devicePixelRatio() const { return mDevicePixelRatio; }
    void setDevicePixelRatio(double ratio) { mDevicePixelRatio = ratio; }

    /// Mercator metres to widget pixels (y grows downwards on screen).
    QPointF toScreen(QPointF map) const
    {
        return {(map.x() - mCenter.x()) / mMetersPerPixel + mSize.width() / 2.0,
                (mCenter.y() - map.y()) / mMetersPerPixel + mSize.height() / 2.0};
    }
    QPointF toMap(QPointF screen) const
    {
        return {mCenter.x() + (screen.x() - mSize.width() / 2.0) * mMetersPerPixel,
                mCenter.y() - (screen.y() - mSize.height() / 2.0) * mMetersPerPixel};
    }
    /// The transform toScreen() applies, for a QPainter drawing Mercator geometry.
    QTransform mapToScreen() const
    {
        const double s = 1.0 / mMetersPerPixel;
        return QTransform(s, 0, 0, -s, mSize.width() / 2.0 - mCenter.x() * s, mSize.height() / 2.0 + mCenter.y() * s);
    }
    /// The visible part of the plane, in Mercator metres (top < bottom numerically: y up).
    QRectF extent() const
    {
        const double w = mSize.width() * mMetersPerPixel;
        const double h = mSize.height() * mMetersPerPixel;
        return QRectF(mCenter.x() - w / 2.0, mCenter.y() - h / 2.0, w, h);
    }

    /// The viewport showing \a extent (Mercator) whole inside \a size, with a margin in pixels.
    static MapViewport fitting(const QRectF &extent, QSize size, double marginPixels = 16.0)
    {
        const double w = std::max(1.0, size.width() - 2 * marginPixels);
        const double h = std::max(1.0, size.height() - 2 * marginPixels);
        double mpp = std::max(extent.width() / w, extent.height() / h);
        if (!(mpp > 0))
            mpp = 100.0;
        return MapViewport(extent.center(), mpp, size);
    }

    bool operator==(const MapViewport &) const = default;

private:
    QPointF mCenter;
    double mMetersPerPixel = 0.0;
    QSize mSize;
    double mDevicePixelRatio = 1.0;
};

} // namespace tessera::ui
