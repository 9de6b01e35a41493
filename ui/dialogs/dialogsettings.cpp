#include "ui/dialogs/dialogsettings.h"

#include <QAbstractButton>
#include <QComboBox>
#include <QDialog>
#include <QDoubleSpinBox>
#include <QFileInfo>
#include <QLineEdit>
#include <QSettings>
#include <QSpinBox>

namespace tessera::ui {

namespace {

QString fieldKey(const QString &group, const QWidget *field)
{
    Q_ASSERT(!field->objectName().isEmpty());
    return QStringLiteral("dialogs/%1/%2").arg(group, field->objectName());
}

} // namespace

DialogSettings::DialogSettings(const QString &group, const QList<QWidget *> &fields) : mGroup(group)
{
    for (QWidget *field : fields)
        mFields << field;
}

void DialogSettings::save() const
{
    QSettings settings;
    for (const QPointer<QWidget> &field : mFields) {
        if (!field)
            continue;
        const QString key = fieldKey(mGroup, field);
        if (auto *button = qobject_cast<QAbstractButton *>(field); button && button->isCheckable())
            settings.setValue(key, button->isChecked());
        else if (auto *combo = qobject_cast<QComboBox *>(field))
            settings.setValue(key, combo->currentText());
        else if (auto *spin = qobject_cast<QSpinBox *>(field))
            settings.setValue(key, spin->value());
        else if (auto *spin = qobject_cast<QDoubleSpinBox *>(field))
            settings.setValue(key, spin->value());
        else if (auto *edit = qobject_cast<QLineEdit *>(field))
            settings.setValue(key, edit->text());
    }
}

int DialogSettings::restore() const
{
    QSettings settings;
    int restored = 0;
    for (const QPointer<QWidget> &field : mFields) {
        if (!field)
            continue;
        const QVariant value = settings.value(fieldKey(mGroup, field));
        if (!value.isValid())
            continue;
        if (auto *button = qobject_cast<QAbstractButton *>(field); button && button->isCheckable()) {
            button->setChecked(value.toBool());
        } else if (auto *combo = qobject_cast<QComboBox *>(field)) {
            // By text: next time the items may come in another order, or be gone.
            const int index = combo->findText(value.toString());
            if (index < 0)
                continue;
            combo->setCurrentIndex(index);
        } else if (auto *spin = qobject_cast<QSpinBox *>(field)) {
            spin->setValue(value.toInt());
        } else if (auto *spin = qobject_cast<QDoubleSpinBox *>(field)) {
            spin->setValue(value.toDouble());
        } else if (auto *edit = qobject_cast<QLineEdit *>(field)) {
            edit->setText(value.toString());
        } else {
            continue;
        }
        ++restored;
    }
    return restored;
}

void DialogSettings::attach(QDialog *dialog, const QString &group, const QList<QWidget *> &fields, Keep keep)
{
    const DialogSettings settings(group, fields);
    settings.restore();
    if (keep == Keep::WhenAccepted)
        QObject::connect(dialog, &QDialog::accepted, dialog, [settings] { settings.save(); });
    else
        QObject::connect(dialog, &QDialog::finished, dialog, [settings] { settings.save(); });
}

QString DialogSettings::startPath(const QString &group, const QString &current)
{
    if (!current.trimmed().isEmpty())
        return current;
    const QString folder = QSettings().value(QStringLiteral("dialogs/%1/lastFolder").arg(group)).toString();
    return QFileInfo(folder).isDir() ? folder : QString();
}

void DialogSettings::rememberFolder(const QString &group, const QString &file)
{
    if (file.isEmpty())
        return;
    QSettings().setValue(QStringLiteral("dialogs/%1/lastFolder").arg(group), QFileInfo(file).absolutePath());
}

} // namespace tessera::ui
