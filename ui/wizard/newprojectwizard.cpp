#include "ui/wizard/newprojectwizard.h"

#include "core/io/unitimporter.h"
#include "ui/dialogs/dialogsettings.h"
#include "ui/wizard/csvsourcebox.h"
#include "ui/wizard/importcheckpage.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace tessera {

namespace {

/// A line edit with a Browse… button that picks a file to open.
QHBoxLayout *fileRow(QWidget *parent, QLineEdit *edit, const QString &title, const QString &filter)
{
    auto *row = new QHBoxLayout;
    auto *browse = new QPushButton(QObject::tr("Browse…"), parent);
    row->addWidget(edit);
    row->addWidget(browse);
    QObject::connect(browse, &QPushButton::clicked, parent, [=] {
        const QString file =
            QFileDialog::getOpenFileName(parent, title, ui::DialogSettings::startPath(QStringLiteral("newProject"), edit->text()), filter);
        if (!file.isEmpty()) {
            ui::DialogSettings::rememberFolder(QStringLiteral("newProject"), file);
            edit->setText(file);
            emit edit->editingFinished();
        }
    });
    return row;
}

const char *typeName(io::FieldInfo::Type type)
{
    switch (type) {
    case io::FieldInfo::Type::Integer: return "integer";
    case io::FieldInfo::Type::Real: return "real";
    case io::FieldInfo::Type::String: return "text";
    default: return "other";
    }
}

} // namespace

NewProjectWizard::NewProjectWizard(QWidget *parent) : QWizard(parent)
{
    setWindowTitle(tr("New Project"));
    setObjectName(QStringLiteral("newProjectWizard"));
    addPage(createUnitsPage());
    addPage(createTablesPage());
    mCheck = new ImportCheckPage([this] { return options(); }, this);
    addPage(mCheck);
    resize(760, 560);
}

QWizardPage *NewProjectWizard::createUnitsPage()
{
    auto *page = new QWizardPage(this);
    page->setTitle(tr("Units"));
    page->setSubTitle(tr("The areas territories are made of: counties, ZIP codes… from any GIS vector file "
                         "(GeoJSON, Shapefile, GeoPackage, KML)."));
    auto *form = new QFormLayout(page);
    mUnitsPath = new QLineEdit(page);
    mUnitsPath->setObjectName(QStringLiteral("unitsPath"));
    form->addRow(tr("File:"), fileRow(page, mUnitsPath, tr("Units"),
                                      tr("GIS files (*.geojson *.json *.topojson *.shp *.gpkg *.kml);;All files (*)")));
    mLayer = new QComboBox(page);
    mIdField = new QComboBox(page);
    mNameField = new QComboBox(page);
    mIdField->setObjectName(QStringLiteral("idField"));
    mNameField->setObjectName(QStringLiteral("nameField"));
    form->addRow(tr("Layer:"), mLayer);
    form->addRow(tr("Id field:"), mIdField);
    form->addRow(tr("Name field:"), mNameField);
    mLayerInfo = new QLabel(page);
    mLayerInfo->setObjectName(QStringLiteral("layerInfo"));
    mLayerInfo->setWordWrap(true);
    form->addRow(mLayerInfo);
    mFields = new QTableWidget(0, 2, page);
    mFields->setHorizontalHeaderLabels({tr("Field"), tr("Type")});
    mFields->horizontalHeader()->setStretchLastSection(true);
    mFields->verticalHeader()->hide();
    mFields->setEditTriggers(QAbstractItemView::NoEditTriggers);
    form->addRow(mFields);
    connect(mUnitsPath, &QLineEdit::editingFinished, this, &NewProjectWizard::reloadLayers);
    connect(mLayer, &QComboBox::currentIndexChanged, this, &NewProjectWizard::reloadFields);
    return page;
}

QWizardPage *NewProjectWizard::createTablesPage()
{
    auto *page = new QWizardPage(this);
    page->setTitle(tr("Accounts, reps and plan"));
    page->setSubTitle(tr("Optional. Columns are detected; choose one where the detection is wrong."));
    auto *layout = new QVBoxLayout(page);
    mAccounts = new CsvSourceBox(tr("Accounts CSV"), {QStringLiteral("id"), QStringLiteral("name"),
                                                      QStringLiteral("lat"), QStringLiteral("lon"),
                                                      QStringLiteral("requires")}, page);
    mAccounts->setObjectName(QStringLiteral("accounts"));
    mReps = new CsvSourceBox(tr("Reps CSV"), {QStringLiteral("id"), QStringLiteral("name"), QStringLiteral("lat"),
                                              QStringLiteral("lon"), QStringLiteral("capacity"),
                                              QStringLiteral("skills")}, page);
    mReps->setObjectName(QStringLiteral("reps"));
    layout->addWidget(mAccounts);
    layout->addWidget(mReps);
    auto *plan = new QFormLayout;
    mPlanPath = new QLineEdit(page);
    mPlanPath->setObjectName(QStringLiteral("planPath"));
    mPlanPath->setPlaceholderText(tr("unit_id,territory[,rep] or account_id,rep_id"));
    plan->addRow(tr("Existing plan:"), fileRow(page, mPlanPath, tr("Existing plan"), tr("CSV files (*.csv);;All files (*)")));
    mScenario = new QLineEdit(QStringLiteral("Current plan"), page);
    plan->addRow(tr("Scenario name:"), mScenario);
    layout->addLayout(plan);
    return page;
}

