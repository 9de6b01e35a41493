#pragma once

#include "core/io/unitimporter.h"

#include <QFutureWatcher>
#include <QPainterPath>
#include <QWidget>

namespace tessera {

/// The New Project wizard's small map: the units layer's shapes as the
/// import reads them (reprojected to WGS84 by the same core importer), drawn
/// with QPainter, with the feature count and CRS written under them. An
/// import error (an implausible CRS, a missing field) is shown in its place.
/// The layer is read off the GUI thread; loaded() follows each load().
class UnitsPreview : public QWidget {
    Q_OBJECT
public:
    explicit UnitsPreview(QWidget *parent = nullptr);
    ~UnitsPreview() override;

    /// Reads \a path with \a options; \a declaredCrs is the CRS the layer
    /// declares (empty: none), shown with the override when there is one.
    void load(const QString &path, const io::UnitImportOptions &options, const QString &declaredCrs);
    void clear();

    /// True from load() until its result is shown.
    bool isLoading() const { return mPending; }
    /// Units read for the preview (0 while loading or after an error).
    int featureCount() const { return mCount; }
    /// "CRS EPSG:4326" or "CRS EPSG:4326 (assumed; the file declares EPSG:3857)".
    const QString &crsText() const { return mCrsText; }
    /// Why nothing is drawn; empty when the shapes are shown.
    const QString &errorText() const { return mError; }

    QSize sizeHint() const override { return {320, 200}; }

signals:
    void loaded();

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    struct Outcome {
        int count = 0;
        QPainterPath shapes;
        QString error;
    };
    void finished();

    QFutureWatcher<Outcome> mWatcher;
    int mCount = 0;
    QPainterPath mShapes; ///< x = longitude, y = -latitude, in degrees
    QString mCrsText;
    QString mError;
    int mGeneration = 0; ///< loads started; a stale result is dropped
    bool mPending = false;
};

} // namespace tessera
