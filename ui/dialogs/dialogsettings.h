#pragma once

#include <QList>
#include <QPointer>
#include <QString>
#include <QWidget>

class QDialog;

namespace tessera::ui {

/// Remembers a dialog's choices between runs in QSettings, under
/// "dialogs/<group>/<objectName>" for each field given (check boxes, radio
/// buttons, combo boxes by item text, spin boxes, line edits; each needs an
/// object name). Fields that depend on the project (attribute lists, titles)
/// are simply not given. Also remembers the last folder of a group's file
/// dialogs.
class DialogSettings {
public:
    DialogSettings(const QString &group, const QList<QWidget *> &fields);

    /// Sets the fields to the values kept last time; returns how many it set.
    int restore() const;
    /// Keeps the fields' values.
    void save() const;

    /// When attach() keeps the fields: on OK, or on any close (a viewer with only Close).
    enum class Keep { WhenAccepted, WhenClosed };
    /// Restores \a fields of \a dialog now and keeps them when it is accepted (or closed).
    static void attach(QDialog *dialog, const QString &group, const QList<QWidget *> &fields,
                       Keep keep = Keep::WhenAccepted);

    /// Where a file dialog of \a group starts: \a current when set, else the
    /// folder of the last file chosen there (empty the first time).
    static QString startPath(const QString &group, const QString &current = {});
    /// Remembers the folder of \a file (a chosen file) for startPath().
    static void rememberFolder(const QString &group, const QString &file);

private:
    QString mGroup;
    QList<QPointer<QWidget>> mFields;
};

} // namespace tessera::ui
