#include "ui/dialogs/tilepreferencesdialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QVBoxLayout>

namespace tessera::ui {

TilePreferencesDialog::TilePreferencesDialog(const TileSettings &settings, QWidget *parent) : QDialog(parent)
{
    setWindowTitle(tr("Tile Basemap"));

    mEnabled = new QCheckBox(tr("Show a tile basemap under the map"), this);
    mEnabled->setObjectName(QStringLiteral("enabled"));
    mUseUrl = new QRadioButton(tr("Web tiles (XYZ URL template)"), this);
    mUseUrl->setObjectName(QStringLiteral("useUrl"));
    mUseFile = new QRadioButton(tr("Local MBTiles file"), this);
    mUseFile->setObjectName(QStringLiteral("useFile"));

    mUrl = new QLineEdit(this);
    mUrl->setObjectName(QStringLiteral("url"));
    mUrl->setPlaceholderText(QStringLiteral("https://tile.openstreetmap.org/{z}/{x}/{y}.png"));
    mUrl->setToolTip(tr("{z}, {x} and {y} are replaced by the tile position; {s} by a subdomain (a, b, c)."));
    mAttribution = new QLineEdit(this);
    mAttribution->setObjectName(QStringLiteral("attribution"));
    mAttribution->setToolTip(tr("Credit shown in the corner of the map, as the tile provider requires."));

    mFile = new QLineEdit(this);
    mFile->setObjectName(QStringLiteral("file"));
    mBrowse = new QPushButton(tr("Browse…"), this);
    auto *fileRow = new QHBoxLayout;
    fileRow->addWidget(mFile, 1);
    fileRow->addWidget(mBrowse);

    auto *form = new QFormLayout;
    form->addRow(mUseUrl);
    form->addRow(tr("URL template:"), mUrl);
    form->addRow(tr("Attribution:"), mAttribution);
    form->addRow(mUseFile);
    form->addRow(tr("File:"), fileRow);

    mMessage = new QLabel(this);
    mMessage->setObjectName(QStringLiteral("message"));
    mMessage->setWordWrap(true);
    mMessage->setStyleSheet(QStringLiteral("color: #b00020;"));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &TilePreferencesDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &TilePreferencesDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(mEnabled);
    layout->addLayout(form);
    layout->addWidget(mMessage);
    layout->addStretch();
    layout->addWidget(buttons);

    mEnabled->setChecked(settings.enabled);
    (settings.useMBTiles ? mUseFile : mUseUrl)->setChecked(true);
    mUrl->setText(settings.urlTemplate);
    mAttribution->setText(settings.attribution);
    mFile->setText(settings.mbtilesPath);

    connect(mEnabled, &QCheckBox::toggled, this, &TilePreferencesDialog::updateEnabledState);
    connect(mUseUrl, &QRadioButton::toggled, this, &TilePreferencesDialog::updateEnabledState);
    connect(mBrowse, &QPushButton::clicked, this, &TilePreferencesDialog::browseForFile);
    for (QLineEdit *edit : {mUrl, mFile})
        connect(edit, &QLineEdit::textChanged, mMessage, &QLabel::clear);
    updateEnabledState();
    resize(560, sizeHint().height());
}

TileSettings TilePreferencesDialog::settings() const
{
    TileSettings settings;
    settings.enabled = mEnabled->isChecked();
    settings.useMBTiles = mUseFile->isChecked();
    settings.urlTemplate = mUrl->text().trimmed();
    settings.attribution = mAttribution->text().trimmed();
    settings.mbtilesPath = mFile->text().trimmed();
    return settings;
}

QString TilePreferencesDialog::validationMessage() const
{
    const TileSettings current = settings();
    if (!current.enabled)
        return {};
    const auto source = current.toSource();
    if (!source)
        return QString::fromStdString(source.error().toString());
    if (!current.useMBTiles && current.attribution.isEmpty())
        return tr("Give the attribution the tile provider asks for.");
    return {};
}

bool TilePreferencesDialog::edit(QSettings &store, QWidget *parent)
{
    TilePreferencesDialog dialog(TileSettings::load(store), parent);
    if (dialog.exec() != QDialog::Accepted)
        return false;
    dialog.settings().save(store);
    return true;
}

void TilePreferencesDialog::accept()
{
    const QString problem = validationMessage();
    mMessage->setText(problem);
    if (problem.isEmpty())
        QDialog::accept();
}

void TilePreferencesDialog::updateEnabledState()
{
    const bool on = mEnabled->isChecked();
    const bool url = mUseUrl->isChecked();
    mUseUrl->setEnabled(on);
    mUseFile->setEnabled(on);
    mUrl->setEnabled(on && url);
    mAttribution->setEnabled(on && url);
    mFile->setEnabled(on && !url);
    mBrowse->setEnabled(on && !url);
    mMessage->clear();
}

void TilePreferencesDialog::browseForFile()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Choose an MBTiles File"), mFile->text(),
                                                      tr("MBTiles (*.mbtiles);;All files (*)"));
    if (!path.isEmpty())
        mFile->setText(path);
}

} // namespace tessera::ui
