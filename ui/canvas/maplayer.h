#pragma once

#include "ui/canvas/layerrenderer.h"
#include "ui/canvas/maprendercontext.h"

#include <QColor>
#include <QList>
#include <QString>

#include <memory>

namespace tessera::ui {

/// One layer of the map (basemap, unit fills, borders, points, labels...).
/// Lives on the GUI thread; drawing happens through the LayerRenderer it
/// creates for each render job.
class MapLayer {
public:
    MapLayer(QString id, QString name) : mId(std::move(id)), mName(std::move(name)) {}
    virtual ~MapLayer() = default;
    MapLayer(const MapLayer &) = delete;
    MapLayer &operator=(const MapLayer &) = delete;

    const QString &id() const { return mId; }
    const QString &name() const { return mName; }
    bool isVisible() const { return mVisible; }
    void setVisible(bool visible) { mVisible = visible; }

    /// A renderer holding a snapshot of what the layer shows now; null when
    /// there is nothing to draw.
    virtual std::unique_ptr<LayerRenderer> createRenderer(const MapRenderContext &context) const = 0;

    /// One legend line: a swatch and its text.
    struct LegendEntry {
        QColor color;
        QString text;
    };
    /// Title and entries of the layer's legend; empty when the layer has none.
    virtual QString legendTitle() const { return {}; }
    virtual QList<LegendEntry> legend() const { return {}; }

private:
    QString mId;
    QString mName;
    bool mVisible = true;
};

} // namespace tessera::ui
