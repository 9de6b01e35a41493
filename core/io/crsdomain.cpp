#include "core/io/crsdomain.h"

#include <ogr_core.h>
#include <ogr_spatialref.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

namespace tessera::io {

namespace {

std::string number(double value)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.10g", value);
    return text;
}

double maxAbs(double a, double b)
{
    return std::max(std::abs(a), std::abs(b));
}

/// The longitude/latitude box of \a extent's border, sampled at 9 points per
/// side; nullopt when no point transforms (the extent lies outside the
/// projection's mathematical domain).
std::optional<OGREnvelope> lonLatBox(OGRCoordinateTransformation *toLonLat, const OGREnvelope &extent)
{
    constexpr int Steps = 8;
    std::array<double, 4 * Steps> x{}, y{};
    for (int i = 0; i < Steps; ++i) {
        const double t = double(i) / Steps;
        const double dx = extent.MinX + t * (extent.MaxX - extent.MinX);
        const double dy = extent.MinY + t * (extent.MaxY - extent.MinY);
        x[i] = dx, y[i] = extent.MinY;
        x[Steps + i] = extent.MaxX, y[Steps + i] = dy;
        x[2 * Steps + i] = extent.MaxX - (dx - extent.MinX), y[2 * Steps + i] = extent.MaxY;
        x[3 * Steps + i] = extent.MinX, y[3 * Steps + i] = extent.MaxY - (dy - extent.MinY);
    }
    std::array<int, 4 * Steps> ok{};
    toLonLat->Transform(int(x.size()), x.data(), y.data(), nullptr, ok.data());
    std::optional<OGREnvelope> box;
    for (std::size_t i = 0; i < x.size(); ++i) {
        if (!ok[i] || !std::isfinite(x[i]) || !std::isfinite(y[i]))
            continue;
        if (!box)
            box = OGREnvelope();
        box->Merge(x[i], y[i]);
    }
    return box;
}

} // namespace

std::string describeExtent(const OGREnvelope &extent)
{
    return "x " + number(extent.MinX) + " .. " + number(extent.MaxX) + ", y " + number(extent.MinY) + " .. "
           + number(extent.MaxY);
}

std::optional<std::string> checkCrsDomain(const OGRSpatialReference &crs, OGRCoordinateTransformation *toLonLat,
                                          const OGREnvelope &extent)
{
    if (!extent.IsInit() || !std::isfinite(extent.MinX) || !std::isfinite(extent.MaxX)
        || !std::isfinite(extent.MinY) || !std::isfinite(extent.MaxY))
        return std::nullopt; // no feature, or NaN vertices: reported per feature
    const double absX = maxAbs(extent.MinX, extent.MaxX);
    const double absY = maxAbs(extent.MinY, extent.MaxY);
    const bool looksLikeDegrees = absX <= 180.0 && absY <= 180.0 && std::min(absX, absY) <= 90.0;

    if (crs.IsGeographic()) {
        // Only a layer lying wholly outside longitude/latitude is refused here;
        // single stray features are reported and skipped one by one.
        auto meets = [](double low, double high, double from, double to) { return high >= from && low <= to; };
        const bool lonLat = meets(extent.MinX, extent.MaxX, -180.0, 360.0) && meets(extent.MinY, extent.MaxY, -90.0, 90.0);
        const bool latLon = meets(extent.MinY, extent.MaxY, -180.0, 360.0) && meets(extent.MinX, extent.MaxX, -90.0, 90.0);
        if (!lonLat && !latLon)
            return std::string("the coordinates are not longitude/latitude degrees");
        return std::nullopt;
    }
    if (!crs.IsProjected())
        return std::nullopt; // geocentric, engineering, ...: nothing to compare with
    if (looksLikeDegrees) {
        const char *unit = nullptr;
        crs.GetLinearUnits(&unit);
        return std::string("the coordinates look like longitude/latitude degrees, not ") + (unit ? unit : "metre")
               + "s of a projected CRS";
    }
    if (!toLonLat)
        return std::nullopt;
    const std::optional<OGREnvelope> box = lonLatBox(toLonLat, extent);
    if (!box)
        return std::string("the coordinates lie outside the domain of the projection");
    double west = 0.0, south = 0.0, east = 0.0, north = 0.0;
    const char *area = nullptr;
    if (!crs.GetAreaOfUse(&west, &south, &east, &north, &area))
        return std::nullopt;
    const bool latitudesMeet = box->MaxY >= south - CrsAreaMarginDeg && box->MinY <= north + CrsAreaMarginDeg;
    // An area of use crossing 180° (west > east) is not compared by longitude.
    const bool longitudesMeet = west > east
                                || (box->MaxX >= west - CrsAreaMarginDeg && box->MinX <= east + CrsAreaMarginDeg);
    if (latitudesMeet && longitudesMeet)
        return std::nullopt;
    return "the coordinates fall at longitude " + number(box->MinX) + " .. " + number(box->MaxX) + ", latitude "
           + number(box->MinY) + " .. " + number(box->MaxY) + ", outside the CRS's area of use ("
           + (area ? std::string(area) : std::string("unnamed")) + ": longitude " + number(west) + " .. "
           + number(east) + ", latitude " + number(south) + " .. " + number(north) + ")";
}

} // namespace tessera::io
