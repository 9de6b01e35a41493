#pragma once

#include <QPointF>
#include <QPolygonF>
#include <QString>

#include <array>
#include <vector>

namespace tessera::ui {

/// The offline vector basemap shipped in the resources (land, country and US
/// state borders, major cities), read once from its GeoJSON files, projected
/// to Web Mercator and simplified per zoom band. Immutable after loading;
/// shared by every render job.
class BasemapData {
public:
    static constexpr int BandCount = 4;

    struct City {
        QPointF position; ///< Mercator
        QString name;
        double population = 0;
    };

    /// The shared instance, loaded on first use (from a worker thread: it never blocks the GUI).
    static const BasemapData &instance();

    /// Band for a scale: 0 finest.
    static int bandFor(double metersPerPixel);

    const std::vector<QPolygonF> &land(int band) const { return mLand[static_cast<std::size_t>(band)]; }
    const std::vector<QPolygonF> &countryBorders(int band) const { return mCountries[static_cast<std::size_t>(band)]; }
    const std::vector<QPolygonF> &stateBorders(int band) const { return mStates[static_cast<std::size_t>(band)]; }
    const std::vector<QRectF> &landBounds() const { return mLandBounds; }
    /// Cities by decreasing population.
    const std::vector<City> &cities() const { return mCities; }
    /// A one-line error when a resource could not be read (the basemap is then empty).
    const QString &error() const { return mError; }

private:
    BasemapData();
    void loadLines(const QString &resource, std::array<std::vector<QPolygonF>, BandCount> &bands);

    std::array<std::vector<QPolygonF>, BandCount> mLand;
    std::vector<QRectF> mLandBounds;
    std::array<std::vector<QPolygonF>, BandCount> mCountries;
    std::array<std::vector<QPolygonF>, BandCount> mStates;
    std::vector<City> mCities;
    QString mError;
};

} // namespace tessera::ui
