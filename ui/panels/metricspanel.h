#pragma once

#include "core/model/ids.h"

#include <QDockWidget>
#include <QStringList>

class QChart;
class QChartView;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QListWidget;
class QTableWidget;

namespace tessera::ui {

class Document;
class TerritoryStatistics;

/// Balance of the plan, live: a table of territories × chosen attributes
/// (sum and deviation from the mean, coloured against the tolerance), a bar
/// chart of the deviations of one attribute, and what hovering a unit would
/// change if it moved to the current territory.
class MetricsPanel : public QDockWidget {
    Q_OBJECT
public:
    MetricsPanel(Document *document, TerritoryStatistics *statistics, QWidget *parent = nullptr);

    QTableWidget *table() const { return mTable; }
    /// Attributes shown as table columns.
    const QStringList &chosenAttributes() const { return mChosen; }
    void setChosenAttributes(const QStringList &attributes);
    double tolerance() const;
    void setTolerance(double fraction);
    /// The attribute the chart shows.
    QString chartAttribute() const;

    /// Shows \a unit's attributes and the effect of moving it to the current
    /// territory (invalid clears); kept current through every later edit.
    void showUnit(UnitId unit);
    QString hoverText() const;

signals:
    void chartAttributeChanged(const QString &attribute);

private:
    void rebuildAttributes();
    QStringList attributeSignature() const;
    void refresh();
    void refreshChart();
    void refreshHover();
    void onCurrentTerritoryChanged(TerritoryId id);

    Document *mDocument;
    TerritoryStatistics *mStatistics;
    QStringList mChosen;
    QStringList mAttributeSignature; ///< visible attributes and labels the lists were built from
    QListWidget *mAttributeList;
    QDoubleSpinBox *mTolerance;
    QComboBox *mChartAttribute;
    QTableWidget *mTable;
    QChartView *mChartView;
    QLabel *mHover;
    UnitId mHoveredUnit;
    bool mUpdating = false;
};

} // namespace tessera::ui
