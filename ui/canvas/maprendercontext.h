#pragma once

#include "core/model/ids.h"
#include "core/model/project.h"
#include "ui/canvas/mapviewport.h"

#include <QSet>
#include <QString>

#include <memory>
#include <vector>

namespace tessera::ui {

class PreparedGeometry;
class TerritoryStatistics;

/// What layers read when they snapshot themselves for a render: the plan,
/// its prepared geometry and the viewport. The canvas fills one from its
/// document; slide export fills one from any scenario, with no window, so
/// both draw through the same layer renderers. Borrowed pointers: valid for
/// the createRenderer() call only.
struct MapRenderContext {
    const Project *project = nullptr;
    const Scenario *scenario = nullptr;
    std::shared_ptr<const PreparedGeometry> geometry;
    const TerritoryStatistics *statistics = nullptr; ///< optional (thematic fills, label figures)
    const std::vector<UnitId> *selection = nullptr;  ///< optional
    TerritoryId currentTerritory;                    ///< highlighted territory, if any
    MapViewport viewport;
    QSet<QString> visibleLayers;                     ///< ids of the layers drawn with this one

    bool isReady() const { return project && scenario && geometry; }
    bool isLayerVisible(const QString &id) const { return visibleLayers.contains(id); }
    int territoryCount() const { return scenario ? static_cast<int>(scenario->territories.size()) : 0; }
    bool isValidTerritory(TerritoryId id) const { return id.isValid() && id.value() < territoryCount(); }
    const Territory &territory(TerritoryId id) const { return scenario->territories.at(static_cast<std::size_t>(id.value())); }
};

} // namespace tessera::ui
