#pragma once

#include "ui/tools/abstracttool.h"

namespace tessera::ui {

/// Click a unit to select it; Shift adds, Ctrl toggles; a click outside
/// every unit clears the selection.
class SelectTool : public AbstractTool {
    Q_OBJECT
public:
    explicit SelectTool(QObject *parent = nullptr);
    void mouseReleased(const MapMouseEvent &event) override;
};

} // namespace tessera::ui
