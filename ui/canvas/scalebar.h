#pragma once

#include <QString>

namespace tessera::ui {

/// A round scale-bar length (1, 2 or 5 × 10ⁿ metres) near a target width,
/// shared by the canvas and slide export.
struct ScaleBar {
    double meters = 0.0;
    double pixels = 0.0;
    QString label; ///< "50 km", "200 m"

    /// The longest round length not wider than \a targetPixels at
    /// \a groundMetersPerPixel; meters = 0 when the scale is undefined.
    static ScaleBar choose(double groundMetersPerPixel, double targetPixels);
};

} // namespace tessera::ui
