#pragma once

#include "ui/tiles/tilesettings.h"

#include <QDialog>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;
class QSettings;

namespace tessera::ui {

/// Preferences of the optional tile basemap: on/off, an XYZ URL template with
/// its attribution, or a local MBTiles file. OK is refused (with the reason
/// shown in the dialog) while the enabled choice cannot be used.
class TilePreferencesDialog : public QDialog {
    Q_OBJECT

public:
    explicit TilePreferencesDialog(const TileSettings &settings, QWidget *parent = nullptr);

    /// What the dialog shows now.
    TileSettings settings() const;
    /// Why the current choice cannot be used; empty when it can.
    QString validationMessage() const;

    /// Shows the dialog on \a store; saves and returns true when the user accepts.
    static bool edit(QSettings &store, QWidget *parent = nullptr);

public slots:
    void accept() override;

private:
    void updateEnabledState();
    void browseForFile();

    QCheckBox *mEnabled = nullptr;
    QRadioButton *mUseUrl = nullptr;
    QRadioButton *mUseFile = nullptr;
    QLineEdit *mUrl = nullptr;
    QLineEdit *mAttribution = nullptr;
    QLineEdit *mFile = nullptr;
    QPushButton *mBrowse = nullptr;
    QLabel *mMessage = nullptr;
};

} // namespace tessera::ui
