#pragma once

#include "core/io/projectimporter.h"

#include <QWizard>

class QComboBox;
class QLabel;
class QLineEdit;
class QTableWidget;

namespace tessera {

class CsvSourceBox;
class ImportCheckPage;
class UnitsPreview;

/// File ▸ New Project…: units layer (any GDAL vector source: layer, id, name
/// fields, their list and the CRS), accounts and reps CSVs with column
/// mapping and preview (accounts located by lat/lon or joined to units by a
/// unit id column), an optional plan, then a check that lists every
/// problem before anything is written. The import is the one `tessera-cli
/// import` runs (io::importIntoProject with the same defaults), so both make
/// the same project from the same files.
class NewProjectWizard : public QWizard {
    Q_OBJECT
public:
    explicit NewProjectWizard(QWidget *parent = nullptr);

    void setUnitsPath(const QString &path);
    void setAccountsPath(const QString &path);
    void setRepsPath(const QString &path);
    void setPlanPath(const QString &path);
    void setProjectPath(const QString &path);
    /// Pre-fills the page a GIS or CSV file belongs to (File ▸ Open).
    void startFrom(const QString &path);

    /// What the import reads, as the widgets say.
    io::ProjectImportOptions options() const;
    QString projectPath() const;
    ImportCheckPage *checkPage() const { return mCheck; }
    UnitsPreview *unitsPreview() const { return mPreview; }
    /// The CRS typed to override the declared one (e.g. "EPSG:4326"); empty = declared.
    void setAssumedCrs(const QString &crs);

private:
    QWizardPage *createUnitsPage();
    QWizardPage *createTablesPage();
    void reloadLayers();
    void reloadFields();
    void reloadPreview();

    QLineEdit *mUnitsPath = nullptr;
    QComboBox *mLayer = nullptr;
    QComboBox *mIdField = nullptr;
    QComboBox *mNameField = nullptr;
    QLabel *mLayerInfo = nullptr;
    QTableWidget *mFields = nullptr;
    QLineEdit *mAssumedCrs = nullptr;
    UnitsPreview *mPreview = nullptr;
    QString mDeclaredCrs;
    QString mLoadedUnitsPath; ///< the units file the layer list was read from
    CsvSourceBox *mAccounts = nullptr;
    CsvSourceBox *mReps = nullptr;
    QLineEdit *mPlanPath = nullptr;
    QLineEdit *mScenario = nullptr;
    ImportCheckPage *mCheck = nullptr;
};

} // namespace tessera
