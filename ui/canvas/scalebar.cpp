#include "ui/canvas/scalebar.h"

#include <QObject>

#include <cmath>

namespace tessera::ui {

ScaleBar ScaleBar::choose(double groundMetersPerPixel, double targetPixels)
{
    ScaleBar bar;
    if (!(groundMetersPerPixel > 0) || !(targetPixels > 0))
        return bar;
    const double target = targetPixels * groundMetersPerPixel;
    const double magnitude = std::pow(10.0, std::floor(std::log10(target)));
    double length = magnitude;
    for (double step : {1.0, 2.0, 5.0, 10.0})
        if (step * magnitude <= target)
            length = step * magnitude;
    bar.meters = length;
    bar.pixels = length / groundMetersPerPixel;
    bar.label = length >= 1000 ? QObject::tr("%1 km").arg(length / 1000.0) : QObject::tr("%1 m").arg(length);
    return bar;
}

} // namespace tessera::ui
