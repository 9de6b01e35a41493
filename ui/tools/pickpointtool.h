#pragma once

#include "core/model/geo.h"
#include "ui/tools/abstracttool.h"

namespace tessera::ui {

/// A one-shot tool: the next left click on the map gives a position
/// (picked()), Esc gives up (cancelled()); whoever armed it then puts the
/// previous tool back. Choosing another tool meanwhile only emits
/// deactivated().
class PickPointTool : public AbstractTool {
    Q_OBJECT
public:
    explicit PickPointTool(QObject *parent = nullptr);

    /// Sets the status bar text shown while the tool waits for the click.
    void setPrompt(const QString &prompt) { setStatusText(prompt); }

    void activate(MapCanvas *canvas) override;
    void deactivate() override;
    void mousePressed(const MapMouseEvent &event) override;
    bool keyPressed(QKeyEvent *event) override;

signals:
    void picked(const tessera::LonLat &position);
    void cancelled();
    /// The tool left the canvas (after a pick, Esc, or another tool chosen).
    void deactivated();

private:
    bool mWaiting = false; ///< armed and neither picked nor cancelled yet
};

} // namespace tessera::ui
