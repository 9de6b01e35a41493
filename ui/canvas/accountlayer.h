#pragma once

#include "ui/canvas/maplayer.h"

#include <QString>

#include <memory>

namespace tessera::ui {

struct AccountPoints;

/// Account locations, sized and coloured by one account attribute (e.g.
/// revenue potential). Where points crowd (more than a few per 28 px cell)
/// they are drawn as one cluster with its count.
class AccountPointLayer : public MapLayer {
public:
    AccountPointLayer();
    ~AccountPointLayer() override;

    /// Account attribute that sizes and colours the points; empty = uniform.
    void setSizeAttribute(const QString &attribute);
    const QString &sizeAttribute() const { return mAttribute; }

    std::unique_ptr<LayerRenderer> createRenderer(const MapRenderContext &context) const override;
    QString legendTitle() const override;
    QList<LegendEntry> legend() const override;

private:
    QString mAttribute = QStringLiteral("revenue_potential");
    mutable std::shared_ptr<const AccountPoints> mPoints;
    mutable const void *mPreparedFor = nullptr; ///< the prepared geometry the points belong to
    mutable QString mPreparedAttribute;
};

/// Rep homes: a marker in the colour of the rep's territory (the names are
/// placed by the label layer, with every other label).
class RepLayer : public MapLayer {
public:
    RepLayer();
    std::unique_ptr<LayerRenderer> createRenderer(const MapRenderContext &context) const override;
};

} // namespace tessera::ui
