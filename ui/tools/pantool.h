#pragma once

#include "ui/tools/abstracttool.h"

namespace tessera::ui {

/// Drag to pan, double-click to zoom in. The default tool.
class PanTool : public AbstractTool {
    Q_OBJECT
public:
    explicit PanTool(QObject *parent = nullptr);
};

} // namespace tessera::ui
