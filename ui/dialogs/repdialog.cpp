#include "ui/dialogs/repdialog.h"

#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QRegularExpression>
#include <QVBoxLayout>

#include <cmath>

namespace tessera::ui {

namespace {

/// A number typed with a C or local decimal point ("33.75" or "33,75"); NaN when neither reads it.
double readNumber(const QString &text)
{
    const QString trimmed = text.trimmed();
    bool ok = false;
    double value = trimmed.toDouble(&ok);
    if (!ok)
        value = QLocale().toDouble(trimmed, &ok);
    return ok ? value : std::nan("");
}

QString formatDegrees(double value)
{
    return QString::number(value, 'f', 5);
}

} // namespace

RepDialog::RepDialog(const Rep &rep, const QString &title, QWidget *parent)
    : QDialog(parent), mRep(rep), mName(new QLineEdit(QString::fromStdString(rep.name), this)),
      mLon(new QLineEdit(formatDegrees(rep.home.lon), this)), mLat(new QLineEdit(formatDegrees(rep.home.lat), this)),
      mCapacity(new QDoubleSpinBox(this)), mSkills(new QLineEdit(this)), mProblem(new QLabel(this))
{
    setWindowTitle(title);
    setObjectName(QStringLiteral("RepDialog"));
    mLon->setPlaceholderText(tr("e.g. -84.38798"));
    mLat->setPlaceholderText(tr("e.g. 33.74900"));
    mLon->setToolTip(tr("Degrees east, -180 to 180 (west is negative)"));
    mLat->setToolTip(tr("Degrees north, -90 to 90 (south is negative)"));
    mCapacity->setRange(0.0, 8784.0); // hours in a leap year
    mCapacity->setDecimals(0);
    mCapacity->setGroupSeparatorShown(true);
    mCapacity->setSingleStep(40.0);
    mCapacity->setSuffix(tr(" h/year"));
    mCapacity->setSpecialValueText(tr("not set"));
    mCapacity->setValue(rep.capacityHours);
    mCapacity->setToolTip(tr("Working hours a year the rep can spend on accounts; the balance figures compare workload with it"));
    QStringList skills;
    for (const std::string &skill : rep.skills)
        skills << QString::fromStdString(skill);
    mSkills->setText(skills.join(QStringLiteral(", ")));
    mSkills->setPlaceholderText(tr("separated by commas, e.g. imaging, surgical"));
    mProblem->setWordWrap(true);
    mProblem->setStyleSheet(QStringLiteral("color: #b00020"));
    mProblem->hide();

    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), mName);
    form->addRow(tr("Home &longitude (°):"), mLon);
    form->addRow(tr("Home l&atitude (°):"), mLat);
    form->addRow(tr("&Capacity:"), mCapacity);
    form->addRow(tr("&Skills:"), mSkills);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &RepDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &RepDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(mProblem);
    layout->addWidget(buttons);
    setMinimumWidth(420);
}

QString RepDialog::parseHome(const QString &lonText, const QString &latText, LonLat *home)
{
    const double lon = readNumber(lonText);
    const double lat = readNumber(latText);
    if (!std::isfinite(lon))
        return tr("The longitude \"%1\" is not a number: type degrees such as -84.38798.").arg(lonText.trimmed());
    if (!std::isfinite(lat))
        return tr("The latitude \"%1\" is not a number: type degrees such as 33.74900.").arg(latText.trimmed());
    if (QString problem = checkHome(LonLat{lon, lat}); !problem.isEmpty())
        return problem;
    if (home)
        *home = LonLat{lon, lat};
    return {};
}

QString RepDialog::checkHome(const LonLat &home)
{
    if (!std::isfinite(home.lon) || !std::isfinite(home.lat))
        return tr("The home is not a place on Earth: longitude and latitude must be numbers.");
    if (home.lon < -180.0 || home.lon > 180.0)
        return tr("The longitude %1 is outside -180 to 180 degrees.").arg(home.lon);
    if (home.lat < -90.0 || home.lat > 90.0)
        return tr("The latitude %1 is outside -90 to 90 degrees. (Did you swap longitude and latitude?)").arg(home.lat);
    return {};
}

QString RepDialog::problem() const
{
    return mProblem->isHidden() ? QString() : mProblem->text();
}

void RepDialog::accept()
{
    const QString name = mName->text().trimmed();
    LonLat home;
    QString problem = name.isEmpty() ? tr("Give the rep a name.") : parseHome(mLon->text(), mLat->text(), &home);
    if (!problem.isEmpty()) {
        mProblem->setText(problem);
        mProblem->show();
        return;
    }
    mProblem->hide();
    mRep.name = name.toStdString();
    mRep.home = home;
    mRep.capacityHours = mCapacity->value();
    mRep.skills.clear();
    for (const QString &skill : mSkills->text().split(QRegularExpression(QStringLiteral("[,;]")), Qt::SkipEmptyParts))
        if (!skill.trimmed().isEmpty())
            mRep.skills.push_back(skill.trimmed().toStdString());
    QDialog::accept();
}

} // namespace tessera::ui
