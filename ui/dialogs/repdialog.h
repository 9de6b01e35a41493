#pragma once

#include "core/model/rep.h"

#include <QDialog>

class QDoubleSpinBox;
class QLabel;
class QLineEdit;

namespace tessera::ui {

/// Add or edit one rep: name, home as longitude and latitude in degrees,
/// capacity in hours a year and skills (comma-separated). OK is refused with
/// a message under the fields while the name is empty or the home is not a
/// place on Earth.
class RepDialog : public QDialog {
    Q_OBJECT

public:
    RepDialog(const Rep &rep, const QString &title, QWidget *parent = nullptr);

    /// The rep as entered (valid only after the dialog was accepted).
    Rep rep() const { return mRep; }

    /// Reads a home from the two texts (C or local decimal point). Returns an
    /// empty string and sets \a home when both are finite degrees within
    /// −180..180 and −90..90, else a sentence for the user.
    static QString parseHome(const QString &lon, const QString &lat, LonLat *home);
    /// An empty string when \a home is finite and within −180..180, −90..90, else a sentence for the user.
    static QString checkHome(const LonLat &home);

    QLineEdit *nameEdit() const { return mName; }
    QLineEdit *lonEdit() const { return mLon; }
    QLineEdit *latEdit() const { return mLat; }
    QDoubleSpinBox *capacityBox() const { return mCapacity; }
    QLineEdit *skillsEdit() const { return mSkills; }
    /// The message shown when OK was refused (empty while the input is fine).
    QString problem() const;

public slots:
    void accept() override;

private:
    Rep mRep;
    QLineEdit *mName;
    QLineEdit *mLon;
    QLineEdit *mLat;
    QDoubleSpinBox *mCapacity;
    QLineEdit *mSkills;
    QLabel *mProblem;
};

} // namespace tessera::ui
