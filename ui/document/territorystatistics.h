#pragma once

#include "core/model/ids.h"
#include "ui/document/changeevent.h"

#include <QObject>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>
#include <vector>

namespace tessera {
class MetricsEngine;
class ScenarioMetrics;
class Project;
struct MovePreview;
struct PlanMetrics;
struct TerritoryMetrics;
} // namespace tessera

namespace tessera::ui {

class Document;

/// The GUI's view of the plan's figures: a thin adapter that keeps the
/// document's ScenarioMetrics (core/plan: one MetricsEngine per input data, a
/// what-if scenario measured on its transformed data) in step with the
/// document's change events and tells the views when to repaint. Every figure
/// a view shows comes from the engine; this class computes none. Switching
/// scenarios moves only the units whose territory differs.
///
/// updated() follows every document change, after the engine is current, so a
/// view that listens to it alone never shows a stale figure, name or colour.
class TerritoryStatistics : public QObject {
    Q_OBJECT

public:
    explicit TerritoryStatistics(Document *document, QObject *parent = nullptr);
    ~TerritoryStatistics() override;

    /// The engine's attribute entries, in display order (AttributeSource::defaults
    /// first, then every other entry of AttributeSource::available).
    const QStringList &attributes() const { return mAttributes; }
    /// Index into TerritoryMetrics::attributes, or -1.
    int attributeIndex(const QString &name) const { return mAttributes.indexOf(name); }
    int territoryCount() const;

    /// The engine, or null when there is no project or it could not be built
    /// (metricsError() says why).
    const MetricsEngine *engine() const;
    /// The input data the figures are measured on: the project, or for a
    /// what-if scenario the project with its data transforms applied (scaled
    /// attributes, added reps); null without project.
    const Project *data() const;
    /// Why the engine is missing (empty when it runs).
    const QString &metricsError() const { return mMetricsError; }

    /// Every figure of \a territory; null without engine or for an unknown id.
    const TerritoryMetrics *territoryMetrics(TerritoryId territory) const;
    /// The plan's figures; null without engine.
    const PlanMetrics *planMetrics() const;
    /// Value of attribute \a attribute for \a unit alone (0 for an unknown attribute or unit).
    double unitValue(int attribute, UnitId unit) const;
    /// What moving \a unit to \a to would change (the engine is left as it was);
    /// empty without engine or for an unknown unit or territory.
    std::optional<MovePreview> previewMove(UnitId unit, TerritoryId to);

    /// Rebuilds the engine from the document.
    void recompute();
    /// Makes the figures describe the document's current scenario: a switch
    /// when the metric options are unchanged, else recompute().
    void showScenario();

signals:
    /// After every document change, once the engine reflects it: the
    /// territories whose figures, name, colour or rep changed (all of them
    /// when the territory list or the project changed).
    void updated(const std::vector<tessera::TerritoryId> &territories);

private:
    void onChanged(const ChangeEvent &event);
    std::vector<TerritoryId> allTerritories() const;
    void fail(const QString &message);

    Document *mDocument;
    QStringList mAttributes;
    std::unique_ptr<ScenarioMetrics> mMetrics;
    MetricsEngine *mEngine = nullptr; ///< mMetrics' engine of the shown scenario
    QString mMetricsError;
};

} // namespace tessera::ui
