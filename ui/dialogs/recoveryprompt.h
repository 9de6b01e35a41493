#pragma once

class QWidget;

namespace tessera::ui {

class Autosaver;

/// Asks whether to restore the unsaved edits \a autosaver found (the last
/// session did not end cleanly) and restores or discards them.
void offerRecovery(Autosaver *autosaver, QWidget *parent);

} // namespace tessera::ui
