#pragma once

#include "ui/canvas/mapviewport.h"
#include "ui/export/slide.h"
#include "ui/export/slideoptions.h"

#include <QDialog>
#include <QFutureWatcher>
#include <QStringList>
#include <QTimer>

#include <memory>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;

namespace tessera {
class Feedback;
}

namespace tessera::ui {

class Document;
class PreparedGeometry;
class SlideRenderer;

/// File ▸ Export…: the plan as slides (PNG, SVG, PDF, PPTX) or data (GeoPackage,
/// Shapefile, GeoJSON, KML, CSV, XLSX), the same files `tessera-cli export`
/// writes. A live preview shows the slide as it will be written (title,
/// subtitle, layers, metrics, theme, extent). Writing runs off the GUI thread
/// with progress and cancel, on a copy of the project.
class ExportDialog : public QDialog {
    Q_OBJECT

public:
    ExportDialog(const Document *document, std::shared_ptr<const PreparedGeometry> geometry,
                 const MapViewport &currentView, QWidget *parent = nullptr);
    ~ExportDialog() override;

    /// The options as set in the dialog.
    SlideOptions slideOptions() const;
    /// The preview image (for tests and screenshots).
    QImage previewImage() const;

    /// Writes to \a path with the current settings on a worker thread and
    /// waits for it (the Export button asks for the path, then calls this).
    /// Returns the written files or an error message.
    bool exportTo(const QString &path, QString *error = nullptr);

private:
    void schedulePreview();
    void updatePreview();
    void updateEnabled();
    void chooseFileAndExport();
    bool isSlideFormat() const;
    /// The Extent choice: whole plan, current view or one territory.
    SlideExtent chosenExtent() const;

    const Document *mDocument;
    std::shared_ptr<const PreparedGeometry> mGeometry;
    MapViewport mCurrentView;
    std::unique_ptr<SlideRenderer> mRenderer;

    QComboBox *mFormat;
    QComboBox *mContent;
    QComboBox *mDeck;
    QComboBox *mBaseline;
    QComboBox *mTheme;
    QComboBox *mExtent;
    QLineEdit *mTitle;
    QLineEdit *mSubtitle;
    QCheckBox *mBasemap;
    QCheckBox *mFills;
    QCheckBox *mBorders;
    QCheckBox *mLabels;
    QCheckBox *mReps;
    QCheckBox *mAccounts;
    QCheckBox *mLegend;
    QCheckBox *mTable;
    QListWidget *mMetrics;
    QLabel *mPreview;
    QImage mPreviewImage;
    QTimer mPreviewTimer;
};

} // namespace tessera::ui
