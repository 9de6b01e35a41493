#include "ui/tools/selecttool.h"

#include "ui/canvas/mapcanvas.h"
#include "ui/canvas/preparedgeometry.h"
#include "ui/document/document.h"
#include "ui/tools/selectionmodifier.h"

namespace tessera::ui {

SelectTool::SelectTool(QObject *parent) : AbstractTool(tr("Select"), NoFlags, parent)
{
    setStatusText(tr("Click a unit to select it; Shift adds, Ctrl toggles"));
}

void SelectTool::mouseReleased(const MapMouseEvent &event)
{
    if (event.button != Qt::LeftButton || !canvas() || !canvas()->geometry() || !document())
        return;
    const UnitId unit = canvas()->geometry()->unitAt(event.map);
    std::vector<UnitId> hit;
    if (unit.isValid())
        hit.push_back(unit);
    applySelection(*document(), hit, event.modifiers);
    if (unit.isValid() && document()->isValidTerritory(document()->territoryOf(unit))
        && !(event.modifiers & (Qt::ShiftModifier | Qt::ControlModifier)))
        document()->setCurrentTerritory(document()->territoryOf(unit));
}

} // namespace tessera::ui
