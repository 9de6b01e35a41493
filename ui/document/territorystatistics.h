#pragma once

#include "core/model/ids.h"
#include "ui/document/changeevent.h"

#include <QObject>
#include <QString>
#include <QStringList>

#include <memory>
#include <vector>

namespace tessera {
class MetricsEngine;
struct TerritoryMetrics;
} // namespace tessera

namespace tessera::ui {

class Document;

/// Per-territory sums of every numeric attribute (unit attributes, account
/// attributes summed per unit, unit and account counts), kept up to date
/// incrementally from the document's change events: moving a unit subtracts
/// its values from one territory and adds them to the other.
class TerritoryStatistics : public QObject {
    Q_OBJECT

public:
    explicit TerritoryStatistics(Document *document, QObject *parent = nullptr);
    ~TerritoryStatistics() override;

    /// Attribute names, in display order: "units", "accounts", account attributes, unit attributes.
    const QStringList &attributes() const { return mAttributes; }
    int attributeIndex(const QString &name) const { return mAttributes.indexOf(name); }

    int territoryCount() const { return mTerritoryCount; }
    /// Value of attribute \a attribute for one unit.
    double unitValue(int attribute, UnitId unit) const;
    /// Sum over the units of \a territory.
    double sum(int attribute, TerritoryId territory) const;
    /// Sum over unassigned units.
    double unassignedSum(int attribute) const;
    /// Mean of the per-territory sums (0 without territories).
    double mean(int attribute) const;
    /// sum / mean - 1 (0 when the mean is 0).
    double deviation(int attribute, TerritoryId territory) const;
    /// Largest |deviation| over territories.
    double worstDeviation(int attribute) const;
    /// Deviations of \a from and \a to if \a unit moved from its territory to \a to.
    std::pair<double, double> deviationsAfterMove(int attribute, UnitId unit, TerritoryId to) const;

    /// Recomputes everything from the document.
    void recompute();

    /// Workload, compactness and contiguity of \a territory from the metrics
    /// engine (core/metrics), kept in step with every edit; null when the
    /// engine could not be built for this project.
    const TerritoryMetrics *territoryMetrics(TerritoryId territory) const;
    /// Why the engine is missing (empty when it runs).
    const QString &metricsError() const { return mMetricsError; }

signals:
    /// Emitted after every update with the territories whose figures changed (all on structural changes).
    void updated(const std::vector<tessera::TerritoryId> &territories);

private:
    void onChanged(const ChangeEvent &event);
    double &cell(int attribute, int territory);

    Document *mDocument;
    QStringList mAttributes;
    std::vector<std::vector<double>> mUnitValues;  ///< [attribute][unit]
    std::vector<double> mSums;                      ///< [(territory + 1) * attributes + attribute]; row 0 = unassigned
    std::vector<TerritoryId> mAssigned;             ///< the alignment the sums reflect
    int mTerritoryCount = 0;
    std::unique_ptr<MetricsEngine> mEngine;
    QString mMetricsError;
};

} // namespace tessera::ui
