#pragma once

#include <QDockWidget>

class QComboBox;
class QListWidget;

namespace tessera::ui {

class MapCanvas;
class TerritoryStatistics;

/// Which map layers are shown, and the colouring of the units: territory
/// colours or a choropleth (thematic map) of one attribute.
class LayersPanel : public QDockWidget {
    Q_OBJECT
public:
    LayersPanel(MapCanvas *canvas, TerritoryStatistics *statistics, QWidget *parent = nullptr);
    QComboBox *thematicCombo() const { return mThematic; }
    QListWidget *layerList() const { return mLayers; }
    /// Rebuilds the lists (after layers or attributes changed).
    void refresh();

private:
    MapCanvas *mCanvas;
    TerritoryStatistics *mStatistics;
    QListWidget *mLayers;
    QComboBox *mThematic;
    bool mUpdating = false;
};

} // namespace tessera::ui
