#pragma once

#include <QString>
#include <QWidget>

#include <vector>

class QChartView;
class QLabel;
class QScatterSeries;

namespace tessera::ui {

/// The trade-off of a minimal-disruption rebalancing as a chart: worst
/// deviation (log scale, %) against moved units, one marker per budget N, the
/// fewest-moves plan and the tolerance as a dashed line. Clicking a marker
/// picks that point; the caption says what it means in words.
class RebalanceCurveChart : public QWidget {
    Q_OBJECT

public:
    struct Point {
        int maxMoves = 0;      ///< the budget N (the fewest-moves point: its moves)
        int movedUnits = 0;
        double worstPercent = 0.0;
        bool balanced = false; ///< within every tolerance
        bool contiguous = true;
        bool fewest = false;
    };

    explicit RebalanceCurveChart(QWidget *parent = nullptr);

    /// Shows \a points; \a tolerancePercent draws the tolerance line of \a attribute.
    void setCurve(const std::vector<Point> &points, double tolerancePercent, const QString &attribute);
    /// Empties the chart and shows \a message instead ("Computing…", an error).
    void showMessage(const QString &message);

    const std::vector<Point> &points() const { return mPoints; }
    /// The picked point, -1 = none.
    int selected() const { return mSelected; }
    void select(int index);
    QString caption() const;

signals:
    /// The director picked point \a index (clicked its marker).
    void pointPicked(int index);

private:
    void rebuild();

    QChartView *mView = nullptr;
    QLabel *mCaption = nullptr;
    QScatterSeries *mSelectedSeries = nullptr;
    std::vector<Point> mPoints;
    double mTolerance = 0.0;
    QString mAttribute;
    int mSelected = -1;
};

} // namespace tessera::ui