void NewProjectWizard::reloadLayers()
{
    mLayer->blockSignals(true);
    mLayer->clear();
    mLayerInfo->clear();
    const QString path = mUnitsPath->text().trimmed();
    if (!path.isEmpty()) {
        auto layers = io::listLayers(path.toStdString());
        if (!layers) {
            mLayerInfo->setText(QString::fromStdString(layers.error().toString()));
        } else {
            for (const io::LayerInfo &layer : *layers)
                mLayer->addItem(QString::fromStdString(layer.name), layer.isPolygon);
            // The importer's default: the first polygon layer.
            for (int i = 0; i < mLayer->count(); ++i)
                if (mLayer->itemData(i).toBool()) {
                    mLayer->setCurrentIndex(i);
                    break;
                }
        }
    }
    mLayer->blockSignals(false);
    reloadFields();
}

void NewProjectWizard::reloadFields()
{
    mIdField->clear();
    mNameField->clear();
    mFields->setRowCount(0);
    mIdField->addItem(tr("(default: id, else the feature id)"));
    mNameField->addItem(tr("(default: name, else the id)"));
    auto layers = io::listLayers(mUnitsPath->text().trimmed().toStdString());
    if (!layers || mLayer->currentIndex() < 0)
        return;
    const io::LayerInfo &layer = (*layers)[std::size_t(mLayer->currentIndex())];
    mLayerInfo->setText(tr("%1, %2 features, CRS %3")
                            .arg(QString::fromStdString(layer.geometryType))
                            .arg(layer.featureCount)
                            .arg(layer.crs.empty() ? tr("not declared (WGS84 assumed)") : QString::fromStdString(layer.crs)));
    mFields->setRowCount(int(layer.fields.size()));
    for (std::size_t i = 0; i < layer.fields.size(); ++i) {
        const QString name = QString::fromStdString(layer.fields[i].name);
        mFields->setItem(int(i), 0, new QTableWidgetItem(name));
        mFields->setItem(int(i), 1, new QTableWidgetItem(QString::fromLatin1(typeName(layer.fields[i].type))));
        mIdField->addItem(name);
        mNameField->addItem(name);
    }
}

io::ProjectImportOptions NewProjectWizard::options() const
{
    io::ProjectImportOptions options;
    options.unitsPath = mUnitsPath->text().trimmed().toStdString();
    // The first layer entry is only chosen explicitly when it is not the default.
    if (mLayer->count() > 1 && mLayer->currentIndex() >= 0)
        options.units.layer = mLayer->currentText().toStdString();
    if (mIdField->currentIndex() > 0)
        options.units.idField = mIdField->currentText().toStdString();
    if (mNameField->currentIndex() > 0)
        options.units.nameField = mNameField->currentText().toStdString();
    options.accountsPath = mAccounts->path().toStdString();
    options.accounts.idColumn = mAccounts->column(QStringLiteral("id"));
    options.accounts.nameColumn = mAccounts->column(QStringLiteral("name"));
    options.accounts.latColumn = mAccounts->column(QStringLiteral("lat"));
    options.accounts.lonColumn = mAccounts->column(QStringLiteral("lon"));
    options.accounts.requiresColumn = mAccounts->column(QStringLiteral("requires"));
    options.repsPath = mReps->path().toStdString();
    options.reps.idColumn = mReps->column(QStringLiteral("id"));
    options.reps.nameColumn = mReps->column(QStringLiteral("name"));
    options.reps.latColumn = mReps->column(QStringLiteral("lat"));
    options.reps.lonColumn = mReps->column(QStringLiteral("lon"));
    options.reps.capacityColumn = mReps->column(QStringLiteral("capacity"));
    options.reps.skillsColumn = mReps->column(QStringLiteral("skills"));
    options.planPath = mPlanPath->text().trimmed().toStdString();
    if (!mScenario->text().trimmed().isEmpty())
        options.plan.scenarioName = mScenario->text().trimmed().toStdString();
    return options;
}

void NewProjectWizard::setUnitsPath(const QString &path)
{
    mUnitsPath->setText(path);
    reloadLayers();
    if (mCheck->projectPath().isEmpty()) {
        const QFileInfo info(path);
        mCheck->setProjectPath(info.absolutePath() + QLatin1Char('/') + info.completeBaseName()
                               + QStringLiteral(".tessera"));
    }
}

void NewProjectWizard::setAccountsPath(const QString &path) { mAccounts->setPath(path); }
void NewProjectWizard::setRepsPath(const QString &path) { mReps->setPath(path); }
void NewProjectWizard::setPlanPath(const QString &path) { mPlanPath->setText(path); }
void NewProjectWizard::setProjectPath(const QString &path) { mCheck->setProjectPath(path); }

void NewProjectWizard::startFrom(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("csv") || suffix == QLatin1String("txt"))
        setAccountsPath(path);
    else
        setUnitsPath(path);
}

QString NewProjectWizard::projectPath() const
{
    return mCheck->projectPath();
}

} // namespace tessera
