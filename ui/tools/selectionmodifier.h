#pragma once

#include "core/model/ids.h"

#include <Qt>

#include <vector>

namespace tessera::ui {

class Document;

/// Applies a selection gesture: replace, Shift = add, Ctrl = toggle.
void applySelection(Document &document, const std::vector<UnitId> &hit, Qt::KeyboardModifiers modifiers);

} // namespace tessera::ui
