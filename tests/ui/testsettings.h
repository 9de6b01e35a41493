#pragma once
// Included by a UI test, this points QSettings at a fresh temporary folder as
// soon as the application object exists, so the choices dialogs remember, the
// recent files and the window layout neither leak in from an earlier run (or
// the developer's own settings) nor out of this one.

#include <QCoreApplication>
#include <QSettings>
#include <QTemporaryDir>

namespace {

void useTemporarySettings()
{
    static QTemporaryDir dir;
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, dir.path());
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, dir.path());
}

Q_COREAPP_STARTUP_FUNCTION(useTemporarySettings)

} // namespace
